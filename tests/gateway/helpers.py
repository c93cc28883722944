"""Signing in to the console as a browser does, and tickets to find there."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import argon2
from aiohttp.test_utils import TestClient

from bot.store import Store
from bot.store.tickets import TicketDraft, file_ticket
from knowledge import assess

#: Cheap Argon2 parameters so that each sign-in takes milliseconds (the gateway uses the
#: parameters a hash names; production hashes use argon2-cffi's defaults).
FAST = argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORDS = {"alice": "alice-password-1", "bob": "bob-password-22"}
STAFF = ",".join(f"{n}:{FAST.hash(p)}" for n, p in PASSWORDS.items())
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FACTS = {"jurisdiction": "QLD", "ict": True, "value": 20000.0, "as_of": "2026-11-22"}


def csrf_of(page: str) -> str:
    found = CSRF.search(page)
    assert found, "no CSRF token on the page"
    return html.unescape(found.group(1))


async def login_page(client: TestClient, path: str = "/console/login") -> str:
    response = await client.get(path)
    assert response.status == 200
    return csrf_of(await response.text())


async def post_login(
    client: TestClient, name: str, password: str, token: str | None = None, **extra: str
) -> Any:
    token = token if token is not None else await login_page(client)
    return await client.post(
        "/console/login",
        data={"csrf": token, "name": name, "password": password, **extra},
        allow_redirects=False,
    )


async def sign_in(client: TestClient, name: str = "alice") -> str:
    """Sign in as ``name``; returns the session's CSRF token (from the queue page)."""
    response = await post_login(client, name, PASSWORDS[name])
    assert response.status == 303, await response.text()
    queue = await client.get("/console")
    assert queue.status == 200
    return csrf_of(await queue.text())


def draft(**changes: Any) -> TicketDraft:
    facts = changes.pop("facts", FACTS)
    values: dict[str, Any] = {
        "conversation_id": "web-conversation-1",
        "reason": "request_human",
        "question": "QLD agency, $20k ICT, can I get one quote?",
        "channel": "web",
        "jurisdiction": "QLD",
        "topic": "set_aside",
        "facts": facts,
        "advice": changes.pop("advice") if "advice" in changes else assess(facts),
        "transcript": [
            {"who": "user", "text": "QLD agency, $20k ICT, can I get one quote?", "at": None},
            {"who": "assistant", "text": "You may obtain only one quote...", "at": None},
            {"who": "user", "text": "can I talk to a person?", "at": None},
        ],
        "routing": {
            "name": "ICT Strategic Sourcing",
            "email": "ICTStrategicSourcing@qld.gov.au",
            "why": "ICT Strategic Sourcing owns the scheme.",
        },
        "contact": "buyer@agency.qld.gov.au",
    }
    values.update(changes)
    return TicketDraft(**values)


def file(store: Store, *, days_ago: float = 0, **changes: Any) -> str:
    at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)
    return file_ticket(store, draft(**changes), at=at)
