"""The gateway against a stand-in Rasa (tests/gateway/standin.py): fast, no trained model.

The project's store is a migrated SQLite file in each test's folder; the console's tests also
run against PostgreSQL on 127.0.0.1:5432 where it answers (`db`, as tests/store does).
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import delete, text
from sqlalchemy.engine import make_url

from bot.config import GatewaySettings, Settings
from bot.gateway import create_app
from bot.serve import free_port
from bot.store import Store, make_engine
from bot.store.migrate import upgrade
from bot.store.models import DecisionRecord, StaffSession, Ticket, TicketEvent
from tests.gateway import standin
from tests.gateway.helpers import STAFF
from tests.store.conftest import NO_POSTGRES, POSTGRES_URL, postgres_answers

SECRET = "test-secret-0123456789abcdef"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated, empty store, copied into each test's folder (migrating once is faster)."""
    path = tmp_path_factory.mktemp("store") / "advisor.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine=engine)
    with engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


class Postgres:
    """One migrated schema for the run, emptied before each test; dropped at the end."""

    def __init__(self) -> None:
        self.schema = f"advisor_gw_{uuid.uuid4().hex[:10]}"
        self.answers: bool | None = None
        self.url = ""

    def ready(self) -> str:
        if self.answers is None:
            self.answers = postgres_answers()
            if self.answers:
                admin = make_engine(POSTGRES_URL)
                with admin.begin() as c:
                    c.execute(text(f'CREATE SCHEMA "{self.schema}"'))
                admin.dispose()
                url = make_url(POSTGRES_URL).update_query_dict(
                    {"options": f"-csearch_path={self.schema}"}
                )
                self.url = url.render_as_string(hide_password=False)
                engine = make_engine(self.url)
                upgrade(engine=engine)
                engine.dispose()
        if not self.answers:
            pytest.skip(NO_POSTGRES)
        return self.url

    def drop(self) -> None:
        if self.answers:
            admin = make_engine(POSTGRES_URL)
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(scope="session")
def postgres():
    pg = Postgres()
    yield pg
    pg.drop()


@dataclass
class Db:
    kind: str
    url: str
    store: Store


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path, migrated_sqlite, postgres):
    """The console's store on each kind of database, empty; `store` is the tests' own handle."""
    if request.param == "sqlite":
        if not (tmp_path / "advisor.db").exists():
            shutil.copy(migrated_sqlite, tmp_path / "advisor.db")
        url = f"sqlite:///{tmp_path / 'advisor.db'}"
    else:
        url = postgres.ready()
    store = Store(make_engine(url))
    with store.session() as session:
        for table in (TicketEvent, Ticket, DecisionRecord, StaffSession):
            session.execute(delete(table))
    yield Db(request.param, url, store)
    store.dispose()


@pytest.fixture
async def rasa():
    state = standin.StandIn()
    server = TestServer(standin.app(state), host="127.0.0.1")
    await server.start_server()
    state.port = server.port
    yield state
    await server.close()


@pytest.fixture
def settings(rasa, tmp_path, migrated_sqlite) -> Settings:
    with closing(sqlite3.connect(tmp_path / "tracker.db")) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY)")
    if not (tmp_path / "advisor.db").exists():
        shutil.copy(migrated_sqlite, tmp_path / "advisor.db")
    return Settings(
        host="127.0.0.1",
        rasa_port=rasa.port,
        actions_port=rasa.port,
        var_dir=tmp_path,
        models_dir=tmp_path,
        rasa_token=standin.TOKEN,
        gateway=GatewaySettings(
            port=0,
            secret=SECRET,
            chat_burst=5,
            rasa_timeout=2.0,  # 0.5 s was missed once on a loaded 2-core CI run
            health_timeout=2.0,
            staff=STAFF,
            login_burst=50,
        ),
    )


@pytest.fixture
async def client_for():
    """Build a test client for the app of given settings (closed after the test)."""
    clients: list[TestClient] = []

    async def make(cfg: Settings) -> TestClient:
        client = TestClient(TestServer(create_app(cfg), host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for c in clients:
        await c.close()


@pytest.fixture
async def client(client_for, settings) -> TestClient:
    return await client_for(settings)


@pytest.fixture
async def console(client_for, settings, db) -> TestClient:
    """A client of the gateway whose store is `db` (SQLite, then PostgreSQL)."""
    return await client_for(replace(settings, database_url=db.url))


@pytest.fixture
def down(settings) -> Settings:
    """Settings whose Rasa and action server are not there (nothing listens on the port)."""
    port = free_port()
    return replace(settings, rasa_port=port, actions_port=port)
