"""Slots <-> facts: the contract's fact names, with ``supplier.`` written ``supplier_``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from knowledge import InvalidFacts, validate

#: Facts the form may ask for, in the contract's names.
ASKABLE = (
    "jurisdiction",
    "value",
    "value_includes_gst",
    "construction",
    "ict",
    "services",
    "anzsic",
    "need",
    "planning_period",
    "additional_construction_percent",
    "supplier.employees",
    "supplier.contractors",
    "supplier.main_business_location",
    "supplier.indigenous_ownership_percent",
)
#: Exceptions the user may raise; never asked for.
RAISED = (
    "arrangement",
    "part2_exclusion",
    "not_procurement",
    "exemption_reasons",
    "late_tender_cause",
    "approach",
    "panel_type",
    "notice_days_before",
    "exceptional_circumstances",
    "probity_concerns",
    "split_procurement",
    "ict_system_development",
    "substantial_change",
    "referred_to_board",
    "new_opportunity",
    "qld_exemption",
    "offers",
    "supplier.abn",
    "supplier.certified_aboriginal_torres_strait_islander",
    "supplier.act_region",
    "supplier.labour_hire",
    "supplier.reseller_of_standard_offering",
)
INTEGER_FACTS = {"supplier.employees", "supplier.contractors", "notice_days_before"}
FACTS = ASKABLE + RAISED


def slot_of(fact: str) -> str:
    return fact.replace(".", "_")


SLOT_TO_FACT = {slot_of(f): f for f in FACTS}
FACT_SLOTS = tuple(SLOT_TO_FACT)
ASK_SLOTS = tuple(slot_of(f) for f in ASKABLE)


def facts_from_slots(slots: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """The facts the slots hold, in the contract's shape (``supplier`` nested)."""
    facts: dict[str, Any] = {}
    supplier: dict[str, Any] = {}
    for slot, fact in SLOT_TO_FACT.items():
        value = slots.get(slot)
        if value is None:
            continue
        if fact in INTEGER_FACTS:
            value = int(value)
        if fact.startswith("supplier."):
            supplier[fact.split(".", 1)[1]] = value
        else:
            facts[fact] = value
    if supplier:
        facts["supplier"] = supplier
    if today is not None:
        facts["as_of"] = today.isoformat()
    return facts


def usable_facts(facts: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Drop the facts `knowledge` refuses (keeping the rest), with the errors for them."""
    try:
        validate(facts)
        return facts, []
    except InvalidFacts as exc:
        errors = exc.errors
    bad = {e["field"].split(".")[0] for e in errors}
    kept = {k: v for k, v in facts.items() if k not in bad}
    return kept, errors
