"""The hand-off: offered, a contact taken (or not), a ticket filed with everything gathered."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import FollowupAction

from actions.answer import ActionOutOfScope
from actions.handoff import (
    ActionFileTicket,
    ActionOfferHandoff,
    ValidateHandoffForm,
    read_contact,
    routing,
)
from actions.records import use_store
from bot.store.tickets import get_ticket
from knowledge import assess
from tests.actions.conftest import make_tracker
from tests.actions.test_records import failing_store, slots_of

T0 = 1_764_000_000.0
CONVERSATION = [
    {
        "event": "user",
        "timestamp": T0,
        "text": "QLD ICT, $20k, can I get one quote?",
        "parse_data": {"intent": {"name": "ask_procurement"}},
    },
    {"event": "bot", "timestamp": T0 + 1, "text": "Set-aside: you may seek only one quote..."},
    {
        "event": "user",
        "timestamp": T0 + 20,
        "text": "what if the supplier is a sole trader, "
        "ABN 51 824 753 556? my name is Jane Citizen",
        "parse_data": {"intent": {"name": "inform"}},
    },
    {
        "event": "user",
        "timestamp": T0 + 30,
        "text": "can I talk to a person?",
        "parse_data": {"intent": {"name": "request_human"}},
    },
]
QLD_SLOTS = {
    "jurisdiction": "QLD",
    "ict": True,
    "value": 20000.0,
    "topic": "set_aside",
    "supplier_abn": "51824753556",
    "last_advice": assess({"jurisdiction": "QLD", "ict": True, "value": 20000.0}),
}


def tracker(text="can I talk to a person?", intent="request_human", events=CONVERSATION, **slots):
    return make_tracker(
        slots={**QLD_SLOTS, **slots},
        latest_message={"text": text, "intent": {"name": intent}, "entities": []},
        events=events,
    )


async def test_asking_for_a_person_offers_a_ticket_with_the_question(dispatcher, domain):
    events = await ActionOfferHandoff().run(dispatcher, tracker(), domain)
    got = slots_of(events)
    assert got["handoff_reason"] == "request_human"
    # The question is the last one asked before "can I talk to a person", redacted.
    assert got["handoff_question"] == (
        "what if the supplier is a sole trader, ABN [ABN]? my name is [name]"
    )
    text = dispatcher.messages[0]["text"]
    assert "Shall I file a ticket?" in text and "ICT Strategic Sourcing" in text
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]


async def test_another_state_is_referred_and_a_person_offered(dispatcher, domain):
    t = make_tracker(
        latest_message={
            "text": "what are the NSW procurement thresholds?",
            "intent": {"name": "out_of_scope"},
        },
        events=[
            {
                "event": "user",
                "text": "what are the NSW procurement thresholds?",
                "parse_data": {"intent": {"name": "out_of_scope"}},
            }
        ],
    )
    events = await ActionOutOfScope().run(dispatcher, t, domain)
    assert "won't guess" in dispatcher.messages[0]["text"]
    assert "Shall I file a ticket?" in dispatcher.messages[0]["text"]
    got = slots_of(events)
    assert (got["handoff_reason"], got["handoff_jurisdiction"]) == ("out_of_scope", "NSW")


async def test_an_unrelated_question_offers_no_ticket(dispatcher, domain):
    t = make_tracker(latest_message={"text": "tell me a joke", "intent": {"name": "out_of_scope"}})
    assert await ActionOutOfScope().run(dispatcher, t, domain) == []
    assert "ticket" not in dispatcher.messages[0]["text"]


@pytest.mark.parametrize(
    ("text", "intent", "contact"),
    [
        ("jane.citizen@agency.qld.gov.au", "inform", "jane.citizen@agency.qld.gov.au"),
        ("call me on 0412 345 678", "inform", "0412 345 678"),
        (
            "My name is Jane Citizen, jane@x.gov.au or (07) 3215 1234",
            "inform",
            "Jane Citizen, jane@x.gov.au, (07) 3215 1234",
        ),
        ("no contact", "deny", "none"),
        ("nah just file it", "inform", "none"),
        ("/deny", "deny", "none"),
    ],
)
async def test_the_contact_is_read_or_skipped(dispatcher, domain, text, intent, contact):
    t = tracker(text, intent, requested_slot="handoff_contact")
    got = await ValidateHandoffForm().extract_handoff_contact(dispatcher, t, domain)
    assert got["handoff_contact"] == contact


async def test_a_reply_without_a_contact_is_asked_once_more_then_filed_without(dispatcher, domain):
    t = tracker("the usual", "inform", requested_slot="handoff_contact")
    got = await ValidateHandoffForm().extract_handoff_contact(dispatcher, t, domain)
    assert got == {"handoff_contact": None, "parse_failures": 1.0}
    t = tracker("the usual", "inform", requested_slot="handoff_contact", parse_failures=1.0)
    got = await ValidateHandoffForm().extract_handoff_contact(dispatcher, t, domain)
    assert got["handoff_contact"] == "none"
    assert "without a contact" in dispatcher.messages[-1]["text"]


async def test_a_contact_given_with_the_yes_is_taken_at_once(dispatcher, domain):
    t = tracker("yes please, email me at sam@agency.gov.au", "affirm")
    got = await ValidateHandoffForm().extract_handoff_contact(dispatcher, t, domain)
    assert got == {"handoff_contact": "sam@agency.gov.au"}


async def test_the_ticket_has_everything_and_personal_information_only_in_its_fields(
    dispatcher, domain, action_store
):
    t = tracker(
        "jane@agency.qld.gov.au",
        "inform",
        handoff_reason="request_human",
        handoff_question="what if the supplier is a sole trader, ABN [ABN]?",
        handoff_contact="Jane Citizen, jane@agency.qld.gov.au",
    )
    events = await ActionFileTicket().run(dispatcher, t, domain)
    ref = slots_of(events)["ticket_ref"]
    assert f"your ticket reference is {ref}" in dispatcher.messages[0]["text"]
    ticket = get_ticket(action_store, ref)
    assert (ticket.reason, ticket.jurisdiction, ticket.topic) == (
        "request_human",
        "QLD",
        "set_aside",
    )
    assert ticket.facts["value"] == 20000.0 and "supplier" not in ticket.facts
    assert ticket.supplier_abn == "51824753556"
    assert ticket.contact == "Jane Citizen, jane@agency.qld.gov.au"
    assert ticket.advice["determinations"][0]["citations"]
    assert ticket.routing["email"] == "ICTStrategicSourcing@qld.gov.au"
    assert [m["who"] for m in ticket.transcript] == ["user", "assistant", "user", "user"]
    assert ticket.transcript[0]["at"] == dt.datetime.fromtimestamp(T0, dt.timezone.utc).isoformat()
    stored = str(ticket.transcript) + ticket.question + str(ticket.facts)
    for personal in ("51 824 753 556", "51824753556", "Jane", "Citizen", "jane@"):
        assert personal not in stored


async def test_a_briefly_unavailable_database_is_retried_and_the_ticket_filed(
    dispatcher, domain, tmp_path, monkeypatch
):
    monkeypatch.setattr("bot.store.backoff.BACKOFF", (0.01, 0.02, 0.04))
    flaky, calls = failing_store(tmp_path, failures=2)
    use_store(flaky)
    events = await ActionFileTicket().run(dispatcher, tracker(handoff_reason="fallback"), domain)
    ref = slots_of(events)["ticket_ref"]
    assert calls["n"] > 2 and get_ticket(flaky, ref).reason == "fallback"


async def test_a_database_that_stays_down_is_said_plainly_and_nothing_is_lost(
    dispatcher, domain, tmp_path, monkeypatch
):
    monkeypatch.setattr("bot.store.backoff.BACKOFF", (0.01,))
    flaky, _ = failing_store(tmp_path, failures=4)  # each of the 4 attempts fails
    use_store(flaky)
    events = await ActionFileTicket().run(dispatcher, tracker(handoff_reason="fallback"), domain)
    assert "couldn't file your ticket just now" in dispatcher.messages[0]["text"]
    assert "Nothing you've told me is lost" in dispatcher.messages[0]["text"]
    assert FollowupAction("utter_ticket_retry") in events
    pending = slots_of(events)["ticket_pending"]
    # The user says "yes, try again" once the database is back: the same reference is filed.
    dispatcher.messages.clear()
    events = await ActionFileTicket().run(
        dispatcher, tracker(handoff_reason="fallback", ticket_pending=pending), domain
    )
    assert slots_of(events)["ticket_ref"] == pending
    assert get_ticket(flaky, pending).transcript[0]["text"] == CONVERSATION[0]["text"]


def test_routing_follows_the_sources(monkeypatch):
    assert routing("CTH")["email"] == "ictprocurement@dta.gov.au"
    assert routing("QLD")["name"].startswith("ICT Strategic Sourcing")
    monkeypatch.delenv("ACT_HELPDESK", raising=False)
    assert routing("ACT")["email"] is None and "ACT_HELPDESK" in routing("ACT")["why"]
    monkeypatch.setenv("ACT_HELPDESK", "Procurement ACT help desk <procurement@act.gov.au>")
    assert routing("ACT") | {"why": ""} == {
        "name": "Procurement ACT help desk",
        "email": "procurement@act.gov.au",
        "why": "",
    }
    assert routing("NSW")["email"] is None


def test_contacts_are_read_from_free_text():
    assert read_contact("ring 07 3215 1234 after 2") == "07 3215 1234"
    assert read_contact("whenever suits") is None
