"""The engine factory and the `Store` handle: nothing connects until it is first used.

``DATABASE_URL`` picks the database (``postgresql://user@host/db`` to scale out); without it,
SQLite in ``var/advisor.db`` (``ADVISOR_VAR_DIR`` moves ``var/``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

ROOT = Path(__file__).resolve().parents[2]


def database_url(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get("DATABASE_URL"):
        return env["DATABASE_URL"]
    var_dir = Path(env.get("ADVISOR_VAR_DIR") or ROOT / "var")
    return f"sqlite:///{var_dir / 'advisor.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # the gateway reads while the actions write
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` (SQLite files get their folder created and WAL journaling)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    options: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            # SQLAlchemy 1.4 opens a new connection per session for SQLite files; 2.0 pools
            # them, and so do we (a connection is made once, with its pragmas).
            options["poolclass"] = QueuePool
        options["connect_args"] = {"timeout": 15, "check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
    options.update(kwargs)
    engine = create_engine(parsed, **options)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Store:
    """An engine and its sessions. Build it with an engine, or `Store.from_url`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str | None = None, **kwargs: Any) -> Store:
        return cls(make_engine(url or database_url(), **kwargs))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
