"""Bounds on what a client may send: body size, JSON shape, and turns per session."""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.gateway.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType


async def read_json(request: web.Request, max_bytes: int) -> Any:
    """The request's JSON body, read up to `max_bytes` (413 past it, 400 if not JSON)."""
    if request.content_type != "application/json":
        raise UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).")
    if request.content_length is not None and request.content_length > max_bytes:
        raise PayloadTooLarge(f"The body is over the limit of {max_bytes:,} bytes.")
    body = b""
    while len(body) <= max_bytes:
        chunk = await request.content.read(max_bytes + 1 - len(body))
        if not chunk:
            break
        body += chunk
    if len(body) > max_bytes:
        raise PayloadTooLarge(f"The body is over the limit of {max_bytes:,} bytes.")
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"The body is not valid JSON: {_short(exc)}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _short(exc: Exception) -> str:
    return str(exc).split(": line")[0] if isinstance(exc, json.JSONDecodeError) else str(exc)


class RateLimiter:
    """A token bucket per key: `burst` at once, then `per_minute`; bounded memory.

    `take(key)` returns 0 when the turn may go ahead, or the whole seconds to wait.
    """

    def __init__(
        self,
        burst: int,
        per_minute: float,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = float(max(burst, 1))
        self.rate = max(per_minute, 0.001) / 60.0
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> int:
        now = self.clock()
        tokens, last = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[key] = (tokens - 1, now)
            wait = 0
        else:
            self._buckets[key] = (tokens, now)
            wait = math.ceil((1 - tokens) / self.rate)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait
