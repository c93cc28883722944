"""Amounts of money in what users type: `parse_amount` and `find_amount`.

How a text is read:

- Number words are read by text2num ("one hundred and twenty thousand"); multipliers
  ("80k", "1.2 mil", "2.5bn", "80 grand") and fractions ("half a million") come from the
  vocabulary. A GST qualifier anywhere in the text sets `includes_gst`.
- A number written as money (a dollar sign, AUD, "dollars", or a multiplier) beats bare
  numbers, so "ACT agency, 3 quotes, $60k" is $60,000. Bare numbers that count something
  ("3 quotes"), years (1900-2100, unless written "$2024" or "2,024"), phone numbers, ABNs,
  dates, times and percentages are never read as amounts.
- A bare number with nothing else is taken as dollars ("5" is $5): the caller asked for an
  amount. `find_amount`, for free text, is stricter: a bare number must be 1,000 or more.
- A rate is not the value either: "$1,200 each", "$5,500 per month", "$200k a year" and
  "$80/hr" are refused (the value is the total over the contract), and so is "80k+" (a bound).
- A threshold named in a question is not the amount: "the $30k set-aside", "the $250k rule"
  ("the" before, a word for a threshold after, from the vocabulary). Nor is a saying ("thanks
  a million").
- Refused rather than guessed: several different amounts, ranges, negative amounts, bounds
  such as "under $25k" (a threshold may sit exactly there; "up to $80k" is read as $80,000,
  since a procurement's value is its maximum), vague amounts ("a few thousand"), other
  currencies, "80.000" (80 or 80,000?), and anything over $1 trillion.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from stdnum.au import abn as stdnum_abn

from .errors import ParseError, shown
from .numbers import Number, masked_kinds, multiplier_words, prepare, scan
from .vocab import check_text, lower, matcher, words

__all__ = ["Amount", "find_amount", "gst_qualifier", "parse_amount"]

FIELD = "value"
#: Larger values are refused: no single procurement is this big.
LIMIT = Decimal(10) ** 12
_EXAMPLE = "Try something like $80,000 or 80k."
_ONE_FIGURE = "I need one figure: your best estimate of the total value, for example $80,000."
_TEN_PERCENT_GST = re.compile(r"(?<![\w.])10\s*(?:%|per\s?cent)\s*(?=gst\b)")
_CONNECTORS = frozenset(
    {"-", "to", "or", "and", "/", "till", "until", "through", "thru", "and/or", "or maybe", "~"}
)
_LEADING_MINUS = re.compile(r"-\s*(?:\$|aud)?\s*\.?\d")
_THREE_DECIMALS = re.compile(r"\d+\.\d{3}")
_WHY_NOT = {
    "percent": "looks like a percentage, not a dollar amount.",
    "date": "looks like a date, not an amount.",
    "time": "looks like a time, not an amount.",
    "phone": "looks like a phone number, not an amount.",
    "abn": "looks like an ABN, not an amount.",
    "year": "looks like a year. If it is an amount, write it with a dollar sign, like $2,024.",
    "fraction": "looks like a fraction or a date, not an amount.",
    "count": "looks like a count of things rather than dollars.",
    "reference": "looks like a reference number rather than dollars.",
    "threshold": "names a threshold, not the value of your procurement.",
}
_THE_BEFORE = re.compile(r"(?<!\w)the\s*\Z")
_TOTAL = "I need the total value over the whole contract, for example $80,000."
_PER_SLASH = re.compile(
    r"\s*/\s*(?:month|mth|mo|year|yr|annum|week|wk|fortnight|day|hour|hr|unit|item|each|person"
    r"|head|user|seat|licen[cs]e)s?(?!\w)"
)
_PER = re.compile(r"per\s+")
_PLUS_AFTER = re.compile(r"\s*\+(?![\w$])")


@dataclass(frozen=True)
class Amount:
    """An amount of Australian dollars read from `text` (the input, stripped)."""

    value: float
    includes_gst: bool | None
    text: str


def _money(value: Decimal) -> str:
    cents = f"${value:,.2f}"
    return cents[:-3] if cents.endswith(".00") else cents


def gst_qualifier(lowered: str) -> tuple[bool | None, str]:
    """Read a GST qualifier ("ex GST", "inc GST" ...) in case-folded text.

    Returns whether the amount includes GST (None when the text does not say) and the text
    with the qualifiers blanked out. Raises ParseError if it says both.
    """
    lowered = _TEN_PERCENT_GST.sub(" ", lowered)
    found = matcher("gst").find(lowered)
    labels = {f.label for f in found}
    if len(labels) > 1:
        raise ParseError(
            "That says both including and excluding GST. Which is it? "
            "For example '$80,000 ex GST' or '$88,000 inc GST'.",
            "value_includes_gst",
        )
    for f in reversed(found):
        lowered = lowered[: f.start] + " " + lowered[f.end :]
    return (labels.pop() == "inclusive" if labels else None), lowered


@lru_cache(maxsize=1)
def _vague_regex() -> re.Pattern[str]:
    vague = "|".join(
        r"\s+".join(map(re.escape, w.split()))
        for w in sorted(words("vague_quantities"), key=len)[::-1]
    )
    scales = "|".join(
        re.escape(w) for w in sorted([*multiplier_words(), "hundred"], key=len, reverse=True)
    )
    return re.compile(
        rf"(?<!\w)(?:(?:{vague})\s+(?:of\s+)?(?:{scales})|hundreds|thousands|millions|billions)(?!\w)"
    )


def _ends_at(found_end: int, text: str, start: int) -> bool:
    return found_end <= start and not text[found_end:start].strip(" ,")


def _preceded_by(section_name: str, text: str, token: Number) -> str | None:
    for found in matcher(section_name).find(text[: token.start]):
        if _ends_at(found.end, text, token.start):
            return found.label
    return None


def _names_threshold(token: Number, text: str) -> bool:
    """ "the $30k set-aside", "the $250k rule": a threshold's name, not a value."""
    if not _THE_BEFORE.search(text, 0, token.start):
        return False
    pos = token.end + (len(text[token.end :]) - len(text[token.end :].lstrip()))
    return matcher("amount_references", plurals=True).match_at(text, pos) is not None


def _is_rate(token: Number, text: str) -> bool:
    """ "$1,200 each", "$5,500 per month", "$80/hr": a price per unit or per period."""
    if token.percent:
        return False
    pos = token.end + (len(text[token.end :]) - len(text[token.end :].lstrip()))
    per = _PER.match(text, pos)
    return bool(
        matcher("amount_rates").match_at(text, pos)
        or _PER_SLASH.match(text, token.end)
        or (per and matcher("count_nouns", plurals=True).match_at(text, per.end()))
    )


def _without_idioms(lowered: str) -> str:
    for found in reversed(matcher("amount_idioms").find(lowered)):
        lowered = lowered[: found.start] + " " + lowered[found.end :]
    return lowered


def _weak_kind(token: Number, text: str) -> str | None:
    """Why a bare number is not an amount, or None if it may be one."""
    digits = token.digits
    if token.money or token.percent:
        return None
    if token.integer and not token.grouped and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return "year"
    if token.integer and len(digits) == 11 and stdnum_abn.is_valid(digits):
        return "abn"
    if token.integer and len(digits) > 1 and digits.startswith("0"):
        return "reference"
    pos = token.end + (len(text[token.end :]) - len(text[token.end :].lstrip()))
    if matcher("count_nouns", plurals=True).match_at(text, pos):
        return "count"
    return None


def _check_ranges(tokens: list[Number], text: str, original: str) -> None:
    distinct = len({t.value for t in tokens}) > 1
    if distinct and re.search(r"(?<!\w)between(?!\w)", text):
        raise ParseError(f"{shown(original)} looks like a range. {_ONE_FIGURE}", FIELD)
    for before, after in itertools.pairwise(tokens):
        gap = text[before.end : after.start].strip()
        dash_range = after.dash_sign and not gap
        if before.value != after.value and (dash_range or gap in _CONNECTORS):
            raise ParseError(f"{shown(original)} looks like a range. {_ONE_FIGURE}", FIELD)


def _pool(tokens: list[Number], text: str, strict: bool) -> tuple[list[Number], list[str]]:
    """The tokens that may be the amount, and why the others are not."""
    money: list[Number] = []
    weak: list[Number] = []
    reasons: list[str] = []
    for token in tokens:
        kind = "percent" if token.percent else None if token.money else _weak_kind(token, text)
        if kind:
            reasons.append(kind)
        else:
            (money if token.money else weak).append(token)
    if money:
        return money, reasons
    return (weak if strict else [t for t in weak if t.value >= 1000]), reasons


def _check_token(token: Number, text: str, original: str) -> None:
    bound = _preceded_by("amount_bounds", text, token)
    if bound in ("strict", "lower") or _PLUS_AFTER.match(text, token.end):
        raise ParseError(f"{shown(original)} gives a bound, not a figure. {_ONE_FIGURE}", FIELD)
    if token.value > LIMIT:
        raise ParseError(
            f"{_money(token.value)} is too large to be a single procurement. "
            "Please check the figure.",
            FIELD,
        )
    if not token.money and not token.grouped and _THREE_DECIMALS.fullmatch(token.digits):
        whole = token.digits.replace(".", "")
        raise ParseError(
            f"I can't tell whether '{token.digits}' means {token.digits.split('.')[0]} or "
            f"{int(whole):,}. Please write it as ${token.digits.split('.')[0]} or "
            f"${int(whole):,}.",
            FIELD,
        )


def _no_amount(original: str, reasons: list[str]) -> ParseError:
    for kind in _WHY_NOT:
        if kind in reasons:
            return ParseError(f"{shown(original)} {_WHY_NOT[kind]} {_EXAMPLE}", FIELD)
    return ParseError(f"I couldn't read an amount in {shown(original)}. {_EXAMPLE}", FIELD)


def _read(text: str, strict: bool) -> Amount | None:
    if not strict and isinstance(text, str) and not text.strip():
        return None
    check_text(text, FIELD, "an amount", _EXAMPLE)
    lowered = _without_idioms(lower(text))
    if "foreign" in matcher("currency").labels(lowered):
        raise ParseError("Please give the amount in Australian dollars.", FIELD)
    includes_gst, lowered = gst_qualifier(lowered)
    if _vague_regex().search(lowered):
        raise ParseError(f"{shown(text)} is too vague for me to use. {_ONE_FIGURE}", FIELD)
    prepared = prepare(lowered)
    tokens = scan(prepared)
    for token in tokens:
        if token.malformed:
            raise ParseError(f"I couldn't read the number in {shown(text)}. {_EXAMPLE}", FIELD)
    _check_ranges([t for t in tokens if _weak_kind(t, prepared) != "count"], prepared, text)
    tokens = [t for t in tokens if not _preceded_by("amount_corrections", prepared, t)]
    named = [t for t in tokens if _names_threshold(t, prepared)]
    rates = [t for t in tokens if _is_rate(t, prepared)]
    tokens = [t for t in tokens if t not in named and t not in rates]
    if any(t.negative for t in tokens) or _LEADING_MINUS.match(prepared):
        raise ParseError(f"An amount can't be negative. {_EXAMPLE}", FIELD)
    pool, reasons = _pool(tokens, prepared, strict)
    reasons += ["threshold"] * bool(named)
    values = sorted({t.value for t in pool})
    if len(values) > 1:
        listed = ", ".join(_money(v) for v in values[:4])
        raise ParseError(f"I found more than one amount ({listed}). {_ONE_FIGURE}", FIELD)
    if not values:
        if any(strict or t.money or t.value >= 1000 for t in rates):
            raise ParseError(f"{shown(text)} gives a rate, not a total. {_TOTAL}", FIELD)
        if strict:
            raise _no_amount(text, reasons + masked_kinds(prepared))
        return None
    _check_token(pool[0], prepared, text)
    return Amount(value=float(values[0]), includes_gst=includes_gst, text=text.strip())


def parse_amount(text: str) -> Amount:
    """Read one amount of Australian dollars from `text`; raise ParseError if there isn't one.

    >>> parse_amount("$80k ex GST")
    Amount(value=80000.0, includes_gst=False, text='$80k ex GST')
    """
    amount = _read(text, strict=True)
    assert amount is not None  # strict reading raises instead of returning None
    return amount


def find_amount(text: str) -> Amount | None:
    """Like `parse_amount`, for free text: None when the text holds no amount.

    A bare number counts only from 1,000 up ("the value is 80000"); smaller bare numbers,
    years, dates and the like give None. Ambiguous, negative, vague, bounded or absurd amounts
    still raise ParseError, so that the dialogue can ask rather than guess.
    """
    return _read(text, strict=False)
