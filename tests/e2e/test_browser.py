"""A real browser: headless Chromium (Debian's) on the gateway's page, keyboard only.

It asks a question, answers the follow-up with a button, sees the cited answer card, reloads
and still sees the conversation. Screenshots go to var/browser/ (chat.png, phone.png).
`make browser` installs Chromium (`make test` does); with ADVISOR_REQUIRE_BROWSER=1 (set by
`make test`) a missing browser fails instead of skipping.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.config import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTEFACTS = ROOT / "var" / "browser"
PAGE_BUDGET = 100 * 1024
REPLY_MS = 90_000  # the first turn after the servers start loads TensorFlow's graph


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"Debian's chromium is not at {CHROMIUM}: run `make browser` (make test does)"
        if os.environ.get("ADVISOR_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


def test_a_buyer_asks_answers_a_follow_up_with_a_button_and_reloads(browser, gateway):
    from playwright.sync_api import expect

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(re.sub(r"^(\w+://[^/]+).*", r"\1", r.url)))
    page.goto(gateway.gateway_url)
    expect(page.get_by_role("button", name=re.compile("^ACT agency, \\$60k"))).to_be_visible()

    # Keyboard only: the message box, Enter to send; the reply is held to see "thinking".
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/v1/chat", hold_the_first)
    box = page.get_by_label("Your question")
    box.focus()
    page.keyboard.type("ACT, $700k, do we need to go to tender?")
    page.keyboard.press("Enter")
    expect(page.locator(".msg.thinking")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("The advisor is thinking.")
    held[0].continue_()
    expect(page.get_by_role("log")).to_contain_text("construction work", timeout=REPLY_MS)
    expect(page.locator(".msg.thinking")).to_have_count(0)
    expect(box).to_be_focused()

    # Shift+Tab from the message box reaches the last suggested reply: "No".
    page.keyboard.press("Shift+Tab")
    no = page.get_by_role("button", name="No", exact=True)
    expect(no).to_be_focused()
    page.keyboard.press("Enter")
    lead = page.locator(".card.lead").last
    expect(lead).to_contain_text("Invite tenders", timeout=REPLY_MS)
    chip = lead.locator(".chip", has_text="s 8(1)(a)")
    expect(chip).to_be_visible()
    chip.focus()
    tip = page.locator(f"#{chip.get_attribute('aria-describedby')}")
    expect(tip).to_be_visible()
    assert tip.inner_text().strip()
    page.screenshot(path=str(ARTEFACTS / "chat.png"))

    weight = page.evaluate(
        """() => performance.getEntriesByType("navigation").concat(
            performance.getEntriesByType("resource").filter((e) => !e.name.includes("/api/")))
            .reduce((sum, e) => sum + e.encodedBodySize, 0)"""
    )
    assert 0 < weight < PAGE_BUDGET
    assert hosts == {gateway.gateway_url}, f"the page reached other hosts: {hosts}"

    page.reload()
    log = page.get_by_role("log")
    expect(log).to_contain_text("ACT, $700k, do we need to go to tender?")
    expect(page.locator(".msg.user").last).to_have_text(re.compile("No$"))
    expect(page.locator(".card.lead").last).to_contain_text("Invite tenders")
    expect(page.locator(".card.lead .chip", has_text="s 8(1)(a)").last).to_be_visible()
    context.close()


def test_the_page_fits_a_phone(browser, gateway):
    from playwright.sync_api import expect

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(gateway.gateway_url)
    page.get_by_role("button", name=re.compile("^ACT agency, \\$60k")).click()
    expect(page.locator(".card.lead").last).to_contain_text("quotations", timeout=REPLY_MS)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    send = page.get_by_role("button", name="Send").bounding_box()
    assert send and send["height"] >= 44  # a thumb's target
    page.screenshot(path=str(ARTEFACTS / "phone.png"))
    context.close()
