"""Specification scenarios for ``knowledge.assess``, kept as data.

Every ``tests/knowledge/scenarios/*.yaml`` file is a list of scenarios written from the sources
(``ACT-GPR-2007``, ``QLD-ICT-SME``, ``CTH-DTA-ICT``), independently of the implementation:

    - name: a sentence that reads as a claim (also the pytest id)
      facts: {...}                      # facts in, as in the advice contract
      expect:
        determinations: {topic: {field: value}}  # first determination of that topic; listed fields
        cites: {topic: [section, ...]}           # sections that must be among its citations
        absent_topics: [topic, ...]              # topics that must not be given
        missing: [fact, ...]                     # the exact set of facts in ``missing``
        missing_includes: [fact, ...]            # facts that must be among ``missing``
        out_of_scope: true | false               # out_of_scope non-empty / empty
        summary_contains: {topic: [text, ...]}   # case-insensitive substrings of the summary

Numbers are compared with ``pytest.approx`` to within 0.005, so an amount or a weighting may be
rounded to two decimal places (the sources give no rounding rule). Lists are compared without
regard to order. A mapping in the expectation only constrains the keys it lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge import assess

SCENARIO_DIR = Path(__file__).parent / "scenarios"
FACTS_SCHEMA = Path(__file__).resolve().parents[2] / "knowledge" / "schemas" / "facts.schema.json"
MIN_SCENARIOS = 150
ABS_TOLERANCE = 0.005
EXPECT_KEYS = frozenset(
    {
        "determinations",
        "cites",
        "absent_topics",
        "missing",
        "missing_includes",
        "out_of_scope",
        "summary_contains",
    }
)


def _load_files() -> tuple[list[tuple[str, dict[str, Any]]], dict[str, str]]:
    """All scenarios as (file name, scenario), and the files that failed to load."""
    scenarios: list[tuple[str, dict[str, Any]]] = []
    errors: dict[str, str] = {}
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            errors[path.name] = f"does not parse: {exc}"
            continue
        if not isinstance(data, list) or not data:
            errors[path.name] = "is not a non-empty list of scenarios"
            continue
        for index, item in enumerate(data):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                errors[path.name] = f"item {index} is not a mapping with a string name"
                break
            scenarios.append((path.name, item))
    return scenarios, errors


SCENARIOS, LOAD_ERRORS = _load_files()


# --- comparison ----------------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _matches(expected: Any, actual: Any) -> bool:
    """Whether ``actual`` satisfies ``expected`` (subset for mappings, any order for lists)."""
    if expected is None or isinstance(expected, bool):
        return actual is expected
    if _is_number(expected):
        return _is_number(actual) and actual == pytest.approx(expected, abs=ABS_TOLERANCE)
    if isinstance(expected, str):
        return isinstance(actual, str) and actual == expected
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and _matches(value, actual[key]) for key, value in expected.items()
        )
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        unused = list(actual)
        for item in expected:
            for candidate in unused:
                if _matches(item, candidate):
                    unused.remove(candidate)
                    break
            else:
                return False
        return True
    return expected == actual


def _first(advice: dict[str, Any], topic: str) -> dict[str, Any] | None:
    for determination in advice.get("determinations", []):
        if determination.get("topic") == topic:
            return determination
    return None


def _problems(expect: dict[str, Any], advice: dict[str, Any]) -> list[str]:
    problems: list[str] = []

    for topic, fields in (expect.get("determinations") or {}).items():
        determination = _first(advice, topic)
        if determination is None:
            problems.append(f"no determination for topic {topic!r}")
            continue
        for field, value in (fields or {}).items():
            if field not in determination:
                problems.append(f"{topic}.{field}: missing, expected {value!r}")
            elif not _matches(value, determination[field]):
                problems.append(
                    f"{topic}.{field}: expected {value!r}, got {determination[field]!r}"
                )

    for topic, sections in (expect.get("cites") or {}).items():
        determination = _first(advice, topic)
        if determination is None:
            problems.append(f"no determination for topic {topic!r} to check citations of")
            continue
        cited = {citation.get("section") for citation in determination.get("citations", [])}
        for section in sections:
            if section not in cited:
                problems.append(f"{topic}: section {section!r} not cited (cited: {sorted(cited)})")

    given = {determination.get("topic") for determination in advice.get("determinations", [])}
    for topic in expect.get("absent_topics") or []:
        if topic in given:
            problems.append(f"topic {topic!r} must not be given")

    missing = {item.get("fact") for item in advice.get("missing", [])}
    if "missing" in expect and missing != set(expect["missing"]):
        problems.append(
            f"missing: expected exactly {sorted(expect['missing'])}, got {sorted(missing)}"
        )
    for fact in expect.get("missing_includes") or []:
        if fact not in missing:
            problems.append(f"missing: {fact!r} not asked for (asked: {sorted(missing)})")

    if "out_of_scope" in expect:
        out_of_scope = bool(advice.get("out_of_scope"))
        if out_of_scope is not expect["out_of_scope"]:
            state = "non-empty" if expect["out_of_scope"] else "empty"
            problems.append(f"out_of_scope: expected {state}")

    for topic, texts in (expect.get("summary_contains") or {}).items():
        determination = _first(advice, topic)
        if determination is None:
            problems.append(f"no determination for topic {topic!r} to check the summary of")
            continue
        summary = str(determination.get("summary", "")).lower()
        for text in texts:
            if text.lower() not in summary:
                problems.append(f"{topic}: summary does not contain {text!r}")

    return problems


def _as_dict(advice: Any) -> dict[str, Any]:
    return advice.to_dict() if hasattr(advice, "to_dict") else advice


# --- the scenarios -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "scenario"),
    SCENARIOS,
    ids=[scenario["name"] for _, scenario in SCENARIOS],
)
def test_scenario(source: str, scenario: dict[str, Any]) -> None:
    advice = _as_dict(assess(dict(scenario["facts"])))
    problems = _problems(scenario["expect"], advice)
    assert not problems, "\n".join(
        [
            f"{source}: {scenario['name']}",
            "facts: " + json.dumps(scenario["facts"], sort_keys=True, default=str),
            *(f"  - {problem}" for problem in problems),
            "advice:",
            json.dumps(advice, indent=2, sort_keys=True, default=str, ensure_ascii=False),
        ]
    )


# --- the scenario data itself --------------------------------------------------------------------


def test_every_scenario_file_parses() -> None:
    assert list(SCENARIO_DIR.glob("*.yaml")), f"no scenario files in {SCENARIO_DIR}"
    assert not LOAD_ERRORS, "\n".join(f"{name}: {error}" for name, error in LOAD_ERRORS.items())


def test_scenario_names_are_unique() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for source, scenario in SCENARIOS:
        name = scenario["name"]
        if name in seen:
            duplicates.append(f"{name!r} in {seen[name]} and {source}")
        seen.setdefault(name, source)
    assert not duplicates, "\n".join(duplicates)


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= MIN_SCENARIOS, f"only {len(SCENARIOS)} scenarios"


def test_scenarios_are_well_formed() -> None:
    problems = []
    for source, scenario in SCENARIOS:
        where = f"{source}: {scenario['name']}"
        if set(scenario) != {"name", "facts", "expect"}:
            problems.append(f"{where}: keys must be name, facts, expect; got {sorted(scenario)}")
            continue
        facts, expect = scenario["facts"], scenario["expect"]
        if not isinstance(facts, dict) or not isinstance(expect, dict) or not expect:
            problems.append(f"{where}: facts must be a mapping and expect a non-empty mapping")
            continue
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            problems.append(f"{where}: unknown expect keys {sorted(unknown)}")
        expected_topics = set(expect.get("determinations") or {}) | set(expect.get("cites") or {})
        clash = expected_topics & set(expect.get("absent_topics") or [])
        if clash:
            problems.append(f"{where}: topics both expected and absent: {sorted(clash)}")
        if "out_of_scope" in expect and not isinstance(expect["out_of_scope"], bool):
            problems.append(f"{where}: out_of_scope must be true or false")
    assert not problems, "\n".join(problems)


def test_scenario_facts_follow_the_facts_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(FACTS_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    known = set(schema["properties"])
    known_supplier = set(schema["properties"]["supplier"]["properties"])
    problems = []
    for source, scenario in SCENARIOS:
        facts = scenario["facts"]
        unknown = set(facts) - known | set(facts.get("supplier") or {}) - known_supplier
        if unknown:
            problems.append(f"{source}: {scenario['name']}: unknown facts {sorted(unknown)}")
        for error in validator.iter_errors(facts):
            path = "/".join(str(part) for part in error.absolute_path)
            problems.append(f"{source}: {scenario['name']}: {path or '(facts)'}: {error.message}")
    assert not problems, "\n".join(problems)
