"""The store on SQLite (always) and on PostgreSQL at 127.0.0.1:5432 (where it answers).

Each test run makes its own PostgreSQL schemas (dropped at the end) and its own SQLite files;
each `store` test starts with empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, text
from sqlalchemy.engine import Engine

from bot.store import Store, make_engine, migrate
from bot.store.models import DecisionRecord, StaffSession, Ticket, TicketEvent

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
NO_POSTGRES = "PostgreSQL is not running on 127.0.0.1:5432"
KINDS = ["sqlite", "postgresql"]


def postgres_answers() -> bool:
    engine = make_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


class Databases:
    """Fresh databases of each kind for this test run, cleaned up at its end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.run = uuid.uuid4().hex[:10]
        self.schemas: list[str] = []
        self.engines: list[Engine] = []
        self._postgres: bool | None = None
        self._admin: Engine | None = None
        self._migrated: dict[str, Store] = {}

    def fresh(self, kind: str) -> Engine:
        label = f"{len(self.engines)}"
        if kind == "sqlite":
            engine = make_engine(f"sqlite:///{self.folder / f'advisor-{label}.db'}")
        else:
            if self._postgres is None:
                self._postgres = postgres_answers()
            if not self._postgres:
                pytest.skip(NO_POSTGRES)
            self._admin = self._admin or make_engine(POSTGRES_URL)
            schema = f"advisor_test_{self.run}_{label}"
            with self._admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            self.schemas.append(schema)
            # Made after the schema exists, so the dialect sees it as the default schema.
            engine = make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
        self.engines.append(engine)
        return engine

    def migrated(self, kind: str) -> Store:
        if kind not in self._migrated:
            engine = self.fresh(kind)
            migrate.upgrade(engine=engine)
            self._migrated[kind] = Store(engine)
        return self._migrated[kind]

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self._admin is not None:
            with self._admin.begin() as connection:
                for schema in self.schemas:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            self._admin.dispose()


@pytest.fixture(scope="session")
def databases(tmp_path_factory) -> Iterator[Databases]:
    dbs = Databases(tmp_path_factory.mktemp("store"))
    try:
        yield dbs
    finally:
        dbs.close()


@pytest.fixture(params=KINDS)
def empty_engine(request, databases) -> Engine:
    """A fresh, empty database of each kind (for the migration tests)."""
    return databases.fresh(request.param)


@pytest.fixture(params=KINDS)
def store(request, databases) -> Store:
    """A migrated store of each kind, with empty tables."""
    s = databases.migrated(request.param)
    with s.session() as session:
        for table in (TicketEvent, Ticket, DecisionRecord, StaffSession):
            session.execute(delete(table))
    return s
