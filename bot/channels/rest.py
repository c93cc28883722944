"""Rasa's REST channel, guarded: an over-long message gets a clear reply and never reaches NLU.

Registered in bot/credentials.yml in place of `rest:`; it keeps the name `rest`, so the URL
stays /webhooks/rest/webhook. Rasa's own channel would run a 100 KB message through the whole
pipeline (over a minute of CPU); this refuses it at once and writes nothing to the tracker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput

MAX_MESSAGE_CHARS = 4000
TOO_LONG = (
    f"That message is too long for me (over {MAX_MESSAGE_CHARS:,} characters), so I haven't "
    "read it. Please ask in a sentence or two: for example, 'ACT agency, $60k of furniture, "
    "how many quotes?'"
)


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        async def guarded(message: UserMessage) -> None:
            if message.text and len(message.text) > MAX_MESSAGE_CHARS:
                await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
                return
            await on_new_message(message)

        return super().blueprint(guarded)
