"""action_validate_slot_mappings: after every user message, read the facts it gives."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions.extract import extract
from actions.facts import FACT_SLOTS
from actions.supplier import LOCATION, abn_events

FORM = "procurement_form"
#: The slots whose setting makes Rasa run the form again (bot/domain/procurement.yml lists them).
FORM_SLOTS = frozenset((*FACT_SLOTS, "topic"))
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
#: Questions asked while the form waits for an answer: no "I couldn't read that" and no count
#: either. With no new fact in them Rasa rejects the form, and a rule (data/rules/procurement.yml)
#: says the answer comes once the form's question is answered, and the form asks it again.
QUESTIONS = {"ask_procurement", "ask_supplier_status"}


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name == FORM else None
        intent = (message.get("intent") or {}).get("name") or ""
        # A "thanks" or a new question is no failed answer to the form's question.
        attempt = intent.split("/")[0] not in NOT_ANSWERS | QUESTIONS
        found = extract(
            message.get("text") or "", requested=requested, entities=message.get("entities")
        )
        if not attempt and intent.split("/")[0] in NOT_ANSWERS:
            # "what's a set-aside?" asks for a definition, not the set-aside's answer: its topic
            # would run the form again (topic is a form slot) instead of answering the FAQ.
            found.slots.pop("topic", None)
        elif intent == "ask_supplier_status" and "topic" not in found.slots:
            # A supplier asking what it can do ("can Qld agencies direct engage us?") is asking
            # about its status and what that opens: not the buyer's facts (ICT? the value?).
            found.slots["topic"] = "sme_status"
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
        answered = bool(requested) and (
            requested in found.slots or (requested == "jurisdiction" and found.other_jurisdiction)
        )
        # Another fact given or corrected instead ("actually it's Queensland" while the value is
        # asked) is no failed answer either: the form runs again and asks what is missing now.
        other_fact = any(
            e.get("event") == "slot" and e["name"] != requested and e["name"] in FORM_SLOTS
            for e in events
        )
        if requested and not answered and other_fact:
            attempt = False
        if found.problem and (attempt or not requested):
            dispatcher.utter_message(text=found.problem)
        events += await abn_events(
            found.slots.get("supplier_abn"), tracker, dispatcher, found.slots.get(LOCATION)
        )
        if requested and (attempt or answered):
            failures = tracker.get_slot("parse_failures") or 0
            events.append(SlotSet("parse_failures", 0.0 if answered else failures + 1))
        return events
