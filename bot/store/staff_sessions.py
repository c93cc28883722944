"""Help-desk console sessions, kept server-side so that signing out (or removing a staff member)
ends them at once, on every gateway process sharing the store.

The cookie holds a random token; the table keeps only its SHA-256. A session ends when it has
been idle longer than ``idle`` or open longer than ``absolute``; ``find_session`` deletes it
then. Each session has its own CSRF token for the console's forms.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_

from bot.store.db import Store
from bot.store.models import StaffSession, utcnow

#: ``last_seen_at`` is written at most this often (a read per request, a write per minute).
TOUCH_EVERY = dt.timedelta(seconds=60)


@dataclass(frozen=True)
class SignedIn:
    staff: str
    csrf: str
    credential: str
    created_at: dt.datetime
    last_seen_at: dt.datetime


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _signed_in(row: StaffSession) -> SignedIn:
    return SignedIn(row.staff, row.csrf, row.credential, row.created_at, row.last_seen_at)


def open_session(
    store: Store, staff: str, credential: str, *, now: dt.datetime | None = None
) -> tuple[str, SignedIn]:
    """A new session for ``staff`` (signed in with ``credential``): its cookie token, and it."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = StaffSession(
        id=_key(token),
        staff=staff,
        csrf=secrets.token_urlsafe(32),
        credential=credential,
        created_at=now,
        last_seen_at=now,
    )
    with store.session() as session:
        session.add(row)
    return token, _signed_in(row)


def find_session(
    store: Store,
    token: str,
    *,
    idle: dt.timedelta,
    absolute: dt.timedelta,
    now: dt.datetime | None = None,
) -> SignedIn | None:
    """The session ``token`` opens, if it has not expired (an expired one is deleted)."""
    now = now or utcnow()
    with store.session() as session:
        row = session.get(StaffSession, _key(token))
        if row is None:
            return None
        if now - row.last_seen_at > idle or now - row.created_at > absolute:
            session.delete(row)
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
        return _signed_in(row)


def close_session(store: Store, token: str) -> None:
    with store.session() as session:
        session.execute(delete(StaffSession).where(StaffSession.id == _key(token)))


def purge_expired(
    store: Store, *, idle: dt.timedelta, absolute: dt.timedelta, now: dt.datetime | None = None
) -> int:
    """Delete the sessions that have expired; returns how many."""
    now = now or utcnow()
    with store.session() as session:
        result = session.execute(
            delete(StaffSession).where(
                or_(
                    StaffSession.last_seen_at < now - idle, StaffSession.created_at < now - absolute
                )
            )
        )
        return result.rowcount or 0
