"""Retries: a briefly unavailable database is tried again; other errors are not retried."""

from __future__ import annotations

import pytest
from sqlalchemy import exc

from bot.store.backoff import StoreUnavailable, retry, retry_async


def _flaky(failures: int, error: Exception):
    calls = {"n": 0}

    def fn():
        calls["n"] += 1
        if calls["n"] <= failures:
            raise error
        return "written"

    return fn, calls


LOST = exc.OperationalError("INSERT", {}, Exception("server closed the connection"))


def test_a_brief_outage_is_retried_with_growing_waits():
    fn, calls = _flaky(2, LOST)
    waits = []
    assert retry(fn, delays=(0.1, 0.2, 0.4), sleep=waits.append) == "written"
    assert calls["n"] == 3 and waits == [0.1, 0.2]


def test_a_long_outage_gives_up_with_store_unavailable():
    fn, calls = _flaky(10, LOST)
    with pytest.raises(StoreUnavailable):
        retry(fn, attempts=4, delays=(0.0,), sleep=lambda s: None)
    assert calls["n"] == 4


def test_a_programming_error_is_not_retried():
    fn, calls = _flaky(1, exc.IntegrityError("INSERT", {}, Exception("duplicate key")))
    with pytest.raises(exc.IntegrityError):
        retry(fn, sleep=lambda s: None)
    assert calls["n"] == 1


async def test_the_async_retry_waits_without_blocking():
    fn, calls = _flaky(3, LOST)
    assert await retry_async(fn, delays=(0.01,), attempts=4) == "written"
    assert calls["n"] == 4
