"""The console's queries: the queue with its filters and pages, triage, re-run with new facts."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store.console import queue, rerun, triage_summary
from bot.store.records import new_record, save_record
from bot.store.tickets import TicketDraft, TicketNotFound, file_ticket, resolve
from knowledge import InvalidFacts, assess

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.timezone.utc)


def _file(store, hours_ago: float, **kw) -> str:
    fields = dict(conversation_id="c", reason="request_human", question="a question")
    fields.update(kw)
    return file_ticket(store, TicketDraft(**fields), at=NOW - dt.timedelta(hours=hours_ago))


@pytest.fixture
def tickets(store):
    refs = {
        "qld_old": _file(
            store, 72, jurisdiction="QLD", topic="set_aside", question="Set-aside for $20k?"
        ),
        "qld_new": _file(
            store, 1, jurisdiction="QLD", topic="sme_status", question="Set-aside for $30k?"
        ),
        "act": _file(
            store, 5, jurisdiction="ACT", topic="quotations", reason="fallback", question="blah"
        ),
        "nsw": _file(
            store, 30, jurisdiction="NSW", reason="out_of_scope", question="NSW tender rules?"
        ),
        "none": _file(store, 2, question="can I talk to someone"),
    }
    resolve(store, refs["act"], "answered by phone", by="sam")
    return refs


def refs_of(page):
    return [r.ref for r in page.rows]


def test_the_queue_is_oldest_first_with_ages(store, tickets):
    page = queue(store, now=NOW)
    assert refs_of(page) == [tickets[k] for k in ("qld_old", "nsw", "act", "none", "qld_new")]
    assert page.rows[0].age == dt.timedelta(hours=72)
    assert page.total == 5 and page.pages == 1


def test_the_queue_filters_by_status_jurisdiction_topic_and_age(store, tickets):
    assert tickets["act"] not in refs_of(queue(store, status="open", now=NOW))
    assert refs_of(queue(store, status="resolved", now=NOW)) == [tickets["act"]]
    assert refs_of(queue(store, jurisdiction="QLD", now=NOW)) == [
        tickets["qld_old"],
        tickets["qld_new"],
    ]
    assert refs_of(queue(store, jurisdiction="other", now=NOW)) == [tickets["nsw"]]
    assert refs_of(queue(store, jurisdiction="none", now=NOW)) == [tickets["none"]]
    assert refs_of(queue(store, topic="sme_status", now=NOW)) == [tickets["qld_new"]]
    older = queue(store, older_than=dt.timedelta(hours=24), now=NOW)
    assert refs_of(older) == [tickets["qld_old"], tickets["nsw"]]
    newer = queue(store, newer_than=dt.timedelta(hours=3), now=NOW)
    assert refs_of(newer) == [tickets["none"], tickets["qld_new"]]
    both = queue(
        store, status="open", jurisdiction="QLD", older_than=dt.timedelta(hours=2), now=NOW
    )
    assert refs_of(both) == [tickets["qld_old"]]


def test_the_queue_pages(store, tickets):
    first = queue(store, per_page=2, page=1, now=NOW)
    third = queue(store, per_page=2, page=3, now=NOW)
    assert (first.total, first.pages, len(first.rows), len(third.rows)) == (5, 3, 2, 1)
    assert queue(store, per_page=2, page=4, now=NOW).rows == []


@pytest.mark.parametrize(
    "bad", [{"status": "lost"}, {"page": 0}, {"per_page": 0}, {"per_page": 1000}]
)
def test_bad_queue_arguments_are_refused(store, bad):
    with pytest.raises(ValueError):
        queue(store, **bad)


def test_triage_counts_open_tickets_and_frequent_questions(store, tickets):
    _file(store, 1, jurisdiction="NSW", reason="out_of_scope", question="nsw tender rules")
    facts = {"jurisdiction": "ACT", "value": 25000.0, "as_of": "2026-11-22"}
    advice = assess(facts)
    for _ in range(2):
        save_record(
            store, new_record(conversation_id="c", channel=None, facts=facts, advice=advice)
        )
    t = triage_summary(store)
    assert t.open_by_jurisdiction == {"QLD": 2, "NSW": 2, None: 1}
    assert t.open_by_topic[None] == 3 and t.open_by_topic["set_aside"] == 1
    assert "set_aside" in t.open_by_topic and "quotations" not in t.open_by_topic
    counted = {q.lower().rstrip("?"): n for q, n in t.frequent_questions}
    assert counted["nsw tender rules"] == 2  # two tickets, asked in two ways
    assert counted.get("set-aside for $20k", counted.get("set-aside for $30k")) == 2
    assert counted["blah"] == 1 and len(counted) == 4
    reason, count = t.frequent_unsettled[0]
    assert count == 2 and "$25,000" in reason


def test_rerun_shows_the_original_advice_beside_the_edited(store):
    facts = {"jurisdiction": "ACT", "value": 60000.0, "services": False, "as_of": "2026-11-22"}
    ref = _file(store, 1, jurisdiction="ACT", facts=facts, advice=assess(facts))
    what_if = rerun(store, ref, {"jurisdiction": "ACT", "value": 600000.0, "construction": True})
    assert what_if.original_advice == assess(facts)
    assert what_if.edited_facts["as_of"] == "2026-11-22"  # read for the original's date
    assert what_if.changed == {
        "construction": (None, True),
        "services": (False, None),
        "value": (60000.0, 600000.0),
    }
    lead = {d["topic"]: d for d in what_if.edited_advice["determinations"]}["quotations"]
    assert lead["method"] == "limited_tender"  # construction work: the open tender line is $1m


def test_rerun_refuses_invalid_facts_and_unknown_tickets(store):
    ref = _file(store, 1)
    with pytest.raises(InvalidFacts):
        rerun(store, ref, {"jurisdiction": "ACT", "value": -5})
    with pytest.raises(TicketNotFound):
        rerun(store, "T-NOPE0000", {})
