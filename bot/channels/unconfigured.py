"""A channel that is off: its webhook answers 503 and says which variables to set."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)


class UnconfiguredChannel(InputChannel):
    """Stands in for `channel` (its URL, /webhooks/<channel>/...) until it is configured."""

    def __init__(self, channel: str, title: str, variables: list[str]) -> None:
        self.channel = channel
        self.title = title
        self.variables = variables
        self.message = (
            f"{title} is not configured: set {' and '.join(variables)} in the environment of "
            "the Rasa server (see the README) and restart it."
        )
        logger.info("%s channel is off: %s unset", title, ", ".join(variables))

    def url_prefix(self) -> str:
        return self.channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint(f"{self.channel}_webhook")
        body = {"error": self.message, "missing": self.variables}

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json(
                {"status": "not configured", **body}, HTTPStatus.SERVICE_UNAVAILABLE
            )

        @bp.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request) -> HTTPResponse:
            return response.json(body, HTTPStatus.SERVICE_UNAVAILABLE)

        return bp
