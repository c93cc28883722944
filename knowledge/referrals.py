"""Whom to refer a user to when the sources do not settle a question."""

from __future__ import annotations

from functools import cache

from knowledge._data import DATA_DIR, load_yaml


@cache
def _referrals() -> dict[str, str]:
    return load_yaml(DATA_DIR / "referrals.yaml")


def referral(key: str | None) -> str:
    table = _referrals()
    return table.get(key or "", table["default"])
