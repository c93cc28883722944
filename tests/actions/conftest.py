"""Trackers from JSON fixtures and the real domain, for action tests without a server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("rasa_sdk", reason="the action server's SDK installs with the assistant")

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.facts import FACT_SLOTS

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "trackers.json").read_text())
STATE_SLOTS = (
    "topic",
    "last_advice",
    "parse_failures",
    "requested_fact",
    "requested_slot",
    "offers",
)


def make_tracker(name: str | None = None, **overrides: Any) -> Tracker:
    spec: dict[str, Any] = json.loads(json.dumps(FIXTURES[name])) if name else {}
    spec.update(overrides)
    slots = {s: None for s in (*FACT_SLOTS, *STATE_SLOTS)}
    slots.update(spec.get("slots", {}))
    return Tracker(
        sender_id="test",
        slots=slots,
        latest_message=spec.get("latest_message", {"text": "", "intent": {}, "entities": []}),
        events=[],
        paused=False,
        followup_action=None,
        active_loop=spec.get("active_loop", {}),
        latest_action_name=None,
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def domain() -> dict[str, Any]:
    return {
        "slots": {
            s: {"type": "any", "mappings": [{"type": "custom"}]}
            for s in (*FACT_SLOTS, *STATE_SLOTS)
        },
        "forms": {"procurement_form": {"required_slots": ["jurisdiction"]}},
    }
