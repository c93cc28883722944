"""Staff sign-in to the console: good and bad credentials, expiry, rate limits, sign-out, CSRF."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from unittest import mock

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from sqlalchemy import select, update

from bot.gateway.auth import COOKIE, LOGIN_COOKIE, throttle
from bot.gateway.errors import TooManyRequests
from bot.gateway.keys import LOGIN_LIMITER
from bot.gateway.limits import RateLimiter
from bot.store.models import StaffSession
from tests.gateway.helpers import FAST, PASSWORDS, csrf_of, login_page, post_login, sign_in


async def test_the_console_sends_anyone_not_signed_in_to_the_sign_in_page(console):
    response = await console.get("/console/tickets/T-ABCDEFGH?x=1", allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/console/login?next=/console/tickets/T-ABCDEFGH?x%3D1"
    page = await (await console.get("/console/login")).text()
    assert 'type="password"' in page and 'autocomplete="current-password"' in page


async def test_the_right_password_signs_in_with_a_strict_httponly_cookie(console, db):
    response = await post_login(console, "alice", PASSWORDS["alice"])
    assert response.status == 303 and response.headers["Location"] == "/console"
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/console"
    queue = await console.get("/console")
    assert queue.status == 200 and "Signed in as <strong>alice</strong>" in await queue.text()
    assert queue.headers["Cache-Control"] == "no-store"
    with db.store.session() as s:
        row = s.execute(select(StaffSession)).scalar_one()
    # The store keeps only a digest of the cookie's token.
    assert row.staff == "alice" and row.id != cookie.value and len(row.id) == 64


async def test_a_sign_in_returns_to_the_page_asked_for_and_never_to_another_site(console):
    response = await post_login(console, "bob", PASSWORDS["bob"], next="/console/tickets/T-1")
    assert response.headers["Location"] == "/console/tickets/T-1"
    for elsewhere in (
        "https://evil.example/",
        "//evil.example/console/",
        "/api/v1/chat",
        "/console/x\r\nSet-Cookie: a=b",
        "/console/\\evil.example",
    ):
        console.session.cookie_jar.clear()
        response = await post_login(console, "bob", PASSWORDS["bob"], next=elsewhere)
        assert response.headers["Location"] == "/console"


async def test_a_wrong_password_and_an_unknown_name_are_refused_alike(console, db):
    wrong = await post_login(console, "alice", "not-her-password")
    unknown = await post_login(console, "mallory", "any-password-at-all")
    for response in (wrong, unknown):
        assert response.status == 401
        assert "That name and password do not match." in await response.text()
        assert COOKIE not in response.cookies
    assert (await console.get("/console", allow_redirects=False)).status == 303
    with db.store.session() as s:
        assert s.execute(select(StaffSession)).first() is None


async def test_a_name_is_read_without_case_or_spaces_and_empty_fields_are_asked_for(console):
    assert (await post_login(console, "  Alice ", PASSWORDS["alice"])).status == 303
    console.session.cookie_jar.clear()
    empty = await post_login(console, "alice", "")
    assert empty.status == 400 and "Enter your name and your password." in await empty.text()


async def test_an_idle_session_expires(console, db):
    await sign_in(console)
    with db.store.session() as s:
        s.execute(
            update(StaffSession).values(
                last_seen_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=31)
            )
        )
    response = await console.get("/console", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"].startswith("/console/login")
    with db.store.session() as s:
        assert s.execute(select(StaffSession)).first() is None  # deleted when found expired


async def test_a_busy_session_still_ends_twelve_hours_after_sign_in(console, db):
    await sign_in(console)
    with db.store.session() as s:
        s.execute(
            update(StaffSession).values(
                created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=12, minutes=1)
            )
        )
    assert (await console.get("/console", allow_redirects=False)).status == 303


async def test_a_used_session_is_kept_alive(console, db):
    await sign_in(console)
    earlier = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=29)
    with db.store.session() as s:
        s.execute(update(StaffSession).values(last_seen_at=earlier))
    assert (await console.get("/console")).status == 200
    with db.store.session() as s:
        seen = s.execute(select(StaffSession.last_seen_at)).scalar_one()
    assert seen > earlier + dt.timedelta(minutes=28)


async def test_sign_in_attempts_are_limited_per_address_even_with_the_right_password(
    client_for, settings, db
):
    cfg = replace(
        settings,
        database_url=db.url,
        gateway=replace(settings.gateway, login_burst=3, login_per_minute=1),
    )
    client = await client_for(cfg)
    for name in ("alice", "bob", "carol"):
        assert (await post_login(client, name, "wrong-password-xx")).status == 401
    limited = await post_login(client, "alice", PASSWORDS["alice"])
    assert limited.status == 429 and int(limited.headers["Retry-After"]) > 0
    assert "Too many sign-in attempts" in await limited.text()
    assert COOKIE not in limited.cookies


def test_sign_in_attempts_are_limited_per_name_from_any_address():
    app = web.Application()
    app[LOGIN_LIMITER] = RateLimiter(2, 1)

    def attempt(address: str, name: str) -> None:
        transport = mock.Mock()
        transport.get_extra_info.return_value = (address, 40000)
        throttle(make_mocked_request("POST", "/console/login", app=app, transport=transport), name)

    attempt("10.0.0.1", "alice")
    attempt("10.0.0.2", "alice")
    with pytest.raises(TooManyRequests):
        attempt("10.0.0.3", "alice")  # a third address, the same name
    attempt("10.0.0.3", "bob")


async def test_signing_out_ends_the_session_in_the_store(console, db):
    token = await sign_in(console)
    cookie = console.session.cookie_jar.filter_cookies(console.make_url("/console"))[COOKIE].value
    response = await console.post("/console/logout", data={"csrf": token}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/console/login?signed_out=1"
    assert "You have signed out." in await (await console.get("/console/login?signed_out=1")).text()
    with db.store.session() as s:
        assert s.execute(select(StaffSession)).first() is None
    # The old cookie, replayed, opens nothing.
    console.session.cookie_jar.update_cookies({COOKIE: cookie})
    assert (await console.get("/console", allow_redirects=False)).status == 303


async def test_signing_out_needs_the_sessions_csrf_token(console, db):
    await sign_in(console)
    for data in ({}, {"csrf": "wrong"}):
        response = await console.post("/console/logout", data=data, allow_redirects=False)
        assert response.status == 403
    assert (await console.get("/console")).status == 200  # still signed in


async def test_the_sign_in_form_needs_its_own_csrf_token(console, db):
    token = await login_page(console)
    for given in ("", "forged-token-from-elsewhere-123"):
        response = await post_login(console, "alice", PASSWORDS["alice"], token=given)
        assert response.status == 403
        assert "did not come from your console session" in await response.text()
    # Without the cookie that the sign-in page set, its token is refused too.
    console.session.cookie_jar.clear()
    response = await post_login(console, "alice", PASSWORDS["alice"], token=token)
    assert response.status == 403
    with db.store.session() as s:
        assert s.execute(select(StaffSession)).first() is None


async def test_the_sign_in_cookie_is_strict_and_httponly(console):
    response = await console.get("/console/login")
    cookie = response.cookies[LOGIN_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert csrf_of(await response.text()) == cookie.value


async def test_a_removed_staff_member_or_a_new_password_ends_their_sessions(
    client_for, settings, db
):
    staff_file = settings.var_dir / "staff"
    staff_file.write_text(f"alice:{FAST.hash(PASSWORDS['alice'])}\n")
    cfg = replace(settings, database_url=db.url, gateway=replace(settings.gateway, staff=""))
    client = await client_for(cfg)
    await sign_in(client)
    staff_file.write_text(f"alice:{FAST.hash('a-brand-new-password')}\n")
    assert (await client.get("/console", allow_redirects=False)).status == 303
    assert (await post_login(client, "alice", "a-brand-new-password")).status == 303
    assert (await client.get("/console")).status == 200
    staff_file.write_text("# nobody\n")
    assert (await client.get("/console", allow_redirects=False)).status == 303


async def test_with_no_staff_the_sign_in_page_says_how_to_add_one(client_for, settings, db):
    cfg = replace(settings, database_url=db.url, gateway=replace(settings.gateway, staff=""))
    client = await client_for(cfg)
    page = await (await client.get("/console/login")).text()
    assert "No staff can sign in yet" in page and "python -m bot.gateway.staff add NAME" in page
