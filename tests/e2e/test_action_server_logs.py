"""The live action server, run with --debug: personal information seeded through its webhook
never reaches its log file (the redaction is installed when it imports the actions)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.config import ROOT
from bot.serve import free_port
from bot.store import Store, make_engine
from bot.store.migrate import upgrade
from bot.store.tickets import get_ticket
from tests.abr_standin import GUID, SOLE_TRADER_ABN, Threaded

EMAIL = "jane.citizen@agency.qld.gov.au"
PHONE = "0412 345 678"
NAME = "Jane Citizen"
ABN_SPACED = "53 004 085 616"
PERSONAL = [EMAIL, PHONE, NAME, "Citizen", ABN_SPACED, SOLE_TRADER_ABN, "CITIZEN, JANE"]
SAID = f"My name is {NAME}, sole trader in Brisbane, ABN {ABN_SPACED}, {EMAIL} or {PHONE}"


def _post(port: int, body: dict) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhook",
        json.dumps(body).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _call(port: int, action: str, slots: dict, text: str, intent: str, active_loop=None) -> dict:
    event = {
        "event": "user",
        "text": SAID,
        "timestamp": time.time(),
        "parse_data": {"intent": {"name": "ask_supplier_status"}},
    }
    tracker = {
        "sender_id": "privacy-e2e",
        "slots": slots,
        "latest_message": {"text": text, "intent": {"name": intent}, "entities": []},
        "events": [event],
        "paused": False,
        "followup_action": None,
        "active_loop": active_loop or {},
        "latest_action_name": "action_listen",
    }
    domain = {
        "slots": {s: {"type": "any", "mappings": [{"type": "custom"}]} for s in slots},
        "forms": {"handoff_form": {"required_slots": ["handoff_contact"]}},
    }
    return _post(
        port,
        {
            "next_action": action,
            "sender_id": "privacy-e2e",
            "tracker": tracker,
            "domain": domain,
            "version": "3.6.21",
        },
    )


@pytest.fixture
def action_server(tmp_path):
    db = tmp_path / "advisor.db"
    upgrade(engine=make_engine(f"sqlite:///{db}"))
    abr = Threaded()
    port = free_port()
    log = tmp_path / "actions.log"
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{db}",
        ABR_GUID=GUID,
        ABR_URL=abr.url,
        PYTHONPATH=str(ROOT),
        SANIC_HOST="127.0.0.1",
    )
    rasa = str(Path(sys.executable).parent / "rasa")
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [rasa, "run", "actions", "--actions", "actions", "--port", str(port), "--debug"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the action server did not start:\n" + log.read_text()[-3000:])
                time.sleep(0.5)
        yield port, log, Store(make_engine(f"sqlite:///{db}"))
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        abr.close()


def test_the_action_server_log_has_no_personal_information(action_server):
    port, log, store = action_server
    slots = {
        "supplier_abn": None,
        "abr_details": None,
        "jurisdiction": None,
        "topic": None,
        "supplier_main_business_location": None,
        "handoff_contact": None,
        "requested_slot": None,
        "handoff_reason": None,
        "handoff_question": None,
    }
    result = _call(port, "action_validate_slot_mappings", slots, SAID, "ask_supplier_status")
    found = {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"}
    assert found["abr_details"]["entity_type_code"] == "IND"
    slots.update(found)
    result = _call(port, "action_offer_handoff", slots, "can I talk to a person?", "request_human")
    slots.update({e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"})
    slots["requested_slot"] = "handoff_contact"
    result = _call(
        port,
        "validate_handoff_form",
        slots,
        f"{EMAIL} or {PHONE}",
        "inform",
        active_loop={"name": "handoff_form"},
    )
    slots.update({e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"})
    assert slots["handoff_contact"] == f"{EMAIL}, {PHONE}"
    result = _call(port, "action_file_ticket", slots, f"{EMAIL} or {PHONE}", "inform")
    ref = next(e["value"] for e in result["events"] if e.get("name") == "ticket_ref")
    ticket = get_ticket(store, ref)
    assert ticket.contact == f"{EMAIL}, {PHONE}" and NAME not in json.dumps(ticket.transcript)
    time.sleep(0.5)  # let the server flush its log
    text = log.read_text(errors="replace")
    assert "Received request to run 'action_file_ticket'" in text  # --debug logging was on
    assert "checking ABN [ABN] with the ABR" in text  # and the seeded values went through it
    for value in PERSONAL:
        assert value not in text, f"{value!r} is in the action server's log"
