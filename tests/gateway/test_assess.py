"""POST /api/v1/assess: the rules contract over HTTP, in process."""

from __future__ import annotations

import pytest

from knowledge import assess

FACTS = {"jurisdiction": "ACT", "as_of": "2026-11-22", "value": 60000, "construction": False}


async def test_facts_in_advice_out_as_knowledge_gives_it(client):
    response = await client.post("/api/v1/assess", json=FACTS)
    assert response.status == 200
    advice = await response.json()
    assert advice == assess(FACTS)
    lead = advice["determinations"][0]
    assert lead["min_written_quotations"] == 3
    assert {
        "document": "ACT-GPR-2007",
        "section": "7(2)",
        "heading": "Limited tender procurement",
    } in lead["citations"]


async def test_missing_facts_are_asked_for_not_guessed(client):
    advice = await (
        await client.post(
            "/api/v1/assess", json={"jurisdiction": "ACT", "as_of": "2026-11-22", "value": 600000}
        )
    ).json()
    assert "construction" in [m["fact"] for m in advice["missing"]]


@pytest.mark.parametrize(
    "facts, field",
    [
        ({"jurisdiction": "Mars"}, "jurisdiction"),
        ({"value": -5}, "value"),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"value": "a lot"}, "value"),
        ([1, 2], ""),
    ],
)
async def test_invalid_facts_get_422_with_the_contracts_errors(client, facts, field):
    response = await client.post("/api/v1/assess", json=facts)
    assert response.status == 422
    errors = (await response.json())["errors"]
    assert errors and all(set(e) == {"field", "message"} for e in errors)
    assert field in {e["field"] for e in errors} or not field


async def test_malformed_json_gets_400(client):
    response = await client.post(
        "/api/v1/assess", data=b'{"value": ', headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "bad_request"


async def test_a_body_over_the_limit_gets_413(client, settings):
    facts = {"jurisdiction": "ACT", "padding": "x" * settings.gateway.assess_max_bytes}
    response = await client.post("/api/v1/assess", json=facts)
    assert response.status == 413
