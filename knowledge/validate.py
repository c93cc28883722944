"""Checking facts against the facts schema, with messages a person can act on.

The schema (``schemas/facts.schema.json``, the contract's copy plus extensions) is the single
source of truth: this module interprets the small part of JSON Schema it uses. On top of the
schema it rejects what JSON Schema lets through but no procurement has: NaN and infinite
numbers, booleans passed as numbers, and dates that are not calendar dates.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import cache
from typing import Any

from knowledge._data import SCHEMA_DIR

_COVERED = "this assistant covers the ACT, Queensland and the Commonwealth only"


class InvalidFacts(ValueError):
    """The facts do not satisfy the schema; ``errors`` is a list of {field, message}."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors

    def to_dict(self) -> dict[str, Any]:
        return {"errors": self.errors}


@cache
def facts_schema() -> dict[str, Any]:
    with (SCHEMA_DIR / "facts.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def _pattern(expr: str) -> re.Pattern[str]:
    return re.compile(expr)


def _type_error(value: Any, expected: str) -> str | None:
    if expected == "object":
        return None if isinstance(value, dict) else "must be a JSON object"
    if expected == "array":
        return None if isinstance(value, list) else "must be a list"
    if expected == "string":
        return None if isinstance(value, str) else "must be a string"
    if expected == "boolean":
        return None if isinstance(value, bool) else "must be true or false"
    if expected in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number" if expected == "number" else "must be a whole number"
        if isinstance(value, float) and not math.isfinite(value):
            return "must be a finite number"
        if expected == "integer" and isinstance(value, float) and not value.is_integer():
            return "must be a whole number"
        return None
    return None


def _enum_message(path: str, value: Any, options: list) -> str:
    shown = ", ".join("null" if o is None else str(o) for o in options)
    message = f"{json.dumps(value)} is not one of: {shown}"
    if path == "jurisdiction":
        message += f" ({_COVERED})"
    return message


def _check(value: Any, schema: dict, path: str, errors: list, ignored: list) -> Any:
    """Validate ``value``; return it normalised (whole floats of integer fields become ints)."""
    if "enum" in schema:
        if value not in schema["enum"] or isinstance(value, bool) != any(
            isinstance(o, bool) for o in schema["enum"] if o == value
        ):
            errors.append({"field": path, "message": _enum_message(path, value, schema["enum"])})
        return value
    expected = schema.get("type")
    if expected:
        problem = _type_error(value, expected)
        if problem:
            errors.append({"field": path, "message": problem})
            return value
    if expected in ("number", "integer"):
        if expected == "integer":
            value = int(value)
        if "minimum" in schema and value < schema["minimum"]:
            errors.append({"field": path, "message": f"must be at least {schema['minimum']}"})
        if "maximum" in schema and value > schema["maximum"]:
            errors.append({"field": path, "message": f"must be at most {schema['maximum']}"})
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errors.append(
                {"field": path, "message": f"must be more than {schema['exclusiveMinimum']}"}
            )
        return value
    if expected == "string":
        if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            errors.append({"field": path, "message": f"{json.dumps(value)} is not valid here"})
        if schema.get("format") == "date":
            try:
                if len(value) != 10:
                    raise ValueError
                dt.date.fromisoformat(value)
            except ValueError:
                errors.append({"field": path, "message": "must be a date as YYYY-MM-DD"})
        return value
    if expected == "array":
        items = schema.get("items", {})
        return [_check(v, items, f"{path}.{i}", errors, ignored) for i, v in enumerate(value)]
    if expected == "object":
        props = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                errors.append({"field": _join(path, name), "message": "is required"})
        out = {}
        for name, v in value.items():
            if name not in props:
                ignored.append(_join(path, name))
                continue
            if v is None:  # an explicit null means "not known", as if left out
                continue
            out[name] = _check(v, props[name], _join(path, name), errors, ignored)
        return out
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def validate(facts: Any) -> tuple[dict[str, Any], list[str]]:
    """Check ``facts``; return (normalised facts, names of ignored unknown fields).

    Raises :class:`InvalidFacts` listing every problem found.
    """
    if not isinstance(facts, dict):
        raise InvalidFacts([{"field": "", "message": "facts must be a JSON object"}])
    errors: list[dict[str, str]] = []
    ignored: list[str] = []
    clean = _check(facts, facts_schema(), "", errors, ignored)
    if errors:
        raise InvalidFacts(errors)
    return clean, ignored


def flatten(facts: dict[str, Any]) -> dict[str, Any]:
    """``{"supplier": {"employees": 3}}`` -> ``{"supplier.employees": 3}``; offers by index."""
    flat: dict[str, Any] = {}
    for name, value in facts.items():
        if name == "supplier":
            for k, v in value.items():
                flat["supplier." + k] = v
        elif name == "offers":
            flat["offers"] = value
            for i, offer in enumerate(value):
                for k, v in offer.items():
                    flat[f"offers.{i}.{k}"] = v
        else:
            flat[name] = value
    return flat
