"""A stand-in for Rasa (REST webhook, tracker, status) and the action server (/health).

It answers "ACT agency, $60k of furniture" the way `action_answer` does on the REST channel
(text and buttons, then the advice as a custom payload, from the real `knowledge` and
`actions.channels`), asks a yes/no question for "$700k", and keeps each sender's events as
Rasa's tracker would. `mode` makes it misbehave: "slow", "empty" (an action failed), "error"
(500), "garbage" (not JSON).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from actions.channels import default_answer
from knowledge import assess

TOKEN = "standin-token"
AS_OF = "2026-11-22"
FACTS_60K = {"jurisdiction": "ACT", "as_of": AS_OF, "value": 60_000, "construction": False}
FACTS_700K = {"jurisdiction": "ACT", "as_of": AS_OF, "value": 700_000, "construction": False}
QUESTION = "Is this related to construction work?"
YES_NO = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "/deny"}]


@dataclass
class StandIn:
    port: int = 0
    mode: str = "ok"
    delay: float = 0.0
    received: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _answer(facts: dict[str, Any]) -> dict[str, Any]:
    (message,) = default_answer(assess(facts), facts, "quotations")
    return message


def _reply(text: str) -> dict[str, Any]:
    """The bot's message (as the action server would hand it to Rasa) for a user text."""
    if "700k" in text:
        return {"text": QUESTION, "buttons": YES_NO}
    if text in ("/deny", "no"):
        return _answer(FACTS_700K)
    if "60k" in text:
        return _answer(FACTS_60K)
    return {"text": "Hello! Ask me a procurement question."}


def _rest(recipient: str, m: dict[str, Any]) -> list[dict[str, Any]]:
    """As Rasa's CollectingOutputChannel splits it: text with buttons, then the custom."""
    out = [{"recipient_id": recipient, "text": m["text"]}]
    if m.get("buttons"):
        out[0]["buttons"] = m["buttons"]
    if m.get("json_message"):
        out.append({"recipient_id": recipient, "custom": m["json_message"]})
    return out


def app(state: StandIn) -> web.Application:
    async def webhook(request: web.Request) -> web.StreamResponse:
        body = await request.json()
        state.received.append(body)
        if state.delay:
            await asyncio.sleep(state.delay)
        if state.mode == "error":
            return web.json_response({"error": "boom"}, status=500)
        if state.mode == "garbage":
            return web.Response(text="<html>not json</html>")
        if state.mode == "empty":
            return web.json_response([])
        sender, text = body["sender"], body["message"]
        m = _reply(text)
        state.events.setdefault(sender, []).extend(
            [
                {"event": "action", "name": "action_listen"},
                {"event": "user", "text": text, "metadata": body.get("metadata", {})},
                {
                    "event": "bot",
                    "text": m["text"],
                    "data": {"buttons": m.get("buttons"), "custom": m.get("json_message")},
                },
            ]
        )
        return web.json_response(_rest(sender, m))

    def authorised(request: web.Request) -> None:
        if request.query.get("token") != TOKEN:
            raise web.HTTPUnauthorized()

    async def tracker(request: web.Request) -> web.Response:
        authorised(request)
        if state.mode == "slow":
            await asyncio.sleep(state.delay)
        sender = request.match_info["sender"]
        return web.json_response({"sender_id": sender, "events": state.events.get(sender, [])})

    async def status(request: web.Request) -> web.Response:
        authorised(request)
        if state.mode == "slow":
            await asyncio.sleep(state.delay)
        return web.json_response({"model_file": "advisor.tar.gz", "model_id": "standin"})

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    a = web.Application()
    a.router.add_post("/webhooks/rest/webhook", webhook)
    a.router.add_get("/conversations/{sender}/tracker", tracker)
    a.router.add_get("/status", status)
    a.router.add_get("/health", health)
    return a
