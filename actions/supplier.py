"""The supplier conversation: what it asks beyond `knowledge`'s missing facts, and the ABR.

`knowledge` asks for a supplier's headcount and main business location when they decide its
status, and presumes it does not resell standard offerings. A supplier checking its own status
is also asked its Indigenous ownership (it decides "Indigenous business") and, when the access
incentive would be open to it, whether it resells standard offerings (reselling without
significant value-add is out of scope for the incentive). An ABN given is checked at once (its
check digits, by `actions.extract`) and, when ``ABR_GUID`` is set, looked up on ABN Lookup for
the entity's name, status and main business location; the answer says which facts came from
the ABR.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import abr
from bot.privacy import remember
from knowledge.fmt import param_text
from knowledge.params import view
from knowledge.parse import STATES

log = logging.getLogger(__name__)
OWNERSHIP = "supplier_indigenous_ownership_percent"
RESELLER = "supplier_reseller_of_standard_offering"
LOCATION = "supplier_main_business_location"
RESELLER_QUESTION = (
    "Does the business mainly resell standard ICT products or services (off-the-shelf "
    "licences or hardware) without adding significant value of its own? (Reselling standard "
    "offerings is out of scope for the SME and Indigenous Access Incentive.)"
)

RESELLER_REASON = (
    "Reselling standard offerings without significant value-add is out of scope for the SME "
    "and Indigenous Access Incentive (QLD-ICT-SME, 'Out of scope for the SME Access Incentive')."
)

_client: abr.AbrClient | None = None
_client_made = False
_lock = threading.Lock()


def abr_client() -> abr.AbrClient | None:
    """The ABN Lookup client from the environment (None without ``ABR_GUID``), made once."""
    global _client, _client_made
    with _lock:
        if not _client_made:
            _client, _client_made = abr.from_environ(), True
        return _client


def use_abr_client(client: abr.AbrClient | None) -> None:
    global _client, _client_made
    with _lock:
        _client, _client_made = client, True


def _determination(advice: dict[str, Any] | None, topic: str) -> dict[str, Any] | None:
    return next((d for d in (advice or {}).get("determinations", []) if d["topic"] == topic), None)


def supplier_reason(slot: str, today: dt.date | None = None) -> str:
    """Why the supplier flow asks a question `knowledge` does not ask ("" for other slots)."""
    if slot == OWNERSHIP:
        share = param_text(
            view("QLD", today or dt.date.today()), "indigenous_business.min_ownership_percent"
        )
        return (
            "It decides whether the business is also an Indigenous business: at least "
            f"{share} owned by Aboriginal and/or Torres Strait Islander people "
            "(QLD-ICT-SME, 'SME and Indigenous Access Incentive')."
        )
    if slot == RESELLER:
        return RESELLER_REASON
    return ""


def supplier_questions(slots: dict[str, Any], advice: dict[str, Any] | None) -> list[str]:
    """The slots to ask a supplier after `knowledge`'s missing facts, in order."""
    status = _determination(advice, "sme_status")
    if status is None:
        return []
    asks = []
    if status["sme"] and slots.get(OWNERSHIP) is None:
        asks.append(OWNERSHIP)
    opened = _determination(advice, "supplier_opportunities") or {}
    if "access_incentive" in opened.get("opportunities", ()) and slots.get(RESELLER) is None:
        asks.append(RESELLER)
    return asks


async def abn_events(
    abn: str | None,
    tracker: Tracker,
    dispatcher: CollectingDispatcher,
    said_location: str | None = None,
) -> list[EventType]:
    """Look a newly given ABN up on the ABR; set what it says (name, status, location).

    ``said_location`` is the location the user gave in the same message, if any.
    """
    if not abn:
        return []
    known = tracker.get_slot("abr_details") or {}
    if known.get("abn") == abn:
        return []
    client = abr_client()
    if client is None:
        return [SlotSet("abr_details", {"abn": abn, "looked_up": False})]
    log.info("checking ABN %s with the ABR", abn)
    try:
        details = await client.lookup(abn)
    except abr.AbrError as error:
        if error.kind in ("not_found", "invalid"):
            dispatcher.utter_message(
                text=f"The ABR has no record of ABN {_shown(abn)}. Please check the number; "
                "I'll go on what you tell me."
            )
        else:
            dispatcher.utter_message(
                text="I couldn't check that ABN with the Australian Business Register just now "
                "(ABN Lookup didn't answer), so I'll go on what you tell me."
            )
        return [SlotSet("abr_details", {"abn": abn, "looked_up": False, "error": error.kind})]
    if details.sole_trader:
        remember(person_names(details.entity_name))  # a person's name: never in the logs
    found = {**details.to_dict(), "looked_up": True, "active": details.active}
    where = f", main business location {details.state}" if details.state else ""
    dispatcher.utter_message(
        text=f"Checked on the Australian Business Register: ABN {_shown(abn)} is "
        f"{details.entity_name or 'registered'} ({details.status or 'status not given'}){where}."
    )
    if details.state not in STATES:
        return [SlotSet("abr_details", found)]
    found["user_said_location"] = said_location or tracker.get_slot(LOCATION)
    return [SlotSet("abr_details", found), SlotSet(LOCATION, details.state)]


def person_names(entity_name: str) -> list[str]:
    """The ways a sole trader's name may be written: the ABR gives "CITIZEN, JANE MARY"."""
    surname, _, given = entity_name.partition(",")
    names = [entity_name]
    given_names = given.split()
    if surname.strip() and given_names:
        first = given_names[0]
        names += [
            f"{' '.join(given_names)} {surname.strip()}",
            f"{first} {surname.strip()}",
            f"{surname.strip()}, {first}",
        ]
    return names


def _shown(abn: str) -> str:
    return f"{abn[:2]} {abn[2:5]} {abn[5:8]} {abn[8:]}" if len(abn) == 11 else abn


def fact_sources(slots: dict[str, Any]) -> dict[str, str]:
    """Facts that came from the ABR rather than the user."""
    d = slots.get("abr_details") or {}
    if d.get("looked_up") and d.get("state") and slots.get(LOCATION) == d["state"]:
        return {"supplier.main_business_location": "ABR"}
    return {}


def abr_note(slots: dict[str, Any]) -> str | None:
    """What the answer says about the ABN: what the ABR said, and which facts came from it."""
    d = slots.get("abr_details") or {}
    abn = d.get("abn")
    if not abn or abn != slots.get("supplier_abn"):
        return None
    if not d.get("looked_up"):
        if d.get("error"):
            return None  # already said when it happened
        return (
            f"ABN {_shown(abn)} has valid check digits. (It wasn't looked up on the Australian "
            "Business Register: no ABN Lookup access is configured, so the main business "
            "location is as you told me.)"
        )
    name = d.get("entity_name") or "no name given"
    lines = [
        f"From the Australian Business Register (ABN Lookup) for ABN {_shown(abn)}: "
        f"{name}, {d.get('entity_type') or 'entity'}, ABN {d.get('status', '').lower() or 'status unknown'}"
        + (f", main business location {d['state']}." if d.get("state") else ".")
    ]
    if fact_sources(slots):
        said = d.get("user_said_location")
        differs = f" (you said {said})" if said and said != d["state"] else ""
        lines.append(
            f"The main business location used above is the ABR's{differs}: the scheme goes by "
            "the location registered with the ABR (3.1)."
        )
    if not d.get("active", True):
        lines.append("The ABR shows this ABN as cancelled: check it before relying on the status.")
    return " ".join(lines)


class AskReseller(Action):
    def name(self) -> str:
        return f"action_ask_{RESELLER}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        failures = int(tracker.get_slot("parse_failures") or 0)
        text = (
            RESELLER_QUESTION if failures == 0 else "Please answer yes or no: " + RESELLER_QUESTION
        )
        dispatcher.utter_message(
            text=text,
            buttons=[{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}],
        )
        return []
