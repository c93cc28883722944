"""Numbers in free text: hiding what is not a quantity, reading number words, scanning tokens.

`prepare` turns a case-folded text into one where every quantity is written in digits; it
replaces dates, times, phone numbers, financial years, fractions and ABNs with placeholders
(`<date>` ...) so that their digits are never read as quantities. `scan` then lists the
numbers with what is written around them (sign, currency, multiplier, per cent).
Number words are read by text2num (`alpha2digit`); this module only protects the words
alpha2digit would otherwise split ("1.2 million") and the fractions it does not know
("half a million").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from text_to_num import alpha2digit, text2num

from .vocab import section

__all__ = ["MASK_KINDS", "Number", "masked_kinds", "multiplier_words", "prepare", "scan"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_ORD = r"(?:st|nd|rd|th)?"
# (kind, pattern), applied in this order. Each match becomes " <kind> ".
_MASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("abn", r"(?<!\w)abn\b[\s:#.]*(?:no\.?|number|is)?[\s:#]*\d[\d\s]{8,}\d(?!\d)"),
        ("phone", r"(?<![\w$.,])(?:\+?61[\s-]?\(?0?|\(?0)[2-478]\)?(?:[\s-]?\d){8}(?!\d)"),
        ("phone", r"(?<![\w$.,])1[38]00(?:[\s-]?\d){6}(?!\d)"),
        ("date", r"(?<![\w.,$])\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w.,])"),
        (
            "year",
            r"(?<![\w.,$-])(?:fy\s?)?(?:19|20)\d\d\s?[-/]\s?(?:(?:19|20)\d\d|\d\d)(?![\w.,/-])",
        ),
        ("date", rf"(?<![\w.,$])\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTHS})\b\.?(?:,?\s+\d{{4}})?"),
        ("date", rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}{_ORD}\b(?:,?\s+\d{{4}}\b)?"),
        ("date", rf"\b(?:{_MONTHS})\.?,?\s+(?:19|20)\d\d\b"),
        ("time", r"(?<![\w.,$])\d{1,2}:\d\d(?::\d\d)?(?:\s?[ap]\.?m\b\.?)?"),
        ("time", r"(?<![\w.,$])\d{1,2}\s?[ap]\.?m\b\.?"),
        ("fraction", r"(?<![\w.,$])\d+\s?/\s?\d+(?![\w.,])"),
    )
)
MASK_KINDS = frozenset(kind for kind, _ in _MASKS) | {"abn"}
_MASKED = re.compile(r"<(" + "|".join(sorted(MASK_KINDS)) + r")>")
# An ABN written 2-3-3-3 and not after a dollar sign is an ABN, not an amount.
_ABN_SPACED = re.compile(r"(?<![\w.,$])(?<!\$ )(?<!aud )\d{2} \d{3} \d{3} \d{3}(?![\d])")

# Scale words alpha2digit would turn into a separate number after digits ("60 thousand").
_PROTECTED_SCALES = {"thousand": "k", "million": "m", "billion": "bn", "trillion": "tn"}
_DIGITS_HUNDRED = re.compile(r"(?<![\w.,])(\d+)\s*hundred(?!\w)")
_DIGITS_SCALE = re.compile(
    r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(" + "|".join(_PROTECTED_SCALES) + r")(?!\w)"
)
_DECIMAL_SCALE = re.compile(
    r"(?<![\w.,])(\d*\.\d+) (1000000000000|1000000000|1000000|1000)(?![\d.,])"
)
_WORD_DASH = re.compile(r"(\d)?([^\W\d_]+)-\Z")
_POWER_SUFFIX = {"1000": "k", "1000000": "m", "1000000000": "bn", "1000000000000": "tn"}
_ONE = re.compile(r"(?<!\w)one(?!\w)")
_ZERO = re.compile(r"(?<!\w)zero(?!\w)")
_SMALL = "a|one|two|three|four|five|six|seven|eight|nine|ten"
_DIGIT_WORDS = "zero|nought|oh|one|two|three|four|five|six|seven|eight|nine"
# "point five million" with no whole part: alpha2digit reads "point 5000000"; say the zero.
_BARE_POINT = re.compile(rf"(?<!\w)(?P<prev>[\w.,]+\s+)?point(?=\s+(?:{_DIGIT_WORDS})(?!\w))")
NUMBER_WORD = re.compile(
    rf"(?:\d[\d.,]*|{_DIGIT_WORDS}|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)\s+"
)


@lru_cache(maxsize=1)
def multiplier_words() -> dict[str, int]:
    """Multiplier word or suffix -> factor, from the vocabulary."""
    return {
        word.casefold(): int(factor)
        for factor, items in section("amount_multipliers").items()
        for word in items
    }


def _alternation(items: list[str]) -> str:
    ordered = sorted({i.casefold() for i in items}, key=lambda s: (-len(s), s))
    return "|".join(r"\s+".join(map(re.escape, item.split())) for item in ordered)


@lru_cache(maxsize=1)
def _fraction_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict]:
    fractions = {
        " ".join(word.casefold().split()): factor
        for factor, items in section("amount_fractions").items()
        for word in items
    }
    long_words = [w for w in multiplier_words() if len(w) > 1]
    mults = _alternation(long_words)
    fraction = re.compile(
        rf"(?<!\w)(?P<frac>{_alternation(list(fractions))})(?:\s+of)?(?:\s+(?:a|an|one))?"
        rf"\s+(?P<mult>{mults})(?!\w)"
    )
    and_a = re.compile(
        rf"(?<!\w)(?P<n>\d+(?:\.\d+)?|{_SMALL})\s+and\s+a\s+(?P<frac>half|quarter)"
        rf"\s+(?P<mult>{mults})(?!\w)"
    )
    unknown = [w for w in long_words if w not in _PROTECTED_SCALES]
    a_mult = re.compile(rf"(?<!\w)(?:a|one)\s+(?P<mult>{_alternation(unknown)})(?!\w)(?!\s+total)")
    return fraction, and_a, a_mult, fractions


@lru_cache(maxsize=1)
def _token_regex() -> re.Pattern[str]:
    mults = _alternation(list(multiplier_words()))
    return re.compile(
        rf"""
        (?<![\w.,])
        (?P<sign>-(?=(?:\$|a\$|au\$|aud)?\.?\d)|(?:minus|negative)\s+)?
        (?:(?P<cur>(?:aud|au\$|a\$)\s*|\$\s*)(?P<sign2>-\s*)?)?
        (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[ ]\d{{3}})+(?:\.\d+)?(?![\d.,])
            |\d+(?:\.\d+)?|\.\d+)
        (?:\s*(?P<mult>{mults})(?!\w))?
        (?P<pct>\s*(?:%|per\s?cent(?!\w)|pct(?!\w)))?
        (?P<cur2>\s*(?:aud|australian\s+dollars|dollars?|bucks)(?!\w)|\$)?
        """,
        re.VERBOSE,
    )


@dataclass(frozen=True)
class Number:
    """A number found by `scan`, with what was written around it."""

    start: int
    end: int
    value: Decimal  # the magnitude times any multiplier; never negative
    negative: bool
    dash_sign: bool  # the sign was a "-" written against the number
    currency: bool  # "$", "AUD", "dollars" ...
    multiplier: int  # 1 when there is none
    percent: bool
    grouped: bool  # written with thousands separators
    digits: str  # the number as written, without separators
    malformed: bool  # "80,00", "1.2.3": digits run on in a way that is not one number

    @property
    def money(self) -> bool:
        """Written as money: a currency mark or a multiplier such as k or million."""
        return self.currency or self.multiplier != 1

    @property
    def integer(self) -> bool:
        """Written as a whole number with no multiplier."""
        return self.multiplier == 1 and "." not in self.digits


_FRACTION_HYPHEN = re.compile(
    r"\b(half|quarters?|three|an?|of|one)-(?=(?:an?|of|quarters?|half|million|mil|thousand|"
    r"billion)\b)",
    re.IGNORECASE,
)


def _fix_fractions(text: str) -> str:
    fraction, and_a, a_mult, fractions = _fraction_patterns()

    def frac(m: re.Match[str]) -> str:
        factor = fractions[" ".join(m["frac"].split())]
        return f" {factor} {m['mult']} "

    def and_half(m: re.Match[str]) -> str:
        n = m["n"]
        whole = Decimal(1) if n in ("a", "one") else Decimal(n) if n[0].isdigit() else None
        if whole is None:
            whole = Decimal(text2num(n, "en"))
        part = Decimal("0.5") if m["frac"] == "half" else Decimal("0.25")
        return f" {whole + part} {m['mult']} "

    # "three-quarters of a million", "half-a-million", "a quarter-million": read as spaced.
    text = _FRACTION_HYPHEN.sub(r"\1 ", text)
    text = and_a.sub(and_half, text)
    text = fraction.sub(frac, text)
    return a_mult.sub(lambda m: f" 1 {m['mult']} ", text)


# "80-odd thousand", "45 odd grand": about that much; "odd" would split the number.
_ODD = re.compile(r"(?<=\w)[\s-]+odd\s+(?=(?:thousand|grand|k|million|mil|mill)(?!\w))")
# "2 point 5 million": digits either side of a spoken point.
_DIGITS_POINT = re.compile(r"(?<![\w.,])(\d+)\s+point\s+(\d+)(?![\w.,])")


def _bare_point(m: re.Match[str]) -> str:
    prev = m["prev"] or ""
    return m[0] if NUMBER_WORD.fullmatch(prev) else f"{prev}zero point"


def _mask(text: str) -> str:
    if not any(ch.isdigit() for ch in text):
        return text
    for kind, pattern in _MASKS:
        text = pattern.sub(f" <{kind}> ", text)
    return _ABN_SPACED.sub(" <abn> ", text)


def masked_kinds(text: str) -> list[str]:
    """The placeholders `prepare` left in `text`, in order."""
    return _MASKED.findall(text)


def prepare(text: str, *, ones: bool = False) -> str:
    """Rewrite case-folded `text` so that quantities are digits and non-quantities are masked.

    With `ones`, a lone "one" becomes 1 (alpha2digit leaves it, as it is often a pronoun);
    amounts leave it alone, counts of people and percentages want it.
    """
    text = _fix_fractions(text)
    text = _BARE_POINT.sub(_bare_point, text)
    text = _ODD.sub(" ", text)
    text = _DIGITS_POINT.sub(r"\1.\2", text)
    text = _mask(text)
    text = _DIGITS_HUNDRED.sub(lambda m: str(int(m[1]) * 100), text)
    text = _DIGITS_SCALE.sub(lambda m: m[1] + _PROTECTED_SCALES[m[2]], text)
    text = alpha2digit(text, "en")
    text = _DECIMAL_SCALE.sub(lambda m: m[1] + _POWER_SUFFIX[m[2]], text)
    text = _ZERO.sub("0", text)
    if ones:
        text = _ONE.sub("1", text)
    return " ".join(text.split())


def _token(m: re.Match[str], text: str) -> Number | None:
    raw = m["num"]
    word = _WORD_DASH.search(text, max(0, m.start() - 20), m.start())
    if word and not (word[1] and word[2] in multiplier_words()):
        return None  # part of a name: "covid-19", "sha-256" (but "60k-70k" is a range)
    after = text[m.end("num") : m.end("num") + 2]
    tail_free = m["mult"] is None and m["pct"] is None and m["cur2"] is None
    if tail_free and after[:1].isalpha():
        return None  # a unit or an ordinal: "60kg", "3rd", "4x4"
    malformed = after[:1] in {".", ","} and after[1:2].isdigit()
    digits = raw.replace(",", "").replace(" ", "")
    factor = multiplier_words()[" ".join(m["mult"].split())] if m["mult"] else 1
    sign = m["sign"] or m["sign2"] or ""
    return Number(
        start=m.start(),
        end=m.end(),
        value=Decimal(digits) * factor,
        negative=bool(sign),
        dash_sign=sign.strip() == "-",
        currency=bool(m["cur"] or (m["cur2"] and m["cur2"].strip())),
        multiplier=factor,
        percent=bool(m["pct"]),
        grouped=len(digits) != len(raw),
        digits=digits,
        malformed=malformed,
    )


def scan(prepared: str) -> list[Number]:
    """The numbers in a `prepare`d text, left to right."""
    found = (_token(m, prepared) for m in _token_regex().finditer(prepared))
    return [number for number in found if number is not None]
