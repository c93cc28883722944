"""Tickets: filed with everything gathered, then assigned, noted, resolved by staff."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store.tickets import (
    InvalidChange,
    TicketDraft,
    TicketNotFound,
    add_note,
    assign,
    file_ticket,
    get_ticket,
    question_key,
    reopen,
    resolve,
)
from knowledge import assess

AT = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc)
FACTS = {"jurisdiction": "QLD", "ict": True, "value": 20000.0, "as_of": "2026-11-22"}


def draft(**kw) -> TicketDraft:
    base = dict(
        conversation_id="conv-7",
        reason="request_human",
        question="Can we use the set-aside for a hardware refresh?",
        channel="rest",
        jurisdiction="QLD",
        topic="set_aside",
        facts=FACTS,
        advice=assess(FACTS),
        transcript=[
            {"who": "user", "text": "QLD, $20k ICT, one quote?", "at": "2026-11-22T09:00:00+00:00"},
            {"who": "bot", "text": "Set-aside: ...", "at": "2026-11-22T09:00:01+00:00"},
        ],
        routing={"name": "ICT Strategic Sourcing", "email": "ICTStrategicSourcing@qld.gov.au"},
        contact="jane@example.gov.au",
    )
    base.update(kw)
    return TicketDraft(**base)


def test_a_filed_ticket_keeps_everything_gathered(store):
    ref = file_ticket(store, draft(), at=AT)
    assert ref.startswith("T-") and len(ref) == 10
    t = get_ticket(store, ref)
    assert (t.status, t.reason, t.jurisdiction, t.topic) == (
        "open",
        "request_human",
        "QLD",
        "set_aside",
    )
    assert t.facts == FACTS and t.advice["determinations"]
    assert t.transcript[0]["text"] == "QLD, $20k ICT, one quote?"
    assert t.routing["name"] == "ICT Strategic Sourcing"
    assert t.contact == "jane@example.gov.au"
    assert t.created_at == AT
    assert [e.kind for e in t.events] == ["filed"]


def test_filing_the_same_reference_again_is_a_no_op(store):
    d = draft()
    file_ticket(store, d, at=AT)
    file_ticket(store, d, at=AT + dt.timedelta(minutes=5))
    assert get_ticket(store, d.ref).created_at == AT


def test_an_unknown_reason_is_refused(store):
    with pytest.raises(ValueError, match="reason"):
        file_ticket(store, draft(reason="bored"))


def test_assign_note_resolve_and_reopen(store):
    ref = file_ticket(store, draft(), at=AT)
    t = assign(store, ref, "sam", by="lee", at=AT + dt.timedelta(hours=1))
    assert (t.status, t.assignee) == ("assigned", "sam")
    t = add_note(store, ref, "Called the agency.", by="sam")
    t = resolve(store, ref, "Set-aside confirmed under 5.1.", by="sam")
    assert t.status == "resolved" and t.resolution == "Set-aside confirmed under 5.1."
    assert t.resolved_at is not None
    with pytest.raises(InvalidChange, match="already resolved"):
        resolve(store, ref, "again", by="sam")
    with pytest.raises(InvalidChange, match="reopen it first"):
        assign(store, ref, "kim", by="lee")
    t = reopen(store, ref, by="lee")
    assert t.status == "assigned" and t.resolved_at is None
    assert [(e.kind, e.by) for e in t.events] == [
        ("filed", None),
        ("assigned", "lee"),
        ("note", "sam"),
        ("resolved", "sam"),
        ("reopened", "lee"),
    ]
    assert t.events[2].text == "Called the agency."


def test_changes_to_an_unknown_ticket_or_empty_text_are_refused(store):
    with pytest.raises(TicketNotFound):
        add_note(store, "T-NOPE0000", "hello", by="sam")
    ref = file_ticket(store, draft())
    with pytest.raises(InvalidChange):
        add_note(store, ref, "   ", by="sam")
    with pytest.raises(InvalidChange):
        assign(store, ref, "", by="sam")


def test_questions_that_differ_only_in_figures_count_as_one():
    assert question_key("NSW agency, $60k of furniture?") == question_key(
        "nsw agency $80,000 of furniture"
    )
    assert question_key("NSW agency, $60k of furniture?") != question_key(
        "WA agency, $60k of furniture"
    )
