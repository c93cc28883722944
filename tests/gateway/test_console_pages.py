"""The console's pages: the queue with its filters and triage summary, a ticket, escaping."""

from __future__ import annotations

import re

from markupsafe import escape

from bot.store.records import new_record, save_record
from knowledge import assess
from tests.gateway.helpers import file, sign_in

REF = re.compile(r">(T-[0-9A-Z]{8})</a>")


def refs(page: str) -> list[str]:
    return REF.findall(page)


async def test_the_queue_lists_unresolved_tickets_oldest_first(console, db):
    old = file(db.store, days_ago=5)
    new = file(db.store, days_ago=0.1, question="ACT, $60k furniture?", jurisdiction="ACT")
    await sign_in(console)
    page = await (await console.get("/console")).text()
    assert refs(page) == [old, new]
    assert "QLD agency, $20k ICT, can I get one quote?" in page and "5 d" in page
    assert "Asked for a person" in page and "(2, oldest first)" in page


async def test_the_queue_filters_by_status_jurisdiction_topic_and_age(console, db):
    qld = file(db.store, days_ago=4)
    act = file(db.store, days_ago=2, jurisdiction="ACT", topic="quotations")
    nsw = file(db.store, days_ago=0.5, jurisdiction="NSW", topic=None)
    await sign_in(console)

    async def shown(query: str) -> list[str]:
        response = await console.get(f"/console?{query}")
        assert response.status == 200
        return refs(await response.text())

    assert await shown("jurisdiction=ACT") == [act]
    assert await shown("jurisdiction=other") == [nsw]
    assert await shown("topic=quotations") == [act]
    assert await shown("topic=none") == [nsw]
    assert await shown("age=3d") == [qld]
    assert await shown("age=1d") == [qld, act]
    assert await shown("age=new") == [nsw]
    assert await shown("status=resolved") == []
    assert await shown("status=all&jurisdiction=QLD") == [qld]


async def test_the_queue_is_paged_fifty_at_a_time_keeping_the_filters(console, db):
    made = [file(db.store, days_ago=60 - i * 0.1) for i in range(53)]
    await sign_in(console)
    first = await (await console.get("/console?jurisdiction=QLD")).text()
    assert refs(first) == made[:50] and "Page 1 of 2" in first
    assert 'href="/console?jurisdiction=QLD&amp;page=2" rel="next"' in first
    second = await (await console.get("/console?jurisdiction=QLD&page=2")).text()
    assert refs(second) == made[50:] and 'rel="prev"' in second


async def test_a_filter_that_makes_no_sense_is_a_clear_400_page(console, db):
    await sign_in(console)
    for query, says in (
        ("status=lost", "Status must be one of"),
        ("jurisdiction=NSW", "Jurisdiction must be one of"),
        ("age=ancient", "Age must be one of"),
        ("page=0", "The page is a whole number"),
        ("page=two", "The page is a whole number"),
    ):
        response = await console.get(f"/console?{query}")
        assert response.status == 400 and response.content_type == "text/html"
        assert says in await response.text()


async def test_the_triage_summary_counts_open_tickets_and_what_was_not_settled(console, db):
    file(db.store, days_ago=1)
    file(db.store, days_ago=1, question="QLD agency, $90k ICT, can I get one quote?")
    file(db.store, jurisdiction="ACT", topic="quotations", question="Who signs off?")
    facts = {"jurisdiction": "QLD", "ict": False, "value": 5000.0, "as_of": "2026-11-22"}
    advice = assess(facts)
    assert advice["out_of_scope"]
    save_record(
        db.store, new_record(conversation_id="c", channel="web", facts=facts, advice=advice)
    )
    await sign_in(console)
    page = await (await console.get("/console")).text()
    triage = page[page.index('<h2 id="triage-h">') : page.index('<h2 id="tickets-h">')]
    assert re.search(r"Queensland</a> <span class=\"n\">2</span>", triage)
    assert re.search(r"ACT</a> <span class=\"n\">1</span>", triage)
    assert re.search(r"Set-aside</a> <span class=\"n\">2</span>", triage)
    # Questions that differ only in their figures count as one.
    assert re.search(r"can I get one quote\?</span> <span class=\"n\">2</span>", triage)
    reason = advice["out_of_scope"][0]["reason"]
    assert re.search(re.escape(str(escape(reason))) + r"</span> <span class=\"n\">1</span>", triage)


async def test_a_ticket_page_shows_the_transcript_facts_advice_routing_and_contact(console, db):
    ref = file(db.store, supplier_abn="53004085616")
    await sign_in(console)
    response = await console.get(f"/console/tickets/{ref}")
    assert response.status == 200
    page = await response.text()
    assert "can I talk to a person?" in page and "You may obtain only one quote..." in page
    assert '<th scope="row">Estimated total value</th><td>$20,000</td>' in page
    assert '<th scope="row">ICT procurement</th><td>yes</td>' in page
    assert "Set-aside</h4>" in page
    assert '<button type="button" class="chip"' in page and "QLD-ICT-SME" in page
    assert 'role="tooltip"' in page and "Set-Asides</span>" in page
    assert "ICT Strategic Sourcing" in page and "mailto:ICTStrategicSourcing@qld.gov.au" in page
    assert "buyer@agency.qld.gov.au" in page and "53004085616" in page
    assert "web-conversation-1" not in page  # the conversation id stays in the store


async def test_a_ticket_reference_may_be_typed_in_lower_case(console, db):
    ref = file(db.store)
    await sign_in(console)
    assert (await console.get(f"/console/tickets/{ref.lower()}")).status == 200


async def test_an_unknown_or_malformed_ticket_is_a_404_page(console, db):
    await sign_in(console)
    for ref in ("T-ZZZZZZZZ", "nonsense", "T-%3Cscript%3E"):
        response = await console.get(f"/console/tickets/{ref}")
        assert response.status == 404 and response.content_type == "text/html"
        text = await response.text()
        assert "There is no ticket" in text and "<script>" not in text


async def test_what_users_typed_is_shown_as_text_never_as_markup(console, db):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ref = file(
        db.store,
        question=attack,
        topic="<b>topic</b>",
        contact='"><script>alert(2)</script>',
        transcript=[{"who": "user", "text": attack, "at": "2026-11-22T09:00:00+00:00"}],
        facts={"jurisdiction": "QLD", "need": "<script>need</script>"},
        advice=None,
    )
    await sign_in(console)
    for path in ("/console", f"/console/tickets/{ref}"):
        page = await (await console.get(path)).text()
        assert "<script>" not in page and "<img" not in page and "<b>topic" not in page
        assert "&lt;script&gt;alert(" in page
    page = await (await console.get(f"/console/tickets/{ref}")).text()
    assert "&lt;script&gt;need&lt;/script&gt;" in page
    assert "No advice had been given when the question was handed off." in page


async def test_pages_load_only_the_gateways_own_stylesheet(console, db):
    ref = file(db.store)
    await sign_in(console)
    page = await (await console.get(f"/console/tickets/{ref}")).text()
    assert re.findall(r'(?:href|src)="(/static/[^"]+)"', page) == ["/static/console.css"]
    assert "<script" not in page and "http://" not in page.replace("http://127", "")
    css = await console.get("/static/console.css")
    assert css.status == 200 and "@media print" in await css.text()
    assert 'name="viewport"' in page and 'class="skip" href="#main"' in page
