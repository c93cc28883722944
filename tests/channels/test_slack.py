"""The Slack connector, served from its own blueprint with a stub agent and a real tracker store.

Each test mounts `bot.channels.slack.SlackInput` in a Sanic app (tests/channels/harness.py)
whose agent writes every message it gets to an SQLite tracker store, and points the Slack Web
API client at a local stand-in (tests/channels/slack_fakes.py) so replies can be checked.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import aiohttp
import pytest
from rasa.shared.exceptions import InvalidConfigException

from actions.render import question_buttons
from actions.render_slack import slack_answer
from bot.channels.config import SlackSettings
from bot.channels.rest import TOO_LONG
from bot.channels.slack import SlackInput
from bot.channels.unconfigured import UnconfiguredChannel
from knowledge import assess
from tests.channels.harness import StubAgent, eventually, serve_aiohttp, serve_channel
from tests.channels.slack_fakes import (
    BOT_USER,
    SIGNING_SECRET,
    TOKEN,
    SlackApi,
    click_body,
    event_body,
    signed,
)

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@dataclass
class Slack:
    url: str
    api: SlackApi
    agent: StubAgent
    http: aiohttp.ClientSession

    async def post(self, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        async with self.http.post(f"{self.url}/webhook", data=body, headers=headers) as r:
            return r.status, await r.text()

    async def send(self, body: bytes, content_type: str = JSON, **kw) -> tuple[int, str]:
        return await self.post(body, signed(body, content_type, **kw))

    async def nothing_happened(self) -> None:
        assert self.agent.received == []
        assert await self.agent.conversations() == []
        assert self.api.posts == []


def _replies(message):
    if message.text == "show me an answer":
        facts = {"jurisdiction": "ACT", "value": 60_000}
        return [{"custom": slack_answer(assess(facts), facts, None)[0]["json_message"]}]
    if message.text == "ask me something":
        return [{"text": "Which need?", "buttons": question_buttons("need")}]
    if message.text == "too many blocks":
        blocks = [{"type": "divider"}] * 60
        return [{"custom": {"text": "a fallback", "blocks": blocks}}]
    return [{"text": f"you said: {message.text}\n\nsecond & <last> paragraph"}]


@pytest.fixture
async def slack(tmp_path):
    api = SlackApi()
    async with serve_aiohttp(api.app) as api_url:
        settings = SlackSettings(TOKEN, SIGNING_SECRET, f"{api_url}/api/")
        agent = StubAgent(tmp_path / "tracker.db", _replies)
        async with (
            serve_channel(SlackInput(settings), agent) as url,
            aiohttp.ClientSession() as http,
        ):
            yield Slack(url, api, agent, http)


def test_without_the_variables_the_channel_is_off_and_says_what_to_set(monkeypatch):
    monkeypatch.delenv("SLACK_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "set")
    channel = SlackInput.from_credentials({"conversation_granularity": "thread"})
    assert isinstance(channel, UnconfiguredChannel)
    assert channel.url_prefix() == "slack"
    assert channel.variables == ["SLACK_TOKEN"]


async def test_an_unconfigured_slack_answers_503(tmp_path, monkeypatch):
    monkeypatch.delenv("SLACK_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    agent = StubAgent(tmp_path / "tracker.db")
    channel = SlackInput.from_credentials(None)
    async with serve_channel(channel, agent) as url, aiohttp.ClientSession() as http:
        for method, path in (("POST", "/webhook"), ("GET", "/")):
            async with http.request(method, url + path, data=event_body("hi")) as r:
                assert r.status == 503
                body = await r.json()
        assert "Slack is not configured" in body["error"]
        assert body["missing"] == ["SLACK_TOKEN", "SLACK_SIGNING_SECRET"]
    assert await agent.conversations() == []


def test_the_variables_configure_it(monkeypatch):
    monkeypatch.setenv("SLACK_TOKEN", TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.delenv("SLACK_API_URL", raising=False)
    channel = SlackInput.from_credentials({"conversation_granularity": "thread"})
    assert isinstance(channel, SlackInput)
    assert (channel.slack_token, channel.slack_signing_secret) == (TOKEN, SIGNING_SECRET)
    assert channel.api_url == "https://slack.com/api/"
    assert channel.use_threads and channel.conversation_granularity == "thread"
    with pytest.raises(InvalidConfigException, match="conversation_granularity"):
        SlackInput.from_credentials({"conversation_granularity": "team"})


GOOD = event_body("hello")


def _retimed(seconds: int) -> dict[str, str]:
    return signed(GOOD, JSON, timestamp=int(time.time()) + seconds)


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda: {"Content-Type": JSON}, id="no signature"),
        pytest.param(lambda: signed(GOOD, JSON, secret="another-secret"), id="wrong secret"),
        pytest.param(lambda: _retimed(-302), id="stale: over 5 minutes old"),
        pytest.param(lambda: _retimed(-86_400), id="stale: a day old"),
        pytest.param(lambda: _retimed(+302), id="over 5 minutes in the future"),
        pytest.param(lambda: signed(b"{}", JSON), id="signature of another body"),
        pytest.param(
            lambda: {**signed(GOOD, JSON), "X-Slack-Request-Timestamp": "soon"},
            id="timestamp not a number",
        ),
        pytest.param(
            lambda: {**signed(GOOD, JSON), "X-Slack-Signature": "v0="}, id="empty signature"
        ),
        pytest.param(
            lambda: {**signed(GOOD, JSON), "X-Slack-Signature": "v1=" + "0" * 64},
            id="wrong version",
        ),
    ],
)
async def test_a_request_not_signed_by_slack_is_refused_and_writes_nothing(slack, headers):
    status, text = await slack.post(GOOD, headers())
    assert status == 401
    assert "not signed by Slack" in json.loads(text)["error"]
    await slack.nothing_happened()


async def test_a_request_signed_four_minutes_ago_is_accepted(slack):
    status, _ = await slack.post(GOOD, _retimed(-240))
    assert status == 200
    await eventually(lambda: slack.agent.received)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", JSON, 400),
        (b"[1, 2]", JSON, 400),
        (b"\xff\xfe", JSON, 400),
        (b"text=hello", FORM, 400),
        (b"payload=%7Bnot%20json", FORM, 400),
        (b"payload=%5B%5D", FORM, 400),
        (b'payload={"actions": "x", "user": {"id": "U1"}}', FORM, 200),
        (b'payload={"actions": [{"type": "select", "selected_options": "x"}]}', FORM, 400),
        (b"hello", "text/plain", 415),
        (b'{"type": "event_callback", "event": "x"}', JSON, 200),
        (b'{"type": "event_callback", "event": {"type": "message", "text": 5}}', JSON, 200),
        (b'{"type": "event_callback", "event": {"type": "message", "text": "hi"}}', JSON, 200),
        (
            b'{"type": "event_callback", "event": {"type": "message", "text": "hi", '
            b'"user": "U1", "channel_type": "im"}}',
            JSON,
            200,
        ),
        (
            b'payload={"actions": [{"type": "button", "value": "yes"}], "user": {"id": "U1"}}',
            FORM,
            200,
        ),
    ],
)
async def test_a_signed_but_malformed_body_gets_a_client_error_and_writes_nothing(
    slack, body, content_type, status
):
    got, text = await slack.send(body, content_type)
    assert got == status, text
    await slack.nothing_happened()


async def test_slacks_url_verification_gets_its_challenge_back(slack):
    body = json.dumps({"type": "url_verification", "challenge": "abc123"}).encode()
    status, text = await slack.send(body)
    assert (status, json.loads(text)) == (200, {"challenge": "abc123"})


async def test_a_direct_message_reaches_the_assistant_and_the_reply_comes_back(slack):
    status, _ = await slack.send(event_body("ACT agency, $60k of furniture"))
    assert status == 200
    [message] = await eventually(lambda: slack.agent.received)
    assert (message.text, message.input_channel) == ("ACT agency, $60k of furniture", "slack")
    assert message.sender_id == "U111_D222"  # a DM's top level: the DM's own conversation
    assert await slack.agent.texts("U111_D222") == ["ACT agency, $60k of furniture"]
    posts = await eventually(lambda: len(slack.api.posts) == 2 and slack.api.posts)
    assert [p["text"] for p in posts] == [
        "you said: ACT agency, $60k of furniture",
        "second &amp; &lt;last&gt; paragraph",
    ]
    assert all(p["channel"] == "D222" and "thread_ts" not in p for p in posts)


async def test_a_mention_in_a_channel_starts_a_thread_that_is_one_conversation(slack):
    mention = event_body(
        f"<@{BOT_USER}> QLD ICT, $95k", kind="app_mention", channel="C333", ts="1700000100.000001"
    )
    assert (await slack.send(mention))[0] == 200
    [first] = await eventually(lambda: slack.agent.received)
    assert first.text == "QLD ICT, $95k"
    assert first.sender_id == "U111_C333_1700000100.000001"
    posts = await eventually(lambda: slack.api.posts)
    assert posts[0]["thread_ts"] == "1700000100.000001" and posts[0]["channel"] == "C333"

    reply = event_body(
        f"<@{BOT_USER}> inc GST",
        kind="app_mention",
        channel="C333",
        ts="1700000150.000001",
        thread_ts="1700000100.000001",
    )
    assert (await slack.send(reply))[0] == 200
    click = click_body("ex GST", channel="C333", thread_ts="1700000100.000001")
    assert (await slack.send(click, FORM))[0] == 200
    await eventually(lambda: len(slack.agent.received) == 3)
    assert await slack.agent.texts("U111_C333_1700000100.000001") == [
        "QLD ICT, $95k",
        "inc GST",
        "ex GST",
    ]
    other = event_body(
        f"<@{BOT_USER}> ACT, $5k", kind="app_mention", channel="C333", ts="1700000200.000001"
    )
    assert (await slack.send(other))[0] == 200
    await eventually(lambda: len(slack.agent.received) == 4)
    assert sorted(await slack.agent.conversations()) == [
        "U111_C333_1700000100.000001",
        "U111_C333_1700000200.000001",
    ]


async def test_a_thread_in_a_direct_message_is_a_conversation_of_its_own(slack):
    top = event_body("hello", ts="1700000300.000001")
    in_thread = event_body("in a thread", ts="1700000301.000001", thread_ts="1700000300.000001")
    click_top = click_body("/ask_why")  # a button on a top-level message of the DM
    for n, (body, kind) in enumerate(((top, JSON), (in_thread, JSON), (click_top, FORM))):
        assert (await slack.send(body, kind))[0] == 200
        await eventually(lambda n=n: len(slack.agent.received) == n + 1)
    assert await slack.agent.texts("U111_D222") == ["hello", "/ask_why"]
    assert await slack.agent.texts("U111_D222_1700000300.000001") == ["in a thread"]
    threaded = await eventually(
        lambda: [p for p in slack.api.posts if p.get("thread_ts") == "1700000300.000001"]
    )
    assert threaded[0]["text"] == "you said: in a thread"


async def test_a_retried_event_is_answered_once(slack):
    body = event_body("hello", ts="1700000400.000001")
    assert (await slack.send(body))[0] == 200
    retry = {**signed(body, JSON), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"}
    assert (await slack.post(body, retry))[0] == 200
    await eventually(lambda: len(slack.api.posts) == 2)
    assert len(slack.agent.received) == 1


@pytest.mark.parametrize(
    "body",
    [
        event_body("I am the bot", bot_id="B1"),
        event_body("edited", subtype="message_changed"),
        event_body("joined", subtype="channel_join", channel="C333", channel_type="channel"),
        event_body("talking among ourselves", channel="C333", channel_type="channel"),
    ],
    ids=["the bot's own message", "an edit", "a join", "a channel message without a mention"],
)
async def test_what_is_not_a_person_asking_the_bot_is_ignored(slack, body):
    assert (await slack.send(body))[0] == 200
    await slack.nothing_happened()


async def test_an_answer_is_posted_as_block_kit_within_slacks_limits(slack):
    assert (await slack.send(event_body("show me an answer")))[0] == 200
    [post] = await eventually(lambda: slack.api.posts)
    assert slack.api.refused == []
    assert post["blocks"][0]["type"] == "header"
    assert "at least 3 written quotations" in post["text"]


async def test_a_question_with_eight_buttons_is_block_kit_not_plain_text(slack):
    assert (await slack.send(event_body("ask me something")))[0] == 200
    [post] = await eventually(lambda: slack.api.posts)
    assert slack.api.refused == []
    [actions] = [b for b in post["blocks"] if b["type"] == "actions"]
    assert [e["value"] for e in actions["elements"]] == [
        b["payload"] for b in question_buttons("need")
    ]


async def test_blocks_slack_refuses_fall_back_to_the_text(slack):
    assert (await slack.send(event_body("too many blocks")))[0] == 200
    [post] = await eventually(lambda: slack.api.posts)
    assert [e for e, _ in slack.api.refused] == ["invalid_blocks"]
    assert post == {"channel": "D222", "text": "a fallback"}


async def test_an_over_long_message_gets_a_clear_reply_and_never_reaches_the_assistant(slack):
    assert (await slack.send(event_body("x" * 5000)))[0] == 200
    [post] = await eventually(lambda: slack.api.posts)
    assert post["text"] == TOO_LONG
    assert slack.agent.received == [] and await slack.agent.conversations() == []


async def test_the_health_route_answers(slack):
    async with slack.http.get(slack.url + "/") as r:
        assert (r.status, await r.json()) == (200, {"status": "ok"})


async def test_replies_carry_the_bot_token(tmp_path):
    api = SlackApi()
    async with serve_aiohttp(api.app) as api_url:
        settings = SlackSettings("xoxb-revoked", SIGNING_SECRET, f"{api_url}/api/")
        agent = StubAgent(tmp_path / "tracker.db", _replies)
        async with serve_channel(SlackInput(settings), agent) as url:
            body = event_body("hello")
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{url}/webhook", data=body, headers=signed(body, JSON)) as r:
                    assert r.status == 200
            await eventually(lambda: len(api.refused) == 2)
    assert [e for e, _ in api.refused] == ["invalid_auth", "invalid_auth"]
    assert api.posts == []
