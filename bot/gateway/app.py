"""The app factory: `create_app(settings)` builds the gateway with its routes and state."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from importlib.metadata import PackageNotFoundError, version

import aiohttp
from aiohttp import web

from bot.config import Settings, stored_secret
from bot.gateway import health
from bot.gateway.errors import error_middleware
from bot.gateway.keys import (
    CHAT_LIMITER,
    CHECKS,
    HTTP,
    LOGIN_LIMITER,
    OPENAPI,
    RASA,
    RECORD_LIMITER,
    SESSION_LIMITER,
    SESSIONS,
    SETTINGS,
    STAFF,
    TRIAGE,
    VERIFYING,
)
from bot.gateway.limits import RateLimiter
from bot.gateway.openapi import document
from bot.gateway.rasa import Rasa
from bot.gateway.recent import Recent
from bot.gateway.routes import setup_routes
from bot.gateway.session import Sessions
from bot.gateway.staff import Staff
from bot.gateway.store import open_store, store_check

#: Seconds the console's triage summary may be old (counting 10,000 tickets takes ~100 ms).
TRIAGE_SECONDS = 30.0
#: The page loads only what the gateway serves: no CDN, no external font, no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'self'"
)


def _version() -> str:
    try:
        return version("procurement-advisor")
    except PackageNotFoundError:
        return "0"


async def _http_client(app: web.Application) -> AsyncIterator[None]:
    """The client session for Rasa and the health checks, open while the app runs."""
    connector = aiohttp.TCPConnector(limit=100, limit_per_host=50)
    async with aiohttp.ClientSession(connector=connector) as http:
        app[HTTP] = http
        cfg = app[SETTINGS]
        app[RASA] = Rasa(http, cfg.rasa_url, cfg.rasa_token, cfg.gateway.rasa_timeout)
        yield


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Content-Security-Policy", CSP)
    if request.path.startswith(("/api/", "/console")) or request.path == "/healthz":
        response.headers.setdefault("Cache-Control", "no-store")


def create_app(settings: Settings) -> web.Application:
    g = settings.gateway
    app = web.Application(middlewares=[error_middleware])
    app[SETTINGS] = settings
    app[SESSIONS] = Sessions(
        g.secret or stored_secret(settings.var_dir, "gateway_secret"), secure=g.cookie_secure
    )
    app[CHAT_LIMITER] = RateLimiter(g.chat_burst, g.chat_per_minute)
    app[SESSION_LIMITER] = RateLimiter(g.new_sessions_burst, g.new_sessions_per_minute)
    app[CHECKS] = dict(health.DEFAULT_CHECKS)
    app[OPENAPI] = document(_version())
    # The help-desk console: staff, sign-in attempts, password checks at once; record look-ups.
    app[STAFF] = Staff(settings.var_dir / "staff", g.staff)
    app[LOGIN_LIMITER] = RateLimiter(g.login_burst, g.login_per_minute)
    app[VERIFYING] = asyncio.Semaphore(2)
    app[RECORD_LIMITER] = RateLimiter(60, 60)
    app[TRIAGE] = Recent(TRIAGE_SECONDS)
    app.cleanup_ctx.append(_http_client)
    app.cleanup_ctx.append(open_store)
    health.add_check(app, "store", store_check)
    app.on_response_prepare.append(_headers)
    setup_routes(app)
    return app
