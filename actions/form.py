"""validate_procurement_form: the form asks exactly the facts `knowledge` says are missing."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.advice import current
from actions.facts import ASK_SLOTS, slot_of
from actions.render import REFERRAL_FIRST, lead_topics, refers_first
from actions.supplier import supplier_questions


def focused_missing(advice: dict[str, Any], topic: str | None) -> list[dict[str, Any]]:
    """The missing facts that the answer to the user's question turns on.

    When the user asked about one thing (a late tender, the quotations) and that answer is
    already settled or needs only some facts, ask only those; the rest are mentioned in the
    answer as still open. Without a topic, every missing fact is asked for.
    """
    missing = advice["missing"]
    wanted = set(lead_topics(topic))
    if not wanted:
        return missing
    focused = [m for m in missing if wanted & set(m.get("needed_for", ()))]
    answered = any(d["topic"] in wanted for d in advice["determinations"])
    if not (focused or answered) and refers_first(advice, topic) and topic not in REFERRAL_FIRST:
        # What was asked is settled by no source ("which Queensland panel for cloud hosting?"):
        # the answer leads with the referral, and no fact would change that. (Splitting still
        # asks: its answer gives the rule for the total.)
        return []
    return focused if (focused or answered) else missing


def missing_slots(slots: dict[str, Any]) -> list[str]:
    """The slots to ask for, in `knowledge`'s order; none when the answer is settled."""
    _, advice = current(slots)
    if advice is None:
        return []
    names = [slot_of(m["fact"]) for m in focused_missing(advice, slots.get("topic"))]
    asked = [n for n in names if n in ASK_SLOTS]
    return asked or supplier_questions(slots, advice)


#: Answers to the form's question, right or wrong: the form asks again when they do not parse.
KEEP_ASKING = ("deny", "affirm", "inform", "correct")


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
        # Facts are checked there with knowledge's parsers. A "no", "yes" or "I don't know" that
        # does not answer the question (the value, say), or an answer that does not parse
        # ("minus 40k"), has had its "I couldn't read" from there; re-setting a slot keeps Rasa
        # from rejecting the form, so the form asks again (with an example after a failure)
        # instead of leaving the user with no question. No rule handles these intents inside
        # the form, so a rejection left the form waiting, unasked, and the next message fell
        # back to "I can't help with that".
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if tracker.get_slot("requested_slot") and intent in KEEP_ASKING:
            return [SlotSet("parse_failures", tracker.get_slot("parse_failures"))]
        return []
