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
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.config import ROOT
    from bot.tracker_store import SQLiteTrackerStore

    DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
# Rasa 3.6's SQL store builds its URL with SQLAlchemy's deprecated URL() constructor.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Calling URL\\(\\) directly is deprecated:sqlalchemy.exc.SADeprecationWarning"
)
TURNS = [
    UserUttered("ACT, $60k of furniture", {"name": "ask_procurement", "confidence": 0.9}),
    SlotSet("value", 60000.0),
    ActionExecuted("action_answer"),
    BotUttered("At least 3 written quotations", {"custom": {"advice": {"topic": "quotations"}}}),
    ActionExecuted("action_listen"),
]


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


async def test_the_file_is_in_write_ahead_log_mode(tmp_path):
    store = SQLiteTrackerStore(DOMAIN, db=str(tmp_path / "t.db"))
    await store.save(DialogueStateTracker("a", DOMAIN.slots))
    with sqlite3.connect(tmp_path / "t.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
