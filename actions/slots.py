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
#: Messages that are not an attempt at the form's question: no "I couldn't read that" for a
#: "thanks" or a "why?", and no count towards the re-ask with an example. (Their facts are
#: still read, against the question too: a location answer read as out of scope still counts.)
NOT_ANSWERS = {
    "greet",
    "goodbye",
    "thank",
    "help",
    "ask_why",
    "restart",
    "request_human",
    "request_record",
    "faq",
}


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name == FORM else None
        intent = (message.get("intent") or {}).get("name") or ""
        attempt = intent.split("/")[0] not in NOT_ANSWERS  # a "thanks" is no failed answer
        found = extract(
            message.get("text") or "", requested=requested, entities=message.get("entities")
        )
        # The tracker holds every slot of the domain; the domain itself is not sent to this
        # action (bot/endpoints.yml: enable_selective_domain).
        known = tracker.slots
        events: list[EventType] = [
            SlotSet(name, value)
            for name, value in found.slots.items()
            if name in known and tracker.get_slot(name) != value
        ]
        if found.other_jurisdiction:
            events.append(SlotSet("jurisdiction", found.other_jurisdiction))
        if found.problem and (attempt or not requested):
            dispatcher.utter_message(text=found.problem)
        events += await abn_events(
            found.slots.get("supplier_abn"), tracker, dispatcher, found.slots.get(LOCATION)
        )
        if requested and attempt:
            failures = tracker.get_slot("parse_failures") or 0
            answered = requested in found.slots or (
                requested == "jurisdiction" and found.other_jurisdiction
            )
            events.append(SlotSet("parse_failures", 0.0 if answered else failures + 1))
        return events
