"""What the help-desk console asks of the store: the queue, the triage summary, a what-if.

The console pages are thin: each calls one of these and renders what it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bot.store.db import Store
from bot.store.models import DecisionRecord, Ticket, utcnow
from bot.store.tickets import STATUSES, TicketNotFound, get_ticket

MAX_PER_PAGE = 200


@dataclass(frozen=True)
class QueueRow:
    ref: str
    created_at: dt.datetime
    age: dt.timedelta
    status: str
    reason: str
    jurisdiction: str | None
    topic: str | None
    question: str
    assignee: str | None
    channel: str | None


@dataclass(frozen=True)
class Page:
    rows: list[QueueRow]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def queue(
    store: Store,
    *,
    status: str | None = None,
    jurisdiction: str | None = None,
    topic: str | None = None,
    older_than: dt.timedelta | None = None,
    newer_than: dt.timedelta | None = None,
    page: int = 1,
    per_page: int = 50,
    now: dt.datetime | None = None,
) -> Page:
    """Tickets, oldest first, filtered by status, jurisdiction, topic and age; one page.

    ``status="unresolved"`` is open or assigned. ``jurisdiction="other"`` is any jurisdiction
    the sources don't cover, ``"none"`` none given.
    """
    if status is not None and status not in (*STATUSES, "unresolved"):
        raise ValueError(f"status must be one of {', '.join(STATUSES)} or unresolved")
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"page starts at 1 and per_page is 1 to {MAX_PER_PAGE}")
    now = now or utcnow()
    where = []
    if status == "unresolved":
        where.append(Ticket.status != "resolved")
    elif status:
        where.append(Ticket.status == status)
    if jurisdiction == "none":
        where.append(Ticket.jurisdiction.is_(None))
    elif jurisdiction == "other":
        where.append(Ticket.jurisdiction.not_in(("ACT", "QLD", "CTH")))
    elif jurisdiction:
        where.append(Ticket.jurisdiction == jurisdiction)
    if topic == "none":
        where.append(Ticket.topic.is_(None))
    elif topic:
        where.append(Ticket.topic == topic)
    if older_than is not None:
        where.append(Ticket.created_at <= now - older_than)
    if newer_than is not None:
        where.append(Ticket.created_at >= now - newer_than)
    columns = (
        Ticket.id,
        Ticket.created_at,
        Ticket.status,
        Ticket.reason,
        Ticket.jurisdiction,
        Ticket.topic,
        Ticket.question,
        Ticket.assignee,
        Ticket.channel,
    )
    with store.session() as session:
        total = session.execute(select(func.count()).select_from(Ticket).where(*where)).scalar_one()
        result = session.execute(
            select(*columns)
            .where(*where)
            .order_by(Ticket.created_at, Ticket.id)
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        rows = [
            QueueRow(
                ref=r.id,
                created_at=r.created_at,
                age=now - r.created_at,
                status=r.status,
                reason=r.reason,
                jurisdiction=r.jurisdiction,
                topic=r.topic,
                question=r.question,
                assignee=r.assignee,
                channel=r.channel,
            )
            for r in result
        ]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


@dataclass(frozen=True)
class Triage:
    #: Open (not resolved) tickets per jurisdiction and per topic; None is "not given".
    open_by_jurisdiction: dict[str | None, int]
    open_by_topic: dict[str | None, int]
    #: The questions handed off most often: (one way it was asked, how many tickets), where
    #: questions that differ only in figures count as one (`tickets.question_key`).
    frequent_questions: list[tuple[str, int]]
    #: What the sources most often left unsettled in the advice given: (reason, how often).
    frequent_unsettled: list[tuple[str, int]]


def triage_summary(store: Store, *, top: int = 10, since: dt.datetime | None = None) -> Triage:
    not_resolved = Ticket.status != "resolved"
    with store.session() as session:
        by_j = session.execute(
            select(Ticket.jurisdiction, func.count())
            .where(not_resolved)
            .group_by(Ticket.jurisdiction)
            .order_by(func.count().desc())
        ).all()
        by_t = session.execute(
            select(Ticket.topic, func.count())
            .where(not_resolved)
            .group_by(Ticket.topic)
            .order_by(func.count().desc())
        ).all()
        since_clause = [Ticket.created_at >= since] if since else []
        keys = session.execute(
            select(Ticket.question_key, func.count(), func.min(Ticket.id))
            .where(Ticket.question_key != "", *since_clause)
            .group_by(Ticket.question_key)
            .order_by(func.count().desc(), Ticket.question_key)
            .limit(top)
        ).all()
        shown = dict(
            session.execute(
                select(Ticket.id, Ticket.question).where(Ticket.id.in_([k[2] for k in keys]))
            ).all()
        )
        record_since = [DecisionRecord.created_at >= since] if since else []
        unsettled: dict[str, int] = {}
        advice_rows = session.execute(
            select(DecisionRecord.advice)
            .where(*record_since)
            .order_by(DecisionRecord.created_at.desc())
            .limit(5000)
        ).scalars()
        for advice in advice_rows:
            for o in (advice or {}).get("out_of_scope", []):
                unsettled[o["reason"]] = unsettled.get(o["reason"], 0) + 1
    return Triage(
        open_by_jurisdiction={j: n for j, n in by_j},
        open_by_topic={t: n for t, n in by_t},
        frequent_questions=[(shown[k[2]], k[1]) for k in keys],
        frequent_unsettled=sorted(unsettled.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
    )


@dataclass(frozen=True)
class WhatIf:
    ticket: str
    original_facts: dict[str, Any]
    original_advice: dict[str, Any] | None
    edited_facts: dict[str, Any]
    edited_advice: dict[str, Any]
    #: Facts whose value differs: {fact: (original, edited)} (nested facts with a dot).
    changed: dict[str, tuple[Any, Any]]


def _flatten(facts: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in facts.items():
        if isinstance(v, dict):
            out.update({f"{k}.{kk}": vv for kk, vv in v.items()})
        else:
            out[k] = v
    return out


def rerun(store: Store, ref: str, edited_facts: dict[str, Any]) -> WhatIf:
    """The ticket's advice beside ``knowledge.assess(edited_facts)``, for staff to compare.

    The rules are read as of the original facts' date unless the edit gives ``as_of``.
    Raises `knowledge.InvalidFacts` (with its ``errors``) when the edited facts are invalid.
    """
    from knowledge import assess

    ticket = get_ticket(store, ref)
    if ticket is None:
        raise TicketNotFound(ref)
    edited = dict(edited_facts)
    if "as_of" not in edited and "as_of" in ticket.facts:
        edited["as_of"] = ticket.facts["as_of"]
    advice = assess(edited)
    before, after = _flatten(ticket.facts), _flatten(edited)
    changed = {
        k: (before.get(k), after.get(k))
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }
    return WhatIf(
        ticket=ref,
        original_facts=ticket.facts,
        original_advice=ticket.advice,
        edited_facts=edited,
        edited_advice=advice,
        changed=changed,
    )
