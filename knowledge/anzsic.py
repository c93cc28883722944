"""ANZSIC 2006 structure: which division a subdivision (or class) belongs to."""

from __future__ import annotations

import re
from functools import cache

from knowledge._data import DATA_DIR, load_yaml


@cache
def _table() -> dict:
    return load_yaml(DATA_DIR / "anzsic.yaml")


DIVISIONS: tuple[str, ...] = tuple("ABCDEFGHIJKLMNOPQRS")
_CODE = re.compile(r"^(?:[A-S]|\d{2}|\d{3}|\d{4})$")


def is_code(code: str) -> bool:
    """A division letter, or a 2-digit subdivision, 3-digit group or 4-digit class number."""
    return bool(_CODE.match(code.strip().upper())) and division_of(code) is not None


def subdivision_of(code: str) -> str | None:
    code = code.strip().upper()
    return code[:2] if code[:1].isdigit() else None


@cache
def division_of(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) == 1 and code in DIVISIONS:
        return code
    sub = subdivision_of(code)
    if sub is None:
        return None
    for letter, entry in _table()["divisions"].items():
        if sub in entry["subdivisions"]:
            return letter
    return None


def title(code: str) -> str:
    code = code.strip().upper()
    table = _table()
    if code in table["divisions"]:
        return f"Division {code} {table['divisions'][code]['title']}"
    sub = subdivision_of(code)
    if sub and sub in table["subdivisions"]:
        return f"Subdivision {sub} {table['subdivisions'][sub]}"
    division = division_of(code)
    return f"Subdivision {sub} (Division {division})" if division else code
