"""Rasa's SQL tracker store on SQLite, tuned for a chat server (bot/endpoints.yml's default).

Rasa 3.6 opens SQLite through SQLAlchemy 1.4's default pool for files, which connects anew
for every read and write, in SQLite's default rollback-journal mode with a full sync on every
commit. Under 20 conversations at once that was a quarter of the Rasa server's time. This store
keeps a small pool of connections and opens the file in write-ahead-log mode with
`synchronous=NORMAL`: a commit survives the process crashing; only a power cut can lose the
last few turns. (PostgreSQL, for scaling out, uses Rasa's `type: SQL` unchanged.)

Reads and writes are Rasa's, in plain SQL: the same table, rows and queries, without the ORM.
Measured with py-spy under 20 conversations at once, Rasa's ORM spent 15% of the server's CPU
building and compiling the same three statements on every turn (counting the stored events to
find the new ones, loading a conversation's events, and adding the new ones one object at a
time); the SQL below does the same work in a fraction of that.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.pool import QueuePool

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000")


_TABLE = SQLTrackerStore.SQLEvent.__tablename__
# The latest conversation session starts at the sender's latest `session_started` event; with
# none, every event is in it (Rasa's `_event_query`).
_SESSION_START = (
    f"(SELECT max(timestamp) FROM {_TABLE}"
    f" WHERE sender_id = :sender AND type_name = '{SessionStarted.type_name}')"
)
_LATEST_SESSION = (
    f"sender_id = :sender AND (timestamp >= {_SESSION_START} OR {_SESSION_START} IS NULL)"
)
COUNT_LATEST_SESSION = sa.text(f"SELECT count(*) FROM {_TABLE} WHERE {_LATEST_SESSION}")
EVENTS_LATEST_SESSION = sa.text(f"SELECT data FROM {_TABLE} WHERE {_LATEST_SESSION} ORDER BY id")
EVENTS_ALL_SESSIONS = sa.text(f"SELECT data FROM {_TABLE} WHERE sender_id = :sender ORDER BY id")


def _set_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


class SQLiteTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, db: str = "var/tracker.db", **kwargs: Any) -> None:
        kwargs.pop("dialect", None)
        super().__init__(domain=domain, dialect="sqlite", db=db, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url,
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=2,
            connect_args={"check_same_thread": False},
        )
        sa.event.listen(self.engine, "connect", _set_pragmas)
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        query = EVENTS_ALL_SESSIONS if fetch_events_from_all_sessions else EVENTS_LATEST_SESSION
        with self.session_scope() as session:
            rows = session.execute(query, {"sender": sender_id}).all()
        events = [json.loads(data) for (data,) in rows]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in self._additional_events(session, tracker):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = session.execute(COUNT_LATEST_SESSION, {"sender": tracker.sender_id}).scalar()
        return itertools.islice(tracker.events, stored, len(tracker.events))
