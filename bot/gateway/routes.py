"""The gateway's routes, each with a name."""

from __future__ import annotations

from aiohttp import web

from bot.gateway import console, console_actions, records, views


def setup_routes(app: web.Application) -> None:
    r = app.router
    r.add_get("/", views.index, name="index")
    r.add_static("/static/", views.STATIC, name="static")
    r.add_post("/api/v1/chat", views.chat, name="chat")
    r.add_get("/api/v1/history", views.history, name="history")
    r.add_post("/api/v1/assess", views.assess, name="assess")
    r.add_get("/api/v1/openapi.json", views.openapi, name="openapi")
    r.add_get("/healthz", views.healthz, name="healthz")
    # Decision records: the suffixed forms first; an id has no dot.
    r.add_get("/records/{id}.md", records.record_md, name="record_md")
    r.add_get("/records/{id}.json", records.record_json, name="record_json")
    r.add_get("/records/{id:[^{}/.]+}", records.record_page, name="record")
    # The help-desk console (staff sign-in; bot/gateway/auth.py).
    r.add_get("/console", console.queue_page, name="console.queue")
    login = r.add_resource("/console/login", name="console.login")
    login.add_route("GET", console.login_form)
    login.add_route("POST", console.login)
    r.add_post("/console/logout", console.logout, name="console.logout")
    t = "/console/tickets/{ref}"
    r.add_get(t, console.ticket_page, name="console.ticket")
    r.add_post(t + "/assign", console_actions.assign, name="console.assign")
    r.add_post(t + "/notes", console_actions.note, name="console.note")
    r.add_post(t + "/resolve", console_actions.resolve, name="console.resolve")
    r.add_post(t + "/reopen", console_actions.reopen, name="console.reopen")
    rerun = r.add_resource(t + "/rerun", name="console.rerun")
    rerun.add_route("GET", console_actions.rerun_page)
    rerun.add_route("POST", console_actions.rerun)
