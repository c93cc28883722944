"""Advice -> what the user reads: text with sections cited, and buttons (pure: no Rasa here)."""

from __future__ import annotations

from typing import Any

from knowledge.fmt import money

JURISDICTION_NAMES = {
    "ACT": "ACT Government",
    "QLD": "Queensland Government ICT",
    "CTH": "Commonwealth ICT",
}
TITLES = {
    "quotations": "Quotations and tenders",
    "advertising": "Advertising period",
    "tender_notice": "Tender notice",
    "exemption": "Exemption",
    "notifiable_contract": "Notifiable contract",
    "secure_local_jobs_code": "Secure local jobs code",
    "board_review": "Procurement board review",
    "local_industry_participation_plan": "Local industry participation plan",
    "late_tender": "Late tender",
    "not_ict": "Whether the scheme applies",
    "not_procurement": "Not procurement",
    "part2_not_applicable": "Quotation and tender rules",
    "sme_status": "SME status",
    "supplier_opportunities": "What it opens",
    "payment_terms": "Payment terms",
    "gst_conversion": "GST",
    "scheme_exemption": "Scheme exemption",
    "set_aside": "Set-aside",
    "qld_sme_offer": "Queensland SME offer",
    "formal_ito": "Formal tender (ITO)",
    "sme_weighting": "SME weighting",
    "prime_contractor_audit": "Prime contractor audit",
    "access_incentive": "Access incentive",
    "reporting": "Reporting",
    "sme_policy": "Panels and standing offers",
    "panel": "Arrangement",
    "contact": "Contact",
}
#: What to lead with when the user asked about a topic (a cue topic -> determination topics).
LEADS = {
    "quotations": ["quotations", "part2_not_applicable", "not_procurement", "set_aside"],
    "exemption": ["exemption", "set_aside", "access_incentive", "quotations"],
    "sme_status": ["sme_status"],
    "supplier_opportunities": ["supplier_opportunities", "sme_status"],
    "formal_ito": ["sme_weighting", "formal_ito"],
    "panel": ["panel", "sme_policy"],
}
#: Questions no source settles (a cue topic -> the answer's first line); the referral leads.
REFERRAL_FIRST = {
    "splitting": "Whether a purchase may be split into smaller ones is not settled by my sources",
}
DISCLAIMER = "Guidance from the sources cited, not legal advice."


def citation_label(c: dict[str, str]) -> str:
    if c["document"] == "ACT-GPR-2007":
        return f"s {c['section']}"
    if c["section"]:
        return f"{c['section']} {c['heading']}" if c["section"] == "Appendix A" else c["section"]
    return f"'{c['heading']}'"


def cites_text(d: dict[str, Any]) -> str:
    labels = list(dict.fromkeys(citation_label(c) for c in d["citations"]))
    return f"[{d['citations'][0]['document']}: {', '.join(labels)}]"


def topic_title(topic: str) -> str:
    """ "Notifiable contract"; a topic without a title reads as words, never as a name."""
    return TITLES.get(topic, topic.replace("_", " ").capitalize())


#: Determinations that answer any question when they apply: the rules asked about do not
#: (not procurement, s 3A; Part 2 does not apply, s 4; the QLD scheme does not apply).
OVERRIDING = ["not_procurement", "part2_not_applicable", "scheme_exemption"]


def lead_topics(topic: str | None) -> list[str]:
    """The determination topics that answer what the user asked about."""
    if not topic:
        return []
    wanted = LEADS.get(topic, [topic])
    return wanted + [t for t in OVERRIDING if t not in wanted]


def ordered(advice: dict[str, Any], topic: str | None) -> list[dict[str, Any]]:
    """The determination asked about first, then the rest in the rules' order."""
    dets = list(advice["determinations"])
    wanted = lead_topics(topic)
    for name in wanted:
        first = [d for d in dets if d["topic"] == name]
        if first:
            return first + [d for d in dets if d["topic"] != name]
    return dets


def read_back(facts: dict[str, Any], advice: dict[str, Any]) -> str:
    """ "ACT Government, $60,000" / "$95,000 ex GST, which is $104,500 incl. GST"."""
    name = JURISDICTION_NAMES.get(advice.get("jurisdiction") or "", "")
    if advice.get("jurisdiction") == "QLD" and facts.get("ict") is False:
        name = "Queensland Government"  # not ICT: the answer says the scheme does not cover it
    parts = [name]
    value = facts.get("value")
    if value is not None:
        gst = facts.get("value_includes_gst")
        conv = [d for d in advice["determinations"] if d["topic"] == "gst_conversion"]
        if conv:
            parts.append(
                f"{money(value)} ex GST, which is {money(conv[0]['value_incl_gst'])} incl. GST"
            )
        elif gst is True:
            parts.append(f"{money(value)} incl. GST")
        elif gst is False:
            parts.append(f"{money(value)} ex GST")
        else:
            parts.append(money(value))
    return ", ".join(p for p in parts if p)


def refers_first(advice: dict[str, Any], topic: str | None) -> bool:
    """Whether the user asked something no source settles, so the referral leads: a question
    none settles (splitting), or one about a topic that no determination answers while the
    sources leave something unsettled (a late quotation in a limited tender)."""
    if not topic or not advice["out_of_scope"]:
        return False
    wanted = set(lead_topics(topic))
    return topic in REFERRAL_FIRST or not any(
        d["topic"] in wanted for d in advice["determinations"]
    )


def referral_lead(topic: str | None) -> str:
    """The first line of an answer that refers first."""
    return REFERRAL_FIRST.get(topic or "", "What you asked is not settled by my sources")


def answer_text(advice: dict[str, Any], facts: dict[str, Any], topic: str | None) -> str:
    dets = [d for d in ordered(advice, topic) if d["topic"] != "gst_conversion"]
    lines = []
    unsettled = [
        f"Not settled by the sources: {o['reason']} {o.get('referral', '')}".strip()
        for o in advice["out_of_scope"]
    ]
    head = read_back(facts, advice)
    if refers_first(advice, topic):
        lines.append(f"{referral_lead(topic)}.")
        lines += [f"{o['reason']} {o.get('referral', '')}".strip() for o in advice["out_of_scope"]]
        unsettled = []
        if dets:
            lines.append(f"What the sources do say{f', for {head}' if head else ''}:")
    elif head:
        lines.append(f"For {head}:")
    for i, d in enumerate(dets):
        title = topic_title(d["topic"])
        bullet = "" if i == 0 else "• "
        lines.append(f"{bullet}{title}: {d['summary']} {cites_text(d)}")
        if i == 0 and len(dets) > 1:
            lines.append("Also:")
    lines += unsettled
    for m in advice["missing"]:
        topics = ", ".join(topic_title(t).lower() for t in m.get("needed_for", ()))
        lines.append(f"Still open ({topics}): {m['question']}")
    lines.append(DISCLAIMER)
    return "\n".join(lines)


def buttons(advice: dict[str, Any]) -> list[dict[str, str]]:
    """Natural next questions."""
    topics = {d["topic"] for d in advice["determinations"]}
    out = [{"title": "Why? Show me the sections", "payload": "/ask_why"}]
    if "quotations" in topics and "exemption" not in topics:
        out.append(
            {
                "title": "Can we get an exemption?",
                "payload": "Can we get an exemption from the quotation rules?",
            }
        )
    if "set_aside" in topics:
        out.append(
            {
                "title": "Is my supplier a Queensland SME?",
                "payload": "Is my supplier a Queensland SME?",
            }
        )
    if "panel" in topics:
        out.append({"title": "Who do I contact?", "payload": "Who do I contact at the DTA?"})
    out.append({"title": "Start over", "payload": "/restart"})
    return out


def explain_text(advice: dict[str, Any]) -> str:
    """The reasoning: each determination's sections, with the source's heading."""
    if not advice or not advice.get("determinations"):
        return (
            "I haven't given an answer yet to explain. Ask me a procurement question and I'll "
            "show the sections it comes from."
        )
    lines = ["Here is where each part of that answer comes from:"]
    for d in advice["determinations"]:
        title = TITLES.get(d["topic"], d["topic"])
        lines.append(f"{title}:")
        for c in d["citations"]:
            if c["document"] == "ACT-GPR-2007":
                lines.append(f"  - {c['document']} s {c['section']}: {c['heading']}")
            elif c["section"]:
                lines.append(f"  - {c['document']} {c['section']}: {c['heading']}")
            else:
                lines.append(f"  - {c['document']}, heading '{c['heading']}'")
    ruleset = advice.get("ruleset", {})
    lines.append(f"(Ruleset {ruleset.get('version', '?')}, as of {advice.get('as_of')}.)")
    return "\n".join(lines)


def question_buttons(fact: str) -> list[dict[str, str]]:
    """Buttons for a yes/no or choice question."""
    from knowledge import _data

    spec = _data.questions()["facts"].get(fact, {})
    if fact == "value_includes_gst":  # a bool, but "Yes" to "inc or ex GST?" reads badly
        return [
            {"title": "Includes GST", "payload": "inc GST"},
            {"title": "Excludes GST", "payload": "ex GST"},
        ]
    if spec.get("kind") == "bool":
        return [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
    if spec.get("kind") == "enum":
        names = {"ACT": "ACT", "QLD": "Queensland", "CTH": "Commonwealth"}
        return [
            {
                "title": names.get(v, v.replace("_", " ")),
                "payload": names.get(v, v.replace("_", " ")),
            }
            for v in spec["values"]
        ]
    return []


EXAMPLES = {
    "value": "for example $80,000, 80k or 1.2 million",
    "supplier_employees": "for example 120 employees",
    "supplier_contractors": "for example 40 contractors, or none",
    "anzsic": "for example M, N, or 84",
    "supplier_indigenous_ownership_percent": "for example 51% or 0%",
    "additional_construction_percent": "for example 30%",
    "supplier_main_business_location": "for example Queensland or NSW",
}
