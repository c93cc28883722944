"""The console's queue page over HTTP, signed in: the whole request (session check, the queue
query, the triage summary, rendering), timed by a client in the same process. The gateway
counts the triage summary at most every 30 s: "cold" requests count it again (as the first
request after 30 s does), the others reuse it.

Called by bench/store_bench.py (``make bench-store``) once a store holds 10,000 tickets.
"""

from __future__ import annotations

import asyncio
import html
import re
import statistics
import tempfile
import time
from pathlib import Path

import argon2
import yarl
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer

from bot.config import GatewaySettings, Settings
from bot.gateway import create_app
from bot.gateway.keys import TRIAGE
from bot.gateway.recent import Recent

PASSWORD = "bench-password-123"
#: The gateway verifies with the parameters a hash names: cheap ones keep the sign-in short.
STAFF = "bench:" + argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(
    PASSWORD
)
#: label: (path, cold); a path of None is the first ticket of the queue.
PAGES: dict[str, tuple[str | None, bool]] = {
    "queue, first page of 50, cold (triage counted)": ("/console", True),
    "queue, first page of 50, not resolved (default)": ("/console", False),
    "queue, open, QLD, waiting over 3 days": (
        "/console?status=open&jurisdiction=QLD&age=3d",
        False,
    ),
    "queue, page 100 of 134": ("/console?page=100", False),
    "a ticket's page": (None, False),
}


async def _timed(url: str, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        cfg = Settings(
            host="127.0.0.1",
            rasa_port=1,
            actions_port=1,
            var_dir=Path(folder),
            models_dir=Path(folder),
            rasa_token="bench",
            gateway=GatewaySettings(secret="bench-secret-0123456789", staff=STAFF),
            database_url=url,
        )
        app = create_app(cfg)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        try:
            async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
                return await _pages(http, server.make_url(""), app[TRIAGE], runs)
        finally:
            await server.close()


async def _pages(
    http: ClientSession, base: yarl.URL, triage: Recent, runs: int
) -> dict[str, float]:
    async with http.get(base / "console/login") as r:
        token = html.unescape(re.search(r'name="csrf" value="([^"]+)"', await r.text()).group(1))
    form = {"csrf": token, "name": "bench", "password": PASSWORD}
    async with http.post(base / "console/login", data=form) as r:
        page = await r.text()
        assert r.status == 200 and "Signed in as" in page, page[:500]
    ticket = re.search(r'href="(/console/tickets/T-[0-9A-Z]{8})"', page).group(1)
    out = {}
    for label, (path, cold) in PAGES.items():
        target = str(base.join(yarl.URL(path or ticket)))
        times = []
        for _ in range(runs):
            if cold:
                triage.forget()
            start = time.perf_counter()
            async with http.get(target) as r:
                await r.read()
                assert r.status == 200
            times.append((time.perf_counter() - start) * 1000)
        out[label] = statistics.median(times)
    return out


def queue_page_ms(url: str, runs: int) -> dict[str, float]:
    """Median milliseconds for each page of `PAGES`, over ``runs`` requests each."""
    return asyncio.run(_timed(url, runs))
