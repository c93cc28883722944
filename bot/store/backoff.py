"""Retrying store calls while the database is briefly unavailable, with backoff.

Only errors that a retry can cure are retried (a lost connection, a locked SQLite file, a full
pool); a programming error or a constraint violation is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import exc

T = TypeVar("T")
log = logging.getLogger(__name__)

#: Waits between attempts, in seconds: five attempts over about 3.5 s.
BACKOFF = (0.2, 0.4, 0.8, 1.6, 3.2)


class StoreUnavailable(Exception):
    """The database did not answer after every retry."""


def transient(error: BaseException) -> bool:
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError)


def retry(
    fn: Callable[[], T],
    *,
    delays: Sequence[float] | None = None,
    attempts: int = 4,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``fn()``, tried up to ``attempts`` times; raises `StoreUnavailable` when all fail."""
    delays = delays or BACKOFF
    for attempt in range(attempts):
        try:
            return fn()
        except Exception as error:
            if not transient(error):
                raise
            log.warning(
                "store call failed (attempt %d of %d): %s",
                attempt + 1,
                attempts,
                type(error).__name__,
            )
            if attempt + 1 == attempts:
                raise StoreUnavailable(str(error.__class__.__name__)) from error
            sleep(delays[min(attempt, len(delays) - 1)])
    raise AssertionError("unreachable")


async def retry_async(
    fn: Callable[[], T], *, delays: Sequence[float] | None = None, attempts: int = 4
) -> T:
    """`retry` for async code: each attempt runs in a worker thread, waits don't block."""
    delays = delays or BACKOFF
    for attempt in range(attempts):
        try:
            return await asyncio.to_thread(fn)
        except Exception as error:
            if not transient(error):
                raise
            log.warning(
                "store call failed (attempt %d of %d): %s",
                attempt + 1,
                attempts,
                type(error).__name__,
            )
            if attempt + 1 == attempts:
                raise StoreUnavailable(type(error).__name__) from error
            await asyncio.sleep(delays[min(attempt, len(delays) - 1)])
    raise AssertionError("unreachable")
