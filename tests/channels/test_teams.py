"""The Teams connector, served from its own blueprint with a stub agent and a real tracker store,
against a local stand-in for Microsoft's keys, token endpoint and Bot Connector service."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from dataclasses import dataclass
from urllib.parse import unquote

import aiohttp
import pytest

from actions.render import question_buttons
from actions.render_teams import teams_answer
from bot.channels.config import TeamsSettings, teams_settings
from bot.channels.rest import TOO_LONG
from bot.channels.teams import TeamsInput, user_text
from bot.channels.unconfigured import UnconfiguredChannel
from knowledge import assess
from tests.channels.adaptive import problems, submits
from tests.channels.botframework_fakes import (
    APP_ID,
    APP_PASSWORD,
    TENANT,
    BotFramework,
    Keys,
)
from tests.channels.harness import StubAgent, eventually, free_port, serve_aiohttp, serve_channel


def _replies(message):
    if message.text == "show me an answer":
        facts = {"jurisdiction": "ACT", "value": 60_000}
        return [{"custom": teams_answer(assess(facts), facts, None)[0]["json_message"]}]
    if message.text == "ask me something":
        return [
            {
                "text": "Does the value include GST?",
                "buttons": question_buttons("value_includes_gst"),
            }
        ]
    return [{"text": f"you said: {message.text}\nsecond line"}]


@pytest.fixture(scope="session")
def keys() -> Keys:
    keys = Keys()
    keys.make("key-1")
    keys.make("key-2", publish=False)  # a key Microsoft never published
    keys.make("key-3", publish=False)  # published later, as in a key rotation
    return keys


@dataclass
class Teams:
    url: str
    service: BotFramework
    agent: StubAgent
    channel: TeamsInput
    http: aiohttp.ClientSession

    def token(self, **kw) -> str:
        return self.service.keys.token(self.service.service_url, **kw)

    async def post(self, activity, authorization: str | None = "good") -> tuple[int, str]:
        if authorization == "good":
            authorization = f"Bearer {self.token()}"
        headers = {"Content-Type": "application/json"}
        if authorization is not None:
            headers["Authorization"] = authorization
        body = activity if isinstance(activity, bytes) else json.dumps(activity).encode()
        async with self.http.post(f"{self.url}/webhook", data=body, headers=headers) as r:
            return r.status, await r.text()

    async def nothing_happened(self) -> None:
        await asyncio.sleep(0.05)
        assert self.agent.received == []
        assert await self.agent.conversations() == []
        assert self.service.replies == [] and self.service.token_requests == []


def _settings(service: BotFramework, tenant: str | None = TENANT) -> TeamsSettings:
    return TeamsSettings(
        APP_ID,
        APP_PASSWORD,
        tenant,
        openid_url=f"{service.url}/v1/.well-known/openidconfiguration",
        login_url=service.url,
    )


@pytest.fixture
async def teams(tmp_path, keys, request):
    keys.published = ["key-1"]
    marker = request.node.get_closest_marker("expires_in")
    service = BotFramework(keys, **({"expires_in": marker.args[0]} if marker else {}))
    async with serve_aiohttp(service.app) as url:
        service.url = url
        channel = TeamsInput(_settings(service))
        agent = StubAgent(tmp_path / "tracker.db", _replies)
        async with serve_channel(channel, agent) as webhook, aiohttp.ClientSession() as http:
            yield Teams(webhook, service, agent, channel, http)


def test_without_the_variables_the_channel_is_off(monkeypatch):
    for name in ("MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)
    channel = TeamsInput.from_credentials(None)
    assert isinstance(channel, UnconfiguredChannel)
    assert channel.variables == ["MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD"]


async def test_an_unconfigured_teams_answers_503_and_says_what_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "x")
    agent = StubAgent(tmp_path / "tracker.db")
    async with (
        serve_channel(TeamsInput.from_credentials(None), agent) as url,
        aiohttp.ClientSession() as http,
    ):
        async with http.post(f"{url}/webhook", json={"type": "message"}) as r:
            assert r.status == 503
            body = await r.json()
    assert body["error"].startswith("Microsoft Teams is not configured: set MICROSOFT_APP_ID")
    assert await agent.conversations() == []


def test_the_tenant_picks_the_token_url(monkeypatch):
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", APP_PASSWORD)
    monkeypatch.setenv("MICROSOFT_TENANT_ID", TENANT)
    for name in ("BOTFRAMEWORK_OPENID_URL", "MICROSOFT_LOGIN_URL"):
        monkeypatch.delenv(name, raising=False)
    single = teams_settings()
    assert single.token_url == f"https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"
    assert single.openid_url == (
        "https://login.botframework.com/v1/.well-known/openidconfiguration"
    )
    monkeypatch.delenv("MICROSOFT_TENANT_ID")
    assert teams_settings().token_url == (
        "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    )
    assert isinstance(TeamsInput.from_credentials(None), TeamsInput)


async def test_a_good_message_reaches_the_assistant_and_the_reply_goes_to_the_connector(teams):
    status, _ = await teams.post(teams.service.activity("ACT agency, $60k of furniture"))
    assert status == 200
    [message] = await eventually(lambda: teams.agent.received)
    assert message.text == "ACT agency, $60k of furniture"
    assert (message.sender_id, message.input_channel) == ("a:1personal-chat-id", "teams")
    assert await teams.agent.texts("a:1personal-chat-id") == ["ACT agency, $60k of furniture"]
    [reply] = await eventually(lambda: teams.service.replies)
    assert (reply["conversation"], reply["activity"]) == ("a:1personal-chat-id", "1700000000001")
    assert reply["authorization"] == "Bearer connector-token-1"
    body = reply["body"]
    assert body["type"] == "message" and body["replyToId"] == "1700000000001"
    assert body["from"] == {"id": f"28:{APP_ID}", "name": "Procurement Advisor"}
    assert body["recipient"]["id"] == "29:user-1"
    assert body["conversation"]["id"] == "a:1personal-chat-id"
    assert body["text"] == "you said: ACT agency, $60k of furniture\n\nsecond line"
    [token_request] = teams.service.token_requests
    assert token_request["tenant"] == TENANT  # single-tenant: the tenant's own token URL


async def test_a_multi_tenant_bot_asks_botframework_com_for_its_token(tmp_path, keys):
    keys.published = ["key-1"]
    service = BotFramework(keys)
    async with serve_aiohttp(service.app) as url:
        service.url = url
        agent = StubAgent(tmp_path / "tracker.db")
        channel = TeamsInput(_settings(service, tenant=None))
        async with serve_channel(channel, agent) as webhook, aiohttp.ClientSession() as http:
            token = keys.token(service.service_url)
            headers = {"Authorization": f"Bearer {token}"}
            async with http.post(
                f"{webhook}/webhook", json=service.activity(), headers=headers
            ) as r:
                assert r.status == 200
            await eventually(lambda: service.replies)
    assert [t["tenant"] for t in service.token_requests] == ["botframework.com"]


def _other_url(teams):
    return teams.service.service_url.replace("/amer/", "/evil/")


BAD_TOKENS = {
    "expired an hour ago": dict(exp=int(time.time()) - 3600),
    "expired past the leeway": dict(exp=int(time.time()) - 400),
    "not valid for an hour yet": dict(nbf=int(time.time()) + 3600),
    "no expiry": dict(exp=None),
    "wrong audience": dict(aud="another-app-id"),
    "no audience": dict(aud=None),
    "wrong issuer": dict(iss="https://sts.windows.net/attacker/"),
    "no issuer": dict(iss=None),
    "wrong key (forged with an unpublished key under a published kid)": dict(sign_with="key-2"),
    "unknown kid": dict(kid="key-2"),
    "no kid": dict(kid=None),
    "alg none": dict(alg="none"),
    "HS256 keyed with the public key": dict(alg="HS256"),
    "no serviceurl claim": dict(serviceurl=None),
}


@pytest.mark.parametrize("changes", list(BAD_TOKENS.values()), ids=list(BAD_TOKENS))
async def test_a_bad_token_gets_401_and_writes_nothing(teams, changes):
    status, text = await teams.post(teams.service.activity(), f"Bearer {teams.token(**changes)}")
    assert status == 401, text
    assert json.loads(text)["error"].startswith("unauthorized")
    await teams.nothing_happened()


async def test_a_token_for_another_service_url_gets_401(teams):
    token = teams.service.keys.token(_other_url(teams))
    status, _ = await teams.post(teams.service.activity(), f"Bearer {token}")
    assert status == 401
    activity = teams.service.activity(serviceUrl=_other_url(teams))
    status, _ = await teams.post(activity)  # a good token for /amer/, an activity for /evil/
    assert status == 401
    await teams.nothing_happened()


async def test_a_key_not_endorsed_for_the_channel_gets_401(teams):
    status, _ = await teams.post(teams.service.activity(channelId="skype"))
    assert status == 401
    await teams.nothing_happened()


def _segment(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


MALFORMED = [
    None,
    "",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "bearer",
    "Bearer a.b",
    "Bearer a.b.c",
    "Bearer garbage",
    "Bearer ü.ü.ü",
    "Bearer two tokens",
    "Bearer " + "A" * 7_000,  # (over 8 KB of headers, Sanic itself answers 413)
    f"Bearer {_segment([1, 2])}.{_segment({})}.",
    f"Bearer {_segment({'alg': 'RS256', 'kid': ['key-1']})}.{_segment({})}.sig",
    f"Bearer {_segment({'alg': 'RS256', 'kid': 'key-1'})}.bm90IGpzb24.sig",
    f"Bearer {_segment({'alg': 'RS256', 'kid': 'key-1'})}.{_segment([])}.c2ln",
]


@pytest.mark.parametrize("authorization", MALFORMED, ids=[repr(a)[:40] for a in MALFORMED])
async def test_a_malformed_authorization_gets_401_never_500(teams, authorization):
    status, _ = await teams.post(teams.service.activity(), authorization)
    assert status == 401
    await teams.nothing_happened()


@pytest.mark.parametrize(
    "body", [b"not json", b"[1]", b'"text"', json.dumps({"type": "message"}).encode()]
)
async def test_a_malformed_activity_with_a_good_token_gets_a_client_error(teams, body):
    status, _ = await teams.post(body)
    assert status in (400, 401)
    await teams.nothing_happened()


async def test_an_activity_without_a_conversation_gets_400(teams):
    activity = teams.service.activity()
    del activity["conversation"]
    assert (await teams.post(activity))[0] == 400
    await teams.nothing_happened()


async def test_a_token_just_past_expiry_is_within_the_leeway(teams):
    token = teams.token(exp=int(time.time()) - 60)
    assert (await teams.post(teams.service.activity(), f"Bearer {token}"))[0] == 200
    await eventually(lambda: teams.service.replies)


async def test_keys_are_cached_and_fetched_again_for_a_new_key(teams):
    for _ in range(3):
        assert (await teams.post(teams.service.activity()))[0] == 200
    assert teams.service.key_fetches == 1
    # A token naming an unknown key soon after a fetch: no new fetch (no hammering Microsoft).
    assert (await teams.post(teams.service.activity(), f"Bearer {teams.token(kid='key-2')}"))[
        0
    ] == 401
    assert teams.service.key_fetches == 1
    # Microsoft rotates its keys: the new kid makes us fetch them again.
    teams.service.keys.published.append("key-3")
    teams.channel.validator.unknown_key_refresh = 0
    assert (await teams.post(teams.service.activity(), f"Bearer {teams.token(kid='key-3')}"))[
        0
    ] == 200
    assert teams.service.key_fetches == 2
    await eventually(lambda: len(teams.service.replies) == 4)


async def test_the_connector_token_is_cached(teams):
    for i in range(3):
        assert (await teams.post(teams.service.activity(id=f"act-{i}")))[0] == 200
        await eventually(lambda i=i: len(teams.service.replies) == i + 1)
    assert len(teams.service.token_requests) == 1


@pytest.mark.expires_in(2)
async def test_the_connector_token_is_renewed_near_its_expiry(teams):
    assert (await teams.post(teams.service.activity()))[0] == 200
    await eventually(lambda: teams.service.replies)
    await asyncio.sleep(1.2)  # a 2 s token is renewed after half its life
    assert (await teams.post(teams.service.activity(id="later")))[0] == 200
    await eventually(lambda: len(teams.service.replies) == 2)
    assert len(teams.service.token_requests) == 2
    assert teams.service.replies[1]["authorization"] == "Bearer connector-token-2"


async def test_a_token_the_connector_refuses_is_renewed_once(teams):
    assert (await teams.post(teams.service.activity()))[0] == 200
    await eventually(lambda: teams.service.replies)
    teams.service.issued.append("revoked-elsewhere")  # our cached token is no longer current
    assert (await teams.post(teams.service.activity(id="next")))[0] == 200
    await eventually(lambda: len(teams.service.replies) == 2)
    assert len(teams.service.refused) == 1 and len(teams.service.token_requests) == 2


@pytest.mark.parametrize(
    ("activity", "text"),
    [
        ({"type": "message", "text": "<at>Procurement Advisor</at> ACT, $60k"}, "ACT, $60k"),
        ({"type": "message", "text": "ACT <at id='0'>Advisor</at>&nbsp;$60k"}, "ACT $60k"),
        ({"type": "message", "text": "<AT>Advisor</AT>"}, None),
        ({"type": "message", "value": {"reply": "inc GST"}}, "inc GST"),
        ({"type": "message", "text": "", "value": {"reply": "/ask_why"}}, "/ask_why"),
        ({"type": "message", "value": {"other": 1}}, None),
        ({"type": "message", "value": "yes"}, "yes"),
        ({"type": "conversationUpdate", "membersAdded": [{"id": "x"}]}, None),
        ({"type": "invoke", "name": "adaptiveCard/action"}, None),
    ],
)
def test_what_the_user_said(activity, text):
    assert user_text(activity) == text


async def test_a_mention_in_a_channel_thread_is_stripped_and_the_thread_is_the_conversation(teams):
    conversation = {
        "conversationType": "channel",
        "tenantId": TENANT,
        "id": "19:abc@thread.tacv2;messageid=1700000000123",
    }
    activity = teams.service.activity(
        "<at>Procurement Advisor</at> QLD ICT, $95k", conversation=conversation
    )
    assert (await teams.post(activity))[0] == 200
    [message] = await eventually(lambda: teams.agent.received)
    assert (message.text, message.sender_id) == ("QLD ICT, $95k", conversation["id"])
    [reply] = await eventually(lambda: teams.service.replies)
    assert unquote(reply["conversation"]) == conversation["id"]


async def test_a_card_submit_comes_back_as_the_users_answer(teams):
    assert (await teams.post(teams.service.activity("ask me something")))[0] == 200
    [reply] = await eventually(lambda: teams.service.replies)
    assert problems(reply["body"]) == []
    card = reply["body"]["attachments"][0]["content"]
    assert card["body"][0]["text"] == "Does the value include GST?"
    choice = submits(card)[0]
    expected = question_buttons("value_includes_gst")[0]
    assert (choice["title"], choice["data"]) == (expected["title"], {"reply": expected["payload"]})
    # Teams posts a submit as a message activity with the action's data as `value`, no text.
    submit = teams.service.activity(None, id="1700000000002", value=choice["data"])
    assert (await teams.post(submit))[0] == 200
    await eventually(lambda: len(teams.agent.received) == 2)
    texts = await teams.agent.texts("a:1personal-chat-id")
    assert texts == ["ask me something", expected["payload"]]


async def test_an_answer_is_an_adaptive_card(teams):
    assert (await teams.post(teams.service.activity("show me an answer")))[0] == 200
    [reply] = await eventually(lambda: teams.service.replies)
    assert problems(reply["body"]) == []
    assert reply["body"]["summary"] == "Seek at least 3 written quotations from suppliers"


async def test_activities_that_are_not_messages_are_acknowledged_and_ignored(teams):
    update = teams.service.activity(None, type="conversationUpdate", membersAdded=[{"id": "x"}])
    assert (await teams.post(update))[0] == 200
    await teams.nothing_happened()


async def test_an_over_long_message_gets_a_clear_reply_and_never_reaches_the_assistant(teams):
    assert (await teams.post(teams.service.activity("x" * 5000)))[0] == 200
    [reply] = await eventually(lambda: teams.service.replies)
    assert reply["body"]["text"] == TOO_LONG
    assert teams.agent.received == [] and await teams.agent.conversations() == []


async def test_the_webhook_answers_before_the_assistant_has_finished(tmp_path, keys):
    keys.published = ["key-1"]
    service = BotFramework(keys)

    async def slow(message):
        await asyncio.sleep(3)

    async with serve_aiohttp(service.app) as url:
        service.url = url
        channel = TeamsInput(_settings(service))
        async with serve_channel(channel, slow) as webhook, aiohttp.ClientSession() as http:
            headers = {"Authorization": f"Bearer {keys.token(service.service_url)}"}
            started = time.monotonic()
            async with http.post(
                f"{webhook}/webhook", json=service.activity(), headers=headers
            ) as r:
                assert r.status == 200
            assert time.monotonic() - started < 1.5
            for task in channel._tasks:
                task.cancel()


async def test_when_microsofts_keys_cannot_be_fetched_a_token_gets_503_not_a_pass(tmp_path, keys):
    keys.published = ["key-1"]
    service = BotFramework(keys)
    async with serve_aiohttp(service.app) as url:
        service.url = url
        unreachable = f"http://127.0.0.1:{free_port()}/v1/.well-known/openidconfiguration"
        channel = TeamsInput(TeamsSettings(APP_ID, APP_PASSWORD, TENANT, unreachable, url))
        agent = StubAgent(tmp_path / "tracker.db")
        async with serve_channel(channel, agent) as webhook, aiohttp.ClientSession() as http:
            good = {"Authorization": f"Bearer {keys.token(service.service_url)}"}
            async with http.post(f"{webhook}/webhook", json=service.activity(), headers=good) as r:
                assert r.status == 503
            garbage = {"Authorization": "Bearer not-a-token"}
            async with http.post(
                f"{webhook}/webhook", json=service.activity(), headers=garbage
            ) as r:
                assert r.status == 401
    assert agent.received == [] and await agent.conversations() == []
    assert service.replies == []
