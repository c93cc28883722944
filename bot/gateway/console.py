"""The help-desk console's pages: sign-in and sign-out, the queue with its triage summary, and a
ticket with its transcript, facts and advice. Actions on a ticket are in `console_actions`.

Thin views: each checks the staff member's session, calls one of `bot.store.console`'s or
`bot.store.tickets`' functions through `bot.gateway.store.call` and renders a template.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import asdict, dataclass, replace
from typing import Any

from aiohttp import web
from multidict import MultiMapping

from bot.gateway import auth
from bot.gateway.errors import BadRequest, NotFound
from bot.gateway.keys import STAFF, TRIAGE
from bot.gateway.pages import render
from bot.gateway.store import call
from bot.store.console import Triage, queue, triage_summary
from bot.store.ids import is_ticket_ref
from bot.store.models import Ticket
from bot.store.tickets import get_ticket

log = logging.getLogger(__name__)
PER_PAGE = 50
STATUSES = {
    "unresolved": "Not resolved",
    "open": "Open",
    "assigned": "Assigned",
    "resolved": "Resolved",
    "all": "Any status",
}
JURISDICTIONS = {
    "": "Any jurisdiction",
    "ACT": "ACT",
    "QLD": "Queensland",
    "CTH": "Commonwealth",
    "other": "Another state",
    "none": "Not given",
}
DAY = dt.timedelta(days=1)
#: value: (label, older than, newer than)
AGES: dict[str, tuple[str, dt.timedelta | None, dt.timedelta | None]] = {
    "": ("Any age", None, None),
    "new": ("Filed in the last day", None, DAY),
    "1d": ("Waiting over a day", DAY, None),
    "3d": ("Waiting over 3 days", 3 * DAY, None),
    "7d": ("Waiting over a week", 7 * DAY, None),
}
REASONS = {
    "request_human": "Asked for a person",
    "out_of_scope": "Outside the sources",
    "fallback": "Not understood",
}
DONE = {
    "assigned": "Assigned.",
    "note": "Note added.",
    "resolved": "Resolved.",
    "reopened": "Reopened.",
}


@dataclass(frozen=True)
class Filters:
    status: str = "unresolved"
    jurisdiction: str = ""
    topic: str = ""
    age: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, query: MultiMapping[str]) -> Filters:
        f = cls(
            status=query.get("status") or "unresolved",
            jurisdiction=query.get("jurisdiction", ""),
            topic=query.get("topic", "").strip(),
            age=query.get("age", ""),
        )
        if f.status not in STATUSES:
            raise BadRequest(f"Status must be one of: {', '.join(STATUSES)}.")
        if f.jurisdiction not in JURISDICTIONS:
            raise BadRequest(
                f"Jurisdiction must be one of: {', '.join(filter(None, JURISDICTIONS))}."
            )
        if f.age not in AGES:
            raise BadRequest(f"Age must be one of: {', '.join(filter(None, AGES))}.")
        if len(f.topic) > 64:
            raise BadRequest("A topic is at most 64 characters.")
        raw = query.get("page", "1")
        if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
            raise BadRequest("The page is a whole number from 1.")
        return replace(f, page=int(raw))

    def query(self, **changes: Any) -> dict[str, str]:
        """The query string for this view with ``changes`` (defaults left out)."""
        values = {**asdict(self), **changes}
        default = asdict(Filters())
        return {k: str(v) for k, v in values.items() if v != default[k]}

    def arguments(self) -> dict[str, Any]:
        _, older, newer = AGES[self.age]
        return {
            "status": None if self.status == "all" else self.status,
            "jurisdiction": self.jurisdiction or None,
            "topic": self.topic or None,
            "older_than": older,
            "newer_than": newer,
            "page": self.page,
            "per_page": PER_PAGE,
        }


def _url(request: web.Request, name: str, query: dict[str, str] | None = None, **parts: str) -> str:
    url = request.app.router[name].url_for(**parts)
    return str(url.with_query(query) if query else url)


def common(request: web.Request, signed_in: Any) -> dict[str, Any]:
    """What every signed-in page shows: who is signed in, the sign-out form's token, links."""
    return {
        "staff": signed_in.staff,
        "csrf": signed_in.csrf,
        "queue_url": _url(request, "console.queue"),
        "logout_url": _url(request, "console.logout"),
    }


# --- signing in and out -------------------------------------------------------------------


def _login_page(
    request: web.Request, status: int = 200, error: str = "", name: str = ""
) -> web.Response:
    token = auth.login_token(request)
    staff = request.app[STAFF]
    response = render(
        "login.html",
        status=status,
        staff=None,
        csrf=token,
        error=error,
        name=name,
        next=auth.local_path(request.query.get("next")),
        signed_out="signed_out" in request.query,
        no_staff=not staff.names(),
        staff_source=staff.source,
        action=_url(request, "console.login"),
    )
    auth.set_login_cookie(request, response, token)
    return response


async def login_form(request: web.Request) -> web.StreamResponse:
    if await auth.current(request):
        raise web.HTTPSeeOther(auth.local_path(request.query.get("next")))
    return _login_page(request)


async def login(request: web.Request) -> web.StreamResponse:
    data = await auth.form(request)
    auth.check_login_form(request, data)
    name = str(data.get("name", "")).strip().lower()[:64]
    password = str(data.get("password", ""))
    auth.throttle(request, name)
    if not name or not password:
        return _login_page(request, 400, "Enter your name and your password.", name)
    if not await auth.verify(request, name, password):
        log.warning("console sign-in refused (from %s)", request.remote)
        return _login_page(request, 401, "That name and password do not match.", name)
    response = web.Response(
        status=303, headers={"Location": auth.local_path(str(data.get("next", "")))}
    )
    await auth.sign_in(request, response, name)
    log.info("console: %s signed in", name)
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    await auth.signed_form(request)
    location = _url(request, "console.login", {"signed_out": "1"})
    response = web.Response(status=303, headers={"Location": location})
    await auth.sign_out(request, response)
    return response


# --- the queue ----------------------------------------------------------------------------


async def queue_page(request: web.Request) -> web.Response:
    signed_in = await auth.require(request)
    f = Filters.from_query(request.query)

    async def counted() -> tuple[Triage, dt.datetime]:
        return await call(request, triage_summary), dt.datetime.now(dt.timezone.utc)

    page, (triage, counted_at) = await asyncio.gather(
        call(request, lambda s: queue(s, **f.arguments())), request.app[TRIAGE].get(counted)
    )
    topics = sorted({t for t in triage.open_by_topic if t} | ({f.topic} if f.topic else set()))

    def link(**changes: Any) -> str:
        return _url(request, "console.queue", f.query(**changes))

    return render(
        "queue.html",
        **common(request, signed_in),
        filters=f,
        page=page,
        triage=triage,
        counted_at=counted_at,
        statuses=STATUSES,
        jurisdictions=JURISDICTIONS,
        ages={k: v[0] for k, v in AGES.items()},
        topics=topics,
        reasons=REASONS,
        link=link,
        ticket_url=lambda ref: _url(request, "console.ticket", ref=ref),
    )


# --- a ticket -----------------------------------------------------------------------------


def ticket_ref(request: web.Request) -> str:
    ref = request.match_info["ref"].upper()
    if not is_ticket_ref(ref):
        raise NotFound(
            f"There is no ticket {request.match_info['ref'][:20]!r}: a reference is T- and 8 letters or digits."
        )
    return ref


async def load_ticket(request: web.Request) -> Ticket:
    ref = ticket_ref(request)
    ticket = await call(request, lambda s: get_ticket(s, ref))
    if ticket is None:
        raise NotFound(f"There is no ticket {ref}.")
    return ticket


def ticket_context(request: web.Request, signed_in: Any, ticket: Ticket) -> dict[str, Any]:
    ref = ticket.id
    return {
        **common(request, signed_in),
        "ticket": ticket,
        "age": dt.datetime.now(dt.timezone.utc) - ticket.created_at,
        "reasons": REASONS,
        "staff_names": request.app[STAFF].names(),
        "done": DONE.get(request.query.get("done", ""), ""),
        "error": "",
        "draft": {},
        "urls": {
            action: _url(request, f"console.{action}", ref=ref)
            for action in ("ticket", "assign", "note", "resolve", "reopen", "rerun")
        },
    }


async def ticket_page(request: web.Request) -> web.Response:
    signed_in = await auth.require(request)
    ticket = await load_ticket(request)
    return render("ticket.html", **ticket_context(request, signed_in, ticket))
