"""Reading facts from messages: every parser, as the form's answer and in free text."""

from __future__ import annotations

import pytest

from actions.extract import extract, reads_as_rules_question

REQUESTED_OK = [
    ("value", "about eighty grand", {"value": 80000.0}),
    ("value", "1.2m ex GST", {"value": 1200000.0, "value_includes_gst": False}),
    ("value", "5", {"value": 5.0}),
    ("value_includes_gst", "yes, it includes GST", {"value_includes_gst": True}),
    ("value_includes_gst", "ex", {"value_includes_gst": False}),
    ("construction", "yep", {"construction": True}),
    ("construction", "nah", {"construction": False}),
    ("services", "no", {"services": False}),
    ("ict", "yes", {"ict": True}),
    ("planning_period", "no", {"planning_period": False}),
    ("jurisdiction", "Canberra", {"jurisdiction": "ACT"}),
    ("jurisdiction", "federal", {"jurisdiction": "CTH"}),
    ("jurisdiction", "Qld", {"jurisdiction": "QLD"}),
    ("need", "laptops", {"need": "ict_hardware"}),
    ("anzsic", "Division M", {"anzsic": "M"}),
    ("supplier_main_business_location", "Brisbane", {"supplier_main_business_location": "QLD"}),
    ("supplier_employees", "45", {"supplier_employees": 45.0}),
    ("supplier_contractors", "none", {"supplier_contractors": 0.0}),
    (
        "supplier_indigenous_ownership_percent",
        "51%",
        {"supplier_indigenous_ownership_percent": 51.0},
    ),
    ("additional_construction_percent", "30 per cent", {"additional_construction_percent": 30.0}),
]


@pytest.mark.parametrize(("requested", "text", "expected"), REQUESTED_OK)
def test_an_answer_to_the_question_asked_is_read(requested, text, expected):
    found = extract(text, requested=requested)
    assert found.problem is None
    for slot, value in expected.items():
        assert found.slots[slot] == value


REQUESTED_BAD = [
    ("value", "dunno"),
    ("value", "between 50k and 80k"),
    ("value", "-5000"),
    ("value_includes_gst", "maybe"),
    ("construction", "perhaps"),
    ("jurisdiction", "Mars"),
    ("need", "a sandwich"),
    ("anzsic", "zzz"),
    ("supplier_employees", "lots"),
    ("supplier_indigenous_ownership_percent", "150%"),
    ("supplier_main_business_location", "Atlantis"),
]


@pytest.mark.parametrize(("requested", "text"), REQUESTED_BAD)
def test_an_answer_that_does_not_parse_is_refused_with_a_reason(requested, text):
    found = extract(text, requested=requested)
    assert requested not in found.slots
    assert found.problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "QLD, $95k ex GST, ICT services",
            {"jurisdiction": "QLD", "value": 95000.0, "value_includes_gst": False, "ict": True},
        ),
        ("$20k ICT, can I get one quote?", {"value": 20000.0, "ict": True, "topic": "exemption"}),
        ("which panel for a telco carrier?", {"need": "telecommunications", "topic": "panel"}),
        (
            "Microsoft licences for the department, federal",
            {"need": "microsoft_software", "jurisdiction": "CTH"},
        ),
        (
            "$112,500 of $125,000 goes to Queensland SME subcontractors",
            {"approach": "formal_ito", "jurisdiction": "QLD"},
        ),
        ("it's a community grant of $40k", {"not_procurement": "grant", "value": 40000.0}),
        (
            "buying off our existing standing offer, 300k",
            {"arrangement": "existing_standing_offer"},
        ),
        (
            "we want to use a standing offer arrangement for 200k of cleaning, still need quotes?",
            {"arrangement": "existing_standing_offer", "value": 200000.0, "topic": "quotations"},
        ),
        ("we're setting up a new standing offer", {"arrangement": "new_standing_offer"}),
        (
            "can we get an exemption, it's urgent after the bushfire",
            {"exemption_reasons": ["9(1)(b)"], "topic": "exemption"},
        ),
        (
            "a tender came in late because our portal was down",
            {"late_tender_cause": "territory_entity"},
        ),
        ("our ABN is 51 824 753 556", {"supplier_abn": "51824753556"}),
    ],
)
def test_free_text_carries_several_facts(text, expected):
    found = extract(text)
    for slot, value in expected.items():
        assert found.slots.get(slot) == value, (slot, found.slots)


def test_a_bad_abn_is_flagged():
    assert "ABN" in (extract("our ABN is 51 824 753 557").problem or "")


def test_huge_messages_are_refused_politely():
    found = extract("$60k " * 30_000)
    assert found.slots == {} and "too long" in found.problem


def test_an_offer_split_is_read_for_the_weighting_formula():
    (offer,) = extract("$112,500 of $125,000 goes to Queensland SME subcontractors").slots["offers"]
    assert offer["qld_sme_contribution"] == 112500 and offer["total"] == 125000


def test_the_gst_question_offers_inc_and_ex_and_each_button_answers_it():
    from actions.render import question_buttons

    buttons = question_buttons("value_includes_gst")
    assert [b["title"] for b in buttons] == ["Includes GST", "Excludes GST"]
    read = [extract(b["payload"], requested="value_includes_gst").slots for b in buttons]
    assert read == [{"value_includes_gst": True}, {"value_includes_gst": False}]


SUPPLIER_CUES = [
    ("we're not Indigenous owned", "supplier_certified_aboriginal_torres_strait_islander", False),
    (
        "We're a non-Indigenous business",
        "supplier_certified_aboriginal_torres_strait_islander",
        False,
    ),
    (
        "a certified Aboriginal-owned business",
        "supplier_certified_aboriginal_torres_strait_islander",
        True,
    ),
    ("we are not based in the ACT", "supplier_act_region", False),
    ("a Canberra-based supplier", "supplier_act_region", True),
    ("we don't resell anything", "supplier_reseller_of_standard_offering", False),
    ("not a reseller, we build software", "supplier_reseller_of_standard_offering", False),
    ("we resell Microsoft licences", "supplier_reseller_of_standard_offering", True),
]


@pytest.mark.parametrize(("text", "slot", "value"), SUPPLIER_CUES)
def test_a_supplier_fact_said_in_the_negative_is_read_as_false(text, slot, value):
    assert extract(text).slots[slot] is value


def test_an_offer_named_share_first_is_read_as_an_offer():
    (offer,) = extract("offer B has $4,500 of SME contribution out of $90,000").slots["offers"]
    assert (offer["qld_sme_contribution"], offer["total"]) == (4500.0, 90000.0)


@pytest.mark.parametrize(
    "text, part, total",
    [
        (
            "our offer is $200,000 and $150,000 of that goes to Qld SME subcontractors",
            150000.0,
            200000.0,
        ),
        (
            "prime contractor bids $300k, with $90k going to Qld SME subbies. weighting?",
            90000,
            300000,
        ),
        ("total offer 1.2m, Qld SME subcontracting 400k", 400000.0, 1200000.0),
        ("60% of a $500,000 offer goes to Queensland SME subcontractors", 300000.0, 500000.0),
    ],
)
def test_an_offer_split_worded_otherwise_takes_the_smaller_amount_as_the_sme_part(
    text, part, total
):
    found = extract(text)
    (offer,) = found.slots["offers"]
    assert (offer["qld_sme_contribution"], offer["total"]) == (part, total)
    assert "value" not in found.slots and found.problem is None


def test_two_amounts_without_a_queensland_sme_part_are_not_an_offer():
    found = extract("Qld ICT, do I invite SMEs? quotes came back at $150k and $170k")
    assert "offers" not in found.slots


def test_an_sme_share_without_its_total_is_not_taken_for_the_value():
    found = extract("the offer has $40k of Qld SME subcontracting, what's its weighting?")
    assert "value" not in found.slots and "offers" not in found.slots
    assert "total" in found.problem


@pytest.mark.parametrize(
    "text",
    [
        "how many quotes?",
        "how many quotes do I need?",
        "do we need to tender?",
        "ACT agency, $60k of furniture, how many quotes?",
        "which panel for cloud hosting?",
        "is this a notifiable contract?",
        "can we get an exemption from the quotes?",
        "Queensland, does the SME set-aside apply?",
        "can we split the order in two?",
        "is contract splitting allowed?",
    ],
)
def test_a_rules_question_called_out_of_scope_is_still_answered(text):
    assert reads_as_rules_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather?",
        "how many quotes for the NSW government?",
        "Victorian tender thresholds?",
        "what about New Zealand government procurement?",
        "Brisbane City Council tender thresholds?",
        "our council wants to buy a truck, how many quotes?",
        "can you write my tender response for me?",
        "write my tender evaluation report",
        "what are the rules for a private company's procurement?",
        "what are the rules for a university tender?",
        "can we split the bill for lunch?",
        "can NSW agencies split an order in two?",
        "/out_of_scope",
        "quotes " * 200,
        "",
    ],
)
def test_other_governments_tasks_and_unrelated_questions_stay_out_of_scope(text):
    assert not reads_as_rules_question(text)


@pytest.mark.parametrize(
    ("text", "requested", "location"),
    [
        ("NSW", "supplier_main_business_location", "NSW"),
        ("Northern Territory", "supplier_main_business_location", "NT"),
        ("our main business location is NSW", None, "NSW"),
        ("main business location: Victoria", None, "VIC"),
        ("we're based in Victoria, 20 staff, are we a Queensland SME?", None, "VIC"),
        ("our head office is registered in Western Australia", None, "WA"),
    ],
)
def test_a_suppliers_state_is_its_location_not_the_buyers_government(text, requested, location):
    found = extract(text, requested=requested)
    assert found.slots["supplier_main_business_location"] == location
    assert found.other_jurisdiction is None and "jurisdiction" not in found.slots


@pytest.mark.parametrize("text", ["what about NSW procurement rules?", "NSW government, 60k"])
def test_a_buyer_naming_another_government_is_still_read_as_that_government(text):
    assert extract(text).other_jurisdiction == "NSW"


@pytest.mark.parametrize(
    "text",
    [
        "Qld agency buying furniture for 50k, can I do it with one quote?",
        "ACT, 60k, is it services?",
        "what score does it get?",
    ],
)
def test_the_word_it_is_not_read_as_ict(text):
    assert "ict" not in extract(text).slots


@pytest.mark.parametrize("text", ["we need IT support", "new laptops", "it hardware refresh"])
def test_ict_cues_still_read(text):
    assert extract(text).slots["ict"] is True


@pytest.mark.parametrize(
    "text, cause",
    [
        ("we got a tender 5 minutes after closing time, can we accept it? ACT", "supplier"),
        ("a bid arrived after the deadline because our portal went down", "territory_entity"),
        ("can we accept a late submission?", "supplier"),
    ],
)
def test_a_tender_in_after_closing_is_asked_about_as_a_late_tender(text, cause):
    found = extract(text).slots
    assert (found["late_tender_cause"], found["topic"]) == (cause, "late_tender")


@pytest.mark.parametrize(
    "text, topic",
    [
        ("ACT open tender, how long to advertise?", "advertising"),
        ("is a $60k tender a notifiable contract?", "notifiable_contract"),
        ("60% of a $500,000 offer goes to Queensland SME subcontractors, its score?", "formal_ito"),
        ("ACT, $60k of furniture, how many quotes?", "quotations"),
        ("what does that open to us?", "supplier_opportunities"),
        ("Qld agency, ICT, $180k, new opportunity - do I need an SME offer?", "qld_sme_offer"),
        ("what's the $250k rule?", "qld_sme_offer"),
        ("which Queensland panels need the SME policy?", "panel"),
        ("what's in it for us as a Qld SME?", "supplier_opportunities"),
        ("what does being an Indigenous business get us?", "supplier_opportunities"),
        ("are we a Queensland SME, and what does that open to us?", "sme_status"),
    ],
)
def test_the_topic_is_the_specific_thing_asked_about(text, topic):
    assert extract(text).slots["topic"] == topic


def test_a_supplier_describing_itself_gives_its_headcount_and_location():
    found = extract("We're a 3-person web design studio on the Sunshine Coast. What's open to us?")
    assert found.slots["supplier_employees"] == 3
    assert found.slots["supplier_main_business_location"] == "QLD"


@pytest.mark.parametrize(
    "text, requested, slot, value",
    [
        ("no, not construction", "construction", "construction", False),
        ("ACT, $700k consulting, not construction related", None, "construction", False),
        ("it isn't a construction job", None, "construction", False),
        ("non-ICT purchase, Qld, 50k", None, "ict", False),
        ("ACT construction 2m", None, "construction", True),
        ("no probity concerns", None, "probity_concerns", False),
    ],
)
def test_a_negated_yes_no_cue_is_read_as_no(text, requested, slot, value):
    # "no, not construction" was read as construction (the cue matched the word), and the
    # answer then applied the construction threshold the user had just ruled out.
    assert extract(text, requested=requested).slots[slot] is value


def test_a_negated_cue_that_is_not_yes_or_no_says_nothing():
    assert "not_procurement" not in extract("not a grant, ACT 50k").slots


def test_a_headcount_among_other_numbers_is_still_read():
    found = extract("ACT agency, $30k of software from a Canberra SME with 10 staff, one quote?")
    assert found.slots["supplier_employees"] == 10 and found.slots["value"] == 30000


SPLITTING = [
    # (message, the value read or None: parts of a purchase are never taken as its total)
    ("Can I split a $60k purchase into two $30k orders?", None),
    ("can we do $30k now and $30k next month to stay under the threshold?", None),
    ("can I divide a $60,000 job into 3 contracts", 60000.0),
    ("is contract splitting ok?", None),
    ("could we break it up into smaller orders", None),
    ("QLD, $200k ICT, can we split it into two $100k lots", None),
]


@pytest.mark.parametrize(("text", "value"), SPLITTING)
def test_asking_to_split_a_purchase_is_read_and_its_parts_are_not_the_total(text, value):
    out = extract(text)
    assert out.slots["split_procurement"] is True
    assert out.slots["topic"] == "splitting"
    assert out.slots.get("value") == value
    assert out.problem is None  # no "more than one amount" complaint: the form asks the total


@pytest.mark.parametrize(
    "text", ["split the cost with another agency", "we need to break down the costs"]
)
def test_sharing_a_cost_is_not_splitting_a_purchase(text):
    assert "split_procurement" not in extract(text).slots


def test_several_needs_in_one_message_are_all_kept_the_first_for_the_form():
    found = extract("cth, which panel for 200 laptops and some Microsoft 365 licences?")
    assert found.slots["need"] == "ict_hardware"
    assert found.slots["more_needs"] == ["microsoft_software"]
    assert found.problem is None


def test_several_needs_answering_the_question_are_all_kept():
    found = extract("laptops and phone lines", requested="need")
    assert (found.slots["need"], found.slots["more_needs"]) == (
        "ict_hardware",
        ["telecommunications"],
    )
    assert found.problem is None


def test_one_need_clears_the_others_named_before():
    assert extract("actually just laptops").slots["more_needs"] == []


def test_an_absurd_amount_given_with_the_answer_to_another_question_is_still_reported():
    found = extract("ACT, $999999999999999 of paper", requested="jurisdiction")
    assert found.slots["jurisdiction"] == "ACT" and "value" not in found.slots
    assert "too large" in found.problem


@pytest.mark.parametrize(
    ("text", "jurisdiction"),
    [
        ("Queensland, $500k ICT, can we directly engage an Indigenous SME from NSW?", "QLD"),
        ("ACT agency wants to buy from a supplier in Sydney, $40k", "ACT"),
        ("can we engage an SME from NSW?", None),
    ],
)
def test_where_the_supplier_is_from_is_not_the_buyers_government(text, jurisdiction):
    found = extract(text)
    assert found.slots.get("jurisdiction") == jurisdiction and found.other_jurisdiction is None


def test_an_emergency_raised_with_skipping_the_quotes_is_an_exemption_reason():
    found = extract("ACT emergency, $300k, can we skip the quotes?")
    assert found.slots["exemption_reasons"] == ["9(1)(b)"]
    assert found.slots["topic"] == "exemption"


@pytest.mark.parametrize("text", ["what does that mean?", "what can I do?", "what does it do?"])
def test_a_question_about_the_assistant_or_a_word_is_no_supplier_question(text):
    assert extract(text).slots.get("topic") != "supplier_opportunities"


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("ACT open tender, $2m, we published a notice 2 months ago", 60),
        ("notice went out 45 days before", 45),
        ("6 weeks ago we put out a notice of the procurement", 42),
        ("we published notice a year before", 365),
        ("published notice of it two weeks ago", 14),
    ],
)
def test_when_notice_was_published_is_read_in_days(text, days):
    assert extract(text).slots["notice_days_before"] == days


@pytest.mark.parametrize("text", ["notice period is 25 days", "2 months ago we bought laptops"])
def test_days_without_a_notice_published_before_are_not_a_notice(text):
    assert "notice_days_before" not in extract(text).slots


def test_legal_services_for_a_court_case_are_litigation():
    found = extract("ACT, we need legal services for a court case, 200k").slots
    assert found["part2_exclusion"] == "litigation"
