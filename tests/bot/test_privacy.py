"""Redaction: personal information is rewritten before any handler writes a log record."""

from __future__ import annotations

import io
import logging

import pytest

from bot.privacy import install_redaction, redact, remember

SEEDED = [
    ("jane.citizen@agency.qld.gov.au", "[email]"),
    ("0412 345 678", "[phone]"),
    ("(02) 6207 1234", "[phone]"),
    ("+61 7 3215 1234", "[phone]"),
    ("1300 123 456", "[phone]"),
    ("51 824 753 556", "[ABN]"),
    ("51824753556", "[ABN]"),
]


@pytest.mark.parametrize(("value", "marker"), SEEDED)
def test_each_kind_is_redacted(value, marker):
    assert redact(f"contact: {value}, thanks") == f"contact: {marker}, thanks"


@pytest.mark.parametrize(
    "text",
    [
        "My name is Jane Citizen, from the department",
        "this is Jane Citizen",
        "regards, Jane Citizen",
    ],
)
def test_names_after_a_cue_are_redacted(text):
    assert "Jane" not in redact(text) and "Citizen" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "ACT agency, $60,000 of furniture, how many quotes?",
        "We have 120 staff and 40 contractors in Townsville",
        "QLD $104,500 incl. GST, 10% weighting, s 7(2), 2026-11-22",
        "this is Queensland ICT",
    ],
)
def test_procurement_facts_are_left_alone(text):
    assert redact(text) == text


def test_remembered_values_are_redacted_anywhere():
    remember(["Riverside Sole Trader Name"])
    assert redact("ABR says riverside sole trader name, QLD") == "ABR says [name], QLD"


def test_the_filter_covers_handlers_made_before_and_after_it():
    before = io.StringIO()
    logger = logging.getLogger("test.privacy.before")
    logger.addHandler(logging.StreamHandler(before))
    logger.setLevel(logging.INFO)
    install_redaction()
    after = io.StringIO()
    late = logging.getLogger("test.privacy.after")
    late.addHandler(logging.StreamHandler(after))
    late.setLevel(logging.INFO)
    try:
        logger.info("ticket for %s, phone %s", "jane@example.com", "0412 345 678")
        late.warning("ABN %s failed", "51 824 753 556")
        try:
            raise ValueError("bad contact jane@example.com")
        except ValueError:
            late.exception("lookup failed")
    finally:
        logger.handlers.clear()
        late.handlers.clear()
    assert before.getvalue() == "ticket for [email], phone [phone]\n"
    assert after.getvalue().startswith("ABN [ABN] failed\nlookup failed\nTraceback")
    assert "jane@example.com" not in after.getvalue()
    assert "ValueError: bad contact [email]" in after.getvalue()
