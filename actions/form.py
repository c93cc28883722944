"""validate_procurement_form: the form asks exactly the facts `knowledge` says are missing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.advice import current
from actions.facts import ASK_SLOTS, slot_of


def missing_slots(slots: dict[str, Any]) -> list[str]:
    """The slots to ask for, in `knowledge`'s order; none when the answer is settled."""
    _, advice = current(slots)
    if advice is None:
        return []
    names = [slot_of(m["fact"]) for m in advice["missing"]]
    return [n for n in names if n in ASK_SLOTS]


class ValidateProcurementForm(FormValidationAction):
    def name(self) -> str:
        return "validate_procurement_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        return missing_slots(tracker.slots)

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return []  # facts are read once per message, by action_validate_slot_mappings

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return []  # and checked there with knowledge's parsers
