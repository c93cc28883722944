"""Decision records: written once, read back, and rendered for the procurement file."""

from __future__ import annotations

import datetime as dt

from bot.store.records import (
    DISCLAIMER,
    get_record,
    new_record,
    record_document,
    record_markdown,
    records_of,
    save_record,
)
from knowledge import assess

AT = dt.datetime(2026, 11, 22, 3, 4, 5, tzinfo=dt.timezone.utc)
ACT_FACTS = {"jurisdiction": "ACT", "value": 60000.0, "services": False, "as_of": "2026-11-22"}
QLD_SUPPLIER = {
    "jurisdiction": "QLD",
    "as_of": "2026-11-22",
    "supplier": {
        "employees": 120,
        "contractors": 40,
        "main_business_location": "QLD",
        "abn": "51824753556",
    },
}


def _record(facts, **kw):
    return new_record(
        conversation_id="conv-1", channel="rest", facts=facts, advice=assess(facts), at=AT, **kw
    )


def test_a_record_is_read_back_as_it_was_written(store):
    record = _record(ACT_FACTS, topic="quotations")
    assert save_record(store, record) == record.id
    got = get_record(store, record.id)
    assert got.facts == ACT_FACTS
    assert got.advice == assess(ACT_FACTS)
    assert got.created_at == AT
    assert got.ruleset_digest.startswith("sha256:")
    assert got.ruleset_version == got.advice["ruleset"]["version"]
    assert (got.channel, got.jurisdiction, got.topic) == ("rest", "ACT", "quotations")


def test_writing_the_same_record_twice_keeps_one(store):
    record = _record(ACT_FACTS)
    save_record(store, record)
    save_record(store, _record(ACT_FACTS, record_id=record.id))
    assert [r.id for r in records_of(store, "conv-1")] == [record.id]


def test_an_unknown_record_is_none(store):
    assert get_record(store, "nosuchrecord") is None


def test_ids_are_short_unguessable_and_distinct():
    ids = {_record(ACT_FACTS).id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 12 and i.isalnum() and i.islower() for i in ids)


def test_the_document_has_facts_answer_sections_ruleset_and_disclaimer():
    doc = record_document(_record(ACT_FACTS))
    assert {
        "fact": "value",
        "label": "Estimated total value",
        "value": 60000.0,
        "source": "user",
    } in doc["facts"]
    quotations = next(a for a in doc["answer"] if a["topic"] == "quotations")
    assert "at least 3 written quotations" in quotations["summary"]
    assert {
        "document": "ACT-GPR-2007",
        "section": "7(2)",
        "heading": "Limited tender procurement",
    } in doc["sections_cited"]
    assert doc["ruleset"]["digest"].startswith("sha256:")
    assert doc["disclaimer"] == DISCLAIMER and "not legal advice" in DISCLAIMER
    assert "conversation_id" not in doc


def test_the_markdown_is_fit_for_the_file():
    md = record_markdown(_record(ACT_FACTS))
    assert md.startswith("# Procurement advice record ")
    assert "- Estimated total value: $60,000" in md
    assert "- Given: 22 November 2026, 03:04 UTC, on the rest channel" in md
    assert "at least 3 written quotations" in md
    assert "| ACT-GPR-2007 | 7(2) | Limited tender procurement |" in md
    assert "digest `sha256:" in md
    assert "not legal advice" in md


def test_facts_from_the_abr_say_so():
    record = _record(QLD_SUPPLIER, fact_sources={"supplier.main_business_location": "ABR"})
    md = record_markdown(record)
    assert "- Supplier's main business location: QLD (from the Australian Business Register" in md
    assert "- Supplier's employees: 120\n" in md
    assert "A Queensland SME" in md


def test_out_of_scope_and_open_questions_are_listed():
    facts = {"jurisdiction": "QLD", "value": 95000.0, "as_of": "2026-11-22"}
    md = record_markdown(_record(facts))
    assert "## Still open" in md
    assert "ICT" in md.split("## Still open")[1]


def test_record_ids_and_ticket_refs_can_be_checked_before_a_query():
    from bot.store.ids import is_record_id, is_ticket_ref, record_id, ticket_ref

    assert is_record_id(record_id()) and is_ticket_ref(ticket_ref())
    for bad in ("", "../../etc", "ABCDEFGHJKMN", "abcdefghjkmno", "abcdefghjkmi"):
        assert not is_record_id(bad)
    assert not is_ticket_ref("T-1234567") and not is_ticket_ref("X-12345678")
