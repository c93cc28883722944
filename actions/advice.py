"""Assessing the facts the conversation holds (shared by the form and the answer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from actions.facts import facts_from_slots, usable_facts
from knowledge import assess
from knowledge.parse import COVERED_JURISDICTIONS, NEEDS


def current(slots: dict[str, Any], today: dt.date | None = None) -> tuple[dict, dict | None]:
    """(facts, advice); advice is None when the jurisdiction is one the sources don't cover."""
    facts = facts_from_slots(slots, today or dt.date.today())
    if facts.get("jurisdiction") not in (None, *COVERED_JURISDICTIONS):
        return facts, None
    kept, _ = usable_facts(facts)
    # What the user asked about: a duty that does not apply is then explained, not left out.
    asked = {"asked": slots["topic"]} if slots.get("topic") else {}
    advice = assess({**kept, **asked})
    for need in more_needs(slots, kept):
        advice = with_need(advice, assess({**kept, **asked, "need": need}))
    return kept, advice


def more_needs(slots: dict[str, Any], facts: dict[str, Any]) -> list[str]:
    """The other needs the buyer named with the first ("laptops and Office 365"): each gets its
    arrangement too. Only the Commonwealth rules turn on the need."""
    if facts.get("jurisdiction") != "CTH" or "need" not in facts:
        return []
    extra = slots.get("more_needs") or []
    return [n for n in dict.fromkeys(extra) if n in NEEDS and n != facts["need"]]


def with_need(advice: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """``advice`` with the arrangement ``other`` gives for another need, after its own."""
    dets = list(advice["determinations"])
    have = [d for d in dets if d["topic"] == "panel"]
    new = [d for d in other["determinations"] if d["topic"] == "panel" and d not in have]
    at = max((i for i, d in enumerate(dets) if d["topic"] == "panel"), default=len(dets) - 1) + 1
    seen = advice["out_of_scope"]
    extra_scope = [o for o in other["out_of_scope"] if o not in seen]
    return {
        **advice,
        "determinations": dets[:at] + new + dets[at:],
        "out_of_scope": [*seen, *extra_scope],
    }
