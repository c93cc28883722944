"""End-to-end: conversations over HTTP against the live action server and Rasa server."""

from __future__ import annotations

import json
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml

CONVERSATIONS = yaml.safe_load((Path(__file__).parent / "conversations.yml").read_text())


def say(cfg, sender: str, text: str) -> list[dict]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{cfg.rasa_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_there_are_at_least_thirty_conversations():
    assert len(CONVERSATIONS) >= 30
    assert len({c["name"] for c in CONVERSATIONS}) == len(CONVERSATIONS)


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["name"] for c in CONVERSATIONS])
def test_conversation(live, conversation):
    sender = f"e2e-{uuid.uuid4().hex}"
    transcript = []
    for turn in conversation["turns"]:
        replies = say(live, sender, turn["user"])
        text = "\n".join(r.get("text", "") for r in replies)
        transcript.append(f"you> {turn['user']}\nbot> {text}")
        shown = "\n".join(transcript)
        assert replies, f"no reply to {turn['user']!r}\n{shown}"
        for wanted in turn.get("expect", []):
            assert wanted in text, f"{wanted!r} not in the reply\n{shown}"
        for unwanted in turn.get("reject", []):
            assert unwanted not in text, f"{unwanted!r} in the reply\n{shown}"


@pytest.mark.parametrize(
    "text",
    [
        "ACT agency, $60k of furniture. " * 3300,  # about 100 KB
        "x" * 100_000,
        '/inform{"value": -5, "jurisdiction": "Mars"}',
        '{"not": "a message"}',
    ],
)
def test_hostile_messages_get_a_reply_and_no_traceback(live, text):
    replies = say(live, f"e2e-{uuid.uuid4().hex}", text)
    body = json.dumps(replies)
    assert replies, "no reply"
    assert "Traceback" not in body and "Exception" not in body
    assert "written quotation" not in body
    if len(text) > 4000:
        assert "too long" in replies[0]["text"]


def test_control_characters_do_not_stop_a_real_answer(live):
    text = "\u0000\u202e\ufeff ACT agency, $60k of furniture, how many quotes?"
    replies = say(live, f"e2e-{uuid.uuid4().hex}", text)
    assert "at least 3 written quotations" in json.dumps(replies)
