"""Serving a channel's blueprint for a test: a Sanic app, a stub agent and a real tracker store.

`serve_channel` mounts the channel at /webhooks/<name>/ the way Rasa's `register` does, in a
Sanic app of its own on a free port. Its `on_new_message` is a `StubAgent`: it writes the
message to a real SQL tracker store (SQLite, as `make run` uses) just as Rasa's agent would,
then answers with canned replies through the message's own output channel, so what a user
would see is what the Slack or Bot Connector stand-in receives. No model is needed.
"""

from __future__ import annotations

import asyncio
import time
import uuid
import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from aiohttp import web
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from sanic import Sanic
from sqlalchemy.exc import SADeprecationWarning

from bot.serve import free_port

Replies = Callable[[UserMessage], list[dict[str, Any]]]

# Several Sanic apps start and stop in one test process: Sanic 21.12 supports that only in its
# test mode (it otherwise rewrites its own methods for the first app, then fails on the next).
Sanic.test_mode = True


def echo(message: UserMessage) -> list[dict[str, Any]]:
    return [{"text": f"you said: {message.text}"}]


class StubAgent:
    def __init__(self, db: Path, replies: Replies = echo) -> None:
        with warnings.catch_warnings():
            # Rasa 3.6 builds the engine URL with SQLAlchemy 1.4's deprecated URL(); not ours.
            warnings.simplefilter("ignore", SADeprecationWarning)
            self.store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
        self.replies = replies
        self.received: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        tracker = await self.store.get_or_create_tracker(message.sender_id)
        tracker.update(
            UserUttered(
                message.text, input_channel=message.input_channel, metadata=message.metadata
            )
        )
        await self.store.save(tracker)
        self.received.append(message)
        for reply in self.replies(message):
            await message.output_channel.send_response(message.sender_id, dict(reply))

    async def conversations(self) -> list[str]:
        return list(await self.store.keys())

    async def texts(self, sender_id: str) -> list[str]:
        tracker = await self.store.retrieve(sender_id)
        return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


@asynccontextmanager
async def serve_channel(channel: InputChannel, agent: StubAgent) -> AsyncIterator[str]:
    """Yields the URL of the channel's webhook routes (…/webhooks/<name>)."""
    app = Sanic(f"channel_test_{uuid.uuid4().hex}", configure_logging=False)
    app.blueprint(channel.blueprint(agent), url_prefix=f"/webhooks/{channel.url_prefix()}")
    port = free_port()  # Sanic takes port 0 for its default, 8000
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    try:
        await server.startup()
        await server.before_start()
        await server.after_start()
        yield f"http://127.0.0.1:{port}/webhooks/{channel.url_prefix()}"
        await server.before_stop()
    finally:
        server.close()
        await server.wait_closed()
        await server.after_stop()


@asynccontextmanager
async def serve_aiohttp(app: web.Application) -> AsyncIterator[str]:
    """Runs a stand-in aiohttp app on a free port; yields its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def eventually(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Waits until `check()` is truthy (the channels answer in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {check}")
        await asyncio.sleep(0.02)
