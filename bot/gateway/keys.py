"""Typed keys for what the application holds."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiohttp import web

from bot.config import Settings
from bot.gateway.limits import RateLimiter
from bot.gateway.rasa import Rasa
from bot.gateway.recent import Recent
from bot.gateway.session import Sessions
from bot.gateway.staff import Staff
from bot.store import Store

SETTINGS = web.AppKey("settings", Settings)
SESSIONS = web.AppKey("sessions", Sessions)
#: Chat turns per session, and new sessions per client address.
CHAT_LIMITER = web.AppKey("chat_limiter", RateLimiter)
SESSION_LIMITER = web.AppKey("session_limiter", RateLimiter)
#: Opened and closed by the app's cleanup context.
HTTP = web.AppKey("http", aiohttp.ClientSession)
RASA = web.AppKey("rasa", Rasa)
CHECKS = web.AppKey("checks", dict[str, Callable[[web.Application], Awaitable[str]]])
OPENAPI = web.AppKey("openapi", dict[str, Any])
#: The project's store (opened by the app's cleanup context) and the console's staff.
STORE = web.AppKey("store", Store)
STAFF = web.AppKey("staff", Staff)
#: Sign-in attempts per client address and per name; record look-ups that miss, per address.
LOGIN_LIMITER = web.AppKey("login_limiter", RateLimiter)
RECORD_LIMITER = web.AppKey("record_limiter", RateLimiter)
#: The console's triage summary, recomputed at most every 30 s (it reads every open ticket).
TRIAGE = web.AppKey("triage", Recent)
#: Password checks at once (Argon2 takes 64 MiB and a few hundred ms of CPU each).
VERIFYING = web.AppKey("verifying", asyncio.Semaphore)
