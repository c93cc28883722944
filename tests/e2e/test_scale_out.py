"""Scaling out (bot/endpoints-scale.yml): two Rasa servers share conversations in PostgreSQL and
take turns on each through a Redis lock, so either can carry on a conversation the other began.

Runs where PostgreSQL (127.0.0.1:5432, database `test`) and Redis (127.0.0.1:6379) answer, as
they do on the development machines and in CI; a user's machine without them skips it.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import urllib.request
import uuid
from pathlib import Path

import aiohttp
import pytest
import redis
from sqlalchemy import text

from bot.config import ROOT, Settings
from bot.serve import free_port, start, stop, wait
from bot.store import make_engine
from bot.store.migrate import upgrade
from tests.live import MODEL, require_model

POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_DB = 7  # a database of its own, so the check below sees only these servers' connections


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    if not (_answers(5432) and _answers(6379)):
        pytest.skip("PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are not both running")
    require_model()
    tmp = tmp_path_factory.mktemp("scale")
    schema = f"advisor_scale_{uuid.uuid4().hex[:8]}"
    engine = make_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    database = f"sqlite:///{tmp / 'advisor.db'}"
    upgrade(engine=make_engine(database))
    pairs: list[tuple[Settings, list]] = []
    try:
        for name in ("a", "b"):
            cfg = Settings(
                host="127.0.0.1",
                rasa_port=free_port(),
                actions_port=free_port(),
                var_dir=tmp / name,
                models_dir=MODEL,
                rasa_token="scale-token",
            )
            env = {
                "ACTION_SERVER_URL": f"http://127.0.0.1:{cfg.actions_port}/webhook",
                "POSTGRES_HOST": "127.0.0.1",
                "POSTGRES_PORT": "5432",
                "POSTGRES_DB": "test",
                "POSTGRES_USER": "postgres",
                "POSTGRES_PASSWORD": "",
                "POSTGRESQL_SCHEMA": schema,
                "REDIS_HOST": "127.0.0.1",
                "REDIS_PORT": "6379",
                "REDIS_DB": str(REDIS_DB),
                "DATABASE_URL": database,
            }
            endpoints = ROOT / "bot" / "endpoints-scale.yml"
            pairs.append((cfg, start(cfg, cfg.var_dir / "log", endpoints, env)))
        for cfg, procs in pairs:
            wait(cfg, procs, cfg.var_dir / "log")
        yield [cfg for cfg, _ in pairs], engine, schema
    finally:
        for _, procs in pairs:
            stop(procs)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def say(cfg: Settings, sender: str, message: str) -> str:
    request = urllib.request.Request(
        f"{cfg.rasa_url}/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": message}).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return "\n".join(m.get("text", "") for m in json.loads(response.read()))


def test_a_conversation_begun_on_one_server_is_finished_on_the_other(two_servers):
    (a, b), engine, schema = two_servers
    sender = f"scale-{uuid.uuid4().hex}"
    assert "estimated total value" in say(a, sender, "ACT agency, how many quotes do we need?")
    answer = say(b, sender, "about 80 grand")
    assert "at least 3 written quotations" in answer and "s 7(2)" in answer
    with engine.connect() as conn:
        stored = conn.execute(
            text(f"SELECT count(*) FROM {schema}.events WHERE sender_id = :s"), {"s": sender}
        ).scalar()
    assert stored > 0  # in PostgreSQL, not in either server's var/


def test_turns_sent_to_both_at_once_are_taken_one_at_a_time(two_servers):
    (a, b), _, _ = two_servers
    sender = f"scale-{uuid.uuid4().hex}"

    async def both() -> list[list[dict]]:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:

            async def post(cfg: Settings, message: str) -> list[dict]:
                url = f"{cfg.rasa_url}/webhooks/rest/webhook"
                async with session.post(url, json={"sender": sender, "message": message}) as r:
                    return await r.json()

            return await asyncio.gather(
                post(a, "ACT agency, $60k of furniture, how many quotes?"),
                post(b, "hello"),
            )

    replies = asyncio.run(both())
    assert all(replies), replies
    url = f"{a.rasa_url}/conversations/{sender}/tracker?token={a.rasa_token}"
    with urllib.request.urlopen(url, timeout=30) as response:
        events = json.loads(response.read())["events"]
    # Each turn ran whole before the other began: every user message is followed by the bot's
    # actions for it, ending in action_listen, before the next user message.
    kinds = [e["event"] if e["event"] != "action" else e["name"] for e in events]
    users = [i for i, k in enumerate(kinds) if k == "user"]
    assert len(users) == 2, kinds
    assert "action_listen" in kinds[users[0] : users[1]]
    # The lock was Redis's: both servers hold connections to its database for this test.
    clients = redis.Redis(host="127.0.0.1", port=6379).client_list()
    assert sum(1 for c in clients if int(c.get("db", -1)) == REDIS_DB) >= 2


def test_the_scale_out_endpoints_name_every_setting_they_need():
    names = {
        line.split("${", 1)[1].split("}", 1)[0]
        for line in Path(ROOT / "bot" / "endpoints-scale.yml").read_text().splitlines()
        if "${" in line and not line.lstrip().startswith("#")
    }
    readme = (ROOT / "README.md").read_text()
    assert names and all(n in readme for n in names), names - {n for n in names if n in readme}
