"""Contract tests: the facts and advice of ../shared/contract/, checked with jsonschema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from knowledge import InvalidFacts, assess, validate
from knowledge._data import SCHEMA_DIR
from tests.knowledge.grid import APPENDIX_A, all_facts

ADVICE_SCHEMA = json.loads((SCHEMA_DIR / "advice.schema.json").read_text())
FACTS_SCHEMA = json.loads((SCHEMA_DIR / "facts.schema.json").read_text())
CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contract"

advice_validator = jsonschema.Draft202012Validator(
    ADVICE_SCHEMA, format_checker=jsonschema.FormatChecker()
)
facts_validator = jsonschema.Draft202012Validator(
    FACTS_SCHEMA, format_checker=jsonschema.FormatChecker()
)

FACTS = all_facts()


@pytest.mark.parametrize("facts", FACTS, ids=lambda f: json.dumps(f, sort_keys=True)[:80])
def test_every_output_validates_against_the_advice_schema(facts):
    facts_validator.validate(facts)
    advice = assess(facts)
    advice_validator.validate(advice)
    json.dumps(advice)  # plain JSON, nothing else


def test_the_projects_schemas_extend_the_contracts_without_renaming():
    if not CONTRACT.is_dir():
        pytest.skip("the shared contract folder is not beside this checkout")
    theirs = json.loads((CONTRACT / "facts.schema.json").read_text())
    for name, spec in theirs["properties"].items():
        assert FACTS_SCHEMA["properties"][name].get("enum") == spec.get("enum"), name
        assert FACTS_SCHEMA["properties"][name].get("type") == spec.get("type"), name
    assert json.loads((CONTRACT / "advice.schema.json").read_text()) == ADVICE_SCHEMA


def test_advice_has_the_contract_fields_for_its_topics():
    fields = {
        "quotations": {"method", "min_written_quotations"},
        "advertising": {"min_days"},
        "exemption": {"available", "provision", "grounds"},
        "notifiable_contract": {"register_within_days"},
        "secure_local_jobs_code": {"applies", "excluded_by"},
        "board_review": {"required", "grounds"},
        "late_tender": {"may_accept"},
        "not_procurement": {"reason"},
        "part2_not_applicable": {"ground"},
        "sme_status": {"sme", "qld_sme", "indigenous_business", "headcount"},
        "set_aside": {"available", "quotes", "value_incl_gst"},
        "qld_sme_offer": {"required", "min_offers"},
        "formal_ito": {"min_sme_weighting_percent"},
        "sme_weighting": {"offers"},
        "access_incentive": {"available"},
        "sme_policy": {"applies", "panel_type"},
        "scheme_exemption": {"ground"},
        "panel": {"arrangement", "son"},
    }
    seen = set()
    for facts in FACTS:
        for d in assess(facts)["determinations"]:
            if d["topic"] in fields:
                assert fields[d["topic"]] <= d.keys(), d["topic"]
                seen.add(d["topic"])
    assert seen == set(fields)


INVALID = [
    ([], ""),
    ("facts", ""),
    ({"value": -1}, "value"),
    ({"value": float("nan")}, "value"),
    ({"value": float("inf")}, "value"),
    ({"value": "80k"}, "value"),
    ({"value": True}, "value"),
    ({"jurisdiction": "NSW"}, "jurisdiction"),
    ({"jurisdiction": "act"}, "jurisdiction"),
    ({"arrangement": "panel"}, "arrangement"),
    ({"need": "pizza"}, "need"),
    ({"exemption_reasons": ["9(1)(z)"]}, "exemption_reasons.0"),
    ({"exemption_reasons": "9(1)(a)"}, "exemption_reasons"),
    ({"as_of": "22/11/2026"}, "as_of"),
    ({"as_of": "2026-02-30"}, "as_of"),
    ({"notice_days_before": 4.5}, "notice_days_before"),
    ({"supplier": {"employees": -3}}, "supplier.employees"),
    ({"supplier": {"contractors": 1.5}}, "supplier.contractors"),
    ({"supplier": {"main_business_location": "Queensland"}}, "supplier.main_business_location"),
    ({"supplier": {"indigenous_ownership_percent": 101}}, "supplier.indigenous_ownership_percent"),
    ({"supplier": "acme"}, "supplier"),
    ({"offers": [{"name": "A", "total": 0}]}, "offers.0.total"),
    ({"offers": [{"name": "A"}]}, "offers.0.total"),
    ({"offers": [{"total": 10}]}, "offers.0.name"),
    (
        {"offers": [{"name": "A", "total": 10, "qld_sme_contribution": -1}]},
        "offers.0.qld_sme_contribution",
    ),
    ({"construction": "yes"}, "construction"),
]


@pytest.mark.parametrize(("facts", "field"), INVALID, ids=lambda x: json.dumps(x)[:60])
def test_invalid_facts_are_refused_with_the_field_named(facts, field):
    with pytest.raises(InvalidFacts) as caught:
        assess(facts)
    assert field in [e["field"] for e in caught.value.errors]
    assert all(e["message"] for e in caught.value.errors)


def test_unknown_fields_are_reported_not_silently_used():
    advice = assess({"jurisdiction": "ACT", "as_of": "2026-11-22", "valeu": 5})
    assert advice["ignored_facts"] == ["valeu"]
    assert [m["fact"] for m in advice["missing"]] == ["value"]


def test_null_means_not_known():
    clean, _ = validate({"jurisdiction": "ACT", "value": None})
    assert "value" not in clean


def test_appendix_a_offers_are_valid_facts():
    facts_validator.validate({"jurisdiction": "QLD", "offers": APPENDIX_A})
