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
from collections.abc import Callable
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


Checker = Callable[[Any, str, list, list], Any]


def _compile(schema: dict) -> Checker:
    """Turn a schema node into a function ``(value, path, errors, ignored) -> value``.

    Compiled once; each call then checks a value and returns it normalised (whole floats of
    integer fields become ints), appending problems to ``errors``.
    """
    if "enum" in schema:
        options = schema["enum"]
        allowed = {(type(o), o) for o in options}

        def check_enum(value: Any, path: str, errors: list, ignored: list) -> Any:
            if (type(value), value) not in allowed:
                errors.append({"field": path, "message": _enum_message(path, value, options)})
            return value

        return check_enum
    expected = schema.get("type")
    if expected in ("number", "integer"):
        return _compile_number(schema, expected)
    if expected == "string":
        return _compile_string(schema)
    if expected == "array":
        items = _compile(schema.get("items", {}))

        def check_array(value: Any, path: str, errors: list, ignored: list) -> Any:
            if not isinstance(value, list):
                errors.append({"field": path, "message": "must be a list"})
                return value
            return [items(v, f"{path}.{i}", errors, ignored) for i, v in enumerate(value)]

        return check_array
    if expected == "object":
        return _compile_object(schema)

    def check_type(value: Any, path: str, errors: list, ignored: list) -> Any:
        problem = _type_error(value, expected) if expected else None
        if problem:
            errors.append({"field": path, "message": problem})
        return value

    return check_type


def _compile_number(schema: dict, expected: str) -> Checker:
    bounds = [(k, schema[k]) for k in ("minimum", "maximum", "exclusiveMinimum") if k in schema]

    def check_number(value: Any, path: str, errors: list, ignored: list) -> Any:
        problem = _type_error(value, expected)
        if problem:
            errors.append({"field": path, "message": problem})
            return value
        if expected == "integer":
            value = int(value)
        for kind, bound in bounds:
            if kind == "minimum" and value < bound:
                errors.append({"field": path, "message": f"must be at least {bound}"})
            elif kind == "maximum" and value > bound:
                errors.append({"field": path, "message": f"must be at most {bound}"})
            elif kind == "exclusiveMinimum" and value <= bound:
                errors.append({"field": path, "message": f"must be more than {bound}"})
        return value

    return check_number


def _compile_string(schema: dict) -> Checker:
    pattern = _pattern(schema["pattern"]) if "pattern" in schema else None
    is_date = schema.get("format") == "date"

    def check_string(value: Any, path: str, errors: list, ignored: list) -> Any:
        if not isinstance(value, str):
            errors.append({"field": path, "message": "must be a string"})
            return value
        if pattern is not None and not pattern.search(value):
            errors.append({"field": path, "message": f"{json.dumps(value)} is not valid here"})
        if is_date:
            try:
                if len(value) != 10:
                    raise ValueError
                dt.date.fromisoformat(value)
            except ValueError:
                errors.append({"field": path, "message": "must be a date as YYYY-MM-DD"})
        return value

    return check_string


def _compile_object(schema: dict) -> Checker:
    props = {name: _compile(spec) for name, spec in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))

    def check_object(value: Any, path: str, errors: list, ignored: list) -> Any:
        if not isinstance(value, dict):
            errors.append({"field": path, "message": "must be a JSON object"})
            return value
        for name in required:
            if name not in value:
                errors.append({"field": _join(path, name), "message": "is required"})
        out = {}
        for name, v in value.items():
            check = props.get(name)
            if check is None:
                ignored.append(_join(path, name))
            elif v is not None:  # an explicit null means "not known", as if left out
                out[name] = check(v, _join(path, name), errors, ignored)
        return out

    return check_object


@cache
def _facts_checker() -> Checker:
    return _compile(facts_schema())


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
    clean = _facts_checker()(facts, "", errors, ignored)
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
