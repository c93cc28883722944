"""Decision records from the action server: every answer is recorded; "a record of this advice".

The store is made on first use (from ``DATABASE_URL``, SQLite in ``var/advisor.db`` by default)
and kept for the process; tests put their own with `use_store`. The public address of a record
is ``ADVISOR_PUBLIC_URL`` (default http://127.0.0.1:8080) + ``/records/<id>``: the gateway
serves it.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.store import Store, StoreUnavailable, retry_async
from bot.store.records import new_record, save_record

log = logging.getLogger(__name__)
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080"
#: An answer waits for its record at most this long (then the record is written on request).
RECORD_BACKOFF = (0.1, 0.3)

_store: Store | None = None
_lock = threading.Lock()


def store() -> Store:
    """The process's store, made on first use."""
    global _store
    with _lock:
        if _store is None:
            _store = Store.from_url()
        return _store


def use_store(s: Store | None) -> None:
    """Use ``s`` from now on (tests; None makes the next call build one from the environment)."""
    global _store
    with _lock:
        _store = s


def record_url(record_id: str) -> str:
    base = (os.environ.get("ADVISOR_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")
    return f"{base}/records/{record_id}"


async def record_answer(
    tracker: Tracker,
    facts: dict[str, Any],
    advice: dict[str, Any],
    fact_sources: dict[str, str],
) -> dict[str, Any]:
    """Record the advice just given; returns the `last_record` slot's value.

    The answer never waits long for the database: if it is unavailable the record is kept in
    the slot (``saved: false``) and written when the user asks for it.
    """
    record = new_record(
        conversation_id=tracker.sender_id,
        channel=tracker.get_latest_input_channel(),
        facts=facts,
        advice=advice,
        fact_sources=fact_sources,
        topic=tracker.get_slot("topic"),
    )
    slot = {
        "id": record.id,
        "facts": facts,
        "fact_sources": fact_sources,
        "topic": record.topic,
        "saved": False,
    }
    try:
        await retry_async(lambda: save_record(store(), record), delays=RECORD_BACKOFF, attempts=3)
        slot["saved"] = True
    except StoreUnavailable:
        log.warning("decision record %s not written yet: the store is unavailable", record.id)
    except Exception:
        log.exception("decision record %s could not be written", record.id)
    return slot


async def ensure_recorded(tracker: Tracker) -> str | None:
    """The last answer's record id, written now if it wasn't then; None if there is none.

    Raises `StoreUnavailable` when the database still does not answer.
    """
    last = tracker.get_slot("last_record")
    advice = tracker.get_slot("last_advice")
    if not last or not advice:
        return None
    if last.get("saved"):
        return last["id"]
    record = new_record(
        record_id=last["id"],
        conversation_id=tracker.sender_id,
        channel=tracker.get_latest_input_channel(),
        facts=last["facts"],
        advice=advice,
        fact_sources=last.get("fact_sources") or {},
        topic=last.get("topic"),
    )
    await retry_async(lambda: save_record(store(), record))
    return record.id


class ActionGiveRecord(Action):
    """ "Can I have a record of this advice?": the reference and where to read it."""

    def name(self) -> str:
        return "action_give_record"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            record_id = await ensure_recorded(tracker)
        except StoreUnavailable:
            dispatcher.utter_message(
                text="I couldn't save the record just now: our records database isn't "
                "answering. The advice is still here in our conversation; ask me again in a "
                "minute and I'll give you the reference."
            )
            return []
        if record_id is None:
            dispatcher.utter_message(
                text="I haven't given any advice yet to make a record of. Ask me a procurement "
                "question first, then ask for a record of the answer."
            )
            return []
        url = record_url(record_id)
        dispatcher.utter_message(
            text=f"Here's a record of that advice for your procurement file: reference "
            f"{record_id}. Read or print it at {url}. It lists "
            "the facts, the answer, the sections cited and the ruleset version; it's guidance, "
            "not legal advice.",
            json_message={"record": {"id": record_id, "url": url}},
        )
        last = dict(tracker.get_slot("last_record") or {}, saved=True)
        return [SlotSet("last_record", last)]
