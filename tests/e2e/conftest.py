"""Live servers for end-to-end tests: the action server, the Rasa server and the web gateway,
on free ports.

Needs the trained model (`make train`; `make test` trains first). With ADVISOR_REQUIRE_MODEL=1
(set by `make test`) a missing model fails instead of skipping.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import ROOT, GatewaySettings, Settings
from bot.serve import start, start_gateway, stop, wait, wait_for
from bot.store import make_engine
from bot.store.migrate import upgrade
from tests.abr_standin import GUID, Threaded
from tests.gateway.helpers import STAFF

MODEL = ROOT / "models" / "advisor.tar.gz"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> Settings:
    if not MODEL.exists():
        message = "no trained model: run `make train` (make test does)"
        if os.environ.get("ADVISOR_REQUIRE_MODEL"):
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("live")
    # The project's store in the run's folder (migrated as `make run` does): serve.start and
    # serve.start_gateway give the action server and the gateway this same DATABASE_URL.
    database = f"sqlite:///{tmp / 'advisor.db'}"
    cfg = Settings(
        host="127.0.0.1",
        rasa_port=_free_port(),
        actions_port=_free_port(),
        var_dir=tmp,
        models_dir=MODEL,
        rasa_token="e2e-token",
        database_url=database,
    )
    # A stand-in for the ABR's ABN Lookup service, for the action server. bot/endpoints.yml as
    # deployed: serve.start points it at these ports and this var dir.
    engine = make_engine(database)
    upgrade(engine=engine)
    engine.dispose()
    abr = Threaded()
    servers_env = {"ABR_GUID": GUID, "ABR_URL": abr.url}
    saved = {k: os.environ.get(k) for k in servers_env}
    os.environ.update(servers_env)
    try:
        procs = start(cfg, tmp / "log")
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        wait(cfg, procs, tmp / "log")
        yield cfg
    finally:
        stop(procs)
        abr.close()


@pytest.fixture(scope="session")
def gateway(live, tmp_path_factory) -> Settings:
    """`python -m bot.gateway` in front of the live servers, with room for many test turns, the
    same store as the action server's, and the help-desk staff of tests/gateway/helpers.py."""
    cfg = replace(
        live,
        gateway=GatewaySettings(
            port=_free_port(),
            secret=secrets.token_urlsafe(32),
            chat_burst=100,
            chat_per_minute=600,
            new_sessions_burst=100,
            new_sessions_per_minute=600,
            staff=STAFF,
        ),
    )
    log_dir = tmp_path_factory.mktemp("gateway")
    proc = start_gateway(cfg, log_dir)
    try:
        wait_for(
            {"gateway": (f"{cfg.gateway_url}/healthz", proc, log_dir / "gateway.log")}, log_dir
        )
        yield cfg
    finally:
        stop([proc])


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)
