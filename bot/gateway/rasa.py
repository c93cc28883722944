"""Rasa on loopback: its REST channel, a conversation's tracker, its status; bounded waits.

Every call has a timeout. A refused connection, a timeout, a non-200 status or a body that is
not what Rasa sends raises `AssistantUnavailable`, which the error middleware answers with 503.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp

from bot.gateway.errors import AssistantUnavailable

CONNECT_TIMEOUT = 3.0
TRACKER_TIMEOUT = 10.0


class Rasa:
    def __init__(self, http: aiohttp.ClientSession, url: str, token: str, timeout: float) -> None:
        self.http = http
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _timeout(self, total: float) -> aiohttp.ClientTimeout:
        return aiohttp.ClientTimeout(total=total, connect=min(CONNECT_TIMEOUT, total))

    async def _json(self, method: str, path: str, total: float, **kwargs: Any) -> Any:
        try:
            async with self.http.request(
                method, self.url + path, timeout=self._timeout(total), **kwargs
            ) as response:
                if response.status != 200:
                    raise AssistantUnavailable(f"Rasa answered {path} with {response.status}")
                return await response.json(content_type=None)
        except asyncio.TimeoutError:
            raise AssistantUnavailable(f"Rasa did not answer {path} within {total:g} s") from None
        except (aiohttp.ClientError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise AssistantUnavailable(f"Rasa at {self.url}: {exc!r}") from None

    async def send(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict]:
        """The bot's messages in reply to one user message (Rasa's REST channel)."""
        body = {"sender": sender, "message": text, "metadata": metadata}
        replies = await self._json("POST", "/webhooks/rest/webhook", self.timeout, json=body)
        if not isinstance(replies, list) or not all(isinstance(r, dict) for r in replies):
            raise AssistantUnavailable("Rasa's REST channel sent something other than a list")
        if not replies:
            # Rasa answers 200 with nothing when an action failed (the action server is down).
            raise AssistantUnavailable("Rasa sent no reply (is the action server up?)")
        return replies

    async def events(self, sender: str) -> list[dict]:
        """The conversation's events since its last restart."""
        state = await self._json(
            "GET",
            f"/conversations/{sender}/tracker",
            min(TRACKER_TIMEOUT, self.timeout),
            params={"token": self.token, "include_events": "AFTER_RESTART"},
        )
        events = state.get("events") if isinstance(state, dict) else None
        if not isinstance(events, list):
            raise AssistantUnavailable("Rasa's tracker has no list of events")
        return [e for e in events if isinstance(e, dict)]
