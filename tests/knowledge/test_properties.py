"""Property-based tests (hypothesis) of the rules."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import assess
from knowledge.validate import facts_schema

SCHEMA = facts_schema()
money = st.floats(min_value=0, max_value=1e10, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)).map(
    dt.date.isoformat
)


def _strategy(spec: dict[str, Any]) -> st.SearchStrategy:
    """Values the facts schema accepts, generated from the schema itself."""
    if "enum" in spec:
        return st.sampled_from(spec["enum"])
    kind = spec.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(min_value=spec.get("minimum", -(10**6)), max_value=10**7)
    if kind == "number":
        low = spec.get("minimum", spec.get("exclusiveMinimum", 0))
        strat = st.floats(
            min_value=low,
            max_value=spec.get("maximum", 1e10),
            allow_nan=False,
            allow_infinity=False,
        )
        if "exclusiveMinimum" in spec:
            strat = strat.filter(lambda x: x > spec["exclusiveMinimum"])
        return strat
    if kind == "string":
        if spec.get("format") == "date":
            return dates
        if "pattern" in spec:
            return st.from_regex(spec["pattern"], fullmatch=True)
        return st.text(max_size=12)
    if kind == "array":
        return st.lists(_strategy(spec["items"]), max_size=4)
    if kind == "object":
        props = {k: _strategy(v) for k, v in spec.get("properties", {}).items()}
        required = {k: props.pop(k) for k in spec.get("required", [])}
        return st.fixed_dictionaries(required, optional=props)
    raise AssertionError(spec)


any_facts = _strategy(SCHEMA)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_facts)
def test_no_input_the_schema_accepts_makes_assess_raise(facts):
    advice = assess(facts, today=dt.date(2026, 11, 22))
    assert isinstance(advice["determinations"], list)
    json.dumps(advice)


@settings(max_examples=200, deadline=None)
@given(any_facts)
def test_the_same_facts_and_ruleset_always_give_identical_advice(facts):
    first = json.dumps(assess(facts, today=dt.date(2026, 11, 22)), sort_keys=True)
    again = json.dumps(
        assess(json.loads(json.dumps(facts)), today=dt.date(2026, 11, 22)), sort_keys=True
    )
    assert first == again


def _quotations(value: float, construction: bool) -> int:
    advice = assess(
        {"jurisdiction": "ACT", "as_of": "2026-11-22", "value": value, "construction": construction}
    )
    (q,) = [d for d in advice["determinations"] if d["topic"] == "quotations"]
    # An open tender asks for more than any number of quotations.
    return 10**9 if q["min_written_quotations"] is None else q["min_written_quotations"]


@settings(max_examples=300, deadline=None)
@given(money, money, st.booleans())
def test_the_act_never_asks_for_fewer_quotations_as_the_value_grows(a, b, construction):
    low, high = sorted((a, b))
    assert _quotations(low, construction) <= _quotations(high, construction)


@settings(max_examples=200, deadline=None)
@given(money)
def test_construction_never_makes_the_act_ask_for_more(value):
    assert _quotations(value, True) <= _quotations(value, False)


@settings(max_examples=200, deadline=None)
@given(money)
def test_qld_ex_gst_reading_is_never_more_generous(value):
    def quotes(gst: bool) -> float:
        advice = assess(
            {
                "jurisdiction": "QLD",
                "as_of": "2026-11-22",
                "ict": True,
                "value": value,
                "value_includes_gst": gst,
            }
        )
        (s,) = [d for d in advice["determinations"] if d["topic"] == "set_aside"]
        return s["quotes"] or 99

    assert quotes(True) <= quotes(False)


@settings(max_examples=150, deadline=None)
@given(any_facts)
def test_missing_facts_are_never_presumed_exceptions(facts):
    advice = assess(facts, today=dt.date(2026, 11, 22))
    presumed = {
        "not_procurement",
        "part2_exclusion",
        "exemption_reasons",
        "probity_concerns",
        "late_tender_cause",
        "supplier.labour_hire",
        "supplier.reseller_of_standard_offering",
        "new_opportunity",
        "approach",
        "notice_days_before",
        "exceptional_circumstances",
    }
    assert not presumed & {m["fact"] for m in advice["missing"]}
