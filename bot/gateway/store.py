"""The project's store in the gateway: opened at start, disposed at exit, checked by /healthz.

`open_store` is a cleanup context: the engine is made from ``DATABASE_URL`` (SQLite in
``var/advisor.db`` by default) when the app starts, never at import. Views call the store's
(synchronous) functions through `call`, in a worker thread, with `retry_async`'s backoff for
reads; a database that stays down is `StoreDown` (503), never a traceback.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.gateway.errors import StoreDown
from bot.gateway.keys import SETTINGS, STORE
from bot.store import Store, StoreUnavailable, migrate, retry_async
from bot.store.backoff import transient

T = TypeVar("T")
#: Reads are tried again over about 1.4 s; writes once (a note must not be added twice).
READ_DELAYS = (0.2, 0.4, 0.8)


async def open_store(app: web.Application) -> AsyncIterator[None]:
    store = Store.from_url(app[SETTINGS].store_url)
    app[STORE] = store
    try:
        yield
    finally:
        store.dispose()


async def call(request: web.Request, fn: Callable[[Store], T], *, write: bool = False) -> T:
    """``fn(store)`` in a worker thread; `StoreDown` if the database does not answer."""
    store = request.app[STORE]
    try:
        if write:
            return await asyncio.to_thread(fn, store)
        return await retry_async(lambda: fn(store), delays=READ_DELAYS)
    except StoreUnavailable:
        raise StoreDown() from None
    except SQLAlchemyError as error:
        if transient(error):
            raise StoreDown() from None
        raise


@functools.cache
def _head() -> str:
    return migrate.head()


def _revision(store: Store) -> str:
    try:
        current = migrate.current(store.engine)
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        raise RuntimeError(f"not answering ({type(cause).__name__})") from None
    if current != _head():
        raise RuntimeError(
            f"schema at revision {current or 'none'}, not {_head()}: run `make migrate`"
        )
    return f"{store.engine.dialect.name}, revision {current}"


async def store_check(app: web.Application) -> str:
    """/healthz: the store answers and its schema is the latest."""
    return await asyncio.to_thread(_revision, app[STORE])
