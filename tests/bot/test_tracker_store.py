"""The project's SQLite tracker store keeps and gives back what Rasa's SQL store does."""

from __future__ import annotations

import sqlite3
import warnings

import pytest

# Importing Rasa and loading a domain warn about third-party deprecations and Rasa's own
# defaults (slot auto-fill): not what these tests are about.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    pytest.importorskip("rasa", reason="the Rasa server installs with the assistant")
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted,
        BotUttered,
        SessionStarted,
        SlotSet,
        UserUttered,
    )
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.config import ROOT
    from bot.tracker_store import SQLiteTrackerStore

    DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
# Rasa 3.6's SQL store builds its URL with SQLAlchemy's deprecated URL() constructor.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Calling URL\\(\\) directly is deprecated:sqlalchemy.exc.SADeprecationWarning"
)


def turns() -> list:
    """A turn's events, stamped now (a session holds the events stamped after its start)."""
    return [
        UserUttered("ACT, $60k of furniture", {"name": "ask_procurement", "confidence": 0.9}),
        SlotSet("value", 60000.0),
        ActionExecuted("action_answer"),
        BotUttered("At least 3 written quotations", {"custom": {"advice": {"topic": "quotes"}}}),
        ActionExecuted("action_listen"),
    ]


TURNS = turns()


async def _conversation(store, sender: str) -> list[dict]:
    """Two saves (a new tracker, then more events on the retrieved one); the events read back."""
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for event in TURNS[:2]:
        tracker.update(event)
    await store.save(tracker)
    tracker = await store.retrieve(sender)
    for event in TURNS[2:]:
        tracker.update(event)
    await store.save(tracker)
    again = await store.retrieve(sender)
    return [e.as_dict() for e in again.events]


async def test_it_stores_and_retrieves_what_rasas_sql_store_does(tmp_path):
    ours = await _conversation(SQLiteTrackerStore(DOMAIN, db=str(tmp_path / "ours.db")), "a")
    rasas = await _conversation(
        SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db")), "a"
    )
    assert len(ours) == len(TURNS)
    assert ours == rasas


async def _two_sessions(store, sender: str) -> tuple[list[dict], list[dict], list[int]]:
    """A conversation, a new session on the same sender, more turns: what each read gives."""
    tracker = DialogueStateTracker(sender, DOMAIN.slots)
    for event in [ActionExecuted("action_session_start"), SessionStarted(), *turns()]:
        tracker.update(event)
    await store.save(tracker)
    tracker = await store.retrieve(sender)
    second = [ActionExecuted("action_session_start"), SessionStarted(), *turns()]
    for event in second[:4]:
        tracker.update(event)
    await store.save(tracker)
    counts = [len(tracker.events)]
    tracker = await store.retrieve(sender)  # the new session only
    counts.append(len(tracker.events))
    for event in second[4:]:
        tracker.update(event)
    await store.save(tracker)  # the count of stored events must be of the new session only
    latest = await store.retrieve(sender)
    full = await store.retrieve_full_tracker(sender)
    counts.append(len(await store.keys()))
    return [e.as_dict() for e in latest.events], [e.as_dict() for e in full.events], counts


async def test_sessions_are_kept_apart_as_in_rasas_sql_store(tmp_path):
    ours = await _two_sessions(SQLiteTrackerStore(DOMAIN, db=str(tmp_path / "ours.db")), "b")
    rasas = await _two_sessions(
        SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db")), "b"
    )
    latest, full, counts = ours
    # The new session: its SessionStarted and the turns after it (action_session_start comes
    # just before the session starts, so it belongs to neither, as in Rasa).
    assert len(latest) == 1 + len(TURNS)
    assert latest[0]["event"] == "session_started"
    assert len(full) == 2 * (2 + len(TURNS))

    def without_times(events: list[dict]) -> list[dict]:
        return [{k: v for k, v in e.items() if k != "timestamp"} for e in events]

    assert without_times(latest) == without_times(rasas[0])
    assert without_times(full) == without_times(rasas[1])
    assert counts == rasas[2]


async def test_an_unknown_sender_has_no_tracker(tmp_path):
    store = SQLiteTrackerStore(DOMAIN, db=str(tmp_path / "t.db"))
    await store.save(DialogueStateTracker("a", DOMAIN.slots))
    assert await store.retrieve("nobody") is None
    assert await store.retrieve_full_tracker("nobody") is None


async def test_the_file_is_in_write_ahead_log_mode(tmp_path):
    store = SQLiteTrackerStore(DOMAIN, db=str(tmp_path / "t.db"))
    await store.save(DialogueStateTracker("a", DOMAIN.slots))
    with sqlite3.connect(tmp_path / "t.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
