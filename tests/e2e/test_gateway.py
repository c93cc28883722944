"""End-to-end: conversations through the web gateway (/api/v1/chat) to the live servers."""

from __future__ import annotations

import json

import aiohttp
import pytest

from bot.gateway.session import COOKIE, sender_id, unseal

TIMEOUT = aiohttp.ClientTimeout(total=90)


@pytest.fixture
async def browser_like():
    """A client keeping the gateway's cookie, as a browser would."""
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT
    ) as http:
        yield http


async def turn(http, gateway, text):
    async with http.post(f"{gateway.gateway_url}/api/v1/chat", json={"message": text}) as r:
        body = await r.json()
        assert r.status == 200, body
        assert body["messages"], f"no reply to {text!r}"
        return body["messages"]


def all_text(messages):
    return json.dumps(messages)


async def test_healthz_sees_every_component_up(gateway, browser_like):
    async with browser_like.get(f"{gateway.gateway_url}/healthz") as r:
        body = await r.json()
    assert r.status == 200, body
    assert all(c["ok"] for c in body["components"].values())


async def test_an_act_buyer_gets_a_cited_answer_card(gateway, browser_like):
    (message,) = await turn(
        browser_like, gateway, "ACT agency, $60k of furniture, how many quotes?"
    )
    assert "at least 3 written quotations" in message["text"]
    lead = message["answer"]["cards"][0]
    assert lead["topic"] == "quotations" and lead["lead"]
    assert {"s 7(1)(a)", "s 7(2)"} <= {c["label"] for c in lead["citations"]}
    assert message["answer"]["heading"] == "For ACT Government, $60,000:"
    assert "Why? Show me the sections" in [b["title"] for b in message["buttons"]]


async def test_a_follow_up_answered_with_a_button_then_why(gateway, browser_like):
    asked = await turn(browser_like, gateway, "ACT, $700k, do we need to go to tender?")
    assert "construction work" in all_text(asked)
    no = next(b for m in asked for b in m["buttons"] if b["title"] == "No")
    answered = await turn(browser_like, gateway, no["payload"])
    (card, *_) = next(m for m in answered if m["answer"])["answer"]["cards"]
    assert "s 8(1)(a)" in [c["label"] for c in card["citations"]]
    why = next(b for m in answered for b in m["buttons"] if b["title"].startswith("Why?"))
    explained = await turn(browser_like, gateway, why["payload"])
    assert "ACT-GPR-2007 s 8(1)(a)" in all_text(explained)

    async with browser_like.get(f"{gateway.gateway_url}/api/v1/history") as r:
        history = (await r.json())["messages"]
    users = [m["text"] for m in history if m["from"] == "user"]
    assert users == ["ACT, $700k, do we need to go to tender?", "No", why["title"]]
    assert any(m["answer"] for m in history)


async def test_the_channel_reaches_rasa_as_web_metadata_and_sessions_stay_apart(
    gateway, browser_like
):
    await turn(browser_like, gateway, "QLD, $95k ex GST, ICT services")
    cookie = browser_like.cookie_jar.filter_cookies(gateway.gateway_url)[COOKIE].value
    sender = sender_id(unseal(gateway.gateway.secret, cookie))
    url = f"{gateway.rasa_url}/conversations/{sender}/tracker?token={gateway.rasa_token}"
    async with browser_like.get(url) as r:
        events = (await r.json())["events"]
    (user,) = [e for e in events if e["event"] == "user"]
    assert user["metadata"]["channel"] == "web"

    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT
    ) as stranger:
        async with stranger.get(f"{gateway.gateway_url}/api/v1/history") as r:
            assert (await r.json())["messages"] == []


async def test_assess_answers_in_process_beside_the_live_assistant(gateway, browser_like):
    facts = {"jurisdiction": "CTH", "as_of": "2026-11-22", "need": "cloud_services"}
    async with browser_like.post(f"{gateway.gateway_url}/api/v1/assess", json=facts) as r:
        advice = await r.json()
    assert r.status == 200
    assert advice["determinations"][0]["topic"] == "panel"
