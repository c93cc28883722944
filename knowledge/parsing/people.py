"""A supplier's headcount: employees and contractors (QLD-ICT-SME 3.1 counts both)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .errors import ParseError, shown
from .numbers import Number, prepare, scan
from .vocab import check_text, lower, matcher

__all__ = ["MAX_HEADCOUNT", "Headcount", "parse_headcount"]

#: Larger counts are refused as typing mistakes.
MAX_HEADCOUNT = 10_000_000
Role = Literal["employees", "contractors"]
_FIELDS = {"employees": "supplier.employees", "contractors": "supplier.contractors"}
_EXAMPLE = "Try something like '120 employees and 40 contractors'."
# Between a role and a number written after it: "employees: 120", "staff of about 120".
_LINK = re.compile(
    r"[\s:=~,-]*(?:(?:of|are|is|about|around|approx|approximately|roughly|total|totalling|"
    r"numbering|at|count|number)(?!\w)[\s:=~,-]*)*\Z"
)
# Words that make one count part of another ("40 people including 5 contractors").
_PART_OF = re.compile(
    r"(?<!\w)(?:including|includes|include|incl|inclusive of|of whom|of which|among them|"
    r"amongst them|which includes|within that|out of)(?!\w)"
)


@dataclass(frozen=True)
class Headcount:
    """Numbers of employees and contractors; None where the text did not say."""

    employees: int | None
    contractors: int | None


@lru_cache(maxsize=1)
def _zero_regex() -> re.Pattern[str]:
    roles = matcher("headcount", plurals=True).pattern
    mods = matcher("headcount_modifiers").pattern
    return re.compile(
        r"(?<!\w)(?:(?:no|zero|nil|without(?:\s+any)?|not\s+any)"
        r"|(?:don't|dont|do\s+not|doesn't|doesnt|does\s+not|never)\s+"
        r"(?:have|has|use|uses|engage|engages|employ|employs|hire|hires)(?:\s+any)?)"
        rf"\s+(?=(?:{mods}\s+){{0,2}}{roles})"
    )


def _role_after(text: str, pos: int) -> str | None:
    roles = matcher("headcount", plurals=True)
    modifiers = matcher("headcount_modifiers")
    for _ in range(3):
        while pos < len(text) and text[pos] in " -":
            pos += 1
        if found := roles.match_at(text, pos):
            return found.label
        found = modifiers.match_at(text, pos)
        if found is None:
            return None
        pos = found.end
    return None


def _role_before(text: str, pos: int) -> str | None:
    found = matcher("headcount", plurals=True).find(text[:pos])
    if found and _LINK.match(text, found[-1].end, pos):
        return found[-1].label
    return None


def _count(token: Number, original: str) -> int:
    if token.currency or token.percent:
        raise ParseError(
            f"{shown(original)} looks like money or a percentage, not a number of people. "
            f"{_EXAMPLE}",
            "supplier.employees",
        )
    if token.negative:
        raise ParseError(f"A number of people can't be negative. {_EXAMPLE}", "supplier.employees")
    if token.malformed or token.value != int(token.value):
        raise ParseError(
            f"Please give whole numbers of people (round any FTE to a whole number). {_EXAMPLE}",
            "supplier.employees",
        )
    if token.value > MAX_HEADCOUNT:
        raise ParseError(
            f"{int(token.value):,} people is more than any supplier has. Please check the number.",
            "supplier.employees",
        )
    return int(token.value)


def _blank_solo(lowered: str) -> tuple[bool, str]:
    found = matcher("headcount_solo").find(lowered)
    for f in reversed(found):
        lowered = lowered[: f.start] + " " + lowered[f.end :]
    return bool(found), lowered


def parse_headcount(text: str, *, default_role: Role | None = None) -> Headcount:
    """Read numbers of employees and contractors.

    "120 staff and 40 contractors", "employees: 120, contractors: 40", "about 150 employees",
    "no contractors" (0), "12 FTE". People, staff and FTE count as employees. A one-person
    business ("sole trader", "just me") is 1 employee and, unless stated, 0 contractors.
    A bare number ("45") is refused unless `default_role` says what the question asked for.
    Also refused: negative, fractional or absurd (over 10 million) counts, two different
    counts of the same kind, and counts that contain each other ("40 people including 5
    contractors"): say them separately.
    """
    field = _FIELDS[default_role or "employees"]
    check_text(text, field, "a number of people", _EXAMPLE)
    if default_role and matcher("headcount_none").whole(lower(text)):
        return Headcount(**{"employees": None, "contractors": None, default_role: 0})
    solo, lowered = _blank_solo(lower(text))
    prepared = prepare(_zero_regex().sub("0 ", lowered), ones=True)
    counts: dict[str, set[int]] = {"employees": set(), "contractors": set()}
    loose: list[int] = []
    for token in scan(prepared):
        value = _count(token, text)
        role = _role_after(prepared, token.end) or _role_before(prepared, token.start)
        if role:
            counts[role].add(value)
        else:
            loose.append(value)
    if loose:
        if default_role is None or len(loose) > 1 or counts[default_role]:
            raise ParseError(
                f"I couldn't tell what {loose[0]:,} counts in {shown(text)}. {_EXAMPLE}", field
            )
        counts[default_role].add(loose[0])
    for role, values in counts.items():
        if len(values) > 1:
            raise ParseError(
                f"{shown(text)} gives more than one number of {role}. {_EXAMPLE}", _FIELDS[role]
            )
    if counts["employees"] and counts["contractors"] and _PART_OF.search(prepared):
        raise ParseError(
            f"Please give employees and contractors separately. {_EXAMPLE}", "supplier.employees"
        )
    employees = next(iter(counts["employees"]), None)
    contractors = next(iter(counts["contractors"]), None)
    if solo:
        employees = 1 if employees is None else employees
        contractors = 0 if contractors is None else contractors
    if employees is None and contractors is None:
        raise ParseError(f"I couldn't read a number of people in {shown(text)}. {_EXAMPLE}", field)
    return Headcount(employees=employees, contractors=contractors)
