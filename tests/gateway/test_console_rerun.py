"""Re-run with changed facts: the advice for edited facts beside the original; errors, not 500s."""

from __future__ import annotations

import json

import pytest

from bot.store.tickets import get_ticket
from tests.gateway.helpers import FACTS, file, sign_in


def side(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("</section>", start)
    return page[start:end]


async def test_the_form_starts_with_the_tickets_facts(console, db):
    ref = file(db.store)
    await sign_in(console)
    response = await console.get(f"/console/tickets/{ref}/rerun")
    assert response.status == 200
    page = await response.text()
    assert "&#34;jurisdiction&#34;: &#34;QLD&#34;" in page and "&#34;value&#34;: 20000.0" in page


async def test_changed_facts_show_their_advice_beside_the_original(console, db):
    ref = file(db.store)
    csrf = await sign_in(console)
    edited = {**FACTS, "value": 45000.0, "value_includes_gst": True}
    before = get_ticket(db.store, ref)
    response = await console.post(
        f"/console/tickets/{ref}/rerun", data={"csrf": csrf, "facts": json.dumps(edited)}
    )
    assert response.status == 200
    page = await response.text()
    changed = side(page, 'id="changed-h"')
    assert "<code>value</code>: $20,000 → $45,000" in changed
    assert "<code>value_includes_gst</code>: not given → yes" in changed
    original = side(page, 'id="before-h"')
    what_if = side(page, 'id="after-h"')
    assert "$20,000" in original and "within the $30,000 set-aside" in original
    assert "$45,000" in what_if and "within the $30,000 set-aside" not in what_if
    assert 'class="changed"' in what_if and 'class="changed"' not in original
    # A what-if changes nothing on the ticket.
    after = get_ticket(db.store, ref)
    assert after.facts == before.facts and len(after.events) == len(before.events)


@pytest.mark.parametrize(
    ("facts", "says", "field"),
    [
        ('{"jurisdiction": "QLD", "value": ', "not valid JSON", "facts"),
        ("[1, 2]", "the facts must be a JSON object", "facts"),
        ('{"value": NaN}', "not valid JSON: NaN is not a number JSON allows", "facts"),
        ('{"jurisdiction": "QLD", "value": -5}', "", "value"),
        ('{"jurisdiction": "Narnia"}', "is not one of", "jurisdiction"),
        ('{"jurisdiction": "QLD", "as_of": "soon"}', "", "as_of"),
    ],
)
async def test_facts_that_cannot_be_assessed_are_shown_as_errors_not_a_500(
    console, db, facts, says, field
):
    ref = file(db.store)
    csrf = await sign_in(console)
    response = await console.post(
        f"/console/tickets/{ref}/rerun", data={"csrf": csrf, "facts": facts}
    )
    assert response.status == 422
    page = await response.text()
    assert "These facts cannot be assessed:" in page and f"<code>{field}</code>" in page
    assert says in page
    assert 'aria-invalid="true"' in page
    assert 'id="after-h"' not in page


async def test_the_rerun_form_needs_the_csrf_token(console, db):
    ref = file(db.store)
    await sign_in(console)
    response = await console.post(f"/console/tickets/{ref}/rerun", data={"facts": "{}"})
    assert response.status == 403


async def test_edited_facts_are_escaped_when_shown_again(console, db):
    ref = file(db.store)
    csrf = await sign_in(console)
    facts = '{"jurisdiction": "</textarea><script>alert(1)</script>"}'
    response = await console.post(
        f"/console/tickets/{ref}/rerun", data={"csrf": csrf, "facts": facts}
    )
    page = await response.text()
    assert response.status == 422 and "<script>" not in page and "</textarea><" not in page
