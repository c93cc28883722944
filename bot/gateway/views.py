"""The gateway's views: thin, each a few lines over the modules that do the work."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.gateway.errors import BadRequest, TooManyRequests
from bot.gateway.health import report
from bot.gateway.keys import CHAT_LIMITER, OPENAPI, RASA, SESSION_LIMITER, SESSIONS, SETTINGS
from bot.gateway.limits import read_json
from bot.gateway.messages import from_events, from_rest
from bot.gateway.session import sender_id
from knowledge import assess as assess_facts

STATIC = Path(__file__).parent / "static"
#: Tells Rasa's actions which channel the message came from (Rasa's own name stays "rest").
METADATA = {"channel": "web"}


async def index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


def _message(body: Any) -> str:
    if not isinstance(body, dict):
        raise BadRequest('Send a JSON object: {"message": "..."}.')
    text = body.get("message")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest('"message" must be a non-empty string.')
    return text.strip()


def _limit(request: web.Request, sid: str, new: bool) -> None:
    # A client that drops its cookie gets a new session each time: bound those per address.
    wait = request.app[SESSION_LIMITER].take(request.remote or "unknown") if new else 0
    wait = wait or request.app[CHAT_LIMITER].take(sid)
    if wait:
        raise TooManyRequests(wait)


async def chat(request: web.Request) -> web.Response:
    app = request.app
    sid, new = app[SESSIONS].ensure(request)
    _limit(request, sid, new)
    text = _message(await read_json(request, app[SETTINGS].gateway.chat_max_bytes))
    start = time.perf_counter()
    replies = await app[RASA].send(sender_id(sid), text, METADATA)
    rasa_ms = (time.perf_counter() - start) * 1000
    response = web.json_response({"messages": from_rest(replies)})
    # How long Rasa took, so a client can tell the gateway's own share of a turn.
    response.headers["Server-Timing"] = f"rasa;dur={rasa_ms:.1f}"
    if new:
        app[SESSIONS].set_cookie(response, sid)
    return response


async def history(request: web.Request) -> web.Response:
    sid = request.app[SESSIONS].current(request)
    if sid is None:
        return web.json_response({"messages": []})
    events = await request.app[RASA].events(sender_id(sid))
    return web.json_response({"messages": from_events(events)})


async def assess(request: web.Request) -> web.Response:
    facts = await read_json(request, request.app[SETTINGS].gateway.assess_max_bytes)
    return web.json_response(assess_facts(facts))


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(request.app[OPENAPI])


async def healthz(request: web.Request) -> web.Response:
    ok, body = await report(request.app)
    return web.json_response(body, status=200 if ok else 503)
