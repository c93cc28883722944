"""What staff do on a ticket: assign, note, resolve, reopen; every form needs its CSRF token."""

from __future__ import annotations

import pytest

from bot.store.tickets import get_ticket
from tests.gateway.helpers import file, sign_in

ACTIONS = [
    ("assign", {"assignee": "bob"}),
    ("notes", {"text": "Called the buyer back."}),
    ("resolve", {"resolution": "One quote is fine under the set-aside."}),
]


def state(store, ref):
    t = get_ticket(store, ref)
    return t.status, t.assignee, [(e.kind, e.by, e.text) for e in t.events]


async def test_assign_note_resolve_and_reopen_each_show_on_the_ticket(console, db):
    ref = file(db.store)
    csrf = await sign_in(console)
    url = f"/console/tickets/{ref}"

    response = await console.post(
        f"{url}/assign", data={"csrf": csrf, "assignee": "bob"}, allow_redirects=False
    )
    assert response.status == 303 and response.headers["Location"] == f"{url}?done=assigned"
    page = await (await console.get(response.headers["Location"])).text()
    assert "Assigned." in page and "<dd>bob</dd>" in page

    await console.post(f"{url}/notes", data={"csrf": csrf, "text": "Rang the buyer."})
    await console.post(f"{url}/resolve", data={"csrf": csrf, "resolution": "Answered by phone."})
    assert state(db.store, ref) == (
        "resolved",
        "bob",
        [
            ("filed", None, "request_human"),
            ("assigned", "alice", "bob"),
            ("note", "alice", "Rang the buyer."),
            ("resolved", "alice", "Answered by phone."),
        ],
    )
    page = await (await console.get(url)).text()
    assert "Answered by phone." in page and "Reopen</button>" in page
    assert 'action="/console/tickets/' + ref + '/resolve"' not in page

    response = await console.post(f"{url}/reopen", data={"csrf": csrf}, allow_redirects=False)
    assert response.headers["Location"] == f"{url}?done=reopened"
    assert state(db.store, ref)[0] == "assigned"


@pytest.mark.parametrize(("action", "form"), [*ACTIONS, ("reopen", {})])
@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_a_form_without_the_sessions_csrf_token_is_refused_and_changes_nothing(
    console, db, action, form, token
):
    ref = file(db.store)
    if action == "reopen":
        csrf = await sign_in(console)
        await console.post(
            f"/console/tickets/{ref}/resolve", data={"csrf": csrf, "resolution": "x"}
        )
    else:
        await sign_in(console)
    before = state(db.store, ref)
    data = dict(form) if token is None else {**form, "csrf": token}
    response = await console.post(f"/console/tickets/{ref}/{action}", data=data)
    assert response.status == 403 and response.content_type == "text/html"
    assert "did not come from your console session" in await response.text()
    assert state(db.store, ref) == before


async def test_another_sessions_token_does_not_do(console, db):
    ref = file(db.store)
    theirs = await sign_in(console, "bob")
    console.session.cookie_jar.clear()
    await sign_in(console)  # alice, in a session of her own
    response = await console.post(
        f"/console/tickets/{ref}/notes", data={"csrf": theirs, "text": "forged"}
    )
    assert response.status == 403 and len(get_ticket(db.store, ref).events) == 1


async def test_a_form_sent_when_signed_out_goes_to_sign_in_and_changes_nothing(console, db):
    ref = file(db.store)
    response = await console.post(
        f"/console/tickets/{ref}/notes", data={"text": "hello"}, allow_redirects=False
    )
    assert response.status == 303 and response.headers["Location"] == "/console/login"
    assert len(get_ticket(db.store, ref).events) == 1


@pytest.mark.parametrize(
    ("action", "form", "says"),
    [
        ("notes", {"text": "   "}, "Not done: a note needs some text."),
        ("resolve", {"resolution": ""}, "Not done: say how the ticket was resolved."),
        (
            "assign",
            {"assignee": "mallory"},
            "Not done: mallory is not one of the console&#39;s staff.",
        ),
        ("reopen", {}, "is not resolved."),
        ("notes", {"text": "x" * 4001}, "keep it to 4,000 characters"),
    ],
)
async def test_a_change_that_makes_no_sense_is_a_400_page_saying_why(
    console, db, action, form, says
):
    ref = file(db.store)
    csrf = await sign_in(console)
    before = state(db.store, ref)
    response = await console.post(f"/console/tickets/{ref}/{action}", data={**form, "csrf": csrf})
    assert response.status == 400
    assert says in await response.text()
    assert state(db.store, ref) == before


async def test_resolving_a_resolved_ticket_is_refused(console, db):
    ref = file(db.store)
    csrf = await sign_in(console)
    url = f"/console/tickets/{ref}/resolve"
    await console.post(url, data={"csrf": csrf, "resolution": "done"})
    response = await console.post(url, data={"csrf": csrf, "resolution": "again"})
    assert response.status == 400 and "is already resolved" in await response.text()


async def test_an_action_on_an_unknown_ticket_is_a_404(console, db):
    csrf = await sign_in(console)
    response = await console.post(
        "/console/tickets/T-ZZZZZZZZ/notes", data={"csrf": csrf, "text": "hello"}
    )
    assert response.status == 404


async def test_a_form_that_is_not_a_form_is_refused(console, db):
    ref = file(db.store)
    await sign_in(console)
    response = await console.post(f"/console/tickets/{ref}/notes", json={"text": "x"})
    assert response.status == 415


async def test_what_staff_write_is_shown_as_text_too(console, db):
    ref = file(db.store)
    csrf = await sign_in(console)
    note = "<script>alert('note')</script>"
    await console.post(f"/console/tickets/{ref}/notes", data={"csrf": csrf, "text": note})
    page = await (await console.get(f"/console/tickets/{ref}")).text()
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;" in page
