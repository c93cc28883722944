"""The conversation's owner: a signed, HttpOnly, SameSite session cookie.

The cookie holds a random session id and its HMAC-SHA256 under the gateway's secret. The
gateway derives Rasa's sender id from it; a client never names the sender, so it can write only
into the conversation its own cookie signs. A missing, forged or malformed cookie gets a new
session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from aiohttp import web

COOKIE = "advisor_session"
MAX_AGE = 30 * 24 * 3600
SENDER_PREFIX = "web-"


def _sign(secret: str, sid: str) -> str:
    mac = hmac.new(secret.encode(), sid.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def seal(secret: str, sid: str) -> str:
    return f"{sid}.{_sign(secret, sid)}"


def unseal(secret: str, value: str | None) -> str | None:
    """The session id a cookie value signs, or None."""
    if not value or value.count(".") != 1:
        return None
    sid, mac = value.split(".")
    if not sid or not hmac.compare_digest(mac, _sign(secret, sid)):
        return None
    return sid


def new_session_id() -> str:
    return secrets.token_urlsafe(18)


def sender_id(sid: str) -> str:
    return SENDER_PREFIX + sid


class Sessions:
    def __init__(self, secret: str, secure: bool = False) -> None:
        if len(secret) < 16:
            raise ValueError("the gateway's secret must be at least 16 characters")
        self.secret = secret
        self.secure = secure

    def current(self, request: web.Request) -> str | None:
        return unseal(self.secret, request.cookies.get(COOKIE))

    def ensure(self, request: web.Request) -> tuple[str, bool]:
        """The request's session id, and whether it is new (its cookie must be set)."""
        sid = self.current(request)
        return (sid, False) if sid else (new_session_id(), True)

    def set_cookie(self, response: web.StreamResponse, sid: str) -> None:
        response.set_cookie(
            COOKIE,
            seal(self.secret, sid),
            max_age=MAX_AGE,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.secure,
        )
