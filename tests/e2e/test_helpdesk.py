"""End to end: a hand-off conversation over HTTP, then the ticket read back through the
console's query functions; an answer's decision record read back as the gateway will."""

from __future__ import annotations

import re
import uuid

import pytest

from bot.store import Store, make_engine
from bot.store.console import queue, rerun, triage_summary
from bot.store.records import get_record, record_document, record_markdown, records_of
from bot.store.tickets import get_ticket
from tests.e2e.test_conversations import say


@pytest.fixture
def live_store(live):
    store = Store(make_engine(f"sqlite:///{live.var_dir / 'advisor.db'}"))
    yield store
    store.dispose()


def _text(replies) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def test_a_hand_off_is_filed_and_the_console_reads_it_back(live, live_store):
    sender = f"e2e-{uuid.uuid4().hex}"
    assert "only one quote" in _text(
        say(live, sender, "QLD agency, $20k ICT, can I get one quote?")
    )
    said = "What if the supplier is Jane Citizen, a sole trader, ABN 53 004 085 616?"
    assert "CITIZEN, JANE MARY" in _text(say(live, sender, said))  # looked up on the ABR
    assert "Shall I file a ticket?" in _text(say(live, sender, "can I talk to a person?"))
    assert "reach you" in _text(say(live, sender, "yes"))
    reply = _text(say(live, sender, "jane.citizen@agency.qld.gov.au or 0412 345 678"))
    ref = re.search(r"your ticket reference is (T-[0-9A-Z]{8})", reply).group(1)

    page = queue(live_store, status="open", jurisdiction="QLD")
    row = next(r for r in page.rows if r.ref == ref)
    assert row.reason == "request_human" and "sole trader" in row.question
    ticket = get_ticket(live_store, ref)
    assert ticket.contact == "jane.citizen@agency.qld.gov.au, 0412 345 678"
    assert ticket.channel == "rest" and ticket.conversation_id == sender
    assert ticket.facts["jurisdiction"] == "QLD" and ticket.facts["value"] == 20000.0
    assert ticket.supplier_abn == "53004085616"
    assert "abn" not in ticket.facts.get("supplier", {})
    assert ticket.advice["determinations"][0]["citations"]
    assert ticket.routing["email"] == "ICTStrategicSourcing@qld.gov.au"
    said = [m["text"] for m in ticket.transcript if m["who"] == "user"]
    assert said[0] == "QLD agency, $20k ICT, can I get one quote?"
    assert said[-1] == "[email] or [phone]"
    stored = str(ticket.transcript) + ticket.question
    for personal in ("Jane", "Citizen", "CITIZEN", "53 004 085 616", "jane.citizen", "0412"):
        assert personal not in stored
    assert triage_summary(live_store).open_by_jurisdiction["QLD"] >= 1
    what_if = rerun(live_store, ref, {**ticket.facts, "value": 45000.0, "value_includes_gst": True})
    assert what_if.changed["value"] == (20000.0, 45000.0)
    assert {d["topic"] for d in what_if.edited_advice["determinations"]} >= {"set_aside"}


def test_every_answer_is_recorded_and_the_record_reads_as_given(live, live_store):
    sender = f"e2e-{uuid.uuid4().hex}"
    say(live, sender, "ACT agency, $60k of furniture, how many quotes?")
    reply = _text(say(live, sender, "can I get a record of this advice for the file?"))
    record_id = re.search(r"reference ([0-9a-z]{12})", reply).group(1)
    assert f"http://127.0.0.1:8080/records/{record_id}" in reply
    record = get_record(live_store, record_id)
    assert [r.id for r in records_of(live_store, sender)] == [record_id]
    assert record.facts["value"] == 60000.0 and record.channel == "rest"
    assert record_document(record)["ruleset"]["digest"].startswith("sha256:")
    assert "| ACT-GPR-2007 | 7(2) | Limited tender procurement |" in record_markdown(record)
