"""GET /api/v1/openapi.json: OpenAPI 3.1 for the gateway's API, built from knowledge's schemas.

The facts and advice schemas are knowledge/schemas/*.json as they are (OpenAPI 3.1's schema
objects are JSON Schema 2020-12); the gateway's own bodies are described here. Tests validate
real responses against this document.
"""

from __future__ import annotations

import json
from typing import Any

from knowledge._data import SCHEMA_DIR

STR = {"type": "string"}


def _contract_schema(name: str) -> dict[str, Any]:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    # Embedded under components: the document's dialect applies and refs are the document's.
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def _errors(*statuses: int) -> dict[str, Any]:
    text = {
        400: "The body is not JSON or not the expected object.",
        413: "The body is over the size limit.",
        415: "The body is not sent as application/json.",
        429: "Too many turns from this session; see Retry-After.",
        503: "Rasa or the action server is down or slow: the message says so.",
    }
    return {str(s): _json("Error", text[s]) for s in statuses}


SCHEMAS: dict[str, Any] = {
    "ChatRequest": {
        "type": "object",
        "required": ["message"],
        "properties": {
            "message": {
                "type": "string",
                "minLength": 1,
                "description": "What the user typed, or the payload of a button they pressed.",
            }
        },
    },
    "Citation": {
        "type": "object",
        "required": ["document", "section", "heading", "label"],
        "properties": {
            "document": STR,
            "section": STR,
            "heading": STR,
            "label": {**STR, "description": "As the text answer cites it: 's 7(2)', '5.1'."},
        },
    },
    "Card": {
        "type": "object",
        "required": ["topic", "title", "summary", "lead", "citations"],
        "properties": {
            "topic": STR,
            "title": STR,
            "summary": STR,
            "lead": {"type": "boolean", "description": "The determination asked about."},
            "citations": {"type": "array", "minItems": 1, "items": _ref("Citation")},
        },
    },
    "Answer": {
        "type": "object",
        "required": ["heading", "cards", "notes", "disclaimer"],
        "properties": {
            "heading": {"type": ["string", "null"]},
            "cards": {"type": "array", "items": _ref("Card")},
            "notes": {"type": "array", "items": STR},
            "disclaimer": STR,
        },
    },
    "Button": {
        "type": "object",
        "required": ["title", "payload"],
        "properties": {"title": STR, "payload": STR},
    },
    "Message": {
        "type": "object",
        "required": ["from", "text", "buttons", "answer"],
        "properties": {
            "from": {"enum": ["user", "bot"]},
            "text": STR,
            "buttons": {"type": "array", "items": _ref("Button")},
            "answer": {"oneOf": [_ref("Answer"), {"type": "null"}]},
        },
    },
    "Messages": {
        "type": "object",
        "required": ["messages"],
        "properties": {"messages": {"type": "array", "items": _ref("Message")}},
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "code", "message"],
                "properties": {"status": {"type": "integer"}, "code": STR, "message": STR},
            }
        },
    },
    "InvalidFacts": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": STR, "message": STR},
                },
            }
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "components"],
        "properties": {
            "status": {"enum": ["ok", "unavailable"]},
            "components": {
                "type": "object",
                "required": ["gateway", "rasa", "action_server", "database"],
                "additionalProperties": {
                    "type": "object",
                    "required": ["ok", "detail", "ms"],
                    "properties": {
                        "ok": {"type": "boolean"},
                        "detail": STR,
                        "ms": {"type": "number"},
                    },
                },
            },
        },
    },
}

SESSION = "The conversation is the one the signed session cookie names; a first turn sets it."


def document(version: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Procurement advisor gateway",
            "version": version,
            "description": "Chat with the procurement advisor, or send facts and get advice "
            "(ACT Government Procurement Regulation 2007, Queensland ICT SME participation "
            "scheme, Commonwealth DTA ICT procurement); every answer cites document and section.",
        },
        "paths": {
            "/api/v1/chat": {
                "post": {
                    "operationId": "chat",
                    "security": [{"session": []}, {}],
                    "summary": "One chat turn: the user's message in, the assistant's replies out.",
                    "description": SESSION,
                    "requestBody": {"required": True, **_json("ChatRequest", "The message.")},
                    "responses": {
                        "200": _json("Messages", "The assistant's replies to this turn."),
                        **_errors(400, 413, 415, 429, 503),
                    },
                }
            },
            "/api/v1/history": {
                "get": {
                    "operationId": "history",
                    "security": [{"session": []}, {}],
                    "summary": "This session's conversation since its last restart.",
                    "description": SESSION,
                    "responses": {
                        "200": _json("Messages", "User and bot messages, oldest first."),
                        **_errors(503),
                    },
                }
            },
            "/api/v1/assess": {
                "post": {
                    "operationId": "assess",
                    "summary": "Facts in, advice out (the rules module's contract).",
                    "requestBody": {"required": True, **_json("Facts", "The facts known.")},
                    "responses": {
                        "200": _json("Advice", "The advice, every determination cited."),
                        "422": _json("InvalidFacts", "The facts break the facts schema."),
                        **_errors(400, 413, 415),
                    },
                }
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether the gateway, Rasa, the action server and the database "
                    "answer.",
                    "responses": {
                        "200": _json("Health", "Every component answers."),
                        "503": _json("Health", "At least one component does not."),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Facts": _contract_schema("facts"),
                "Advice": _contract_schema("advice"),
                **SCHEMAS,
            },
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "advisor_session"}
            },
        },
    }
