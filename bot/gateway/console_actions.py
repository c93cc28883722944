"""What staff do on a ticket: assign, note, resolve, reopen; and "re-run with changed facts".

Every action is a POST of a form that carries the session's CSRF token (checked before anything
changes) and answers with a redirect to the ticket page (303), or the page again with the
error (400) when the change makes no sense. The re-run changes nothing: it shows the advice for
edited facts beside the ticket's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.gateway import auth
from bot.gateway.console import common, load_ticket, ticket_context, ticket_ref
from bot.gateway.errors import NotFound
from bot.gateway.keys import STAFF
from bot.gateway.pages import render
from bot.gateway.store import call
from bot.store import Store, tickets
from bot.store.console import rerun as what_if
from bot.store.tickets import InvalidChange, TicketNotFound
from knowledge import InvalidFacts

log = logging.getLogger(__name__)
MAX_TEXT = 4000


async def _change(
    request: web.Request, done: str, change: Callable[[Store, str, str, str], Any], field: str = ""
) -> web.StreamResponse:
    signed_in, data = await auth.signed_form(request)
    ref = ticket_ref(request)
    text = str(data.get(field, "")).strip() if field else ""
    try:
        if len(text) > MAX_TEXT:
            raise InvalidChange(f"keep it to {MAX_TEXT:,} characters")
        await call(request, lambda s: change(s, ref, text, signed_in.staff), write=True)
    except TicketNotFound:
        raise NotFound(f"There is no ticket {ref}.") from None
    except InvalidChange as error:
        ticket = await load_ticket(request)
        context = ticket_context(request, signed_in, ticket)
        context["error"] = f"Not done: {error}."
        context["draft"] = {field: text}
        return render("ticket.html", status=400, **context)
    log.info("console: %s %s %s", signed_in.staff, done, ref)
    location = request.app.router["console.ticket"].url_for(ref=ref).with_query(done=done)
    return web.Response(status=303, headers={"Location": str(location)})


async def assign(request: web.Request) -> web.StreamResponse:
    staff = request.app[STAFF]

    def apply(s: Store, ref: str, assignee: str, by: str) -> Any:
        if assignee.lower() not in staff:
            raise InvalidChange(f"{assignee or 'nobody'} is not one of the console's staff")
        return tickets.assign(s, ref, assignee.lower(), by=by)

    return await _change(request, "assigned", apply, "assignee")


async def note(request: web.Request) -> web.StreamResponse:
    return await _change(
        request, "note", lambda s, ref, text, by: tickets.add_note(s, ref, text, by=by), "text"
    )


async def resolve(request: web.Request) -> web.StreamResponse:
    return await _change(
        request,
        "resolved",
        lambda s, ref, text, by: tickets.resolve(s, ref, text, by=by),
        "resolution",
    )


async def reopen(request: web.Request) -> web.StreamResponse:
    return await _change(request, "reopened", lambda s, ref, _t, by: tickets.reopen(s, ref, by=by))


# --- re-run with changed facts ------------------------------------------------------------


def _facts_text(facts: dict[str, Any]) -> str:
    return json.dumps(facts, indent=2, ensure_ascii=False)


def _parse(text: str) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The edited facts, or the errors to show (as `knowledge.InvalidFacts` gives them)."""
    try:
        facts = json.loads(text, parse_constant=_no_constant)
    except ValueError as error:
        where = (
            f" (line {error.lineno}, column {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)
        return None, [{"field": "facts", "message": f"not valid JSON: {message}{where}"}]
    if not isinstance(facts, dict):
        return None, [{"field": "facts", "message": "the facts must be a JSON object { ... }"}]
    return facts, []


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


async def rerun_page(request: web.Request) -> web.Response:
    signed_in = await auth.require(request)
    ticket = await load_ticket(request)
    return _rerun_render(request, signed_in, ticket, _facts_text(ticket.facts))


def _rerun_render(
    request: web.Request,
    signed_in: Any,
    ticket: Any,
    text: str,
    result: Any = None,
    errors: list[dict[str, str]] | None = None,
    status: int = 200,
) -> web.Response:
    return render(
        "rerun.html",
        status=status,
        **common(request, signed_in),
        ticket=ticket,
        facts_text=text,
        result=result,
        errors=errors or [],
        ticket_url=str(request.app.router["console.ticket"].url_for(ref=ticket.id)),
        action=str(request.app.router["console.rerun"].url_for(ref=ticket.id)),
    )


async def rerun(request: web.Request) -> web.Response:
    signed_in, data = await auth.signed_form(request)
    ticket = await load_ticket(request)
    text = str(data.get("facts", ""))
    facts, errors = _parse(text)
    if facts is None:
        return _rerun_render(request, signed_in, ticket, text, errors=errors, status=422)
    try:
        result = await call(request, lambda s: what_if(s, ticket.id, facts))
    except InvalidFacts as error:
        return _rerun_render(
            request, signed_in, ticket, text, errors=error.to_dict()["errors"], status=422
        )
    return _rerun_render(request, signed_in, ticket, text, result=result)
