"""Personal information typed into a conversation never reaches the logs, through the actions."""

from __future__ import annotations

import io
import logging

import pytest

from actions.handoff import ActionFileTicket, ActionOfferHandoff, ValidateHandoffForm
from actions.slots import ValidateSlotMappings
from actions.supplier import use_abr_client
from bot.abr import AbrClient
from tests.abr_standin import GUID, SOLE_TRADER_ABN, StandIn, start
from tests.actions.conftest import make_tracker
from tests.actions.test_records import slots_of

EMAIL = "jane.citizen@agency.qld.gov.au"
PHONE = "0412 345 678"
NAME = "Jane Citizen"
ABN_SPACED = "53 004 085 616"
PERSONAL = [
    EMAIL,
    PHONE,
    "0412345678",
    NAME,
    "Citizen",
    ABN_SPACED,
    SOLE_TRADER_ABN,
    "CITIZEN, JANE",
]


@pytest.fixture
def captured():
    """Everything logged at DEBUG and above while the test runs, formatted as a handler does."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield out
    root.removeHandler(handler)
    root.setLevel(old)


@pytest.fixture
async def abr():
    server = await start(StandIn())
    client = AbrClient(GUID, base_url=str(server.make_url("/json")), timeout=1)
    use_abr_client(client)
    yield
    use_abr_client(None)
    await client.close()
    await server.close()


async def test_a_conversation_full_of_personal_information_leaves_none_in_the_logs(
    abr, captured, dispatcher, domain
):
    said = (
        f"My name is {NAME}, I'm a sole trader in Brisbane, ABN {ABN_SPACED}, "
        f"email {EMAIL} or {PHONE}. Am I a Queensland SME?"
    )
    events = [
        {
            "event": "user",
            "text": said,
            "timestamp": 1.0,
            "parse_data": {"intent": {"name": "ask_supplier_status"}},
        }
    ]
    message = {"text": said, "intent": {"name": "ask_supplier_status"}, "entities": []}
    got = slots_of(
        await ValidateSlotMappings().run(
            dispatcher, make_tracker(latest_message=message, events=events), domain
        )
    )
    assert got["abr_details"]["entity_name"] == "CITIZEN, JANE MARY"  # the lookup ran

    human = {"text": "can I talk to a person?", "intent": {"name": "request_human"}, "entities": []}
    t = make_tracker(slots=got, latest_message=human, events=events)
    got.update(slots_of(await ActionOfferHandoff().run(dispatcher, t, domain)))

    reply = {"text": f"{EMAIL}, {PHONE}", "intent": {"name": "inform"}, "entities": []}
    t = make_tracker(
        slots={**got, "requested_slot": "handoff_contact"}, latest_message=reply, events=events
    )
    form = ValidateHandoffForm()
    contact = await form.extract_handoff_contact(dispatcher, t, domain)
    await form.validate_handoff_contact(contact["handoff_contact"], dispatcher, t, domain)
    got.update(contact)
    await ActionFileTicket().run(
        dispatcher, make_tracker(slots=got, latest_message=reply, events=events), domain
    )
    # The actions' own log lines went through: the ABN lookup was logged, redacted.
    logging.getLogger("actions.test").debug("user said: %s", said)
    text = captured.getvalue()
    assert "checking ABN [ABN] with the ABR" in text
    assert "ticket T-" in text and "filed" in text
    assert "user said: My name is [name]" in text
    for value in PERSONAL:
        assert value not in text, f"{value!r} reached the logs"
