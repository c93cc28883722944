"""`missing` lists a fact only when its possible values lead to different advice."""

from __future__ import annotations

import pytest

from knowledge import assess

AS_OF = "2026-11-22"


def missing(**facts) -> list[str]:
    return [m["fact"] for m in assess({"as_of": AS_OF, **facts})["missing"]]


def topics(**facts) -> dict[str, dict]:
    return {d["topic"]: d for d in assess({"as_of": AS_OF, **facts})["determinations"]}


def test_nothing_known_asks_for_the_jurisdiction_only():
    assert missing() == ["jurisdiction"]


@pytest.mark.parametrize("value", [20_000, 27_000, 300_000, 400_000])
def test_qld_gst_is_not_asked_when_both_readings_agree(value):
    assert "value_includes_gst" not in missing(jurisdiction="QLD", ict=True, value=value)


@pytest.mark.parametrize(
    "value", [95_000, 28_000, 30_000, 240_000, 460_000, 100_000, 250_000, 500_000]
)
def test_qld_gst_is_asked_when_it_decides_a_threshold(value):
    assert missing(jurisdiction="QLD", ict=True, value=value) == ["value_includes_gst"]


@pytest.mark.parametrize(
    ("value", "asked"),
    [
        (60_000, False),
        (499_999, False),
        (500_000, True),
        (999_999, True),
        (1_000_000, False),
        (24_000, False),
    ],
)
def test_act_construction_is_asked_only_between_the_two_open_tender_lines(value, asked):
    assert ("construction" in missing(jurisdiction="ACT", value=value)) is asked


def test_act_sixty_thousand_of_furniture_needs_nothing_more():
    assert missing(jurisdiction="ACT", value=60_000) == []
    q = topics(jurisdiction="ACT", value=60_000)["quotations"]
    assert q["min_written_quotations"] == 3
    assert "whether or not it is related to construction work" in q["summary"]


def test_act_services_and_anzsic_are_asked_only_for_the_secure_local_jobs_code():
    assert missing(jurisdiction="ACT", value=150_000, construction=False) == []
    assert missing(jurisdiction="ACT", value=250_000, construction=False) == ["services"]
    assert missing(jurisdiction="ACT", value=250_000, construction=False, services=True) == [
        "anzsic"
    ]


def test_act_planning_period_is_asked_only_where_board_review_turns_on_it():
    assert "planning_period" not in missing(jurisdiction="ACT", value=6_000_000)
    assert "planning_period" in missing(jurisdiction="ACT", value=7_000_000, construction=False)
    assert "planning_period" not in missing(jurisdiction="ACT", value=100, referred_to_board=True)


def test_qld_contractors_are_needed_unless_employees_alone_settle_it():
    assert missing(jurisdiction="QLD", supplier={"employees": 120}) == ["supplier.contractors"]
    status = topics(jurisdiction="QLD", supplier={"employees": 250})["sme_status"]
    assert status["sme"] is False
    assert missing(jurisdiction="QLD", supplier={"employees": 250}) == []


def test_qld_location_is_asked_only_of_an_sme():
    assert missing(jurisdiction="QLD", supplier={"employees": 100, "contractors": 10}) == [
        "supplier.main_business_location"
    ]


def test_qld_indigenous_ownership_is_asked_only_where_it_opens_something():
    qld = {"employees": 10, "contractors": 0, "main_business_location": "QLD"}
    nsw = {**qld, "main_business_location": "NSW"}
    assert missing(jurisdiction="QLD", supplier=qld) == []
    assert missing(jurisdiction="QLD", supplier=nsw) == ["supplier.indigenous_ownership_percent"]


def test_qld_asks_whether_it_is_ict_first():
    assert missing(jurisdiction="QLD", value=50_000) == ["ict"]


def test_cth_never_asks_the_value():
    assert missing(jurisdiction="CTH") == ["need"]
    assert missing(jurisdiction="CTH", need="mobile") == []


def test_a_raised_exemption_asks_for_its_own_conditions():
    facts = {
        "jurisdiction": "ACT",
        "value": 80_000,
        "construction": True,
        "exemption_reasons": ["9(1)(i)"],
    }
    assert missing(**facts) == ["additional_construction_percent"]
    facts2 = {"jurisdiction": "ACT", "value": 80_000, "supplier": {"act_region": True}}
    assert missing(**facts2) == ["supplier.employees"]


def test_missing_entries_carry_a_question_and_a_reason():
    advice = assess({"as_of": AS_OF, "jurisdiction": "ACT", "value": 600_000})
    (entry,) = [m for m in advice["missing"] if m["fact"] == "construction"]
    assert entry["question"].endswith("?")
    assert "$500,000" in entry["reason"] and "$1,000,000" in entry["reason"]
