"""action_answer, action_explain, action_out_of_scope, action_not_understood, action_welcome."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.advice import current
from actions.ask import reason_for
from actions.channels import answer_messages
from actions.extract import extract, reads_as_rules_question
from actions.handoff import OFFER, OFFER_BUTTONS, offer_events
from actions.records import record_answer
from actions.render import explain_text
from actions.slots import FORM_SLOTS
from actions.supplier import abr_note, fact_sources
from knowledge.explain import find
from knowledge.parse import (
    COVERED_JURISDICTIONS,
    STATES,
    UNCOVERED_BUYERS,
    ParseError,
    parse_jurisdiction,
    uncovered_buyer,
)
from knowledge.parsing.places import JURISDICTION_NAMES
from knowledge.referrals import referral, referral_for

OTHER_STATE = (
    "I can't answer for {name}: I work only from the ACT Government Procurement Regulation, the "
    "Queensland ICT SME participation scheme and the Commonwealth DTA ICT arrangements, and I "
    "won't guess at other rules. {referral}"
)
#: Other states and territories, then councils, governments abroad and buyers outside government.
NAMES = {
    **{code: JURISDICTION_NAMES[code] for code in STATES if code not in COVERED_JURISDICTIONS},
    **UNCOVERED_BUYERS,
}


def not_covered(code: str) -> str:
    """What to say to a buyer the sources do not cover (``code`` is a key of `NAMES`)."""
    return OTHER_STATE.format(name=NAMES.get(code, code), referral=referral_for(code))


def why_asked(reason: str) -> str:
    lead = (
        f"I'm asking because the answer turns on it: {reason}"
        if reason
        else ("I'm asking because the answer turns on it.")
    )
    return f"{lead} Once you've answered, I'll give the answer and the sections it comes from."


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        facts, advice = current(tracker.slots)
        if advice is None:
            code = facts.get("jurisdiction")
            dispatcher.utter_message(text=not_covered(code))
            return [SlotSet("jurisdiction", None)]
        channel = tracker.get_latest_input_channel()
        note = abr_note(tracker.slots)
        if note:
            dispatcher.utter_message(text=note)
        for message in answer_messages(channel, advice, facts, tracker.get_slot("topic")):
            dispatcher.utter_message(**message)
        record = await record_answer(tracker, facts, advice, fact_sources(tracker.slots))
        return [
            SlotSet("last_advice", advice),
            SlotSet("parse_failures", 0.0),
            SlotSet("last_record", record),
        ]


class ActionExplain(Action):
    def name(self) -> str:
        return "action_explain"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        if requested:
            # "why?" while a question is open asks why that question: the form asks it again next.
            dispatcher.utter_message(text=why_asked(reason_for(requested, tracker.slots)))
            return []
        advice = tracker.get_slot("last_advice")
        text = explain_text(advice or {})
        if advice and advice.get("determinations"):
            lead = advice["determinations"][0]
            seen = set()
            notes = []
            for c in lead["citations"]:
                query = c["section"] or c["heading"]
                for doc, entry in find(query):
                    key = (doc, entry["label"], entry["heading"])
                    if doc == c["document"] and key not in seen and entry.get("summary"):
                        seen.add(key)
                        notes.append(f"{entry['heading']}: {' '.join(entry['summary'].split())}")
            if notes:
                text += "\nWhat those sections say, in short:\n" + "\n".join(
                    f"- {n}" for n in notes
                )
        dispatcher.utter_message(text=text)
        return []


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        found = extract(text, requested=requested) if requested else None
        if found and (
            requested in found.slots or (requested == "jurisdiction" and found.other_jurisdiction)
        ):
            # It answers the form's question ("NSW" for a supplier's location; "NSW" or "we're a
            # council" for whose rules apply, which the form's answer then refers).
            return []
        try:
            code = parse_jurisdiction(text) if len(text) < 500 else None
        except ParseError:
            code = uncovered_buyer(text)
        if reads_as_rules_question(text):  # never when it names another government
            # The classifier called a rules question out of scope ("how many quotes do I
            # need?"): never refuse it. The form asks what it needs (whose rules apply first);
            # inside the form, the rule runs the form next and it asks its question again.
            return [] if tracker.active_loop_name else [FollowupAction("procurement_form")]
        if code in NAMES:
            text = not_covered(code)
            if tracker.active_loop_name:  # the form asks its question next: no offer now
                dispatcher.utter_message(text=text)
                return []
            dispatcher.utter_message(
                text=f"{text}\n{OFFER['out_of_scope']}. Shall I file a ticket?",
                buttons=OFFER_BUTTONS,
            )
            return offer_events(tracker, "out_of_scope", code)
        else:
            dispatcher.utter_message(
                text="That's outside what I can answer. I answer procurement questions from the "
                "ACT Government Procurement Regulation 2007, the Queensland ICT SME "
                "participation scheme standard and the Commonwealth DTA's ICT procurement page. "
                + referral(None)
            )
        return []


class ActionNotUnderstood(Action):
    """The classifier was unsure (``nlu_fallback``). A message that still reads as a rules
    question, or gives a fact the form uses ("Queensland, $500k ICT, ... an Indigenous SME from
    NSW?"), goes to the form, which answers or asks what is missing, as a message called out of
    scope does; anything else is asked to be put another way."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        if reads_as_rules_question(text) or FORM_SLOTS & set(extract(text).slots):
            return [FollowupAction("procurement_form")]
        dispatcher.utter_message(response="utter_please_rephrase")
        return []


#: A question put after the thanks ("great thanks, and do we need to advertise?").
_ASKS = re.compile(
    r"\?|\b(what|how|do|does|did|is|are|can|could|should|must|when|which|who|will|would)\b", re.I
)


class ActionWelcome(Action):
    """ "You're welcome", after thanks outside the form. Thanks that also ask about the rules
    ("great thanks, and do we need to advertise?") go on to the form, which answers that topic
    for the facts already given (or asks what is missing); the rule's "anything else?" is not
    said then."""

    def name(self) -> str:
        return "action_welcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_you_are_welcome")
        text = (tracker.latest_message or {}).get("text") or ""
        topic = extract(text).slots.get("topic")
        if topic and _ASKS.search(text):
            return [SlotSet("topic", topic), FollowupAction("procurement_form")]
        return []
