"""Slack and Teams end to end: the real Rasa server, action server and model, with Slack's Web
API and Microsoft's side stood in for by local servers (tests/channels/*_fakes.py).

The servers are started as `make run` starts them (bot.serve.start), with the channels'
variables set and their URLs pointing at the stand-ins, and an SQLite tracker store of their
own, which the tests read to check that refused requests wrote nothing. Needs the trained model
(`make train`); with ADVISOR_REQUIRE_MODEL=1 (set by `make test`) a missing model fails.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.config import Settings
from tests.channels.botframework_fakes import APP_ID, APP_PASSWORD, TENANT, BotFramework, Keys
from tests.channels.harness import serve_aiohttp
from tests.channels.slack_fakes import (
    BOT_USER,
    SIGNING_SECRET,
    TOKEN,
    SlackApi,
    click_body,
    event_body,
    signed,
)
from tests.live import live_servers, require_model

pytestmark = pytest.mark.slow


class StandIns:
    """The Slack and Bot Framework stand-ins, served from a thread of their own."""

    def __init__(self) -> None:
        self.slack = SlackApi()
        self.keys = Keys()
        self.keys.make("key-1")
        self.bot_framework = BotFramework(self.keys)
        self.slack_url = ""
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with (
            serve_aiohttp(self.slack.app) as slack_url,
            serve_aiohttp(self.bot_framework.app) as bf_url,
        ):
            self.slack_url = slack_url
            self.bot_framework.url = bf_url
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> StandIns:
        self._thread.start()
        assert self._ready.wait(10), "the stand-ins did not start"
        return self

    def __exit__(self, *_: object) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


@pytest.fixture(scope="module")
def live_channels(tmp_path_factory):
    require_model()
    tmp = tmp_path_factory.mktemp("live_channels")
    with StandIns() as fakes:
        env = {
            "SLACK_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": f"{fakes.slack_url}/api/",
            "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": APP_PASSWORD,
            "MICROSOFT_TENANT_ID": TENANT,
            "BOTFRAMEWORK_OPENID_URL": f"{fakes.bot_framework.url}/v1/.well-known/openidconfiguration",
            "MICROSOFT_LOGIN_URL": fakes.bot_framework.url,
        }
        with live_servers(tmp, "channels-token", env) as cfg:
            yield cfg, fakes, tmp / "tracker.db"


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, body, headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code


def until(check, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {check}")


def conversation_events(db: Path, sender_prefix: str) -> int:
    with sqlite3.connect(db) as con:
        [(n,)] = con.execute(
            "SELECT count(*) FROM events WHERE sender_id LIKE ?", (f"{sender_prefix}%",)
        ).fetchall()
    return n


def slack(cfg: Settings, body: bytes, headers: dict[str, str]) -> int:
    return post(f"{cfg.rasa_url}/webhooks/slack/webhook", body, headers)


def test_slack_refuses_unsigned_stale_and_wrongly_signed_requests_and_writes_nothing(
    live_channels,
):
    cfg, fakes, db = live_channels
    channel = f"D{uuid.uuid4().hex[:8]}"
    body = event_body("ACT agency, $60k of furniture", user="UREFUSED", channel=channel)
    for headers in (
        {"Content-Type": "application/json"},
        signed(body, "application/json", timestamp=int(time.time()) - 400),
        signed(body, "application/json", secret="not-the-secret"),
    ):
        assert slack(cfg, body, headers) == 401
    time.sleep(1)
    assert conversation_events(db, "UREFUSED") == 0
    assert [p for p in fakes.slack.posts if p["channel"] == channel] == []


def test_slack_answers_a_direct_message_with_block_kit(live_channels):
    cfg, fakes, db = live_channels
    user, channel = f"U{uuid.uuid4().hex[:8]}", f"D{uuid.uuid4().hex[:8]}"
    body = event_body("ACT agency, $60k of furniture, how many quotes?", user=user, channel=channel)
    assert slack(cfg, body, signed(body, "application/json")) == 200
    [answer] = until(lambda: [p for p in fakes.slack.posts if p["channel"] == channel])
    assert answer["blocks"][0]["text"]["text"] == (
        "Seek at least 3 written quotations from suppliers"
    )
    assert "s 7(2)" in answer["text"]
    assert "thread_ts" not in answer  # a DM's top level stays at the top level
    assert not [r for r in fakes.slack.refused if r[1].get("channel") == channel]
    # Rasa posts the reply while it handles the message and saves the tracker after it, so
    # the events land a moment after the post.
    until(lambda: conversation_events(db, f"{user}_{channel}") > 0, timeout=30)


def test_slack_keeps_a_thread_as_one_conversation_and_takes_button_clicks(live_channels):
    cfg, fakes, _ = live_channels
    user, channel, ts = f"U{uuid.uuid4().hex[:8]}", f"C{uuid.uuid4().hex[:8]}", "1700000500.000100"
    mention = event_body(
        f"<@{BOT_USER}> Qld department buying ICT services worth $95,000",
        kind="app_mention",
        user=user,
        channel=channel,
        ts=ts,
    )
    assert slack(cfg, mention, signed(mention, "application/json")) == 200
    [question] = until(lambda: [p for p in fakes.slack.posts if p["channel"] == channel])
    assert question["thread_ts"] == ts and "include GST" in question["text"]
    [buttons] = [b for b in question["blocks"] if b["type"] == "actions"]
    inc = next(e for e in buttons["elements"] if e["value"] == "inc GST")
    click = click_body(inc["value"], user=user, channel=channel, thread_ts=ts)
    form = "application/x-www-form-urlencoded"
    assert slack(cfg, click, signed(click, form)) == 200
    posts = until(lambda: [p for p in fakes.slack.posts if p["channel"] == channel][1:])
    answer = posts[0]
    assert answer["thread_ts"] == ts
    assert answer["blocks"][0]["type"] == "header"
    assert "only two quotes" in answer["text"] and "$100,000" in answer["text"]


def teams_post(cfg: Settings, fakes: StandIns, activity: dict, token: str | None = None) -> int:
    token = token or fakes.keys.token(fakes.bot_framework.service_url)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return post(f"{cfg.rasa_url}/webhooks/teams/webhook", json.dumps(activity).encode(), headers)


def test_teams_refuses_a_bad_token_and_writes_nothing(live_channels):
    cfg, fakes, db = live_channels
    conversation = {"id": f"a:refused-{uuid.uuid4().hex}", "conversationType": "personal"}
    activity = fakes.bot_framework.activity("ACT, $60k", conversation=conversation)
    service_url = fakes.bot_framework.service_url
    for token in (
        fakes.keys.token(service_url, alg="none"),
        fakes.keys.token(service_url, exp=int(time.time()) - 3600),
        fakes.keys.token(service_url.replace("/amer/", "/evil/")),
        "garbage",
    ):
        assert teams_post(cfg, fakes, activity, token) == 401
    time.sleep(1)
    assert conversation_events(db, conversation["id"]) == 0


def test_teams_asks_with_a_card_and_a_submit_answers_it(live_channels):
    cfg, fakes, db = live_channels
    service = fakes.bot_framework
    conversation = {"id": f"a:chat-{uuid.uuid4().hex}", "conversationType": "personal"}

    def replies():
        return [r for r in service.replies if r["body"]["conversation"]["id"] == conversation["id"]]

    first = service.activity(
        "<at>Procurement Advisor</at> Qld department buying ICT services worth $95,000",
        id="m1",
        conversation=conversation,
    )
    assert teams_post(cfg, fakes, first) == 200
    [question] = until(replies)
    assert question["authorization"].startswith("Bearer connector-token-")
    assert question["activity"] == "m1"
    card = question["body"]["attachments"][0]["content"]
    assert "include GST" in card["body"][0]["text"]
    inc = next(a for a in card["actions"] if a["data"]["reply"] == "inc GST")
    submit = service.activity(None, id="m2", conversation=conversation, value=inc["data"])
    assert teams_post(cfg, fakes, submit) == 200
    answer = until(lambda: replies()[1:])[0]
    assert answer["activity"] == "m2"
    content = answer["body"]["attachments"][0]["content"]
    text = json.dumps(content)
    assert "only two quotes" in text and "$100,000" in text
    until(
        lambda: conversation_events(db, conversation["id"]) > 0, timeout=30
    )  # saved after the reply
    assert [t["tenant"] for t in service.token_requests][:1] == [TENANT]
