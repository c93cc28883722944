"""Decision records: every piece of advice as given, and the document for the procurement file.

`save_record` writes one; `record_document` (JSON, for ``GET /records/{id}``) and
`record_markdown` (the Markdown export) give what a buyer files: the facts, the answer, the
sections cited, the ruleset version and digest, and that it is guidance, not legal advice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.store.db import Store
from bot.store.ids import record_id as new_record_id
from bot.store.models import DecisionRecord, utcnow
from knowledge.fmt import money

DISCLAIMER = (
    "This is guidance from the sources cited, not legal advice. Your agency's own procurement "
    "policies may add requirements; for a decision that matters, check with your procurement "
    "team or legal area."
)
JURISDICTIONS = {
    "ACT": "ACT Government (Government Procurement Regulation 2007)",
    "QLD": "Queensland Government (ICT SME participation scheme standard)",
    "CTH": "Commonwealth (DTA ICT procurement arrangements)",
}
FACT_LABELS = {
    "jurisdiction": "Jurisdiction",
    "as_of": "Rules read as of",
    "value": "Estimated total value",
    "value_includes_gst": "Value includes GST",
    "construction": "Related to construction work",
    "ict": "ICT procurement",
    "services": "Services (rather than goods)",
    "anzsic": "ANZSIC industry",
    "need": "Need",
    "approach": "Approach to market",
    "supplier.employees": "Supplier's employees",
    "supplier.contractors": "Supplier's contractors",
    "supplier.main_business_location": "Supplier's main business location",
    "supplier.indigenous_ownership_percent": "Supplier's Aboriginal and/or Torres Strait Islander ownership (%)",
    "supplier.reseller_of_standard_offering": "Supplier resells standard offerings",
    "supplier.abn": "Supplier's ABN",
}
SOURCE_NAMES = {"ABR": "the Australian Business Register (ABN Lookup)"}


def new_record(
    *,
    conversation_id: str,
    channel: str | None,
    facts: dict[str, Any],
    advice: dict[str, Any],
    fact_sources: dict[str, str] | None = None,
    topic: str | None = None,
    record_id: str | None = None,
    at: dt.datetime | None = None,
) -> DecisionRecord:
    ruleset = advice.get("ruleset") or {}
    return DecisionRecord(
        id=record_id or new_record_id(),
        created_at=at or utcnow(),
        conversation_id=conversation_id,
        channel=channel,
        jurisdiction=advice.get("jurisdiction") or facts.get("jurisdiction"),
        topic=topic,
        facts=facts,
        advice=advice,
        fact_sources=dict(fact_sources or {}),
        ruleset_version=str(ruleset.get("version", "")),
        ruleset_digest=str(ruleset.get("digest", "")),
    )


def save_record(store: Store, record: DecisionRecord) -> str:
    """Write ``record`` (once: writing the same id again is a no-op); returns its id."""
    with store.session() as session:
        if session.get(DecisionRecord, record.id) is None:
            session.add(record)
    return record.id


def get_record(store: Store, record_id: str) -> DecisionRecord | None:
    with store.session() as session:
        return session.execute(
            select(DecisionRecord).where(DecisionRecord.id == record_id)
        ).scalar_one_or_none()


def records_of(store: Store, conversation_id: str) -> list[DecisionRecord]:
    with store.session() as session:
        query = (
            select(DecisionRecord)
            .where(DecisionRecord.conversation_id == conversation_id)
            .order_by(DecisionRecord.created_at)
        )
        return list(session.execute(query).scalars())


# --- the document ------------------------------------------------------------------------


def _flat(facts: dict[str, Any]) -> list[tuple[str, Any]]:
    out = []
    for name, value in facts.items():
        if isinstance(value, dict):
            out += [(f"{name}.{k}", v) for k, v in value.items()]
        else:
            out.append((name, value))
    return out


def fact_text(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "value" and isinstance(value, int | float):
        return money(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value).replace("_", " ") if name in ("need", "approach") else str(value)


def sections_cited(advice: dict[str, Any]) -> list[dict[str, str]]:
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for d in advice.get("determinations", []):
        for c in d.get("citations", []):
            key = (c["document"], c.get("section", ""), c.get("heading", ""))
            seen.setdefault(key, {"document": key[0], "section": key[1], "heading": key[2]})
    return list(seen.values())


def record_document(record: DecisionRecord) -> dict[str, Any]:
    """The record as JSON for the gateway (the conversation id stays with the staff)."""
    advice = record.advice
    return {
        "reference": record.id,
        "given_at": record.created_at.isoformat(),
        "channel": record.channel,
        "jurisdiction": record.jurisdiction,
        "facts": [
            {
                "fact": name,
                "label": FACT_LABELS.get(name, name),
                "value": value,
                "source": record.fact_sources.get(name, "user"),
            }
            for name, value in _flat(record.facts)
        ],
        "answer": [
            {"topic": d["topic"], "summary": d["summary"], "citations": d["citations"]}
            for d in advice.get("determinations", [])
        ],
        "not_settled": advice.get("out_of_scope", []),
        "still_open": [
            {"fact": m["fact"], "question": m["question"]} for m in advice.get("missing", [])
        ],
        "sections_cited": sections_cited(advice),
        "ruleset": {"version": record.ruleset_version, "digest": record.ruleset_digest},
        "as_of": advice.get("as_of"),
        "disclaimer": DISCLAIMER,
    }


def _section(c: dict[str, str]) -> str:
    if not c["section"]:
        return f"{c['document']}, '{c['heading']}'"
    prefix = "s " if c["document"] == "ACT-GPR-2007" else ""
    return f"{c['document']} {prefix}{c['section']}: {c['heading']}"


def record_markdown(record: DecisionRecord) -> str:
    """The record as a Markdown document for the procurement file."""
    doc = record_document(record)
    when = record.created_at.strftime("%d %B %Y, %H:%M UTC").lstrip("0")
    lines = [
        f"# Procurement advice record {doc['reference']}",
        "",
        f"- Given: {when}" + (f", on the {doc['channel']} channel" if doc["channel"] else ""),
        f"- Rules: {JURISDICTIONS.get(doc['jurisdiction'] or '', doc['jurisdiction'] or 'not given')}",
        f"- Rules read as of: {doc['as_of']}",
        f"- Ruleset: version {doc['ruleset']['version']}, digest `{doc['ruleset']['digest']}`",
        "",
        "## Facts",
        "",
    ]
    for f in doc["facts"]:
        source = (
            f" (from {SOURCE_NAMES.get(f['source'], f['source'])})" if f["source"] != "user" else ""
        )
        lines.append(f"- {f['label']}: {fact_text(f['fact'], f['value'])}{source}")
    if not doc["facts"]:
        lines.append("- (none given)")
    lines += ["", "## Advice", ""]
    for a in doc["answer"]:
        cites = "; ".join(_section(c) for c in a["citations"])
        lines.append(f"- **{a['topic'].replace('_', ' ').capitalize()}**: {a['summary']} ({cites})")
    if not doc["answer"]:
        lines.append("- No determination was made on these facts.")
    if doc["not_settled"]:
        lines += ["", "## Not settled by the sources", ""]
        lines += [f"- {o['reason']} {o.get('referral', '')}".rstrip() for o in doc["not_settled"]]
    if doc["still_open"]:
        lines += ["", "## Still open", ""]
        lines += [f"- {m['question']}" for m in doc["still_open"]]
    lines += ["", "## Sections cited", "", "| Document | Section | Heading |", "|---|---|---|"]
    lines += [
        f"| {c['document']} | {c['section']} | {c['heading']} |" for c in doc["sections_cited"]
    ]
    lines += ["", f"_{doc['disclaimer']}_", ""]
    return "\n".join(lines)
