"""The gateway against a stand-in Rasa (tests/gateway/standin.py): fast, no trained model."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import GatewaySettings, Settings
from bot.gateway import create_app
from bot.serve import free_port
from tests.gateway import standin

SECRET = "test-secret-0123456789abcdef"


@pytest.fixture
async def rasa():
    state = standin.StandIn()
    server = TestServer(standin.app(state), host="127.0.0.1")
    await server.start_server()
    state.port = server.port
    yield state
    await server.close()


@pytest.fixture
def settings(rasa, tmp_path) -> Settings:
    with closing(sqlite3.connect(tmp_path / "tracker.db")) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY)")
    return Settings(
        host="127.0.0.1",
        rasa_port=rasa.port,
        actions_port=rasa.port,
        var_dir=tmp_path,
        models_dir=tmp_path,
        rasa_token=standin.TOKEN,
        gateway=GatewaySettings(
            port=0, secret=SECRET, chat_burst=5, rasa_timeout=0.5, health_timeout=0.5
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
def down(settings) -> Settings:
    """Settings whose Rasa and action server are not there (nothing listens on the port)."""
    port = free_port()
    return replace(settings, rasa_port=port, actions_port=port)
