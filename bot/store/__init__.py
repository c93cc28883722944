"""The project's store: decision records and help-desk tickets (SQLAlchemy 1.4, 2.0 style).

Nothing connects at import: build a `Store` with `Store.from_url(url)` (``DATABASE_URL`` or
SQLite in ``var/advisor.db`` by default) and pass it to the functions of `records`, `tickets`
and `console`. Schema changes are Alembic migrations: ``python -m bot.store upgrade``
(``make migrate``).
"""

from bot.store.backoff import StoreUnavailable, retry, retry_async
from bot.store.db import Store, database_url, make_engine

__all__ = [
    "Store",
    "StoreUnavailable",
    "database_url",
    "make_engine",
    "retry",
    "retry_async",
]
