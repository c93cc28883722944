"""Fixtures for the channel tests: the advice grid, and what the channels need from a test."""

from __future__ import annotations

import os
from typing import Any

import pytest

# Rasa 3.6's SQL tracker store warns at import that SQLAlchemy 2.0 would not run it; it is
# pinned to 1.4 (constraints.txt), so the warning says nothing here.
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

from knowledge import InvalidFacts, assess
from tests.knowledge.grid import AS_OF, all_facts

#: Topics a user may have asked about (None: no particular one), to vary the lead answer.
TOPICS = [None, "quotations", "exemption", "sme_status", "formal_ito", "panel", "set_aside"]


@pytest.fixture(scope="session")
def advice_grid() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(facts, advice) for every valid fact set of tests/knowledge/grid.py."""
    import datetime as dt

    out = []
    for facts in all_facts():
        try:
            out.append((facts, assess(facts, today=dt.date.fromisoformat(AS_OF))))
        except InvalidFacts:
            continue
    assert len(out) > 500
    return out
