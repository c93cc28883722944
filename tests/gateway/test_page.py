"""GET /: the chat page and what it loads, served by the gateway itself."""

from __future__ import annotations

import re

from bot.gateway.views import STATIC

PAGE_BUDGET = 100 * 1024


async def test_the_page_loads_only_the_gateways_own_files_within_100_kb(client):
    response = await client.get("/")
    assert response.status == 200 and response.content_type == "text/html"
    html = await response.text()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    loaded = re.findall(r'(?:src|href)="([^"#]+)"', html)
    assert loaded and all(u.startswith("/static/") or u.startswith("data:") for u in loaded)
    total = len(html.encode())
    for url in [u for u in loaded if u.startswith("/static/")]:
        asset = await client.get(url)
        assert asset.status == 200, url
        body = await asset.read()
        total += len(body)
        assert asset.headers["X-Content-Type-Options"] == "nosniff"
        assert not re.search(rb"url\(|@import", body), f"{url} loads more"
    assert total < PAGE_BUDGET


def test_no_file_of_the_page_names_another_host_or_writes_html():
    for path in STATIC.iterdir():
        text = path.read_text()
        assert not re.search(r"https?://|//[a-z0-9-]+\.[a-z]", text), path.name
        assert not re.search(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write", text), (
            path.name
        )
        assert "<script>" not in text and " style=" not in text, path.name  # CSP: no inline


def test_the_page_is_labelled_for_keyboard_and_screen_reader_use():
    html = (STATIC / "index.html").read_text()
    assert 'aria-live="polite"' in html and 'role="log"' in html
    assert '<label for="message"' in html and 'name="viewport"' in html
    js = (STATIC / "app.js").read_text()
    assert 'e.key === "Enter"' in js and "aria-describedby" in js


async def test_unknown_paths_and_methods_get_json_errors(client):
    response = await client.get("/nowhere")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "not_found"
    response = await client.get("/api/v1/chat")
    assert response.status == 405
    assert (await response.json())["error"]["code"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]
