"""A value recomputed at most every so many seconds (the console's triage summary)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any


class Recent:
    """`get(compute)` gives the last value if it is younger than ``seconds``, else computes it
    (one computation at a time: concurrent requests wait for it instead of repeating it)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self.value: Any = None
        self.at: float | None = None
        self._lock = asyncio.Lock()

    async def get(self, compute: Callable[[], Awaitable[Any]]) -> Any:
        async with self._lock:
            if self.at is None or self.clock() - self.at > self.seconds:
                self.value = await compute()
                self.at = self.clock()
            return self.value

    def forget(self) -> None:
        self.at = None
