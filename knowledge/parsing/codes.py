"""Codes and categories: ABNs, Commonwealth ICT needs, ANZSIC industries."""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum.au import abn as stdnum_abn
from stdnum.exceptions import InvalidChecksum, ValidationError

from .errors import ParseError, shown
from .vocab import (
    PhraseMatcher,
    anzsic_structure,
    check_text,
    clean,
    lower,
    matcher,
    phrase_key,
    section,
)

__all__ = ["NEEDS", "parse_abn", "parse_anzsic", "parse_need"]

#: The values of the CTH `need` fact.
NEEDS = (
    "cloud_services",
    "data_centre",
    "ict_hardware",
    "mobile",
    "telecommunications",
    "digital_services",
    "microsoft_software",
    "software_other",
)
_ABN_EXAMPLE = "An ABN has 11 digits, like 51 824 753 556."
_GLUED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_DIGIT_RUN = re.compile(r"\d[\d\s.\-]*\d|\d")
_DIVISION = re.compile(r"(?<!\w)(?:anzsic\s+)?(?:division|div)\.?\s+([a-z])(?!\w)")
_CODE = re.compile(
    r"(?<![\w.,$])(?:(?:anzsic|sub-?division|subdiv|group|class|code)\.?\s+)?(\d{1,4})(?![\w.,%])"
)
_ANZSIC_EXAMPLE = (
    "Try a division letter ('J'), a subdivision number ('84') or the kind of work "
    "('cleaning', 'IT consulting')."
)


def parse_abn(text: str) -> str:
    """An ABN as 11 digits ("51 824 753 556", "ABN: 51824753556"), checked with python-stdnum.

    Raises ParseError when the text has letters among the digits, more or fewer than 11
    digits, more than one number, or check digits that do not match.
    """
    field = "supplier.abn"
    check_text(text, field, "an ABN", _ABN_EXAMPLE)
    cleaned = clean(text)
    if _GLUED.search(cleaned):
        raise ParseError(f"{shown(text)} has letters among the digits. {_ABN_EXAMPLE}", field)
    runs = _DIGIT_RUN.findall(cleaned)
    if not runs:
        raise ParseError(f"I couldn't find an ABN in {shown(text)}. {_ABN_EXAMPLE}", field)
    if len(runs) > 1:
        raise ParseError(f"{shown(text)} has more than one number in it. {_ABN_EXAMPLE}", field)
    digits = re.sub(r"\D", "", runs[0])
    if len(digits) != 11:
        acn = " That looks like an ACN, which has 9." if len(digits) == 9 else ""
        raise ParseError(
            f"{shown(text)} has {len(digits)} digits.{acn} {_ABN_EXAMPLE}".replace("  ", " "),
            field,
        )
    try:
        return stdnum_abn.validate(digits)
    except InvalidChecksum:
        raise ParseError(
            f"{stdnum_abn.format(digits)} isn't a valid ABN: its check digits don't match. "
            "Please check it on ABN Lookup (abr.business.gov.au).",
            field,
        ) from None
    except ValidationError:  # pragma: no cover - length and digits are checked above
        raise ParseError(f"{shown(text)} isn't a valid ABN. {_ABN_EXAMPLE}", field) from None


def parse_need(text: str) -> str:
    """What a Commonwealth buyer needs, as a value of the `need` fact.

    Phrases come from the vocabulary ("cloud hosting", "laptops", "Office 365", "phone
    lines", "agile delivery team"). Where a text names several, the more specific wins as
    listed in `need_overrides` ("Microsoft Azure" is microsoft_software, "SaaS software" is
    cloud_services); any other mix is refused as more than one need.
    """
    needs = parse_needs(text)
    if len(needs) == 1:
        return needs[0]
    found = " and ".join(sorted(n.replace("_", " ") for n in needs))
    raise ParseError(
        f"{shown(text)} sounds like more than one need ({found}). "
        "Let's take them one at a time: which comes first?",
        "need",
    )


#: Where a list of things needed divides ("laptops, monitors and a data centre").
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;&+]|\band\b|\bplus\b|\bas well as\b)\s*")


def parse_needs(text: str) -> list[str]:
    """Every need a text names, in the order it names them ("200 laptops and Microsoft 365"
    is ``["ict_hardware", "microsoft_software"]``), after `need_overrides`; at least one."""
    field = "need"
    check_text(text, field, "what you need", "For example: cloud hosting, laptops or Office 365.")
    overrides = section("need_overrides")
    named: list[str] = []
    # An override settles one thing named two ways ("servers in a data centre", "Office 365
    # cloud"): it holds within a clause, not across a list ("laptops and a data centre").
    for clause in _LIST_SEPARATOR.split(lower(text)):
        found = matcher("needs", plurals=True).find(clause)
        labels = {f.label for f in found}
        beaten = {loser for winner in labels for loser in overrides.get(winner, ())}
        named += [f.label for f in found if f.label not in beaten]
    needs = list(dict.fromkeys(named))
    if needs:
        return needs
    listed = ", ".join(n.replace("_", " ") for n in NEEDS)
    raise ParseError(f"I couldn't tell what {shown(text)} needs. Is it one of: {listed}?", field)


def anzsic_phrases() -> dict[str, list[str]]:
    """Industry phrases by ANZSIC code: the vocabulary's, plus the titles it does not cover.

    Shared by `parse_anzsic` and the spaCy entity ruler, so both read the same industries.
    """
    phrases: dict[str, list[str]] = {k: list(v) for k, v in section("anzsic_phrases").items()}
    seen = {phrase_key(p) for items in phrases.values() for p in items}
    structure = anzsic_structure()
    titles = [(letter, d["title"]) for letter, d in structure["divisions"].items()]
    titles += list(structure.get("subdivisions", {}).items())
    for label, title in titles:
        if phrase_key(title) not in seen:
            seen.add(phrase_key(title))
            phrases.setdefault(label, []).append(title)
    return phrases


@lru_cache(maxsize=1)
def _industries() -> PhraseMatcher:
    return PhraseMatcher(anzsic_phrases(), plurals=True)


@lru_cache(maxsize=1)
def _division_of() -> dict[str, str]:
    divisions = anzsic_structure()["divisions"]
    return {sub: letter for letter, d in divisions.items() for sub in d["subdivisions"]}


def _resolve(codes: set[str], text: str) -> str:
    division_of = _division_of()
    subdivisions = {c for c in codes if c.isdigit()}
    letters = {c for c in codes if not c.isdigit()}
    if len(subdivisions) == 1:
        sub = next(iter(subdivisions))
        if letters <= {division_of[sub]}:
            return sub
    elif not subdivisions and len(letters) == 1:
        return letters.pop()
    raise ParseError(
        f"{shown(text)} points to more than one ANZSIC industry ({', '.join(sorted(codes))}). "
        "Which one describes the services?",
        "anzsic",
    )


def parse_anzsic(text: str) -> str:
    """An ANZSIC 2006 division letter ("J") or two-digit subdivision ("84").

    Reads "J", "Division M", "subdivision 85", class or group numbers ("5800" is subdivision
    58), and kinds of work from the vocabulary ("cleaning" is N, "hospital" 84). A phrase gives
    its division letter, except in Division Q, where it gives the subdivision (ACT-GPR-2007
    s 12AB excludes hospitals, 84, and medical services, 85, but not 86 or 87).
    """
    field = "anzsic"
    check_text(text, field, "an industry", _ANZSIC_EXAMPLE)
    lowered = lower(text)
    answer = lowered.strip(" .,;:!?'\"()")
    divisions = anzsic_structure()["divisions"]
    if len(answer) == 1 and answer.isalpha():
        if answer.upper() in divisions:
            return answer.upper()
        raise ParseError(f"ANZSIC divisions run from A to S. {_ANZSIC_EXAMPLE}", field)
    codes = {m[1].upper() for m in _DIVISION.finditer(lowered)}
    if unknown := codes - set(divisions):
        raise ParseError(f"There is no ANZSIC Division {unknown.pop()}. {_ANZSIC_EXAMPLE}", field)
    for m in _CODE.finditer(lowered):
        if len(m[1]) < 2 or m[1][:2] not in _division_of():
            raise ParseError(
                f"{m[1]} isn't an ANZSIC 2006 subdivision, group or class. {_ANZSIC_EXAMPLE}",
                field,
            )
        codes.add(m[1][:2])
    codes |= _industries().labels(lowered)
    if not codes:
        raise ParseError(
            f"I couldn't tell which industry {shown(text)} is. {_ANZSIC_EXAMPLE}", field
        )
    return _resolve(codes, text)
