"""Rasa's SQL tracker store on SQLite, tuned for a chat server (bot/endpoints.yml's default).

Rasa 3.6 opens SQLite through SQLAlchemy 1.4's default pool for files, which connects anew
for every read and write, in SQLite's default rollback-journal mode with a full sync on every
commit. Under 20 conversations at once that was a quarter of the Rasa server's time. This store
keeps a small pool of connections and opens the file in write-ahead-log mode with
`synchronous=NORMAL`: a commit survives the process crashing; only a power cut can lose the
last few turns. Reads and writes are otherwise Rasa's own. (PostgreSQL, for scaling out, uses
Rasa's `type: SQL` unchanged.)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.pool import QueuePool

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000")


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
