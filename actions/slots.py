"""action_validate_slot_mappings: after every user message, read the facts it gives."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.extract import extract
from actions.supplier import LOCATION, abn_events

FORM = "procurement_form"


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name == FORM else None
        found = extract(
            message.get("text") or "", requested=requested, entities=message.get("entities")
        )
        known = domain.get("slots", {})
        events: list[EventType] = [
            SlotSet(name, value)
            for name, value in found.slots.items()
            if name in known and tracker.get_slot(name) != value
        ]
        if found.other_jurisdiction:
            events.append(SlotSet("jurisdiction", found.other_jurisdiction))
        if found.problem:
            dispatcher.utter_message(text=found.problem)
        events += await abn_events(
            found.slots.get("supplier_abn"), tracker, dispatcher, found.slots.get(LOCATION)
        )
        if requested:
            failures = tracker.get_slot("parse_failures") or 0
            answered = requested in found.slots or (
                requested == "jurisdiction" and found.other_jurisdiction
            )
            events.append(SlotSet("parse_failures", 0.0 if answered else failures + 1))
        return events
