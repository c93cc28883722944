"""Console sessions in the store: opened, found while fresh, ended when idle, old or closed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot.store.models import StaffSession
from bot.store.staff_sessions import (
    close_session,
    find_session,
    open_session,
    purge_expired,
)

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
IDLE, ABSOLUTE = dt.timedelta(minutes=30), dt.timedelta(hours=12)


def find(store, token, at):
    return find_session(store, token, idle=IDLE, absolute=ABSOLUTE, now=at)


def count(store) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(StaffSession)).scalar_one()


def test_a_session_is_found_by_its_token_only_and_keeps_no_token(store):
    token, opened = open_session(store, "alice", "cred", now=T0)
    found = find(store, token, T0 + dt.timedelta(minutes=5))
    assert found.staff == "alice" and found.csrf == opened.csrf and found.credential == "cred"
    assert find(store, token + "x", T0) is None
    with store.session() as s:
        assert token not in str(s.execute(select(StaffSession.id)).scalar_one())


def test_use_keeps_a_session_alive_until_it_is_idle_too_long(store):
    token, _ = open_session(store, "alice", "cred", now=T0)
    at = T0
    for _ in range(5):  # 25 minutes apart, two hours in all
        at += dt.timedelta(minutes=25)
        assert find(store, token, at) is not None
    assert find(store, token, at + dt.timedelta(minutes=31)) is None
    assert count(store) == 0  # deleted when found expired


def test_a_session_ends_at_its_absolute_limit_however_busy(store):
    token, _ = open_session(store, "alice", "cred", now=T0)
    at = T0
    while at < T0 + ABSOLUTE - dt.timedelta(minutes=20):
        at += dt.timedelta(minutes=20)
        assert find(store, token, at) is not None
    assert find(store, token, T0 + ABSOLUTE + dt.timedelta(minutes=1)) is None


def test_closing_and_purging(store):
    token, _ = open_session(store, "alice", "cred", now=T0)
    close_session(store, token)
    assert find(store, token, T0) is None
    open_session(store, "bob", "cred", now=T0)
    open_session(store, "carol", "cred", now=T0 + dt.timedelta(hours=1))
    assert (
        purge_expired(store, idle=IDLE, absolute=ABSOLUTE, now=T0 + dt.timedelta(minutes=61)) == 1
    )
    assert count(store) == 1
