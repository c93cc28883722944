"""The custom actions, run without a server: exact events and messages."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answer import (
    ActionAnswer,
    ActionExplain,
    ActionNotUnderstood,
    ActionOutOfScope,
    ActionWelcome,
)
from actions.ask import ASK_ACTIONS, question_for
from actions.extract import extract
from actions.form import ValidateProcurementForm, missing_slots
from actions.slots import ValidateSlotMappings
from tests.actions.conftest import make_tracker


def slots_of(events) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_an_opening_message_fills_every_fact_it_gives(dispatcher, domain):
    events = await ValidateSlotMappings().run(dispatcher, make_tracker("act_opening"), domain)
    assert slots_of(events) == {
        "jurisdiction": "ACT",
        "value": 60000.0,
        "services": False,
        "topic": "quotations",
    }
    assert dispatcher.messages == []


async def test_a_reply_that_does_not_parse_says_what_was_expected(dispatcher, domain):
    tracker = make_tracker("form_asks_value_gets_garbage")
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slots_of(events) == {"parse_failures": 1.0}
    assert "amount" in dispatcher.messages[0]["text"]


async def test_another_state_is_kept_so_the_answer_can_refer_it(dispatcher, domain):
    tracker = make_tracker("form_asks_jurisdiction_gets_nsw")
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slots_of(events) == {"jurisdiction": "NSW", "parse_failures": 0.0}


async def test_a_typed_intent_sets_nothing(dispatcher, domain):
    events = await ValidateSlotMappings().run(dispatcher, make_tracker("typed_intent"), domain)
    assert events == []
    assert dispatcher.messages == []


async def test_a_supplier_message_fills_headcount_and_location(dispatcher, domain):
    events = await ValidateSlotMappings().run(
        dispatcher, make_tracker("supplier_townsville"), domain
    )
    got = slots_of(events)
    assert got["supplier_employees"] == 120 and got["supplier_contractors"] == 40
    assert got["supplier_main_business_location"] == "QLD"
    assert got["jurisdiction"] == "QLD"


async def test_a_correction_overwrites_the_value(dispatcher, domain):
    events = await ValidateSlotMappings().run(dispatcher, make_tracker("correction"), domain)
    assert slots_of(events) == {"value": 600000.0}


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        ({}, ["jurisdiction"]),
        ({"jurisdiction": "ACT"}, ["value"]),
        ({"jurisdiction": "ACT", "value": 60000.0}, []),
        ({"jurisdiction": "ACT", "value": 600000.0}, ["construction", "services"]),
        ({"jurisdiction": "QLD", "value": 20000.0}, ["ict"]),
        ({"jurisdiction": "QLD", "value": 20000.0, "ict": True}, []),
        ({"jurisdiction": "QLD", "value": 95000.0, "ict": True}, ["value_includes_gst"]),
        ({"jurisdiction": "QLD", "supplier_employees": 120.0}, ["supplier_contractors"]),
        ({"jurisdiction": "CTH"}, ["need"]),
        ({"jurisdiction": "NSW", "value": 5.0}, []),
        ({"jurisdiction": "ACT", "value": -5.0}, ["value"]),
    ],
)
def test_the_form_asks_exactly_what_knowledge_says_is_missing(slots, expected):
    assert missing_slots(make_tracker(slots=slots).slots) == expected


async def test_required_slots_come_from_knowledge(dispatcher, domain):
    tracker = make_tracker(slots={"jurisdiction": "ACT", "value": 700000.0})
    form = ValidateProcurementForm()
    assert await form.required_slots(["jurisdiction"], dispatcher, tracker, domain) == [
        "construction",
        "services",
    ]
    events = await form.run(dispatcher, tracker, domain)
    assert SlotSet("requested_slot", "construction") in events


async def test_a_settled_answer_ends_the_form(dispatcher, domain):
    tracker = make_tracker(slots={"jurisdiction": "CTH", "need": "mobile"})
    events = await ValidateProcurementForm().run(dispatcher, tracker, domain)
    assert SlotSet("requested_slot", None) in events


async def test_asking_a_yes_no_fact_gives_buttons_and_the_reason(dispatcher, domain):
    tracker = make_tracker(slots={"jurisdiction": "ACT", "value": 600000.0})
    await ASK_ACTIONS["construction"]().run(dispatcher, tracker, domain)
    (msg,) = dispatcher.messages
    assert msg["text"].startswith("Are the goods or services related to construction work?")
    assert "$1,000,000" in msg["text"]
    assert [b["payload"] for b in msg["buttons"]] == ["yes", "no"]


async def test_a_second_failure_gets_an_example(dispatcher, domain):
    tracker = make_tracker(slots={"jurisdiction": "ACT", "parse_failures": 2})
    await ASK_ACTIONS["value"]().run(dispatcher, tracker, domain)
    assert "for example $80,000" in dispatcher.messages[0]["text"]


def test_every_askable_fact_has_an_ask_action():
    from knowledge import _data

    askable = [f.replace(".", "_") for f in _data.questions()["facts"] if "*" not in f]
    assert sorted(ASK_ACTIONS) == sorted(askable)


async def test_the_answer_leads_with_the_rule_and_its_section(dispatcher, domain):
    events = await ActionAnswer().run(dispatcher, make_tracker("answered_act"), domain)
    (msg,) = dispatcher.messages
    assert msg["text"].startswith("For ACT Government, $60,000:")
    first = msg["text"].splitlines()[1]
    assert "at least 3 written quotations" in first and "s 7(2)" in first
    assert "Notifiable contract" in msg["text"] and "s 12C(1)" in msg["text"]
    assert msg["buttons"][0]["payload"] == "/ask_why"
    advice = slots_of(events)["last_advice"]
    assert advice["determinations"][0]["min_written_quotations"] == 3
    # The web page renders the advice itself (cards, citation chips) from the custom payload.
    assert msg["custom"]["advice"] == advice
    assert msg["custom"]["order"][0] == "quotations"


async def test_the_answer_reads_back_a_gst_conversion(dispatcher, domain):
    tracker = make_tracker(
        slots={
            "jurisdiction": "QLD",
            "value": 95000.0,
            "ict": True,
            "value_includes_gst": False,
            "topic": "set_aside",
        }
    )
    await ActionAnswer().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("For Queensland Government ICT, $95,000 ex GST, which is $104,500")
    assert text.splitlines()[1].startswith("Set-aside: No set-aside")


async def test_another_state_gets_a_referral_not_a_guess(dispatcher, domain):
    tracker = make_tracker(slots={"jurisdiction": "VIC", "value": 60000.0})
    events = await ActionAnswer().run(dispatcher, tracker, domain)
    assert "Victoria" in dispatcher.messages[0]["text"]
    assert "won't guess" in dispatcher.messages[0]["text"]
    assert slots_of(events) == {"jurisdiction": None}


async def test_why_shows_the_sections_of_the_last_answer(dispatcher, domain):
    answered = []
    d2 = type(dispatcher)()
    events = await ActionAnswer().run(d2, make_tracker("answered_act"), domain)
    answered = slots_of(events)["last_advice"]
    tracker = make_tracker(slots={"last_advice": answered})
    await ActionExplain().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "ACT-GPR-2007 s 7(2): Limited tender procurement" in text
    assert "What those sections say" in text


@pytest.mark.parametrize(
    ("slots", "requested", "because"),
    [
        # After "sorry, I meant $600k": the limited/open tender line turns on construction.
        (
            {"jurisdiction": "ACT", "value": 600000.0},
            "construction",
            "$1,000,000 for construction work (s 7, s 8)",
        ),
        # A Queensland SME is asked its Indigenous ownership by the supplier flow.
        (
            {
                "jurisdiction": "QLD",
                "supplier_employees": 120.0,
                "supplier_contractors": 40.0,
                "supplier_main_business_location": "QLD",
            },
            "supplier_indigenous_ownership_percent",
            "at least 50% owned by Aboriginal and/or Torres Strait Islander people",
        ),
        (
            {"jurisdiction": "QLD", "supplier_main_business_location": "QLD"},
            "supplier_reseller_of_standard_offering",
            "'Out of scope for the SME Access Incentive'",
        ),
    ],
)
async def test_why_while_a_question_is_open_says_why_it_is_asked(
    dispatcher, domain, slots, requested, because
):
    d2 = type(dispatcher)()
    events = await ActionAnswer().run(d2, make_tracker("answered_act"), domain)
    earlier = slots_of(events)["last_advice"]  # an answer given before a correction
    tracker = make_tracker(
        latest_message={"text": "why?", "intent": {"name": "ask_why"}},
        active_loop={"name": "procurement_form"},
        slots={**slots, "requested_slot": requested, "last_advice": earlier},
    )
    assert await ActionExplain().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["text"].startswith("I'm asking because the answer turns on it: ")
    assert because in message["text"]
    assert "Here is where each part" not in message["text"]  # not the earlier answer's sections


def test_a_queensland_sme_is_told_why_its_indigenous_ownership_is_asked():
    slots = {
        "jurisdiction": "QLD",
        "supplier_employees": 120.0,
        "supplier_contractors": 40.0,
        "supplier_main_business_location": "QLD",
    }
    text, _ = question_for("supplier_indigenous_ownership_percent", slots, 0)
    assert text.startswith("What share of the business is owned by Aboriginal")
    assert "also an Indigenous business" in text


async def test_why_before_any_answer_says_so(dispatcher, domain):
    await ActionExplain().run(dispatcher, make_tracker(), domain)
    assert "haven't given an answer" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("what about NSW procurement rules?", "New South Wales"),
        ("what's the weather like?", "outside what I can answer"),
        ("x" * 100_000, "outside what I can answer"),
    ],
)
async def test_out_of_scope_is_referred_honestly(dispatcher, domain, text, expect):
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "out_of_scope"}})
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert expect in dispatcher.messages[0]["text"]


async def test_a_rules_question_read_as_out_of_scope_goes_to_the_form(dispatcher, domain):
    text = "how many quotes do I need?"
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "out_of_scope"}})
    events = await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "procurement_form"}]
    assert not dispatcher.messages  # the form asks its first question; nothing is refused


@pytest.mark.parametrize(
    "text",
    [
        "Queensland, $500k ICT, can we directly engage an Indigenous SME from NSW?",
        "ACT 60k furnitre",  # facts, and no rules term
    ],
)
async def test_a_message_the_classifier_was_unsure_of_goes_to_the_form_if_it_gives_facts(
    dispatcher, domain, text
):
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "nlu_fallback"}})
    events = await ActionNotUnderstood().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "procurement_form"}]
    assert not dispatcher.messages


@pytest.mark.parametrize("text", ["asdf qwer zxcv", "blorp", "/inform{}", ""])
async def test_a_message_with_no_fact_the_classifier_was_unsure_of_is_asked_again(
    dispatcher, domain, text
):
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "nlu_fallback"}})
    assert await ActionNotUnderstood().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages[0]["response"] == "utter_please_rephrase"


async def test_inside_the_form_a_rules_question_read_as_out_of_scope_is_not_refused(
    dispatcher, domain
):
    tracker = make_tracker(
        latest_message={"text": "how many quotes?", "intent": {"name": "out_of_scope"}},
        active_loop={"name": "procurement_form"},
    )
    assert await ActionOutOfScope().run(dispatcher, tracker, domain) == []
    assert not dispatcher.messages  # the form asks its question again next


@pytest.mark.parametrize(
    ("slots", "expected"),
    [
        (
            {
                "jurisdiction": "ACT",
                "value": 2e6,
                "late_tender_cause": "territory_entity",
                "topic": "late_tender",
            },
            [],
        ),
        ({"jurisdiction": "ACT", "value": 700000.0, "topic": "quotations"}, ["construction"]),
        (
            {
                "jurisdiction": "ACT",
                "value": 700000.0,
                "construction": False,
                "topic": "quotations",
            },
            [],
        ),
        (
            {
                "jurisdiction": "ACT",
                "value": 250000.0,
                "construction": False,
                "topic": "secure_local_jobs_code",
            },
            ["services"],
        ),
        ({"jurisdiction": "CTH", "topic": "quotations"}, ["need"]),
    ],
)
def test_the_form_asks_only_what_the_question_asked_turns_on(slots, expected):
    assert missing_slots(make_tracker(slots=slots).slots) == expected


async def test_the_answer_says_what_is_still_open(dispatcher, domain):
    tracker = make_tracker(
        slots={
            "jurisdiction": "ACT",
            "value": 700000.0,
            "construction": False,
            "topic": "quotations",
        }
    )
    await ActionAnswer().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "Still open (secure local jobs code): Is this a procurement of services" in text


def test_why_names_each_heading_once():
    from actions.render import explain_text
    from knowledge import assess

    advice = assess(
        {
            "jurisdiction": "QLD",
            "ict": True,
            "as_of": "2026-11-22",
            "offers": [{"name": "A", "qld_sme_contribution": 1, "total": 2}],
        }
    )
    text = explain_text(advice)
    assert "QLD-ICT-SME Appendix A: SME participation scheme calculation" in text
    assert "calculation: SME participation" not in text


@pytest.mark.parametrize(
    ("requested", "text"),
    [("supplier_main_business_location", "NSW"), ("supplier_main_business_location", "Perth")],
)
async def test_an_answer_to_the_forms_question_read_as_out_of_scope_is_not_refused(
    dispatcher, domain, requested, text
):
    tracker = make_tracker(
        latest_message={"text": text, "intent": {"name": "out_of_scope"}},
        active_loop={"name": "procurement_form"},
        slots={"requested_slot": requested},
    )
    assert await ActionOutOfScope().run(dispatcher, tracker, domain) == []
    assert not dispatcher.messages  # the form takes the answer and goes on


@pytest.mark.parametrize(
    ("text", "code", "expect"),
    [
        ("NSW", "NSW", "I can't answer for New South Wales"),
        ("we're a council", "LOCAL", "I can't answer for a local council"),
        ("neither, we're a charity", "NONGOV", "I can't answer for a buyer outside government"),
        ("a private company", "NONGOV", "follows its own purchasing policy"),
    ],
)
async def test_a_buyer_the_sources_do_not_cover_given_as_whose_rules_is_referred_once(
    dispatcher, domain, text, code, expect
):
    latest = {"text": text, "intent": {"name": "out_of_scope"}}
    asked = {"requested_slot": "jurisdiction"}
    form = {"name": "procurement_form"}
    tracker = make_tracker(latest_message=latest, active_loop=form, slots=asked)
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "jurisdiction", "value": code} in events
    assert not dispatcher.messages  # no "I couldn't tell which government"
    # The out-of-scope action leaves it to the form, which completes; the answer refers it.
    assert await ActionOutOfScope().run(dispatcher, tracker, domain) == []
    assert not dispatcher.messages
    await ActionAnswer().run(dispatcher, make_tracker(slots={"jurisdiction": code}), domain)
    assert expect in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Gold Coast City Council needs $30k of ICT services, quotes?", "a local council"),
        ("our church is buying a sound system, how many quotes?", "outside government"),
        ("New Zealand government agency, $50k, how many quotes?", "outside Australia"),
    ],
)
async def test_a_buyer_the_sources_do_not_cover_is_referred_out_of_scope(
    dispatcher, domain, text, expect
):
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "out_of_scope"}})
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    assert expect in dispatcher.messages[0]["text"]
    assert "Shall I file a ticket?" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(("text", "intent"), [("thanks", "thank"), ("why?", "ask_why")])
async def test_a_thanks_or_a_why_while_a_fact_is_asked_is_no_failed_answer(
    dispatcher, domain, text, intent
):
    tracker = make_tracker(
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        active_loop={"name": "procurement_form"},
        slots={"requested_slot": "jurisdiction", "parse_failures": 1.0},
    )
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert "parse_failures" not in slots_of(events)
    assert dispatcher.messages == []  # no "I couldn't tell which government 'thanks' means"


@pytest.mark.parametrize(
    ("text", "intent", "requested", "slots", "changed"),
    [
        # The jurisdiction corrected while the value is asked.
        ("actually it's Queensland", "correct", "value", {"jurisdiction": "ACT"}, "jurisdiction"),
        # Another need named while the government is asked.
        (
            "sorry, I meant laptops",
            "correct",
            "jurisdiction",
            {"need": "cloud_services"},
            "need",
        ),
    ],
)
async def test_another_fact_instead_of_the_answer_is_no_failed_answer(
    dispatcher, domain, text, intent, requested, slots, changed
):
    tracker = make_tracker(
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        active_loop={"name": "procurement_form"},
        slots={**slots, "requested_slot": requested, "parse_failures": 1.0},
    )
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    got = slots_of(events)
    assert changed in got and got[changed] != slots[changed]
    assert "parse_failures" not in got
    assert dispatcher.messages == []  # the form runs again and asks; no "I couldn't read"


@pytest.mark.parametrize("intent", ["ask_procurement", "ask_supplier_status"])
async def test_a_question_while_a_fact_is_asked_is_no_failed_answer(dispatcher, domain, intent):
    tracker = make_tracker(
        latest_message={"text": "do I need to go to tender?", "intent": {"name": intent}},
        active_loop={"name": "procurement_form"},
        slots={"jurisdiction": "ACT", "requested_slot": "value", "parse_failures": 1.0},
    )
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert "parse_failures" not in slots_of(events)
    assert dispatcher.messages == []


async def test_a_question_that_answers_the_form_resets_the_failures(dispatcher, domain):
    tracker = make_tracker(
        latest_message={"text": "how many quotes for $60k?", "intent": {"name": "ask_procurement"}},
        active_loop={"name": "procurement_form"},
        slots={"jurisdiction": "ACT", "requested_slot": "value", "parse_failures": 1.0},
    )
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slots_of(events)["value"] == 60000 and slots_of(events)["parse_failures"] == 0.0


async def test_an_answer_that_does_not_parse_still_says_what_was_expected(dispatcher, domain):
    tracker = make_tracker(
        latest_message={"text": "blah", "intent": {"name": "inform"}, "entities": []},
        active_loop={"name": "procurement_form"},
        slots={"requested_slot": "jurisdiction", "parse_failures": 1.0},
    )
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slots_of(events)["parse_failures"] == 2.0
    assert "government" in dispatcher.messages[0]["text"]


async def test_a_definition_asked_while_a_fact_is_asked_sets_no_topic(dispatcher, domain):
    # "what's a set-aside?" is a FAQ: a topic slot set from it would run the form again (no
    # rejection), so the FAQ rule would never answer it.
    tracker = make_tracker(
        latest_message={"text": "what's a set-aside?", "intent": {"name": "faq"}, "entities": []},
        active_loop={"name": "procurement_form"},
        slots={"jurisdiction": "QLD", "ict": True, "value": 95000.0},
    )
    tracker.slots["requested_slot"] = "value_includes_gst"
    events = await ValidateSlotMappings().run(dispatcher, tracker, domain)
    assert slots_of(events) == {}
    assert dispatcher.messages == []


async def test_a_supplier_asking_what_it_can_do_is_asked_only_the_supplier_facts(
    dispatcher, domain
):
    text = (
        "We're majority Aboriginal owned (60%), 15 staff and no contractors, based in Darwin. "
        "Can Qld agencies direct engage us?"
    )
    tracker = make_tracker(
        latest_message={"text": text, "intent": {"name": "ask_supplier_status"}, "entities": []}
    )
    got = slots_of(await ValidateSlotMappings().run(dispatcher, tracker, domain))
    assert got["topic"] == "sme_status"
    assert got["supplier_indigenous_ownership_percent"] == 60
    # Not "is this ICT?" or the value (the buyer's facts): only the reseller question.
    assert missing_slots(make_tracker(slots=got).slots) == [
        "supplier_reseller_of_standard_offering"
    ]


@pytest.mark.parametrize(
    ("intent", "keeps"),
    [("deny", True), ("affirm", True), ("inform", True), ("correct", True), ("faq", False)],
)
async def test_a_yes_or_no_that_does_not_answer_keeps_the_form_asking(
    dispatcher, domain, intent, keeps
):
    # Without a slot event Rasa rejects the form; after "no" (or "minus 40k", an inform) to the
    # value question no rule applies and the user is left with no question. A FAQ must still
    # reject (its rule answers).
    tracker = make_tracker(
        latest_message={"text": "no", "intent": {"name": intent}, "entities": []},
        active_loop={"name": "procurement_form"},
        slots={"jurisdiction": "ACT", "parse_failures": 1.0},
    )
    tracker.slots["requested_slot"] = "value"
    events = await ValidateProcurementForm().get_validation_events(dispatcher, tracker, domain)
    assert bool(events) is keeps


def test_an_answer_names_no_internal_topic_and_a_non_ict_purchase_is_not_called_ict():
    from actions.render import answer_text
    from knowledge import assess

    facts = {
        "jurisdiction": "QLD",
        "approach": "direct",
        "supplier": {"employees": 15, "contractors": 0, "main_business_location": "NT"},
    }
    text = answer_text(assess(facts), facts, "sme_status")
    assert "Still open (whether the scheme applies, access incentive)" in text
    assert "not_ict" not in text
    facts = {"jurisdiction": "QLD", "ict": False, "value": 50000}
    assert answer_text(assess(facts), facts, None).startswith("For Queensland Government, $50,000:")


async def test_asking_to_split_a_purchase_leads_with_the_referral_then_the_rule_for_the_total(
    dispatcher, domain
):
    slots = {
        "jurisdiction": "ACT",
        "value": 60000.0,
        "construction": False,
        "split_procurement": True,
        "topic": "splitting",
    }
    await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    lines = dispatcher.messages[0]["text"].splitlines()
    assert lines[0].startswith("Whether a purchase may be split")
    assert "s 6(1), 7(1), 8(1)" in lines[1] and "procurement help desk" in lines[1]
    assert lines[2] == "What the sources do say, for ACT Government, $60,000:"
    assert "at least 3 written quotations" in lines[3] and "s 7(2)" in lines[3]


async def test_each_need_a_commonwealth_buyer_names_gets_its_arrangement(dispatcher, domain):
    slots = {
        "jurisdiction": "CTH",
        "need": "ict_hardware",
        "more_needs": ["microsoft_software", "ict_hardware"],
        "topic": "panel",
    }
    events = await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    text = dispatcher.messages[0]["text"]
    assert text.splitlines()[1].startswith(
        "Arrangement: For ICT hardware, use the ICT Hardware Panel"
    )
    assert "• Arrangement: For Microsoft software, use the Microsoft volume sourcing" in text
    assert text.count("ICT Hardware Panel") == 1  # named twice, answered once
    panels = [d for d in slots_of(events)["last_advice"]["determinations"] if d["topic"] == "panel"]
    assert [d["need"] for d in panels] == ["ict_hardware", "microsoft_software"]


async def test_other_needs_do_not_touch_an_act_or_queensland_answer(dispatcher, domain):
    slots = {"jurisdiction": "ACT", "value": 60000.0, "need": "ict_hardware"}
    await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    plain = dispatcher.messages[0]["text"]
    dispatcher.messages.clear()
    slots["more_needs"] = ["microsoft_software"]
    await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    assert dispatcher.messages[0]["text"] == plain


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # The scheme's exemption answers "can we set it aside?": nothing else is asked.
        ("QLD ICT $40k, the supplier is a labour hire firm, can we set it aside?", []),
        # Board review below $7 million: the answer says no ground applies once the value is in.
        ("can a supplier ask for a board review of an ACT tender?", ["value"]),
        ("can a supplier ask for a board review of an ACT tender? it's $6 million", []),
    ],
)
def test_a_question_about_one_thing_asks_only_what_that_answer_turns_on(text, asked):
    assert missing_slots(extract(text).slots) == asked


def test_a_supplier_asking_about_its_status_is_asked_whether_it_supplies_ict():
    text, _ = question_for("ict", {"topic": "sme_status", "jurisdiction": "QLD"}, 0)
    assert text.startswith("Does the business supply ICT")
    text, _ = question_for("ict", {"jurisdiction": "QLD", "value": 50000.0}, 0)
    assert text.startswith("Is this an ICT")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # The user asked about something the sources leave open: that leads, then the rest.
        (
            "ACT, $80k, the late tender arrived because our portal crashed, can we accept it?",
            "What you asked is not settled by my sources.",
        ),
        ("can I split a $60k ACT purchase into two $30k orders? it's $60k total", "Whether a"),
        # Answered: the determination leads.
        ("ACT agency, $60k of furniture, how many quotes?", "For ACT Government, $60,000:"),
    ],
)
def test_an_answer_leads_with_what_was_asked(text, first):
    from actions.advice import current
    from actions.render import answer_text

    found = extract(text)
    facts, advice = current(found.slots)
    assert answer_text(advice, facts, found.slots.get("topic")).startswith(first)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("great thanks, and do we need to advertise?", "advertising"),
        ("cheers. is it a notifiable contract", "notifiable_contract"),
        ("thanks heaps", None),
        ("thanks for the info on quotes", None),  # thanks for an answer, no new question
    ],
)
async def test_thanks_that_also_ask_a_rules_question_go_on_to_the_form(
    dispatcher, domain, text, topic
):
    tracker = make_tracker(latest_message={"text": text, "intent": {"name": "thank"}})
    events = await ActionWelcome().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_you_are_welcome"
    if topic:
        assert slots_of(events) == {"topic": topic}
        assert events[-1] == {"event": "followup", "timestamp": None, "name": "procurement_form"}
    else:
        assert events == []


@pytest.mark.parametrize(
    ("slots", "asked"),
    [
        # No source says which Queensland arrangement covers a need: nothing to ask.
        ({"jurisdiction": "QLD", "ict": True, "need": "cloud_services", "topic": "panel"}, []),
        # Which arrangements need the SME policy: answered for each kind, nothing to ask.
        ({"jurisdiction": "QLD", "topic": "panel"}, []),
        # Splitting is settled by no source either, but its answer gives the rule for the total.
        ({"jurisdiction": "ACT", "split_procurement": True, "topic": "splitting"}, ["value"]),
    ],
)
def test_a_question_no_fact_would_settle_asks_for_none(slots, asked):
    assert missing_slots(slots) == asked
