"""What cards show of a determination: a one-line headline and its key figures (pure: no Rasa).

Shared by the Slack (Block Kit) and Teams (Adaptive Card) renderers, so both say the same
thing in the same words as the text answer (`actions/render.py`).
"""

from __future__ import annotations

import re
from typing import Any

from actions.render import TITLES, citation_label, ordered, referral_lead, refers_first
from knowledge.fmt import money, number

#: A determination's figure -> its label on a card. Figures not listed are not shown as fields
#: (the summary above them says everything; these are the ones worth a glance).
LABELS = {
    "method": "Method",
    "min_written_quotations": "Written quotations",
    "min_days": "Advertise for at least",
    "notifiable": "Notifiable contract",
    "register_within_days": "Register within",
    "applies": "Applies",
    "required": "Required",
    "available": "Available",
    "needed": "Needed",
    "may_accept": "May accept",
    "quotes": "Quotes",
    "min_offers": "Queensland SME offers",
    "min_sme_weighting_percent": "SME weighting",
    "value_ex_gst": "Value ex GST",
    "value_incl_gst": "Value incl. GST",
    "max_days": "Pay within",
    "sme": "SME",
    "qld_sme": "Queensland SME",
    "indigenous_business": "Indigenous business",
    "headcount": "Headcount",
    "ground": "Ground",
    "grounds": "Grounds",
    "provision": "Provision",
    "excluded_by": "Excluded by",
    "shortened_by": "Shortened by",
    "reason": "Reason",
    "arrangement": "Arrangement",
    "son": "Standing offer notice",
    "panel_type": "Panel type",
    "to": "Report to",
    "frequency": "How often",
    "email": "Email",
    "offers": "SME weighting by offer",
    "opportunities": "Opens",
}
DAYS = {"min_days", "register_within_days", "max_days"}
AT_LEAST = {"min_written_quotations", "min_offers", "min_sme_weighting_percent", "min_days"}
MONEY = {"value_ex_gst", "value_incl_gst"}
PROVISIONS = {"ground", "grounds", "provision", "excluded_by", "shortened_by"}
SECTION_NUMBER = re.compile(r"^\d+[A-Z]*(\([0-9a-zA-Z]+\))*$")

#: Where a summary's first clause ends: a colon or semicolon, or a full stop that ends a
#: sentence (not the one in "incl. GST" or "e.g.").
CLAUSE_END = re.compile(r": |; |(?<!incl)(?<!e\.g)\.(?:\s+(?=[A-Z(])|$)")
NO_DETERMINATION = "Outside what my sources settle"
STILL_OPEN = "I need one more fact for a full answer"


def title(d: dict[str, Any]) -> str:
    return TITLES.get(d["topic"], d["topic"].replace("_", " ").capitalize())


def shown(advice: dict[str, Any], topic: str | None) -> list[dict[str, Any]]:
    """The determinations a card shows, the one asked about first (the GST conversion is read
    back in the card's subtitle instead)."""
    return [d for d in ordered(advice, topic) if d["topic"] != "gst_conversion"]


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word with an ellipsis when too long."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def headline(advice: dict[str, Any], topic: str | None, limit: int = 150) -> str:
    """The answer in a line: the first clause of the lead determination's summary."""
    if refers_first(advice, topic):
        return clip(referral_lead(topic), limit)
    dets = shown(advice, topic)
    if not dets:
        return NO_DETERMINATION if advice.get("out_of_scope") else STILL_OPEN
    summary = " ".join(dets[0]["summary"].split())
    end = CLAUSE_END.search(summary)
    return clip(summary[: end.start()] if end else summary, limit)


def _provision(value: str, d: dict[str, Any]) -> str:
    act = any(c["document"] == "ACT-GPR-2007" for c in d["citations"])
    if SECTION_NUMBER.match(value):
        return f"s {value}" if act else value
    return value.replace("_", " ")


def _value(key: str, value: Any, d: dict[str, Any]) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key in MONEY:
        return money(value)
    if key in PROVISIONS:
        items = value if isinstance(value, list) else [value]
        return ", ".join(_provision(str(v), d) for v in items)
    if key == "offers":
        return ", ".join(
            f"{o['name']} {number(o['weighting_percent'])}%"
            for o in value
            if isinstance(o, dict) and "name" in o and "weighting_percent" in o
        )
    if key == "opportunities":
        return ", ".join(TITLES.get(t, str(t)) for t in value)
    if isinstance(value, (int, float)):
        text = number(value)
        if key in DAYS:
            text += " day" if value == 1 else " days"
        elif key.endswith("_percent"):
            text += "%"
        return f"at least {text}" if key in AT_LEAST and key != "min_days" else text
    if isinstance(value, str):
        return value if "@" in value or value[:1].isupper() else value.replace("_", " ")
    return None


def key_figures(d: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) for each figure of `d` worth a field on a card, in the rules' order."""
    out = []
    for key, value in d.items():
        if key in LABELS:
            text = _value(key, value, d)
            if text:
                out.append((LABELS[key], text))
    return out


def citation_lines(d: dict[str, Any]) -> list[str]:
    """'ACT-GPR-2007 s 7(2): Limited tender procurement', once each."""
    lines = []
    for c in d["citations"]:
        label = citation_label(c)
        heading = c["heading"]
        line = f"{c['document']} {label}" + (f": {heading}" if heading not in label else "")
        lines.append(line)
    return list(dict.fromkeys(lines))
