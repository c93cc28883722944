"""Jurisdictions (whose procurement rules apply) and states (where a supplier is based).

Cues come in three strengths, strongest first:

1. a government or agency named explicitly ("Commonwealth", "federal", "APS", "DTA",
   "ACT Government", "QLD gov");
2. a state or territory name or code ("Queensland", "ACT", "NSW");
3. a city or regional centre ("Canberra", "Townsville").

The strongest cue decides: "Canberra-based Commonwealth agency" is CTH, "ACT agency in
Canberra" is ACT. Two jurisdictions at the same strength are refused as ambiguous.
Codes are matched case-sensitively ("ACT", "Qld"), so "we need to act fast" and "contract"
name nothing; a whole answer that is only a code is read in any case ("act", "qld").
Local councils are refused unless a government is named explicitly ("Brisbane City Council"
is not the Queensland Government); places abroad are refused when nothing Australian is
named. `parse_state` uses the same vocabulary without the Commonwealth, plus postcodes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .errors import ParseError, shown
from .vocab import PhraseMatcher, check_text, clean, matcher, section

__all__ = [
    "COVERED_JURISDICTIONS",
    "STATES",
    "UNCOVERED_BUYERS",
    "parse_jurisdiction",
    "parse_state",
    "uncovered_buyer",
]

#: The jurisdictions whose rules this project encodes.
COVERED_JURISDICTIONS = ("ACT", "QLD", "CTH")
#: State and territory codes, as the ABR records a main business location.
STATES = ("ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA")
JURISDICTION_NAMES = {
    "ACT": "the ACT",
    "QLD": "Queensland",
    "CTH": "the Commonwealth",
    "NSW": "New South Wales",
    "VIC": "Victoria",
    "SA": "South Australia",
    "WA": "Western Australia",
    "TAS": "Tasmania",
    "NT": "the Northern Territory",
}
_COVERED = (
    "I cover ACT Government procurement, Queensland Government ICT procurement and "
    "Commonwealth (Australian Government) ICT procurement"
)
#: Buyers none of the sources covers, by the code the conversation keeps for each.
UNCOVERED_BUYERS = {
    "LOCAL": "a local council",
    "FOREIGN": "a government outside Australia",
    "NONGOV": "a buyer outside government",
}
_BUYER_CODES = {
    "local_government": "LOCAL",
    "foreign": "FOREIGN",
    "non_government": "NONGOV",
    "private_business": "NONGOV",
}
#: The speaker's own body ("our", "my", "we're a", "I work for the"), up to two words before it.
_OWN = (
    r"(?:\b(?:our|my)|\bwe(?:'re|’re| are)|\bi(?:'m|’m| am)\s+(?:at|with|from|in)|"
    r"\bi\s+work\s+(?:at|for|in))\s+(?:(?:an?|the)\s+)?(?:[\w&'-]+\s+){0,2}?"
)
#: ... which is buying: "our church is buying", "my club needs".
_BUYING = (
    r"\s+(?:is|are|was|wants?|needs?|has\s+to|must|plans?|'s|’s)\b"
    r"(?!\s+(?:an?\s+)?(?:\w+\s+)?(?:supplier|contractor|vendor|provider|tenderer)s?\b)"
)
#: Not the buyer but a supplier to one: "a council contractor", "a charity supplier".
_SUPPLYING = re.compile(
    r"\s*(?:'s\s+)?(?:supplier|contractor|vendor|provider|tenderer|bidder|consultant)s?\b"
)
#: A place abroad named as a government ("UK government", "New Zealand agency", "Canadian
#: federal"): "federal" there is not the Commonwealth.
_GOVERNMENT_AFTER = (
    r"(?:\s+[\w-]+)?\s+(?:government|govt|gov|agency|department|ministry|public\s+sector|"
    r"federal)\b"
)
_POSTCODE = re.compile(r"(?<![\w$.,])\d{4}(?![\w.,])")


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {
        code.casefold().replace(".", ""): label
        for label, codes in section("state_codes").items()
        for code in codes
    }


@lru_cache(maxsize=1)
def _postcode_ranges() -> tuple[tuple[int, int, str], ...]:
    ranges = []
    for label, spans in section("postcodes").items():
        for span in spans:
            low, high = span.split("-")
            ranges.append((int(low), int(high), label))
    return tuple(ranges)


def _whole_code(cleaned: str) -> str | None:
    return _codes().get(cleaned.strip(" \t.,;:!?'\"()").casefold().replace(".", ""))


def _postcodes(lowered: str) -> set[str]:
    labels = set()
    for m in _POSTCODE.finditer(lowered):
        number = int(m.group())
        labels |= {label for low, high, label in _postcode_ranges() if low <= number <= high}
    return labels


def _cues(cleaned: str) -> list[set[str]]:
    """Labels named in the text, strongest cues first."""
    lowered = cleaned.casefold()
    return [
        matcher("jurisdictions").labels(lowered),
        matcher("state_names").labels(lowered)
        | matcher("state_codes", case_sensitive=True).labels(cleaned),
        matcher("places").labels(lowered),
    ]


def _names(labels: set[str]) -> str:
    return " and ".join(JURISDICTION_NAMES[label] for label in sorted(labels))


def parse_jurisdiction(text: str) -> str:
    """Whose procurement rules apply: "ACT", "QLD" or "CTH", or an uncovered state's code.

    An uncovered state or territory ("NSW", "VIC", "SA", "WA", "TAS", "NT") is returned so
    that the caller can say it is out of scope. Raises ParseError for places outside
    Australia, local councils, and anything not recognised.
    """
    field = "jurisdiction"
    check_text(text, field, "a jurisdiction", "Try 'ACT', 'Queensland' or 'Commonwealth'.")
    cleaned = clean(text)
    code = _whole_code(cleaned)
    if code:
        return code
    if _foreign_government(cleaned):  # "US federal rules", "the Canadian government"
        raise ParseError(
            f"{shown(text)} is outside Australia, which I don't cover. {_COVERED}.", field
        )
    tiers = _cues(cleaned)
    blocked = matcher("not_covered").labels(cleaned.casefold())
    if "local_government" in blocked and not tiers[0]:
        raise ParseError(
            f"Local councils aren't covered: {_COVERED}. Please check the council's own "
            "procurement policy.",
            field,
        )
    for labels in tiers:
        if len(labels) == 1:
            return labels.pop()
        if labels:
            raise ParseError(
                f"{shown(text)} mentions more than one government ({_names(labels)}). "
                "Which one's rules apply to this purchase?",
                field,
            )
    if "foreign" in blocked:
        raise ParseError(
            f"{shown(text)} is outside Australia, which I don't cover. {_COVERED}.", field
        )
    raise ParseError(
        f"I couldn't tell which government {shown(text)} means. {_COVERED}: try 'ACT', "
        "'Queensland' or 'Commonwealth'.",
        field,
    )


def parse_state(text: str) -> str:
    """The state or territory code of a supplier's main business location.

    Reads names and codes ("Queensland", "NSW"), cities and regional centres from the
    gazetteer in the vocabulary ("Townsville" is QLD, "Queanbeyan" NSW, "Canberra" ACT) and
    four-digit postcodes. Raises ParseError for places outside Australia, for two different
    states, and for anything not recognised.
    """
    field = "supplier.main_business_location"
    check_text(text, field, "a state or territory", "For example 'QLD' or 'Townsville'.")
    cleaned = clean(text)
    code = _whole_code(cleaned)
    if code in STATES:
        return code
    governments, names, places = _cues(cleaned)
    tiers = [(governments | names) - {"CTH"}, places | _postcodes(cleaned.casefold())]
    for labels in tiers:
        if len(labels) == 1:
            return labels.pop()
        if labels:
            raise ParseError(
                f"{shown(text)} names more than one state ({_names(labels)}). Where is the "
                "supplier's main business location, as registered with the ABR?",
                field,
            )
    if "foreign" in matcher("not_covered").labels(cleaned.casefold()):
        raise ParseError(
            "I need the Australian state or territory of the supplier's main business "
            "location, for example QLD or NSW.",
            field,
        )
    raise ParseError(
        f"I couldn't tell which state or territory {shown(text)} is in. Try a state or a city, "
        "for example 'QLD' or 'Townsville'.",
        field,
    )


@lru_cache(maxsize=1)
def _uncovered_patterns() -> tuple[re.Pattern[str], ...]:
    def names(*labels: str) -> str:
        chosen = {k: v for k, v in section("not_covered").items() if k in labels}
        return PhraseMatcher(chosen, plurals=True).pattern

    return (
        re.compile(names("foreign") + _GOVERNMENT_AFTER),
        re.compile(_OWN + names("local_government", "non_government") + _BUYING),
        re.compile(_OWN + names("local_government") + r"(?!" + _SUPPLYING.pattern + ")"),
    )


#: "US" is a place only in capitals ("tell us federal rules" names none).
_US_GOVERNMENT = re.compile(r"\b(?:US|U\.S\.|USA)" + _GOVERNMENT_AFTER)


def _foreign_government(cleaned: str) -> bool:
    return bool(
        _uncovered_patterns()[0].search(cleaned.casefold()) or _US_GOVERNMENT.search(cleaned)
    )


def uncovered_buyer(text: str, *, answering: bool = False) -> str | None:
    """The buyer outside the sources' reach that ``text`` says is buying: "LOCAL" (a council),
    "FOREIGN" (a government outside Australia) or "NONGOV" (a church, charity, club,
    university, private company ...), with names in `UNCOVERED_BUYERS`; None for anything else.

    With ``answering`` the text answers "whose rules apply?", so naming one is enough ("a
    private company", "neither, we're a charity"). Otherwise, as a buyer can also be talking
    about a supplier ("can we get one quote from a charity?") and a supplier about itself
    ("we're a not-for-profit IT provider"), it must be named as the buyer: a council within the
    message's first five words ("Gold Coast City Council needs ...", not "a council
    contractor"), the speaker's own council ("I work for a shire in WA"), the speaker's own body outside government as
    buying ("our church is buying ...", "my uni needs ..."), or a government abroad ("the UK
    government"). A text that names a government or state (`parse_jurisdiction`) is read as
    that one first; the caller checks it before this.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 2000:
        return None
    cleaned = clean(text)
    lowered = cleaned.casefold()
    if _foreign_government(cleaned):
        return "FOREIGN"
    found = matcher("not_covered").find(lowered)
    if not found:
        return None
    if answering:
        return _BUYER_CODES[found[0].label]
    council = next((f for f in found if f.label == "local_government"), None)
    if (
        council
        and len(lowered[: council.start].split()) < 5
        and not _SUPPLYING.match(lowered, council.end)
    ):
        return _BUYER_CODES["local_government"]
    for pattern in _uncovered_patterns()[1:]:
        m = pattern.search(lowered)
        if m:
            return _BUYER_CODES[matcher("not_covered").find(m.group())[0].label]
    return None
