"""Hand-off to the help desk: offer it, take a contact (optional), file the ticket.

The assistant offers a hand-off when the user asks for a person (`request_human`), when a
question is out of scope, and after repeated fallbacks. Accepted, `handoff_form` asks how the
help desk can reach the user, then `action_file_ticket` files everything gathered: the facts,
the advice so far with its citations, the transcript (redacted), the channel, the contact, and
a routing suggestion from the sources. If the database is briefly unavailable the filing is
retried with backoff; if it still fails the user is told plainly and can try again, and
nothing they typed is lost (it is all in the conversation, which the tracker store keeps).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.advice import current
from actions.records import store
from bot.privacy import EMAIL, NAME_CUE, PHONE, redact, remember
from bot.store import StoreUnavailable, retry_async
from bot.store.ids import ticket_ref
from bot.store.tickets import TicketDraft, file_ticket
from knowledge.params import parameters
from knowledge.referrals import referral, referral_for

log = logging.getLogger(__name__)
NO_CONTACT = "none"
SKIP = re.compile(
    r"^\W*(no|nope|nah|skip|none|no thanks|no contact|don'?t|do not|rather not|anonymous|"
    r"just file it|no,? just file it)\b",
    re.I,
)
#: Intents that are not a question in themselves (the unsettled question is before them).
NOT_QUESTIONS = {"request_human", "affirm", "deny", "greet", "thank", "goodbye", "restart"}
MAX_TRANSCRIPT_EVENTS = 200
MAX_TEXT = 2000


def routing(jurisdiction: str | None, today: dt.date | None = None) -> dict[str, Any]:
    """Whom the help desk should pass the question to, from the sources (or configuration)."""
    today = today or dt.date.today()
    if jurisdiction == "CTH":
        email = parameters("CTH")["contact.email"].at(today)
        return {
            "name": "Digital Transformation Agency, ICT procurement",
            "email": email,
            "why": "The DTA's ICT procurement page names this contact (CTH-DTA-ICT, 'Contact us').",
        }
    if jurisdiction == "QLD":
        found = EMAIL.search(referral("QLD"))
        return {
            "name": "ICT Strategic Sourcing (Queensland Government)",
            "email": found.group(0) if found else None,
            "why": "ICT Strategic Sourcing owns the ICT SME participation scheme standard and "
            "receives its reports (QLD-ICT-SME, title page and 6.3).",
        }
    if jurisdiction == "ACT":
        desk = (os.environ.get("ACT_HELPDESK") or "").strip()
        if desk:
            found = EMAIL.search(desk)
            name = desk.replace(found.group(0), "").strip(" <>,") if found else desk
            return {
                "name": name or "ACT procurement help desk",
                "email": found.group(0) if found else None,
                "why": "The ACT help desk configured for this service (ACT_HELPDESK); the "
                "regulation names none.",
            }
        return {
            "name": "ACT Government procurement help desk",
            "email": None,
            "why": "The regulation names no help desk and none is configured (set ACT_HELPDESK).",
        }
    return {
        "name": "Help-desk triage",
        "email": None,
        "why": referral_for(jurisdiction),
    }


def transcript(tracker: Tracker) -> list[dict[str, Any]]:
    """The conversation's messages, oldest first, with personal information redacted."""
    out = []
    for e in tracker.events[-MAX_TRANSCRIPT_EVENTS:]:
        if e.get("event") not in ("user", "bot") or not e.get("text"):
            continue
        at = e.get("timestamp")
        out.append(
            {
                "who": "user" if e["event"] == "user" else "assistant",
                "text": redact(str(e["text"])[:MAX_TEXT]),
                "at": dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat() if at else None,
            }
        )
    return out


def unsettled_question(tracker: Tracker) -> str:
    """The user's last message that asked something (not "can I talk to a person")."""
    for e in reversed(tracker.events):
        if e.get("event") != "user" or not e.get("text") or str(e["text"]).startswith("/"):
            continue
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent not in NOT_QUESTIONS:
            return redact(str(e["text"])[:MAX_TEXT])
    return ""


def read_contact(text: str) -> str | None:
    """An e-mail address and/or phone number (and a name given with them) in ``text``."""
    parts = [m.group(0) for m in EMAIL.finditer(text)] + [m.group(0) for m in PHONE.finditer(text)]
    if not parts:
        return None
    name = NAME_CUE.search(text)
    if name:
        parts.insert(0, name.group(2))
    return ", ".join(dict.fromkeys(parts))


OFFER = {
    "request_human": "Of course. I can pass your question to a person at the help desk",
    "out_of_scope": "I can also pass this question to a person at the help desk",
    "fallback": "I'm not getting this, sorry. I can pass your question to a person at the help desk",
}


def offer_events(tracker: Tracker, reason: str, jurisdiction: str | None = None) -> list[EventType]:
    return [
        SlotSet("handoff_reason", reason),
        SlotSet("handoff_jurisdiction", jurisdiction or tracker.get_slot("jurisdiction")),
        SlotSet("handoff_question", unsettled_question(tracker)),
        SlotSet("handoff_contact", None),
    ]


OFFER_BUTTONS = [
    {"title": "Yes, file a ticket", "payload": "/affirm"},
    {"title": "No thanks", "payload": "/deny"},
]


class ActionOfferHandoff(Action):
    def name(self) -> str:
        return "action_offer_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reason = {"request_human": "request_human", "out_of_scope": "out_of_scope"}.get(
            intent or "", "fallback"
        )
        route = routing(tracker.get_slot("jurisdiction"))
        to = f" (they may refer it to {route['name']})" if route.get("email") else ""
        dispatcher.utter_message(
            text=f"{OFFER[reason]}{to}, with what you've told me so far. Shall I file a ticket?",
            buttons=OFFER_BUTTONS,
        )
        return offer_events(tracker, reason)


class ValidateHandoffForm(FormValidationAction):
    """Reads the contact from the reply; "no"/"skip" files without one. Never rejects."""

    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[str]:
        return ["handoff_contact"]

    async def extract_handoff_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "handoff_contact":
            text = tracker.latest_message.get("text") or ""
            contact = read_contact(text)  # given with the "yes" ("yes, email me at ...")
            return {"handoff_contact": contact} if contact else {}
        text = (tracker.latest_message.get("text") or "").strip()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        contact = read_contact(text)
        if contact:
            return {"handoff_contact": contact, "parse_failures": 0.0}
        if intent == "deny" or SKIP.search(text) or text == "/deny":
            return {"handoff_contact": NO_CONTACT, "parse_failures": 0.0}
        failures = int(tracker.get_slot("parse_failures") or 0) + 1
        if failures >= 2:
            dispatcher.utter_message(text="I'll file it without a contact, then.")
            return {"handoff_contact": NO_CONTACT, "parse_failures": 0.0}
        dispatcher.utter_message(text="I couldn't find an e-mail address or phone number in that.")
        return {"handoff_contact": None, "parse_failures": float(failures)}

    async def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        if value and value != NO_CONTACT:
            # E-mail addresses and phone numbers are always redacted; a name given with them
            # is remembered so that it is redacted wherever it turns up.
            remember(
                part.strip()
                for part in str(value).split(",")
                if not EMAIL.search(part) and not PHONE.search(part)
            )
        return {"handoff_contact": value}


class ActionAskHandoffContact(Action):
    def name(self) -> str:
        return "action_ask_handoff_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(
            text="How can the help desk reach you? Give an e-mail address or phone number, or "
            "say 'no contact' to file it without one (you'll get a ticket reference either way).",
            buttons=[{"title": "No contact, just file it", "payload": "no contact"}],
        )
        return []


def draft(tracker: Tracker) -> TicketDraft:
    slots = tracker.slots
    facts, advice = current(slots)
    supplier = dict(facts.get("supplier") or {})
    abn = supplier.pop("abn", None)
    if "supplier" in facts:
        facts = (
            {**facts, "supplier": supplier}
            if supplier
            else {k: v for k, v in facts.items() if k != "supplier"}
        )
    contact = slots.get("handoff_contact")
    jurisdiction = slots.get("handoff_jurisdiction") or slots.get("jurisdiction")
    return TicketDraft(
        conversation_id=tracker.sender_id,
        reason=slots.get("handoff_reason") or "request_human",
        question=slots.get("handoff_question") or "",
        channel=tracker.get_latest_input_channel(),
        jurisdiction=jurisdiction,
        topic=slots.get("topic"),
        facts=facts,
        advice=slots.get("last_advice") or advice,
        transcript=transcript(tracker),
        routing=routing(jurisdiction),
        contact=None if contact in (None, NO_CONTACT) else contact,
        supplier_abn=abn,
        ref=slots.get("ticket_pending") or ticket_ref(),
    )


class ActionFileTicket(Action):
    def name(self) -> str:
        return "action_file_ticket"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        ticket = draft(tracker)
        try:
            ref = await retry_async(lambda: file_ticket(store(), ticket))
        except StoreUnavailable:
            log.error("ticket %s not filed: the store is unavailable", ticket.ref)
            dispatcher.utter_message(
                text="I'm sorry: I couldn't file your ticket just now because the help-desk "
                "system isn't answering. Nothing you've told me is lost; it's all still here in "
                "our conversation."
            )
            # Same reference on the next try, so a retry never files two tickets.
            return [SlotSet("ticket_pending", ticket.ref), FollowupAction("utter_ticket_retry")]
        route = ticket.routing
        to = (
            f" They may pass it to {route['name']} ({route['email']})."
            if route.get("email")
            else ""
        )
        reach = (
            " They'll contact you at the details you gave."
            if ticket.contact
            else " You didn't leave a contact, so keep this reference to follow it up."
        )
        log.info("ticket %s filed (%s, %s)", ref, ticket.reason, ticket.jurisdiction or "-")
        dispatcher.utter_message(
            text=f"Done: your ticket reference is {ref}. The help desk can see your question, "
            f"the facts and the advice so far.{to}{reach}",
            json_message={"ticket": {"ref": ref}},
        )
        return [
            SlotSet("ticket_ref", ref),
            SlotSet("ticket_pending", None),
            SlotSet("handoff_contact", None),
        ]
