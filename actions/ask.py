"""action_ask_<slot>: ask for one missing fact, in `knowledge`'s words, with buttons."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.advice import current
from actions.facts import ASK_SLOTS, SLOT_TO_FACT
from actions.render import EXAMPLES, question_buttons
from actions.supplier import supplier_reason
from knowledge import _data


def _missing_entry(slot: str, slots: dict[str, Any]) -> dict[str, Any] | None:
    fact = SLOT_TO_FACT[slot]
    _, advice = current(slots)
    return next((m for m in (advice or {}).get("missing", []) if m["fact"] == fact), None)


def reason_for(slot: str, slots: dict[str, Any]) -> str:
    """Why the form asks for this slot: `knowledge`'s reason, or the supplier flow's own."""
    entry = _missing_entry(slot, slots) if slot in SLOT_TO_FACT else None
    if entry and entry.get("reason"):
        return entry["reason"]
    return supplier_reason(slot)


#: A supplier asking about itself: its status, or what that status opens to it.
SUPPLIER_TOPICS = {"sme_status", "supplier_opportunities"}
#: The buyer's questions as put to a supplier asking about its own status.
SUPPLIER_WORDING = {
    "ict": "Does the business supply ICT (information and communications technology) products "
    "or services?",
}


def question_for(slot: str, slots: dict[str, Any], failures: int) -> tuple[str, list[dict]]:
    fact = SLOT_TO_FACT[slot]
    entry = _missing_entry(slot, slots)
    question = entry["question"] if entry else _data.questions()["facts"][fact]["question"]
    if slots.get("topic") in SUPPLIER_TOPICS and slot in SUPPLIER_WORDING:
        question = SUPPLIER_WORDING[slot]  # a supplier asking about itself buys nothing
    reason = entry.get("reason", "") if entry else supplier_reason(slot)
    text = f"{question} ({reason})" if reason and failures == 0 else question
    buttons = question_buttons(fact)
    if failures >= 1 and slot in EXAMPLES:
        text = f"{question} Please give it as a figure, {EXAMPLES[slot]}."
    if failures >= 2 and not buttons and slot in EXAMPLES:
        text += " Or say 'start over' to begin again."
    return text, buttons


def _make(slot: str) -> type[Action]:
    class AskFact(Action):
        def name(self) -> str:
            return f"action_ask_{slot}"

        async def run(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
        ) -> list[EventType]:
            failures = int(tracker.get_slot("parse_failures") or 0)
            text, buttons = question_for(slot, tracker.slots, failures)
            dispatcher.utter_message(text=text, buttons=buttons)
            return []

    AskFact.__name__ = AskFact.__qualname__ = f"Ask_{slot}"
    return AskFact


ASK_ACTIONS = {slot: _make(slot) for slot in ASK_SLOTS}
