"""Short answers: yes or no, the GST qualifier, percentages."""

from __future__ import annotations

import re
from decimal import Decimal

from .amounts import gst_qualifier
from .errors import ParseError, shown
from .numbers import prepare, scan
from .vocab import check_text, lower, matcher

__all__ = ["parse_bool", "parse_gst", "parse_percent"]

_PUNCTUATION = re.compile(r"[^\w\s'+%.$-]|(?<!\d)\.|\.(?!\d)")
_FILLER = re.compile(
    r"(?<!\w)(?:gst|it's|its|it is|that's|thats|that is|this is|the|value|amount|figure|price|"
    r"cost|total|quote|is|was|are|were|of|a|an|that|it|please|thanks|thank you|ok|okay|um|uh|"
    r"well|oh|so|i think|i believe)(?!\w)"
)
_BOOL_EXAMPLE = "Please answer yes or no."
_GST_HINT = "Please say 'inc GST' or 'ex GST'."
_PERCENT_EXAMPLE = "Try something like 50% or 'fifty per cent'."


def _words(text: str) -> str:
    """Case-folded text with punctuation turned into spaces."""
    return " ".join(_PUNCTUATION.sub(" ", lower(text)).split())


def _polarity(text: str) -> tuple[bool | None, str]:
    """A leading yes/no and the rest of the text; raise on unsure or contradictory answers."""
    answers = matcher("answers")
    m = answers.match_at(text, 0)
    if answers.whole(text) == "unsure" or (m is not None and m.label == "unsure"):
        raise ParseError("unsure")
    if m is None:
        return None, text
    rest = text[m.end :].strip()
    if any(found.label != m.label for found in answers.find(rest)):
        raise ParseError("contradictory")
    return m.label == "yes", rest


def parse_bool(text: str, *, field: str | None = None) -> bool:
    """Read a yes/no answer ("yes", "yep", "nah", "not really", "yes it is" ...).

    A longer answer may follow the yes or no ("yes, it's construction"), unless it says the
    opposite too. Raises ParseError for anything else, including "maybe" and "not sure".
    """
    check_text(text, field, "a yes or no", _BOOL_EXAMPLE)
    words = _words(text)
    try:
        answer, _ = _polarity(words)
    except ParseError:
        raise ParseError(
            f"I need a yes or no, and {shown(text)} doesn't settle it. {_BOOL_EXAMPLE}", field
        ) from None
    if answer is None:
        raise ParseError(f"I couldn't read {shown(text)} as yes or no. {_BOOL_EXAMPLE}", field)
    return answer


def parse_gst(text: str) -> bool | None:
    """Read whether an amount includes GST: True (inclusive), False (exclusive).

    Takes a full qualifier anywhere ("ex GST", "incl. GST", "yes it includes GST"), a short
    answer on its own ("inc", "ex", "exclusive", "plus"), or a plain yes/no, read as the answer
    to "Does that include GST?". An explicit qualifier wins over a yes/no. Raises ParseError
    for anything else. (The return type allows None for symmetry with `Amount.includes_gst`;
    this function never returns it.)
    """
    field = "value_includes_gst"
    check_text(text, field, "whether the amount includes GST", _GST_HINT)
    explicit, _ = gst_qualifier(lower(text))
    if explicit is not None:
        return explicit
    words = _words(text)
    try:
        answer, rest = _polarity(words)
    except ParseError:
        raise ParseError(
            f"{shown(text)} doesn't say whether GST is included. {_GST_HINT}", field
        ) from None
    rest = " ".join(_FILLER.sub(" ", rest).split())
    if rest:
        short = matcher("gst_short").whole(rest)
        if short is None:
            raise ParseError(
                f"I couldn't tell from {shown(text)} whether GST is included. {_GST_HINT}", field
            )
        return short == "inclusive"
    if answer is None:
        raise ParseError(f"{shown(text)} doesn't say whether GST is included. {_GST_HINT}", field)
    return answer


def _percent_error(text: str, why: str, field: str | None) -> ParseError:
    return ParseError(f"{shown(text)} {why} {_PERCENT_EXAMPLE}", field)


def parse_percent(text: str, *, max_100: bool = False, field: str | None = None) -> float:
    """Read a percentage: "50%", "fifty percent", "51 per cent", "half" (50), "all" (100).

    A bare number is taken as a percentage as written ("0.5" is 0.5%, not 50%). Raises
    ParseError for amounts of money, several numbers, negatives, and, with `max_100`,
    anything over 100.
    """
    check_text(text, field, "a percentage", _PERCENT_EXAMPLE)
    words = lower(text)
    word = matcher("percent_words").whole(words)
    if word is not None:
        return float(word)
    tokens = scan(prepare(words, ones=True))
    if any(t.money for t in tokens):
        raise _percent_error(text, "looks like an amount of money, not a percentage.", field)
    if any(t.negative or t.malformed for t in tokens):
        raise _percent_error(text, "isn't a percentage I can use.", field)
    values = {t.value for t in tokens}
    if len(values) != 1:
        why = "has more than one number in it." if values else "doesn't have a percentage in it."
        raise _percent_error(text, why, field)
    value = values.pop()
    if max_100 and value > 100:
        raise _percent_error(text, "is more than 100%.", field)
    if value > Decimal(10) ** 6:
        raise _percent_error(text, "is too large to be a percentage.", field)
    return float(value)
