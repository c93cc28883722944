"""GET /api/v1/openapi.json: a valid OpenAPI 3.1 document, true of real responses."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, RefResolver, ValidationError

from bot.gateway.session import COOKIE
from knowledge._data import SCHEMA_DIR

FACTS = {"jurisdiction": "QLD", "as_of": "2026-11-22", "ict": True, "value": 20000}


def check(doc, path, method, status, body):
    """The body validates against what the document says of that path, method and status."""
    responses = doc["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} {status} is not documented"
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    Draft202012Validator(
        schema,
        resolver=RefResolver.from_schema(doc),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    ).validate(body)


@pytest.fixture
async def doc(client):
    response = await client.get("/api/v1/openapi.json")
    assert response.status == 200
    return await response.json()


def test_the_document_is_openapi_3_1_and_each_schema_is_valid_json_schema(doc):
    assert doc["openapi"] == "3.1.0" and doc["info"]["title"] and doc["info"]["version"]
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    refs = set()

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.add(node["$ref"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    names = {f"#/components/schemas/{n}" for n in doc["components"]["schemas"]}
    assert refs <= names, f"dangling refs: {refs - names}"
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            assert op["operationId"] and op["responses"], (path, method)


def test_the_check_fails_a_body_the_document_does_not_describe(doc):
    advice = {"jurisdiction": "ACT", "determinations": [{"topic": "quotations"}]}
    with pytest.raises(ValidationError):
        check(doc, "/api/v1/assess", "post", 200, advice)
    with pytest.raises(ValidationError):
        check(doc, "/api/v1/chat", "post", 200, {"messages": [{"from": "bot", "text": 1}]})


def test_facts_and_advice_are_knowledges_own_schemas(doc):
    for name, file in (("Facts", "facts"), ("Advice", "advice")):
        own = json.loads((SCHEMA_DIR / f"{file}.schema.json").read_text())
        own.pop("$schema"), own.pop("$id")
        assert doc["components"]["schemas"][name] == own


async def test_every_documented_response_is_what_the_gateway_really_sends(
    client, client_for, settings, down, doc
):
    seen = set()

    async def record(path, method, response):
        body = await response.json()
        check(doc, path, method, response.status, body)
        seen.add((path, method, str(response.status)))

    chat, history, assess = "/api/v1/chat", "/api/v1/history", "/api/v1/assess"
    await record(chat, "post", await client.post(chat, json={"message": "ACT, $60k, quotes?"}))
    await record(history, "get", await client.get(history))
    raw = {"headers": {"Content-Type": "application/json"}}
    await record(chat, "post", await client.post(chat, data=b"{", **raw))
    await record(chat, "post", await client.post(chat, json={"message": "x" * 5000}))
    await record(chat, "post", await client.post(chat, data=b"message=hi"))
    for _ in range(settings.gateway.chat_burst + 1):
        response = await client.post(chat, json={"message": "hello"})
    await record(chat, "post", response)
    await record(assess, "post", await client.post(assess, json=FACTS))
    await record(assess, "post", await client.post(assess, json={"value": -1}))
    await record(assess, "post", await client.post(assess, data=b"{", **raw))
    await record(assess, "post", await client.post(assess, json={"x": "y" * 70_000}))
    await record(assess, "post", await client.post(assess, data=b"value=1"))
    await record("/healthz", "get", await client.get("/healthz"))

    cookie = client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value
    offline = await client_for(down)
    offline.session.cookie_jar.update_cookies({COOKIE: cookie})
    await record(chat, "post", await offline.post(chat, json={"message": "hello"}))
    await record(history, "get", await offline.get(history))
    await record("/healthz", "get", await offline.get("/healthz"))

    documented = {
        (path, method, status)
        for path, methods in doc["paths"].items()
        for method, op in methods.items()
        for status in op["responses"]
    }
    assert seen == documented
