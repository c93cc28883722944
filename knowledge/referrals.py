"""Whom to refer a user to when the sources do not settle a question."""

from __future__ import annotations

from functools import cache

from knowledge._data import DATA_DIR, load_yaml
from knowledge.parsing.places import UNCOVERED_BUYERS


@cache
def _referrals() -> dict[str, str]:
    return load_yaml(DATA_DIR / "referrals.yaml")


def referral(key: str | None) -> str:
    table = _referrals()
    return table.get(key or "", table["default"])


def referral_for(jurisdiction: str | None) -> str:
    """The referral for a buyer whose rules the sources do not settle: a council, a government
    abroad or a buyer outside government (their own entries), another state, or the default."""
    if jurisdiction in UNCOVERED_BUYERS:
        return referral(jurisdiction)
    return referral("other_state" if jurisdiction else None)
