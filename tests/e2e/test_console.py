"""End to end: a hand-off through the web chat, then the help desk signs in to the console over
HTTP, finds the ticket in the queue and reads its transcript and facts; a record's pages."""

from __future__ import annotations

import html
import re

import aiohttp
import pytest

from tests.e2e.test_gateway import TIMEOUT, all_text, turn
from tests.gateway.helpers import PASSWORDS, csrf_of


@pytest.fixture
async def browser():
    """A client keeping cookies, as a browser does (the chat user's, or the staff member's)."""
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT
    ) as http:
        yield http


async def get_page(http, url: str) -> str:
    async with http.get(url) as r:
        text = await r.text()
        assert r.status == 200, text
        return text


async def test_a_hand_off_in_the_web_chat_is_read_back_on_the_console(gateway, browser):
    base = gateway.gateway_url
    assert "only one quote" in all_text(
        await turn(browser, gateway, "QLD agency, $20k ICT, can I get one quote?")
    )
    assert "Shall I file a ticket?" in all_text(
        await turn(browser, gateway, "can I talk to a person?")
    )
    assert "reach you" in all_text(await turn(browser, gateway, "yes"))
    reply = all_text(await turn(browser, gateway, "call me on 0412 345 678"))
    ref = re.search(r"your ticket reference is (T-[0-9A-Z]{8})", reply).group(1)

    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=TIMEOUT
    ) as staff:
        login = await get_page(staff, f"{base}/console/login")
        async with staff.post(
            f"{base}/console/login",
            data={"csrf": csrf_of(login), "name": "alice", "password": PASSWORDS["alice"]},
        ) as r:
            assert r.status == 200 and str(r.url) == f"{base}/console"  # after the 303
        queue = await get_page(staff, f"{base}/console?status=open&jurisdiction=QLD")
        assert f">{ref}</a>" in queue
        row = queue[queue.index(f">{ref}</a>") : queue.index("</tr>", queue.index(ref))]
        assert "QLD agency, $20k ICT, can I get one quote?" in html.unescape(row)

        page = html.unescape(await get_page(staff, f"{base}/console/tickets/{ref}"))
        transcript = page[page.index('id="transcript-h"') : page.index('id="act-h"')]
        for said in ("QLD agency, $20k ICT, can I get one quote?", "can I talk to a person?"):
            assert f'<div class="said">{said}</div>' in transcript
        assert "only one quote" in transcript
        assert "0412" not in transcript  # redacted in the transcript ...
        assert "0412 345 678" in page  # ... and kept as the contact
        assert '<th scope="row">Estimated total value</th><td>$20,000</td>' in page
        assert '<th scope="row">ICT procurement</th><td>yes</td>' in page
        assert "ICT Strategic Sourcing" in page and "QLD-ICT-SME" in page

        csrf = csrf_of(page)
        async with staff.post(
            f"{base}/console/tickets/{ref}/assign", data={"csrf": csrf, "assignee": "alice"}
        ) as r:
            assert r.status == 200 and "Assigned." in await r.text()


async def test_the_record_the_assistant_gives_is_served_by_the_gateway(gateway, browser):
    await turn(browser, gateway, "ACT agency, $60k of furniture, how many quotes?")
    reply = all_text(await turn(browser, gateway, "can I get a record of this advice?"))
    record_id = re.search(r"reference ([0-9a-z]{12})", reply).group(1)
    page = await get_page(browser, f"{gateway.gateway_url}/records/{record_id}")
    assert "at least 3 written quotations" in page and "not legal advice" in page
    markdown = await get_page(browser, f"{gateway.gateway_url}/records/{record_id}.md")
    assert "| ACT-GPR-2007 | 7(2) | Limited tender procurement |" in markdown
    assert "web-" not in page + markdown  # no conversation id
