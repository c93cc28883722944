"""The one exception the parsers raise, and a helper to quote user text in its messages."""

from __future__ import annotations

__all__ = ["ParseError", "shown"]


class ParseError(ValueError):
    """Raised when a text cannot be read safely.

    `message` is a sentence to show the user: what was wrong and what to type instead.
    `field` names the fact the text was meant to give (`"value"`, `"supplier.abn"` ...), or None.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"ParseError({self.message!r}, field={self.field!r})"


def shown(text: str, limit: int = 40) -> str:
    """Quote `text` for a message, shortened to about `limit` characters."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"'{text}'"
