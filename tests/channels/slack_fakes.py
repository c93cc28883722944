"""A stand-in for Slack: signed requests as Slack sends them, and its Web API's chat.postMessage.

The Web API stand-in answers like Slack: `invalid_auth` for a wrong token, `invalid_arguments`
for `as_user` (refused from new apps' bot tokens), `invalid_blocks` for blocks over Slack's
limits (tests/channels/blockkit.py); otherwise it records the post.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from tests.channels.blockkit import problems

TOKEN = "xoxb-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER = "UBOT"
TEAM = "T0001"


def signed(
    body: bytes,
    content_type: str,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
) -> dict[str, str]:
    """Headers Slack sends with `body`: v0 HMAC-SHA256 of 'v0:<timestamp>:<body>'."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def event_body(
    text: str,
    *,
    user: str = "U111",
    channel: str = "D222",
    channel_type: str = "im",
    ts: str = "1700000000.000100",
    thread_ts: str | None = None,
    kind: str = "message",
    **extra: Any,
) -> bytes:
    event: dict[str, Any] = {
        "type": kind,
        "user": user,
        "text": text,
        "channel": channel,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }
    if kind == "message":
        event["channel_type"] = channel_type
    if thread_ts:
        event["thread_ts"] = thread_ts
    body = {
        "token": "verification-token",
        "team_id": TEAM,
        "type": "event_callback",
        "event_id": f"Ev{ts.replace('.', '')}",
        "event": event,
        "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
    }
    return json.dumps(body).encode()


def click_body(
    value: str,
    *,
    user: str = "U111",
    channel: str = "D222",
    message_ts: str = "1700000001.000200",
    thread_ts: str | None = None,
) -> bytes:
    """An interactivity request: a block_actions payload for a button click."""
    message: dict[str, Any] = {"type": "message", "ts": message_ts, "bot_id": "B1"}
    if thread_ts:
        message["thread_ts"] = thread_ts
    payload = {
        "type": "block_actions",
        "user": {"id": user},
        "channel": {"id": channel},
        "message": message,
        "container": {"type": "message", "message_ts": message_ts, "thread_ts": thread_ts},
        "actions": [
            {
                "type": "button",
                "action_id": "advisor_next_0",
                "value": value,
                "text": {"type": "plain_text", "text": value},
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)}).encode()


class SlackApi:
    """chat.postMessage at <url>/api/chat.postMessage; `posts` holds what it accepted."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.posts: list[dict[str, Any]] = []
        self.refused: list[tuple[str, dict[str, Any]]] = []
        self.app = web.Application()
        self.app.router.add_post("/api/chat.postMessage", self.post_message)

    async def post_message(self, request: web.Request) -> web.Response:
        body = await request.json()
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self._refuse("invalid_auth", body)
        if "as_user" in body:
            return self._refuse("invalid_arguments", body, deprecated_argument="as_user")
        if not body.get("channel") or not (body.get("text") or body.get("blocks")):
            return self._refuse("no_text", body)
        if "blocks" in body and problems(body):
            return self._refuse("invalid_blocks", body, problems=problems(body))
        self.posts.append(body)
        return web.json_response({"ok": True, "channel": body["channel"], "ts": "1700000009.1"})

    def _refuse(self, error: str, body: dict[str, Any], **extra: Any) -> web.Response:
        self.refused.append((error, body))
        return web.json_response({"ok": False, "error": error, **extra})
