"""POST /api/v1/chat and GET /api/v1/history against a stand-in Rasa."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from bot.gateway.session import COOKIE, seal

QUESTION = "ACT agency, $60k of furniture, how many quotes?"


async def say(client, text, **kwargs):
    return await client.post("/api/v1/chat", json={"message": text}, **kwargs)


async def test_a_first_turn_gets_the_answer_as_cards_and_a_signed_httponly_session_cookie(
    client, rasa
):
    response = await say(client, QUESTION)
    assert response.status == 200
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
    assert response.headers["Server-Timing"].startswith("rasa;dur=")
    (message,) = (await response.json())["messages"]
    assert message["from"] == "bot" and "at least 3 written quotations" in message["text"]
    assert message["buttons"][0]["title"] == "Why? Show me the sections"
    lead = message["answer"]["cards"][0]
    assert (
        lead["lead"] and lead["topic"] == "quotations" and lead["title"] == "Quotations and tenders"
    )
    chips = {(c["document"], c["label"]) for c in lead["citations"]}
    assert ("ACT-GPR-2007", "s 7(2)") in chips
    assert all(c["heading"] for c in lead["citations"])
    assert message["answer"]["heading"] == "For ACT Government, $60,000:"
    assert not any(c["lead"] for c in message["answer"]["cards"][1:])
    (sent,) = rasa.received
    assert sent["sender"].startswith("web-") and sent["metadata"] == {"channel": "web"}


async def test_the_cookie_keeps_the_conversation_and_the_client_cannot_name_the_sender(
    client, rasa
):
    await say(client, "hello")
    await client.post("/api/v1/chat", json={"message": "hello again", "sender": "someone-else"})
    first, second = rasa.received
    assert first["sender"] == second["sender"] != "someone-else"


async def test_a_forged_cookie_does_not_reach_another_conversation(client_for, settings, rasa):
    victim = await client_for(settings)
    await say(victim, "hello")
    victim_sender = rasa.received[0]["sender"]
    sid = victim_sender.removeprefix("web-")
    attacker = await client_for(settings)
    for forged in (f"{sid}.bad-signature", sid, seal("another-secret-0123456789", sid)):
        attacker.session.cookie_jar.clear()
        attacker.session.cookie_jar.update_cookies({COOKIE: forged})
        response = await say(attacker, "hello")
        assert response.status == 200
        assert rasa.received[-1]["sender"] != victim_sender
        assert COOKIE in response.cookies  # a new session of its own


async def test_a_body_over_4_kb_gets_413(client, rasa):
    response = await say(client, "x" * 5000)
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "payload_too_large"

    async def chunks():
        for _ in range(5):
            yield b'{"message": "' + b"x" * 1000

    response = await client.post(
        "/api/v1/chat", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status == 413
    assert rasa.received == []


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'"hello"',
        b"{}",
        b'{"message": ""}',
        b'{"message": "   "}',
        b'{"message": 42}',
        b'{"message": NaN}',
        b"\xff\xfe",
    ],
)
async def test_a_malformed_body_gets_400_with_a_json_error(client, rasa, body):
    response = await client.post(
        "/api/v1/chat", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    error = (await response.json())["error"]
    assert error["code"] == "bad_request" and error["message"]
    assert "Traceback" not in json.dumps(error)
    assert rasa.received == []


async def test_a_body_that_is_not_json_gets_415(client):
    response = await client.post("/api/v1/chat", data={"message": "hello"})
    assert response.status == 415


async def test_a_flood_from_one_session_gets_429_with_retry_after(client, client_for, settings):
    statuses = [(await say(client, "hello")).status for _ in range(settings.gateway.chat_burst)]
    assert statuses == [200] * settings.gateway.chat_burst
    response = await say(client, "hello")
    assert response.status == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert (await response.json())["error"]["code"] == "too_many_requests"
    other = await client_for(settings)
    assert (await say(other, "hello")).status == 200  # another session is not held up


async def test_a_client_dropping_its_cookie_cannot_flood_with_new_sessions(client, settings):
    statuses = []
    for _ in range(settings.gateway.new_sessions_burst + 1):
        client.session.cookie_jar.clear()
        statuses.append((await say(client, "hello")).status)
    assert statuses[:-1] == [200] * settings.gateway.new_sessions_burst
    assert statuses[-1] == 429


async def _unavailable(response):
    assert response.status == 503
    body = await response.json()
    assert body["error"]["code"] == "assistant_unavailable"
    assert body["error"]["message"].startswith("I can't answer right now")
    assert response.headers["Retry-After"]


async def test_rasa_down_gets_a_clear_503(client_for, down):
    client = await client_for(down)
    await _unavailable(await say(client, QUESTION))


async def test_rasa_slow_gets_a_503_within_the_timeout(client, rasa, settings):
    rasa.delay = 5
    start = time.monotonic()
    await _unavailable(await say(client, QUESTION))
    assert time.monotonic() - start < settings.gateway.rasa_timeout + 1


@pytest.mark.parametrize("mode", ["empty", "error", "garbage"])
async def test_no_reply_a_rasa_error_or_a_body_that_is_not_rasas_gets_503(client, rasa, mode):
    rasa.mode = mode
    await _unavailable(await say(client, QUESTION))


async def test_a_client_that_hangs_up_does_not_break_the_next_turn(client, rasa):
    rasa.delay = 0.3
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(say(client, "hello"), 0.05)
    rasa.delay = 0
    assert (await say(client, "hello")).status == 200


async def test_history_reads_the_conversation_back_with_cards_and_button_titles(client):
    assert (await (await client.get("/api/v1/history")).json()) == {"messages": []}
    await say(client, "ACT, $700k, do we need to go to tender?")
    await say(client, "/deny")  # the "No" button
    response = await client.get("/api/v1/history")
    assert response.status == 200
    messages = (await response.json())["messages"]
    assert [m["from"] for m in messages] == ["user", "bot", "user", "bot"]
    assert messages[1]["buttons"][1] == {"title": "No", "payload": "/deny"}
    assert messages[2]["text"] == "No"
    cards = messages[3]["answer"]["cards"]
    assert cards[0]["lead"] and any(c["label"] == "s 8(1)(a)" for c in cards[0]["citations"])


async def test_history_is_per_session(client_for, settings):
    alice, bob = await client_for(settings), await client_for(settings)
    await say(alice, "hello")
    assert (await (await bob.get("/api/v1/history")).json())["messages"] == []
    await say(bob, "hi")
    texts = [m["text"] for m in (await (await alice.get("/api/v1/history")).json())["messages"]]
    assert "hi" not in texts and "hello" in texts


async def test_history_with_rasa_down_gets_503(client_for, settings, down):
    client = await client_for(settings)
    await say(client, "hello")
    cookies = client.session.cookie_jar.filter_cookies(client.make_url("/"))
    other = await client_for(down)
    other.session.cookie_jar.update_cookies({COOKIE: cookies[COOKIE].value})
    response = await other.get("/api/v1/history")
    assert response.status == 503
