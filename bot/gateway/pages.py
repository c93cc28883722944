"""Server-rendered HTML: the console's and the records' pages (Jinja2, escaping everything).

Every template is autoescaped: what users typed (transcripts, questions, notes) reaches the page
as text, never as markup. The pages load only `/static/console.css`: no script, no CDN.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from actions.render import TITLES, citation_label
from bot.store.records import FACT_LABELS, fact_text

TEMPLATES = Path(__file__).parent / "templates"
HTML = "text/html"


def topic_title(topic: str | None) -> str:
    if not topic:
        return "Not given"
    return TITLES.get(topic, topic.replace("_", " ").capitalize())


def age(delta: dt.timedelta) -> str:
    """'45 min', '5 h', '3 d 4 h': how long a ticket has waited."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} d {hours % 24} h" if hours % 24 else f"{hours // 24} d"


def when(value: dt.datetime | str | None) -> str:
    """A UTC time as staff read it: '3 Dec 2026, 09:41 UTC'."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone(dt.timezone.utc)
    return value.strftime("%d %b %Y, %H:%M UTC").lstrip("0")


def flat_facts(facts: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    """(name, label, value as text) for each fact, nested supplier facts with a dot."""
    out = []
    for name, value in (facts or {}).items():
        items = (
            [(f"{name}.{k}", v) for k, v in value.items()]
            if isinstance(value, dict)
            else [(name, value)]
        )
        out += [(n, FACT_LABELS.get(n, n), fact_text(n, v)) for n, v in items]
    return out


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        age=age,
        when=when,
        topic_title=topic_title,
        citation_label=citation_label,
        flat_facts=flat_facts,
        fact_text=lambda v, name="": fact_text(name, v),
    )
    return env


ENV = _environment()


def render(
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> web.Response:
    body = ENV.get_template(template).render(**context)
    return web.Response(
        text=body, status=status, content_type=HTML, charset="utf-8", headers=headers
    )


def error_page(
    status: int, title: str, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    return render(
        "error.html", status=status, headers=headers, title=title, message=message, staff=None
    )
