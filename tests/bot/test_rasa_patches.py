"""The fix to Rasa's action-response validation accepts and refuses exactly what Rasa does."""

from __future__ import annotations

import warnings

import pytest
from jsonschema import ValidationError

from knowledge import assess

# Importing Rasa emits third-party DeprecationWarnings (TensorFlow importing jax, pyparsing,
# SQLAlchemy 2.0): they stay inside this block, as in tests/bot/test_spacy_pipeline.py.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    pytest.importorskip("rasa", reason="the Rasa server installs with the assistant")
    from rasa.core.actions.action import RemoteAction

    from bot import rasa_patches

ADVICE = assess({"jurisdiction": "ACT", "value": 60000, "as_of": "2026-11-22"})
RESULTS = {
    "an answer with the advice in a slot": {
        "events": [
            {"event": "slot", "name": "last_advice", "value": ADVICE},
            {"event": "slot", "name": "parse_failures", "value": 0.0},
        ],
        "responses": [{"text": "At least 3 written quotations", "custom": {"advice": ADVICE}}],
    },
    "no events": {"events": [], "responses": []},
    "a form's loop events": {
        "events": [
            {"event": "active_loop", "name": "procurement_form"},
            {"event": "slot", "name": "requested_slot", "value": "value"},
        ]
    },
    "events not a list": {"events": {"event": "slot"}},
    "an event without its name": {"events": [{"name": "x", "value": 1}]},
    "an unknown event": {"events": [{"event": "teleport"}]},
    "a response that is not an object": {"events": [], "responses": ["hello"]},
    "a slot event without a name": {"events": [{"event": "slot", "value": 1}]},
    "every kind of event the actions send": {
        "events": [
            {"event": "slot", "name": "value", "value": 60000.0, "timestamp": None},
            {"event": "active_loop", "name": None},
            {"event": "bot", "text": "Hello", "data": {}, "metadata": {}},
            {"event": "followup", "name": "action_answer"},
            {"event": "restart"},
            {"event": "session_started", "timestamp": 1733300000.5},
            {"event": "reset_slots"},
            {"event": "action", "name": "action_listen", "policy": None, "confidence": 1.0},
        ]
    },
    "a user event": {
        "events": [
            {
                "event": "user",
                "text": "ACT, $60k",
                "parse_data": {
                    "intent": {"name": "ask_quotes", "confidence": 0.9},
                    "entities": [{"entity": "amount", "value": "$60k", "start": 5, "end": 9}],
                },
            }
        ]
    },
    "a user event with a bad entity": {
        "events": [{"event": "user", "parse_data": {"entities": [{"entity": "amount"}]}}]
    },
    "a timestamp that is text": {"events": [{"event": "restart", "timestamp": "noon"}]},
    "metadata that is a list": {"events": [{"event": "restart", "metadata": []}]},
    "an event name that is a list": {"events": [{"event": ["slot"]}]},
    "an event name that is a number": {"events": [{"event": 3}]},
    "an event that is not an object": {"events": ["slot"]},
    "a slot event with a name that is a number": {
        "events": [{"event": "slot", "name": 3, "value": 1}]
    },
    "events null": {"events": None},
    "responses null": {"events": [], "responses": None},
    "a result that is a list": [],
    "a result with other keys": {"events": [], "extra": 1},
}


def outcome(result: dict | list) -> str:
    try:
        RemoteAction("action_answer", None)._validate_action_result(result)
        return "valid"
    except ValidationError as exc:
        return exc.message


@pytest.mark.parametrize("name", RESULTS)
def test_the_cached_validator_agrees_with_rasa(name):
    rasa_patches.revert()
    expected = outcome(RESULTS[name])
    rasa_patches.apply()
    try:
        assert outcome(RESULTS[name]) == expected
    finally:
        rasa_patches.revert()


def test_both_kinds_of_result_are_in_the_cases():
    outcomes = set()
    for result in RESULTS.values():
        outcomes.add(outcome(result) == "valid")
    assert outcomes == {True, False}


@pytest.mark.parametrize("name", RESULTS)
def test_the_check_by_kind_passes_only_what_rasa_accepts(name):
    rasa_patches.revert()
    if rasa_patches._valid_by_kind(RESULTS[name]):
        assert outcome(RESULTS[name]) == "valid"


def test_the_check_by_kind_passes_the_actions_usual_responses():
    # Otherwise every response would take the full schema's slow path (still correct).
    for name in [
        "an answer with the advice in a slot",
        "no events",
        "a form's loop events",
        "every kind of event the actions send",
        "a user event",
    ]:
        assert rasa_patches._valid_by_kind(RESULTS[name]), name
