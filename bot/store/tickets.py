"""Tickets: filing what the assistant could not settle, and what staff do with it.

`file_ticket` is called by the action server; `assign`, `add_note`, `resolve` and `reopen`
by the help-desk console. Each change is kept as a `TicketEvent`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bot.store.db import Store
from bot.store.ids import ticket_ref
from bot.store.models import Ticket, TicketEvent, utcnow

STATUSES = ("open", "assigned", "resolved")
REASONS = ("request_human", "out_of_scope", "fallback")


class TicketNotFound(LookupError):
    pass


class InvalidChange(ValueError):
    """A console action that makes no sense for the ticket (resolving a resolved ticket...)."""


@dataclass
class TicketDraft:
    """Everything gathered in the conversation, ready to file."""

    conversation_id: str
    reason: str
    question: str
    channel: str | None = None
    jurisdiction: str | None = None
    topic: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    advice: dict[str, Any] | None = None
    transcript: list[dict[str, Any]] = field(default_factory=list)
    routing: dict[str, Any] = field(default_factory=dict)
    contact: str | None = None
    supplier_abn: str | None = None
    ref: str = field(default_factory=ticket_ref)


_WORDS = re.compile(r"[a-z]+|\$?\d[\d,.]*k?")


def question_key(question: str) -> str:
    """The question normalised for counting: lower case, figures as #, at most 200 characters.

    "NSW agency, $60k of furniture?" and "nsw agency $80k of furniture" count as one question.
    """
    words = ["#" if w[0] in "$0123456789" else w for w in _WORDS.findall(question.lower())]
    return " ".join(words)[:200]


def file_ticket(store: Store, draft: TicketDraft, *, at: dt.datetime | None = None) -> str:
    """File ``draft`` once (filing the same reference again is a no-op); returns the reference."""
    if draft.reason not in REASONS:
        raise ValueError(f"unknown hand-off reason {draft.reason!r}")
    now = at or utcnow()
    with store.session() as session:
        if session.get(Ticket, draft.ref) is not None:
            return draft.ref
        session.add(
            Ticket(
                id=draft.ref,
                created_at=now,
                updated_at=now,
                status="open",
                reason=draft.reason,
                conversation_id=draft.conversation_id,
                channel=draft.channel,
                jurisdiction=draft.jurisdiction,
                topic=draft.topic,
                question=draft.question,
                question_key=question_key(draft.question),
                facts=draft.facts,
                advice=draft.advice,
                transcript=draft.transcript,
                routing=draft.routing,
                contact=draft.contact,
                supplier_abn=draft.supplier_abn,
            )
        )
        session.add(TicketEvent(ticket_id=draft.ref, at=now, kind="filed", text=draft.reason))
    return draft.ref


def get_ticket(store: Store, ref: str) -> Ticket | None:
    """The ticket with its transcript, facts, advice and events."""
    with store.session() as session:
        return session.execute(select(Ticket).where(Ticket.id == ref)).scalar_one_or_none()


def _change(
    store: Store,
    ref: str,
    kind: str,
    by: str,
    text: str = "",
    *,
    at: dt.datetime | None,
    apply: Any,
) -> Ticket:
    now = at or utcnow()
    with store.session() as session:
        ticket = session.get(Ticket, ref, with_for_update=True)
        if ticket is None:
            raise TicketNotFound(ref)
        apply(ticket, now)
        ticket.updated_at = now
        session.add(TicketEvent(ticket_id=ref, at=now, kind=kind, by=by, text=text))
    found = get_ticket(store, ref)
    assert found is not None
    return found


def assign(
    store: Store, ref: str, assignee: str, *, by: str, at: dt.datetime | None = None
) -> Ticket:
    if not assignee.strip():
        raise InvalidChange("say whom to assign the ticket to")

    def apply(t: Ticket, _now: dt.datetime) -> None:
        if t.status == "resolved":
            raise InvalidChange(f"{ref} is resolved: reopen it first")
        t.assignee = assignee.strip()
        t.status = "assigned"

    return _change(store, ref, "assigned", by, assignee.strip(), at=at, apply=apply)


def add_note(
    store: Store, ref: str, text: str, *, by: str, at: dt.datetime | None = None
) -> Ticket:
    if not text.strip():
        raise InvalidChange("a note needs some text")
    return _change(store, ref, "note", by, text.strip(), at=at, apply=lambda t, n: None)


def resolve(
    store: Store, ref: str, resolution: str, *, by: str, at: dt.datetime | None = None
) -> Ticket:
    if not resolution.strip():
        raise InvalidChange("say how the ticket was resolved")

    def apply(t: Ticket, now: dt.datetime) -> None:
        if t.status == "resolved":
            raise InvalidChange(f"{ref} is already resolved")
        t.status = "resolved"
        t.resolved_at = now
        t.resolution = resolution.strip()

    return _change(store, ref, "resolved", by, resolution.strip(), at=at, apply=apply)


def reopen(store: Store, ref: str, *, by: str, at: dt.datetime | None = None) -> Ticket:
    def apply(t: Ticket, _now: dt.datetime) -> None:
        if t.status != "resolved":
            raise InvalidChange(f"{ref} is not resolved")
        t.status = "assigned" if t.assignee else "open"
        t.resolved_at = None

    return _change(store, ref, "reopened", by, at=at, apply=apply)
