"""GET /healthz: does each part answer? A pluggable list of named checks.

A check is an async function of the app returning a short detail string; it raises (or times
out) when its component is down. `add_check(app, name, check)` adds one before the app starts
(the project's own store, say); the defaults are the gateway itself, Rasa (/status with the
token), the action server (/health) and the SQLite tracker store.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.gateway.keys import CHECKS, HTTP, SETTINGS

Check = Callable[[web.Application], Awaitable[str]]


def add_check(app: web.Application, name: str, check: Check) -> None:
    app[CHECKS][name] = check


async def gateway(app: web.Application) -> str:
    return "serving"


async def _get(app: web.Application, url: str, params: dict[str, str] | None = None) -> str:
    timeout = aiohttp.ClientTimeout(total=app[SETTINGS].gateway.health_timeout)
    async with app[HTTP].get(url, params=params, timeout=timeout) as response:
        if response.status != 200:
            raise RuntimeError(f"answered {response.status}")
        return "answering"


async def rasa(app: web.Application) -> str:
    cfg = app[SETTINGS]
    return await _get(app, f"{cfg.rasa_url}/status", {"token": cfg.rasa_token})


async def action_server(app: web.Application) -> str:
    return await _get(app, f"{app[SETTINGS].actions_url}/health")


def _query_sqlite(path: Path) -> str:
    if not path.exists():
        raise RuntimeError(f"no database at {path}")
    # Read-only, so a check never creates or locks the tracker store.
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)) as db:
        (tables,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return f"sqlite, {tables} tables"


async def tracker_store(app: web.Application) -> str:
    return await asyncio.to_thread(_query_sqlite, app[SETTINGS].tracker_db)


DEFAULT_CHECKS: dict[str, Check] = {
    "gateway": gateway,
    "rasa": rasa,
    "action_server": action_server,
    "database": tracker_store,
}


async def _run(app: web.Application, check: Check) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        detail = await asyncio.wait_for(check(app), app[SETTINGS].gateway.health_timeout)
        ok = True
    except asyncio.TimeoutError:
        ok, detail = False, "timed out"
    except Exception as exc:
        ok, detail = False, _describe(exc)
    return {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - start) * 1000, 1)}


def _describe(exc: Exception) -> str:
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "not reachable (connection refused)"
    return str(exc) or type(exc).__name__


async def report(app: web.Application) -> tuple[bool, dict[str, Any]]:
    names = list(app[CHECKS])
    results = await asyncio.gather(*(_run(app, app[CHECKS][n]) for n in names))
    components = dict(zip(names, results, strict=True))
    ok = all(r["ok"] for r in results)
    return ok, {"status": "ok" if ok else "unavailable", "components": components}
