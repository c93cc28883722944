"""GET /healthz: each component, 200 or 503, and checks that can be added."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from bot.gateway import create_app
from bot.gateway.health import add_check

COMPONENTS = {"gateway", "rasa", "action_server", "database", "store"}


async def test_all_up_is_200_with_each_component(client):
    response = await client.get("/healthz")
    assert response.status == 200
    body = await response.json()
    assert body["status"] == "ok" and set(body["components"]) == COMPONENTS
    assert all(c["ok"] for c in body["components"].values())
    assert body["components"]["database"]["detail"].startswith("sqlite")


async def test_rasa_and_the_action_server_down_is_503_naming_them(client_for, down):
    client = await client_for(down)
    response = await client.get("/healthz")
    assert response.status == 503
    components = (await response.json())["components"]
    assert {n for n, c in components.items() if not c["ok"]} == {"rasa", "action_server"}
    assert "connection refused" in components["rasa"]["detail"]


async def test_a_wrong_rasa_token_is_a_failing_check(client_for, settings):
    client = await client_for(replace(settings, rasa_token="wrong"))
    components = (await (await client.get("/healthz")).json())["components"]
    assert not components["rasa"]["ok"] and "401" in components["rasa"]["detail"]
    assert components["action_server"]["ok"]


async def test_a_missing_database_is_503(client_for, settings, tmp_path):
    (tmp_path / "tracker.db").unlink()
    client = await client_for(settings)
    response = await client.get("/healthz")
    assert response.status == 503
    database = (await response.json())["components"]["database"]
    assert not database["ok"] and "no database" in database["detail"]
    assert not (tmp_path / "tracker.db").exists()  # the check never creates it


async def test_a_slow_component_times_out_without_holding_the_check(client, rasa, settings):
    rasa.mode, rasa.delay = "slow", 5
    loop = asyncio.get_running_loop()
    start = loop.time()
    response = await client.get("/healthz")
    assert loop.time() - start < settings.gateway.health_timeout + 1
    assert response.status == 503
    assert (await response.json())["components"]["rasa"]["detail"] == "timed out"


async def test_another_component_can_add_its_own_check(settings):
    from aiohttp.test_utils import TestClient, TestServer

    async def ledger(app):
        raise ConnectionError("PostgreSQL refused the connection")

    app = create_app(settings)
    add_check(app, "ledger", ledger)
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        assert response.status == 503
        components = (await response.json())["components"]
        assert components["ledger"] == {
            "ok": False,
            "detail": "PostgreSQL refused the connection",
            "ms": components["ledger"]["ms"],
        }
        assert all(components[n]["ok"] for n in COMPONENTS)


async def test_the_store_check_names_the_database_and_its_schema_revision(client):
    from bot.store import migrate

    store = (await (await client.get("/healthz")).json())["components"]["store"]
    assert store["ok"] and store["detail"] == f"sqlite, revision {migrate.head()}"


async def test_a_store_not_migrated_is_503_saying_what_to_run(client_for, settings, tmp_path):
    (tmp_path / "advisor.db").unlink()
    client = await client_for(settings)
    response = await client.get("/healthz")
    assert response.status == 503
    store = (await response.json())["components"]["store"]
    assert not store["ok"] and "run `make migrate`" in store["detail"]


async def test_a_store_that_does_not_answer_is_a_failing_check_and_a_503_page(client_for, settings):
    down = replace(settings, database_url="postgresql://nobody@127.0.0.1:1/none")
    client = await client_for(down)
    store = (await (await client.get("/healthz")).json())["components"]["store"]
    assert not store["ok"] and store["detail"] == "not answering (OperationalError)"
    page = await client.get("/records/0123456789ab")
    assert page.status == 503 and "The help-desk database is not answering" in await page.text()


async def test_the_store_is_made_when_the_app_starts_and_disposed_when_it_stops(settings):
    from aiohttp.test_utils import TestClient, TestServer

    from bot.gateway.keys import STORE

    app = create_app(settings)
    assert STORE not in app  # no engine before the app starts
    async with TestClient(TestServer(app)) as client:
        store = app[STORE]
        assert str(store.engine.url) == f"sqlite:///{settings.var_dir / 'advisor.db'}"
        assert (await client.get("/healthz")).status == 200
        assert store.engine.pool.checkedin() == 1  # kept in the pool while the app runs
    assert store.engine.pool.checkedin() == 0
