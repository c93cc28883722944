"""Microsoft Teams: the project's own Bot Framework connector.

Registered in bot/credentials.yml as `bot.channels.teams.TeamsInput`, named `teams` (URL
/webhooks/teams/webhook; actions/channels.py renders Adaptive Cards for that name). It
replaces Rasa 3.6's `botframework` connector, which posts to the multi-tenant token URL only,
checks neither the token's issuer nor its `serviceurl`, answers 500 to some malformed tokens,
calls Microsoft with blocking `requests`, sends hero cards whose buttons Teams does not click,
leaves `<at>` mentions in the text and drops card submits. Here:

- settings from MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_TENANT_ID (single-tenant
  bots; unset for multi-tenant); without the first two the channel is off (503);
- every activity's token is checked in full (bot/channels/botframework_auth.py); a bad or
  missing one gets 401 and never reaches the assistant;
- one conversation per Teams conversation id (a 1:1 chat, a group chat, a channel thread);
- `<at>...</at>` mentions are stripped; a card's Action.Submit (an activity with `value` and no
  text) is read as the user typing the submit's `reply`;
- answers and questions with buttons are Adaptive Cards (actions/render_teams.py), posted as
  replies to the user's activity over aiohttp with timeouts; the webhook answers at once and
  the assistant replies in the background (Teams gives up on a webhook after 15 seconds).
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.render_teams import REPLY_KEY, attachment, question_card
from bot.channels.botframework_auth import (
    AuthUnavailable,
    ConnectorTokens,
    HttpClient,
    TokenValidator,
    Unauthorized,
)
from bot.channels.config import TEAMS_VARIABLES, TeamsSettings, missing, teams_settings
from bot.channels.rest import MAX_MESSAGE_CHARS, TOO_LONG
from bot.channels.unconfigured import UnconfiguredChannel

logger = logging.getLogger(__name__)

MENTION = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
MAX_BODY_BYTES = 256 * 1024
#: Fields of a reply the connector sets itself; a custom payload cannot override them.
ENVELOPE = ("type", "from", "recipient", "conversation", "replyToId")


def user_text(activity: dict[str, Any]) -> str | None:
    """What the user said: the text without mentions, or a card submit's reply."""
    if activity.get("type") != "message":
        return None
    text = activity.get("text")
    if isinstance(text, str):
        text = " ".join(html.unescape(MENTION.sub(" ", text)).split())
        if text:
            return text
    value = activity.get("value")
    if isinstance(value, dict):
        value = value.get(REPLY_KEY)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


class BotConnector:
    """Replies to activities through the Bot Connector service of the activity's serviceUrl."""

    def __init__(self, tokens: ConnectorTokens, http: HttpClient) -> None:
        self.tokens = tokens
        self.http = http

    @staticmethod
    def reply_url(activity: dict[str, Any]) -> str:
        base = activity["serviceUrl"].rstrip("/")
        conversation = quote(activity["conversation"]["id"], safe="")
        url = f"{base}/v3/conversations/{conversation}/activities"
        if activity.get("id"):
            url += "/" + quote(str(activity["id"]), safe="")
        return url

    async def reply(self, activity: dict[str, Any], message: dict[str, Any]) -> bool:
        body = {k: v for k, v in message.items() if k not in ENVELOPE}
        body.update(
            type="message",
            conversation=activity["conversation"],
            replyToId=activity.get("id"),
            **{"from": activity.get("recipient"), "recipient": activity.get("from")},
        )
        url = self.reply_url(activity)
        for attempt in (1, 2):
            try:
                token = await self.tokens.get()
                headers = {"Authorization": f"Bearer {token}"}
                async with self.http.session.post(url, json=body, headers=headers) as r:
                    if r.status < 300:
                        return True
                    detail = (await r.text())[:300]
            except AuthUnavailable as e:
                logger.error("no Bot Framework token, so no reply to Teams: %s", e)
                return False
            except (aiohttp.ClientError, asyncio.TimeoutError) as e:
                logger.error("could not reach the Bot Connector at %s: %r", url, e)
                return False
            if r.status == HTTPStatus.UNAUTHORIZED and attempt == 1:
                self.tokens.forget()
                continue
            logger.error("the Bot Connector refused a reply (%s): %s", r.status, detail)
            return False
        return False


class TeamsOutput(OutputChannel):
    """Sends the assistant's messages as replies to one incoming activity."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, connector: BotConnector, activity: dict[str, Any]) -> None:
        self.connector = connector
        self.activity = activity

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        # Teams renders markdown and needs a blank line for a line break.
        lines = [line for line in text.strip().splitlines() if line.strip()]
        await self.connector.reply(
            self.activity, {"text": "\n\n".join(lines), "textFormat": "markdown"}
        )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        card = question_card(text, buttons)
        await self.connector.reply(self.activity, {"attachments": [attachment(card)]})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        card = {"contentType": "image/png", "contentUrl": image}
        await self.connector.reply(self.activity, {"attachments": [card]})

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self.connector.reply(self.activity, json_message)


def _error(status: HTTPStatus, message: str) -> HTTPResponse:
    return response.json({"error": message}, status)


class TeamsInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        settings = teams_settings()
        if settings is None:
            return UnconfiguredChannel("teams", "Microsoft Teams", missing(TEAMS_VARIABLES))
        return cls(settings)

    def __init__(self, settings: TeamsSettings) -> None:
        self.settings = settings
        self.http = HttpClient()
        self.validator = TokenValidator(settings.app_id, settings.openid_url, self.http)
        self.connector = BotConnector(ConnectorTokens(settings, self.http), self.http)
        self._tasks: set[asyncio.Task] = set()

    def _background(self, job: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(job)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                logger.error("handling a Teams message failed", exc_info=t.exception())

        task.add_done_callback(done)

    async def handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            token = await self.validator.verify(request.headers.get("Authorization"))
        except Unauthorized as e:
            logger.info("refused a Teams request: %s", e)
            return _error(HTTPStatus.UNAUTHORIZED, f"unauthorized: {e}")
        except AuthUnavailable as e:
            logger.error("cannot check Teams tokens: %s", e)
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "cannot check the token right now")
        if len(request.body) > MAX_BODY_BYTES:
            return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "activity too large")
        try:
            activity = json.loads(request.body)
        except ValueError:
            activity = None
        if not isinstance(activity, dict):
            return _error(HTTPStatus.BAD_REQUEST, "the body is not a Bot Framework activity")
        try:
            self.validator.check_activity(token, activity)
        except Unauthorized as e:
            logger.info("refused a Teams activity: %s", e)
            return _error(HTTPStatus.UNAUTHORIZED, f"unauthorized: {e}")
        conversation = activity.get("conversation")
        if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
            return _error(HTTPStatus.BAD_REQUEST, "the activity has no conversation id")
        text = user_text(activity)
        if text is None:
            return response.text("", HTTPStatus.OK)
        sender = conversation["id"]
        output = TeamsOutput(self.connector, activity)
        if len(text) > MAX_MESSAGE_CHARS:
            self._background(output.send_text_message(sender, TOO_LONG))
            return response.text("", HTTPStatus.OK)
        sent_by = activity.get("from") if isinstance(activity.get("from"), dict) else {}
        metadata = {
            "teams": {
                "user": sent_by.get("aadObjectId") or sent_by.get("id"),
                "conversation_type": conversation.get("conversationType"),
                "tenant": conversation.get("tenantId"),
            }
        }
        message = UserMessage(text, output, sender, input_channel=self.name(), metadata=metadata)
        self._background(on_new_message(message))
        return response.text("", HTTPStatus.OK)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("teams_webhook")

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        @bp.listener("after_server_stop")
        async def close(*_: Any) -> None:
            await self.http.close()

        return bp
