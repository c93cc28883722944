"""Short references a person can read out: record ids and ticket references."""

from __future__ import annotations

import secrets

# Crockford's base 32, lower case: no i, l, o or u, so nothing is misread.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def short_id(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def record_id() -> str:
    """A decision record's id: 12 characters (60 bits), so a record URL cannot be guessed."""
    return short_id(12)


def ticket_ref() -> str:
    """A ticket reference, as staff and users say it: ``T-`` and 8 characters."""
    return "T-" + short_id(8).upper()


def is_record_id(text: str) -> bool:
    """Whether ``text`` has the shape of a record id (check it before querying)."""
    return len(text) == 12 and all(c in ALPHABET for c in text)


def is_ticket_ref(text: str) -> bool:
    return (
        len(text) == 10 and text.startswith("T-") and all(c in ALPHABET.upper() for c in text[2:])
    )
