"""Decision records over HTTP: ``GET /records/{id}`` (a page to print for the procurement file),
``/records/{id}.md`` (the Markdown export, as a download) and ``/records/{id}.json``.

Who may read a record: whoever holds its reference. The reference is 12 random characters of
Crockford's base 32 (60 bits, from `secrets`), given only to the user who asked for it, so the
URL is the permission (a capability URL, like a shared-document link): no sign-in is needed to
file or forward it. The document never shows the conversation id or anything else that
leads back to the conversation. Look-ups are rate-limited per client address (60 at once, then
60 a minute), and pages are marked not to be indexed or cached by shared caches.
"""

from __future__ import annotations

from aiohttp import web

from bot.gateway.errors import BadRequest, NotFound, TooManyRequests
from bot.gateway.keys import RECORD_LIMITER
from bot.gateway.pages import render
from bot.gateway.store import call
from bot.store.ids import is_record_id
from bot.store.models import DecisionRecord
from bot.store.records import (
    JURISDICTIONS,
    SOURCE_NAMES,
    get_record,
    record_document,
    record_markdown,
)

HEADERS = {"Cache-Control": "private, no-cache", "X-Robots-Tag": "noindex, nofollow"}
SHAPE = "A record reference is 12 letters and digits, as the assistant gave it."


def _reference(request: web.Request) -> str:
    raw = request.match_info["id"]
    ref = raw.strip().lower()
    if not is_record_id(ref):
        raise BadRequest(f"{SHAPE} {raw[:24]!r} is not one.")
    return ref


async def _record(request: web.Request) -> DecisionRecord:
    ref = _reference(request)
    wait = request.app[RECORD_LIMITER].take(request.remote or "unknown")
    if wait:
        raise TooManyRequests(wait, "record look-ups")
    record = await call(request, lambda s: get_record(s, ref))
    if record is None:
        raise NotFound(f"There is no decision record {ref}. Check the reference you were given.")
    return record


def _canonical(request: web.Request, suffix: str = "") -> None:
    """A reference typed in capitals is sent to its canonical (lower-case) address."""
    raw = request.match_info["id"]
    ref = _reference(request)
    if raw != ref:
        location = request.app.router[f"record{suffix}"].url_for(id=ref)
        raise web.HTTPPermanentRedirect(str(location))


async def record_page(request: web.Request) -> web.Response:
    _canonical(request)
    record = await _record(request)
    doc = record_document(record)
    links = {
        kind: str(request.app.router[f"record_{kind}"].url_for(id=record.id))
        for kind in ("md", "json")
    }
    return render(
        "record.html",
        headers=HEADERS,
        staff=None,
        doc=doc,
        given_at=record.created_at,
        rules=JURISDICTIONS.get(doc["jurisdiction"] or "", doc["jurisdiction"] or "not given"),
        source_names=SOURCE_NAMES,
        links=links,
    )


async def record_md(request: web.Request) -> web.Response:
    _canonical(request, "_md")
    record = await _record(request)
    return web.Response(
        text=record_markdown(record),
        content_type="text/markdown",
        charset="utf-8",
        headers={
            **HEADERS,
            "Content-Disposition": f'attachment; filename="advice-record-{record.id}.md"',
        },
    )


async def record_json(request: web.Request) -> web.Response:
    _canonical(request, "_json")
    record = await _record(request)
    return web.json_response(record_document(record), headers=HEADERS)
