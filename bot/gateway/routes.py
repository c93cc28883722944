"""The gateway's routes, each with a name."""

from __future__ import annotations

from aiohttp import web

from bot.gateway import views


def setup_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/", views.index, name="index")
    r.add_static("/static/", views.STATIC, name="static")
    r.add_post("/api/v1/chat", views.chat, name="chat")
    r.add_get("/api/v1/history", views.history, name="history")
    r.add_post("/api/v1/assess", views.assess, name="assess")
    r.add_get("/api/v1/openapi.json", views.openapi, name="openapi")
    r.add_get("/healthz", views.healthz, name="healthz")
