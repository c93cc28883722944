"""Decision records over HTTP: the page to print, the Markdown download, the JSON; 400 and 404."""

from __future__ import annotations

from dataclasses import replace

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.gateway import create_app
from bot.gateway.keys import RECORD_LIMITER
from bot.gateway.limits import RateLimiter
from bot.store.records import DISCLAIMER, new_record, record_markdown, save_record
from knowledge import assess

FACTS = {"jurisdiction": "ACT", "value": 60000.0, "as_of": "2026-11-22"}


@pytest.fixture
def record(db):
    rec = new_record(
        conversation_id="web-secret-conversation",
        channel="web",
        facts=FACTS,
        advice=assess(FACTS),
        topic="quotations",
    )
    save_record(db.store, rec)
    return rec


async def test_the_record_page_has_the_facts_answer_sections_ruleset_and_disclaimer(
    console, record
):
    response = await console.get(f"/records/{record.id}")
    assert response.status == 200 and response.content_type == "text/html"
    page = await response.text()
    assert f'Procurement advice record <span class="ref">{record.id}</span>' in page
    assert '<th scope="row">Estimated total value</th><td>$60,000</td>' in page
    assert "at least 3 written quotations" in page
    assert "<tr><td>ACT-GPR-2007</td><td>7(2)</td><td>Limited tender procurement</td></tr>" in page
    assert f"version {record.ruleset_version}, digest" in page and record.ruleset_digest in page
    assert "ACT Government (Government Procurement Regulation 2007)" in page
    assert "guidance from the sources cited, not legal advice" in page
    assert f'href="/records/{record.id}.md" download' in page
    assert "web-secret-conversation" not in page
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert "<script" not in page


async def test_the_markdown_export_is_a_utf8_download(console, record):
    response = await console.get(f"/records/{record.id}.md")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="advice-record-{record.id}.md"'
    )
    assert await response.text() == record_markdown(record)


async def test_the_json_is_the_record_document_without_the_conversation(console, record):
    response = await console.get(f"/records/{record.id}.json")
    assert response.status == 200 and response.content_type == "application/json"
    doc = await response.json()
    assert doc["reference"] == record.id and doc["disclaimer"] == DISCLAIMER
    assert doc["ruleset"] == {"version": record.ruleset_version, "digest": record.ruleset_digest}
    assert "conversation" not in str(doc) and "web-secret" not in str(doc)


@pytest.mark.parametrize("suffix", ["", ".md", ".json"])
async def test_an_unknown_record_is_a_404(console, db, suffix):
    response = await console.get(f"/records/0123456789ab{suffix}")
    assert response.status == 404
    if suffix == "":
        assert response.content_type == "text/html"
        assert "There is no decision record 0123456789ab" in await response.text()
    else:
        assert (await response.json())["error"]["code"] == "not_found"


@pytest.mark.parametrize("ref", ["short", "0123456789abc", "0123456789ai", "%3Cscript%3Exxxxx"])
async def test_a_malformed_reference_is_a_400_saying_what_one_looks_like(console, db, ref):
    response = await console.get(f"/records/{ref}")
    assert response.status == 400
    text = await response.text()
    assert "A record reference is 12 letters and digits" in text and "<script>" not in text


async def test_a_reference_typed_in_capitals_goes_to_its_own_address(console, record):
    response = await console.get(f"/records/{record.id.upper()}.md", allow_redirects=False)
    assert response.status == 308
    assert response.headers["Location"] == f"/records/{record.id}.md"


async def test_what_a_record_holds_is_escaped(console, db):
    facts = {"jurisdiction": "ACT", "value": 60000.0}
    advice = assess(facts)
    advice["determinations"][0]["summary"] = "<script>alert(1)</script>"
    rec = new_record(conversation_id="c", channel="<b>web</b>", facts=facts, advice=advice)
    save_record(db.store, rec)
    page = await (await console.get(f"/records/{rec.id}")).text()
    assert "<script>" not in page and "<b>web" not in page and "&lt;script&gt;" in page


async def test_record_look_ups_are_rate_limited_per_address(settings, db, record):
    app = create_app(replace(settings, database_url=db.url))
    app[RECORD_LIMITER] = RateLimiter(2, 1)
    async with TestClient(TestServer(app)) as client:
        assert (await client.get(f"/records/{record.id}")).status == 200
        assert (await client.get("/records/0123456789ab")).status == 404
        limited = await client.get(f"/records/{record.id}")
        assert limited.status == 429 and "Retry-After" in limited.headers
        assert "Too many record look-ups" in await limited.text()
