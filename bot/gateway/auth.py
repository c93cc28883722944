"""Staff sign-in for the console: sessions, CSRF tokens, sign-in attempts.

- A signed-in staff member's cookie (``advisor_staff``: HttpOnly, SameSite=Strict, path
  /console) holds a random token; the session lives in the store (`bot.store.staff_sessions`),
  ends after ``CONSOLE_IDLE_MINUTES`` idle or ``CONSOLE_MAX_HOURS`` after sign-in, at sign-out,
  when the staff member is removed or their password changes.
- Every form carries a CSRF token: the session's own (synchronizer token) once signed in; on
  the sign-in form, a random value that must match the ``advisor_login`` cookie (double submit).
  A POST without it or with a wrong one is refused with 403 before anything changes.
- Sign-in attempts are limited per client address and per name (``CONSOLE_LOGIN_BURST``, then
  ``CONSOLE_LOGIN_PER_MINUTE``); past that, 429 with Retry-After, whatever the password.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import secrets
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from bot.gateway.errors import (
    BadRequest,
    Forbidden,
    PayloadTooLarge,
    TooManyRequests,
    UnsupportedMediaType,
)
from bot.gateway.keys import LOGIN_LIMITER, SETTINGS, STAFF, VERIFYING
from bot.gateway.store import call
from bot.store import staff_sessions
from bot.store.staff_sessions import SignedIn

COOKIE = "advisor_staff"
LOGIN_COOKIE = "advisor_login"
PATH = "/console"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
SIGNED_IN = "console.signed_in"


def timeouts(app: web.Application) -> tuple[dt.timedelta, dt.timedelta]:
    g = app[SETTINGS].gateway
    return dt.timedelta(minutes=g.console_idle_minutes), dt.timedelta(hours=g.console_max_hours)


async def current(request: web.Request) -> SignedIn | None:
    """The staff member signed in on this request, or None (expired, signed out, removed)."""
    if SIGNED_IN in request:
        return request[SIGNED_IN]
    token = request.cookies.get(COOKIE)
    found = None
    if token and len(token) < 100:
        idle, absolute = timeouts(request.app)
        found = await call(
            request, lambda s: staff_sessions.find_session(s, token, idle=idle, absolute=absolute)
        )
        if found and found.credential != request.app[STAFF].credential(found.staff):
            await call(request, lambda s: staff_sessions.close_session(s, token))
            found = None
    request[SIGNED_IN] = found
    return found


def local_path(path: str | None) -> str:
    """``path`` if it is a console page of this gateway (never another site), else the queue."""
    if (
        path
        and path.startswith(PATH + "/")
        and path.isprintable()
        and not any(c in path for c in " \\")
    ):
        return path
    return PATH


def login_url(request: web.Request) -> str:
    query = {"next": request.path_qs} if request.method == "GET" else {}
    return str(request.app.router["console.login"].url_for().with_query(query))


async def require(request: web.Request) -> SignedIn:
    """The signed-in staff member; anyone else is sent to the sign-in page."""
    signed_in = await current(request)
    if signed_in is None:
        raise web.HTTPSeeOther(login_url(request))
    return signed_in


async def form(request: web.Request) -> MultiDictProxy[Any]:
    """The POSTed form, bounded in size."""
    if request.content_type not in FORM_TYPES:
        raise UnsupportedMediaType("Send the form as a web form.")
    limit = request.app[SETTINGS].gateway.assess_max_bytes
    if request.content_length is None:
        raise BadRequest("Send the form with its length (Content-Length).")
    if request.content_length > limit:
        raise PayloadTooLarge(f"The form is over the limit of {limit:,} bytes.")
    try:
        return await request.post()
    except ValueError:
        raise BadRequest("The form could not be read.") from None


def _same(given: Any, expected: str | None) -> bool:
    return (
        isinstance(given, str)
        and bool(expected)
        and hmac.compare_digest(given.encode(), str(expected).encode())
    )


CSRF_REFUSED = (
    "This form did not come from your console session (or the page is too old). "
    "Go back, reload the page and try again."
)


async def signed_form(request: web.Request) -> tuple[SignedIn, MultiDictProxy[Any]]:
    """The signed-in staff member and their form, if it carries the session's CSRF token."""
    signed_in = await require(request)
    data = await form(request)
    if not _same(data.get("csrf"), signed_in.csrf):
        raise Forbidden(CSRF_REFUSED)
    return signed_in, data


# --- signing in and out -------------------------------------------------------------------


def login_token(request: web.Request) -> str:
    """The sign-in form's CSRF value: the one in the browser's cookie, or a new one."""
    token = request.cookies.get(LOGIN_COOKIE, "")
    return token if 20 <= len(token) <= 64 else secrets.token_urlsafe(24)


def set_login_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(
        LOGIN_COOKIE,
        token,
        path=PATH,
        httponly=True,
        samesite="Strict",
        secure=request.app[SETTINGS].gateway.cookie_secure,
    )


def check_login_form(request: web.Request, data: MultiDictProxy[Any]) -> None:
    if not _same(data.get("csrf"), request.cookies.get(LOGIN_COOKIE)):
        raise Forbidden(CSRF_REFUSED)


def throttle(request: web.Request, name: str) -> None:
    limiter = request.app[LOGIN_LIMITER]
    wait = max(limiter.take(f"address:{request.remote}"), limiter.take(f"name:{name}"))
    if wait:
        raise TooManyRequests(wait, "sign-in attempts")


async def verify(request: web.Request, name: str, password: str) -> bool:
    staff = request.app[STAFF]
    async with request.app[VERIFYING]:
        return await asyncio.to_thread(staff.verify, name, password)


async def sign_in(request: web.Request, response: web.StreamResponse, name: str) -> None:
    """Open a session for ``name`` (already verified) and give its cookie to ``response``."""
    credential = request.app[STAFF].credential(name) or ""
    idle, absolute = timeouts(request.app)

    def opened(store: Any) -> str:
        staff_sessions.purge_expired(store, idle=idle, absolute=absolute)
        token, _ = staff_sessions.open_session(store, name, credential)
        return token

    token = await call(request, opened, write=True)
    response.set_cookie(
        COOKIE,
        token,
        path=PATH,
        httponly=True,
        samesite="Strict",
        secure=request.app[SETTINGS].gateway.cookie_secure,
    )
    response.del_cookie(LOGIN_COOKIE, path=PATH)


async def sign_out(request: web.Request, response: web.StreamResponse) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        await call(request, lambda s: staff_sessions.close_session(s, token))
    response.del_cookie(COOKIE, path=PATH)
