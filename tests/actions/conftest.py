"""Trackers from JSON fixtures and the real domain, for action tests without a server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("rasa_sdk", reason="the action server's SDK installs with the assistant")

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import records, supplier
from actions.facts import FACT_SLOTS
from bot.store import Store, make_engine
from bot.store.migrate import upgrade

FIXTURES = json.loads((Path(__file__).parent / "fixtures" / "trackers.json").read_text())
STATE_SLOTS = (
    "topic",
    "last_advice",
    "parse_failures",
    "requested_fact",
    "requested_slot",
    "offers",
    # the help desk's (bot/domain/helpdesk.yml)
    "last_record",
    "abr_details",
    "handoff_reason",
    "handoff_question",
    "handoff_jurisdiction",
    "handoff_contact",
    "ticket_pending",
    "ticket_ref",
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
        events=spec.get("events", []),
        paused=False,
        followup_action=None,
        active_loop=spec.get("active_loop", {}),
        latest_action_name=None,
    )


@pytest.fixture(scope="session")
def _session_store(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('actions') / 'advisor.db'}")
    upgrade(engine=engine)
    yield Store(engine)
    engine.dispose()


@pytest.fixture(autouse=True)
def action_store(_session_store) -> Store:
    """Every action test writes to a migrated SQLite store of its own, never to var/; and
    no ABN is looked up on the ABR unless the test gives a client."""
    records.use_store(_session_store)
    supplier.use_abr_client(None)
    yield _session_store
    records.use_store(None)


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
        "forms": {"procurement_form": {"required_slots": [*FACT_SLOTS, "topic"]}},
    }
