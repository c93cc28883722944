"""Assessing the facts the conversation holds (shared by the form and the answer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from actions.facts import facts_from_slots, usable_facts
from knowledge import assess
from knowledge.parse import COVERED_JURISDICTIONS


def current(slots: dict[str, Any], today: dt.date | None = None) -> tuple[dict, dict | None]:
    """(facts, advice); advice is None when the jurisdiction is one the sources don't cover."""
    facts = facts_from_slots(slots, today or dt.date.today())
    if facts.get("jurisdiction") not in (None, *COVERED_JURISDICTIONS):
        return facts, None
    kept, _ = usable_facts(facts)
    return kept, assess(kept)
