"""Slack: Rasa's Slack connector, with the project's settings, threads and Block Kit.

Registered in bot/credentials.yml as `bot.channels.slack.SlackInput`; its name stays `slack`
(URL /webhooks/slack/webhook, and the name actions/channels.py renders Block Kit for). What it
changes in Rasa 3.6's connector (rasa/core/channels/slack.py):

- The token and signing secret come from SLACK_TOKEN and SLACK_SIGNING_SECRET; with either
  unset the channel is off (503 "Slack is not configured") instead of Rasa refusing to start.
- Requests not signed with the signing secret, or signed more than five minutes ago, get 401;
  malformed bodies get 400 (Rasa gave 500 for some); neither reaches the assistant.
- One conversation per user per thread: a mention in a channel starts a thread and the replies
  go in it; in a direct message, a message at the top level is the conversation of the DM
  itself (replies stay at the top level) and a thread is a conversation of its own. Button
  clicks belong to the conversation of the message they are on.
- An event Slack delivers twice (a retry) is answered once.
- Replies: Block Kit for questions with buttons (actions/render_slack.py), mrkdwn escaped,
  no `as_user` (Slack refuses it from new apps' bot tokens), bounded timeouts, and a failed
  post is logged instead of breaking the conversation.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from actions.render_slack import escape, question_message
from bot.channels.config import SLACK_API_URL, SLACK_VARIABLES, SlackSettings, missing
from bot.channels.config import slack_settings as read_settings
from bot.channels.rest import MAX_MESSAGE_CHARS, TOO_LONG
from bot.channels.unconfigured import UnconfiguredChannel

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 10
GRANULARITIES = ("sender", "channel", "thread")
#: How many recent events to remember to answer a retried one once.
SEEN_EVENTS = 2048
#: Message subtypes that are still a person writing.
USER_SUBTYPES = (None, "thread_broadcast", "file_share")


def _error(status: HTTPStatus, message: str) -> HTTPResponse:
    return response.json({"error": message}, status)


class SlackOutput(SlackBot):
    """Posts replies with chat.postMessage, in the thread when there is one."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_url: str = SLACK_API_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(
            token, base_url=api_url, proxy=proxy, timeout=REQUEST_TIMEOUT_SECONDS
        )

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)
        kwargs.pop("type", None)
        if self.thread_id:
            kwargs["thread_ts"] = self.thread_id
        try:
            await self.client.chat_postMessage(channel=channel, **kwargs)
        except SlackApiError as e:
            error = e.response.get("error") if e.response is not None else None
            logger.error("Slack refused a reply in %s: %s", channel, error)
            if error == "invalid_blocks" and kwargs.pop("blocks", None) and kwargs.get("text"):
                await self._post_message(channel, **kwargs)
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            logger.error("could not reach Slack to reply in %s: %r", channel, e)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        for part in text.strip().split("\n\n"):
            await self._post_message(recipient, text=escape(part))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._post_message(
            self.slack_channel or recipient_id, **question_message(text, buttons)
        )


class SlackInput(RasaSlackInput):
    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        settings = read_settings()
        if settings is None:
            return UnconfiguredChannel("slack", "Slack", missing(SLACK_VARIABLES))
        creds = credentials or {}
        return cls(
            settings,
            slack_channel=creds.get("slack_channel"),
            use_threads=creds.get("use_threads", True),
            conversation_granularity=creds.get("conversation_granularity", "thread"),
            proxy=creds.get("proxy"),
        )

    def __init__(
        self,
        settings: SlackSettings,
        slack_channel: str | None = None,
        use_threads: bool = True,
        conversation_granularity: str = "thread",
        proxy: str | None = None,
    ) -> None:
        if conversation_granularity not in GRANULARITIES:
            raise InvalidConfigException(
                f"conversation_granularity must be one of {', '.join(GRANULARITIES)}, "
                f"not {conversation_granularity!r} (bot/credentials.yml)"
            )
        super().__init__(
            slack_token=settings.token,
            slack_channel=slack_channel,
            proxy=proxy,
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            use_threads=use_threads,
            slack_signing_secret=settings.signing_secret,
            conversation_granularity=conversation_granularity,
        )
        self.api_url = settings.api_url
        self._seen: OrderedDict[str, None] = OrderedDict()

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )

    def _get_conversation_id(
        self, sender_id: str | None, channel_id: str | None, thread_id: str | None
    ) -> str | None:
        if self.conversation_granularity == "sender" or not (sender_id and channel_id):
            return sender_id
        if self.conversation_granularity == "thread" and thread_id:
            return f"{sender_id}_{channel_id}_{thread_id}"
        return f"{sender_id}_{channel_id}"

    def _event_thread(self, event: dict[str, Any]) -> str | None:
        """The thread a message belongs to: in a DM only a real thread; in a channel the
        message starts one (when replies go in threads)."""
        if event.get("channel_type") == "im":
            return event.get("thread_ts")
        return event.get("thread_ts") or (event.get("ts") if self.use_threads else None)

    def _first_time(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > SEEN_EVENTS:
            self._seen.popitem(last=False)
        return True

    async def _deliver(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str,
        metadata: dict[str, Any],
    ) -> HTTPResponse:
        if len(text) > MAX_MESSAGE_CHARS:
            thread = metadata["thread_id"] if self.use_threads else None
            await self.get_output_channel(metadata["out_channel"], thread).send_text_message(
                sender_id, TOO_LONG
            )
            return response.text("")
        return await self.process_message(request, on_new_message, text, sender_id, metadata)

    async def _event(
        self,
        request: Request,
        body: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        event = body.get("event")
        if (
            body.get("type") != "event_callback"
            or not isinstance(event, dict)
            or not isinstance(event.get("text"), str)
            or not self._is_user_message(body)
            or event.get("subtype") not in USER_SUBTYPES
            or not isinstance(event.get("user"), str)
            or not isinstance(event.get("channel"), str)
        ):
            return response.text("not a user message; ignored")
        authorizations = body.get("authorizations") or [{}]
        users = body.get("authed_users") or [authorizations[0].get("user_id")]
        metadata = {
            "out_channel": event.get("channel"),
            "thread_id": self._event_thread(event),
            "users": [u for u in users if u],
        }
        if not self._is_supported_channel(body, metadata):
            return response.text("not a direct message or a mention; ignored")
        if not self._first_time(f"{event.get('channel')}:{event.get('ts')}"):
            return response.text("already answered")
        text = self._sanitize_user_message(event["text"], metadata["users"])
        sender = self._get_conversation_id(
            event["user"], event.get("channel"), metadata["thread_id"]
        )
        return await self._deliver(request, on_new_message, text, sender, metadata)

    async def _interaction(
        self,
        request: Request,
        payload: dict[str, Any],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> HTTPResponse:
        actions = payload.get("actions")
        if not (actions and isinstance(actions, list) and isinstance(actions[0], dict)) or (
            not self._is_interactive_message(payload)
        ):
            return response.text("not a button or menu; ignored")
        text = self._get_interactive_response(payload["actions"][0])
        user = (payload.get("user") or {}).get("id")
        channel = (payload.get("channel") or {}).get("id")
        if not (
            isinstance(text, str) and text and isinstance(user, str) and isinstance(channel, str)
        ):
            return response.text("nothing to answer; ignored")
        message = payload.get("message") or {}
        thread = message.get("thread_ts") or (payload.get("container") or {}).get("thread_ts")
        metadata = {"out_channel": channel, "thread_id": thread, "users": [user]}
        sender = self._get_conversation_id(user, channel, thread)
        return await self._deliver(request, on_new_message, text, sender, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("slack_webhook")

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.is_request_from_slack_authentic(request):
                return _error(
                    HTTPStatus.UNAUTHORIZED,
                    "not signed by Slack: X-Slack-Signature does not match, or "
                    "X-Slack-Request-Timestamp is missing or over five minutes old",
                )
            kind = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if kind == "application/json":
                    body = json.loads(request.body)
                elif kind == "application/x-www-form-urlencoded":
                    body = json.loads(request.form["payload"][0])
                else:
                    return _error(
                        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "expected application/json (events) or "
                        "application/x-www-form-urlencoded (interactions)",
                    )
            except (KeyError, IndexError, TypeError, ValueError):
                body = None
            if not isinstance(body, dict):
                return _error(HTTPStatus.BAD_REQUEST, "malformed body: not a Slack event")
            if body.get("type") == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            try:
                if kind == "application/x-www-form-urlencoded":
                    return await self._interaction(request, body, on_new_message)
                return await self._event(request, body, on_new_message)
            except (AttributeError, KeyError, IndexError, TypeError) as e:
                logger.info("malformed Slack payload: %r", e)
                return _error(HTTPStatus.BAD_REQUEST, "malformed body: not a Slack event")

        return bp
