"""Live servers for end-to-end tests (tests/live.py), and the web gateway in front of them."""

from __future__ import annotations

import secrets
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import GatewaySettings, Settings
from bot.serve import free_port, start_gateway, stop, wait_for
from tests.abr_standin import GUID, Threaded
from tests.gateway.helpers import STAFF
from tests.live import live_servers, require_model


@pytest.fixture(scope="session")
def live(tmp_path_factory) -> Settings:
    """The servers, with a stand-in for the ABR's ABN Lookup service for the action server."""
    require_model()
    abr = Threaded()
    try:
        env = {"ABR_GUID": GUID, "ABR_URL": abr.url}
        with live_servers(tmp_path_factory.mktemp("live"), "e2e-token", env) as cfg:
            yield cfg
    finally:
        abr.close()


@pytest.fixture(scope="session")
def gateway(live, tmp_path_factory) -> Settings:
    """`python -m bot.gateway` in front of the live servers, with room for many test turns, the
    same store as the action server's (`live.store_url`, passed by serve.start_gateway), and
    the help-desk staff of tests/gateway/helpers.py."""
    cfg = replace(
        live,
        gateway=GatewaySettings(
            port=free_port(),
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
