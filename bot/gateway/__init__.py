"""The web gateway: the chat page, its JSON API, the rules contract over HTTP, health.

An aiohttp application (`create_app(settings)`) in front of Rasa's REST channel on loopback.
It owns the conversation id (a signed session cookie), bounds what it accepts (size, rate,
time) and never hands a traceback to a client. `python -m bot.gateway` serves it.
"""

from bot.gateway.app import create_app

__all__ = ["create_app"]
