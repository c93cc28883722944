"""The supplier flow: its extra questions, the ABN checked at once and looked up on the ABR."""

from __future__ import annotations

import pytest

from actions.answer import ActionAnswer
from actions.form import missing_slots
from actions.slots import ValidateSlotMappings
from actions.supplier import AskReseller, abr_note, fact_sources, supplier_questions, use_abr_client
from bot.abr import AbrClient
from bot.store.records import get_record, record_markdown
from knowledge import assess
from tests.abr_standin import (
    CANCELLED_ABN,
    COMPANY_ABN,
    GUID,
    NSW_ABN,
    SOLE_TRADER_ABN,
    StandIn,
    start,
)
from tests.actions.conftest import make_tracker
from tests.actions.test_records import slots_of

QLD_SME = {
    "jurisdiction": "QLD",
    "supplier_employees": 120.0,
    "supplier_contractors": 40.0,
    "supplier_main_business_location": "QLD",
}


@pytest.mark.parametrize(
    ("extra", "asked"),
    [
        ({}, ["supplier_indigenous_ownership_percent", "supplier_reseller_of_standard_offering"]),
        (
            {"supplier_indigenous_ownership_percent": 0.0},
            ["supplier_reseller_of_standard_offering"],
        ),
        (
            {
                "supplier_indigenous_ownership_percent": 0.0,
                "supplier_reseller_of_standard_offering": False,
            },
            [],
        ),
        # Not an SME: nothing the answers could open.
        ({"supplier_employees": 250.0}, []),
        # An SME outside Queensland, not Indigenous: knowledge asks the ownership, no reseller.
        ({"supplier_main_business_location": "NSW"}, ["supplier_indigenous_ownership_percent"]),
        # An Indigenous SME outside Queensland: the access incentive turns on reselling.
        (
            {
                "supplier_main_business_location": "NSW",
                "supplier_indigenous_ownership_percent": 60.0,
            },
            ["supplier_reseller_of_standard_offering"],
        ),
    ],
)
def test_a_supplier_is_asked_ownership_and_reselling_when_they_matter(extra, asked):
    assert missing_slots({**QLD_SME, **extra}) == asked


def test_the_headcount_comes_first():
    assert missing_slots({"jurisdiction": "QLD", "supplier_employees": 120.0}) == [
        "supplier_contractors"
    ]
    assert (
        supplier_questions({}, assess({"jurisdiction": "QLD", "supplier": {"employees": 120}}))
        == []
    )


async def test_the_reseller_question_has_yes_and_no(dispatcher, domain):
    await AskReseller().run(dispatcher, make_tracker(slots=QLD_SME), domain)
    message = dispatcher.messages[0]
    assert "resell standard" in message["text"] and "Access Incentive" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["yes", "no"]


async def test_a_reseller_is_told_the_access_incentive_is_not_open(dispatcher, domain):
    slots = {
        **QLD_SME,
        "supplier_indigenous_ownership_percent": 0.0,
        "supplier_reseller_of_standard_offering": True,
    }
    await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    text = dispatcher.messages[0]["text"]
    assert "A Queensland SME" in text and "Not the access incentive" in text


@pytest.mark.parametrize("topic", ["sme_status", "supplier_opportunities"])
async def test_asked_what_its_status_opens_a_supplier_gets_that_first(topic, dispatcher, domain):
    slots = {
        **QLD_SME,
        "supplier_indigenous_ownership_percent": 0.0,
        "supplier_reseller_of_standard_offering": False,
        "topic": topic,
    }
    # The same questions whichever it asked: both answers turn on the same facts.
    assert missing_slots({**QLD_SME, "topic": topic}) == missing_slots(QLD_SME)
    await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    first = dispatcher.messages[0]["text"].split("\n")[1]
    lead = "SME status: A Queensland SME" if topic == "sme_status" else "What it opens: "
    assert first.startswith(lead)


@pytest.fixture
async def abr():
    standin = StandIn(delay=3.0)
    server = await start(standin)
    client = AbrClient(GUID, base_url=str(server.make_url("/json")), timeout=1.0)
    use_abr_client(client)
    yield standin
    use_abr_client(None)
    await client.close()
    await server.close()


def supplier_message(text):
    return make_tracker(
        latest_message={"text": text, "intent": {"name": "ask_supplier_status"}, "entities": []}
    )


async def test_an_abn_is_looked_up_at_once_and_the_abr_location_used(abr, dispatcher, domain):
    text = f"We're an IT firm, ABN {COMPANY_ABN[:2]} {COMPANY_ABN[2:5]} {COMPANY_ABN[5:8]} {COMPANY_ABN[8:]}, 50 staff and 5 contractors: are we a Queensland SME?"
    events = await ValidateSlotMappings().run(dispatcher, supplier_message(text), domain)
    got = slots_of(events)
    assert got["supplier_abn"] == COMPANY_ABN
    assert got["supplier_main_business_location"] == "QLD"
    assert got["abr_details"]["entity_name"] == "RIVERSIDE DIGITAL PTY LTD"
    assert abr.hits[0]["abn"] == COMPANY_ABN
    assert dispatcher.messages[0]["text"] == (
        "Checked on the Australian Business Register: ABN 51 824 753 556 is "
        "RIVERSIDE DIGITAL PTY LTD (Active), main business location QLD."
    )


async def test_the_answer_says_which_facts_came_from_the_abr(abr, dispatcher, domain, action_store):
    text = f"We're a Brisbane IT firm, ABN {NSW_ABN}, 50 staff and 5 contractors"
    events = await ValidateSlotMappings().run(dispatcher, supplier_message(text), domain)
    slots = {
        **slots_of(events),
        "jurisdiction": "QLD",
        "supplier_indigenous_ownership_percent": 0.0,
    }
    assert slots["supplier_main_business_location"] == "NSW"
    assert fact_sources(slots) == {"supplier.main_business_location": "ABR"}
    note = abr_note({**slots, "abr_details": {**slots["abr_details"], "user_said_location": "QLD"}})
    assert "HARBOUR SYSTEMS PTY LTD" in note and "main business location NSW" in note
    assert "(you said QLD)" in note and "registered with the ABR (3.1)" in note
    events = await ActionAnswer().run(dispatcher, make_tracker(slots=slots), domain)
    shown = "\n".join(m["text"] for m in dispatcher.messages)
    assert "From the Australian Business Register" in shown and "not a Queensland SME" in shown
    record = get_record(action_store, slots_of(events)["last_record"]["id"])
    assert record.fact_sources == {"supplier.main_business_location": "ABR"}
    assert "(from the Australian Business Register" in record_markdown(record)


async def test_a_cancelled_abn_is_flagged(abr, dispatcher, domain):
    events = await ValidateSlotMappings().run(
        dispatcher, supplier_message(f"our ABN is {CANCELLED_ABN}"), domain
    )
    assert "cancelled" in abr_note({**slots_of(events)}).lower()


async def test_an_abn_with_bad_check_digits_is_refused_without_a_lookup(abr, dispatcher, domain):
    events = await ValidateSlotMappings().run(
        dispatcher, supplier_message("our ABN is 51 824 753 557"), domain
    )
    assert "isn't a valid ABN" in dispatcher.messages[0]["text"]
    assert "supplier_abn" not in slots_of(events) and abr.hits == []


async def test_an_abr_that_does_not_answer_is_said_and_the_user_believed(abr, dispatcher, domain):
    abr.behaviour[COMPANY_ABN] = "slow"
    text = f"We're based in Brisbane, ABN {COMPANY_ABN}"
    events = await ValidateSlotMappings().run(dispatcher, supplier_message(text), domain)
    assert "couldn't check that ABN" in dispatcher.messages[0]["text"]
    assert slots_of(events)["abr_details"] == {
        "abn": COMPANY_ABN,
        "looked_up": False,
        "error": "unavailable",
    }
    assert len(abr.hits) == 2  # one retry


async def test_an_abn_the_abr_does_not_know(abr, dispatcher, domain):
    await ValidateSlotMappings().run(dispatcher, supplier_message("ABN 34 004 085 617"), domain)
    assert "has no record of ABN 34 004 085 617" in dispatcher.messages[0]["text"]


async def test_a_sole_traders_name_is_remembered_for_redaction(abr, dispatcher, domain):
    from bot.privacy import redact

    await ValidateSlotMappings().run(dispatcher, supplier_message(f"ABN {SOLE_TRADER_ABN}"), domain)
    assert redact("lookup for CITIZEN, JANE MARY done") == "lookup for [name] done"
    assert (
        redact("the supplier is Jane Citizen, a sole trader")
        == "the supplier is [name], a sole trader"
    )


async def test_without_a_guid_the_abn_is_checked_but_not_looked_up(dispatcher, domain):
    events = await ValidateSlotMappings().run(
        dispatcher, supplier_message(f"ABN {COMPANY_ABN}"), domain
    )
    slots = slots_of(events)
    assert slots["abr_details"] == {"abn": COMPANY_ABN, "looked_up": False}
    assert "valid check digits" in abr_note(slots) and "wasn't looked up" in abr_note(slots)
