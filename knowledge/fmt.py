"""Formatting figures for people: money, percentages, lists, parameters in their unit."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from knowledge.params import ParamView, parameters


@lru_cache(maxsize=4096)
def money(value: float) -> str:
    """``$25,000``; cents only when there are any: ``$30,000.30``."""
    cents = round(value * 100)
    if cents % 100 == 0:
        return f"${cents // 100:,}"
    return f"${cents / 100:,.2f}"


def number(value: float) -> str:
    """``9``, ``0.5``, ``3.3333``: no trailing zeros."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def percent(value: float) -> str:
    return f"{number(value)}%"


def and_list(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def param_text(p: ParamView, name: str) -> str:
    """A parameter's value in force, written in its unit."""
    value: Any = p[name]
    unit = parameters(p.jurisdiction)[name].unit
    if unit.startswith("AUD"):
        return money(value)
    if unit == "percent":
        return percent(value)
    if unit in ("days", "calendar days"):
        return f"{value} {unit}"
    return str(value)
