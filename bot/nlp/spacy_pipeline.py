"""The spaCy pipeline the assistant's NLU loads: blank English plus an entity ruler.

spaCy's downloadable models are not needed (nor reachable): `build()` makes a blank English
pipeline (`spacy.blank("en")`) whose only component is an `entity_ruler`, with patterns
generated from the vocabulary that `knowledge.parse` reads (`knowledge/data/vocabulary.yaml`,
`knowledge/data/anzsic.yaml`) plus the topic and fact-cue words below. Rasa's `SpacyNLP`
loads it by path (`model: models/spacy/procurement_en`) and `SpacyEntityExtractor` returns
the ruler's entities. No vectors, no statistical components: the same text always gives the
same entities.

    python -m bot.nlp.spacy_pipeline [--out DIR] [--check]

Entity labels (Rasa entity names) and their ruler ids (the normalised value; spaCy keeps it
as `ent.ent_id_`, but Rasa's SpacyEntityExtractor reports only `ent.text`, so the dialogue
normalises an entity's text with `knowledge.parse`):

- `jurisdiction`: a government named explicitly ("ACT agency", "Commonwealth", "QLD gov"),
  a state or territory name ("Queensland") or code ("ACT", "Qld", "Cth"). Id: the code
  (ACT, QLD, CTH, NSW, VIC, SA, WA, TAS, NT). Codes are matched case-sensitively, as
  `knowledge.parsing.places` does, so "we need to act fast" and "contract" name nothing.
- `state`: a city or regional centre ("Townsville", "Canberra", "Queanbeyan"). Id: the code.
  The rule follows the parser's cue strengths: governments and state names or codes (strong
  cues) are `jurisdiction`; cities (the weakest cue) are `state`. Each span gets one label and
  both carry a state code, so the dialogue fills whichever slot it asked for from either
  label (`parse_jurisdiction` / `parse_state` on the entity's text). "Canberra" is a `state`:
  a "Canberra agency" is as often Commonwealth as ACT, and the parser ranks it below any
  government named ("Canberra-based Commonwealth agency" is CTH).
- `amount`: money as typed, the whole span with its currency mark, number and multiplier:
  "$80k", "AUD 60,000", "$45 000", "$1.2 million", "1.2m", "80 grand", "eighty thousand
  dollars", "sixty k", "a hundred and twenty grand", "one point two million", "half a
  million", "quarter of a mil". A number is money when it has a currency mark ($, A$, AUD,
  dollars, bucks), a multiplier (k, m, grand, thousand, million ...), thousands separators
  ("80,000") or at least five digits ("80000"). Bare small numbers, years ("2024"),
  four-digit postcodes, percentages and counts ("12 staff", "3 quotes") are not amounts.
  No id: read the value with `knowledge.parse.parse_amount`.
- `gst`: a GST qualifier ("ex GST", "excl. GST", "plus GST", "GST inclusive"). Id: "ex" or
  "inc".
- `headcount`: a number of people ("120 staff", "40 contractors", "120 full-time employees",
  "no contractors", "employees: 120", "sole trader"). Id: "employees", "contractors" or
  "solo" (a one-person business).
- `abn`: an ABN, with its label if written ("ABN 51 824 753 556", "ABN: 51824753556") or as
  2-3-3-3 digit groups ("51 824 753 556"). No id; `parse_abn` checks it.
- `need`: what a Commonwealth buyer needs ("cloud hosting", "laptops", "Office 365"). Id: the
  value of the CTH `need` fact. Every need is ICT.
- `anzsic`: an industry ("cleaning services", "hospital"). Id: the ANZSIC division letter, or
  the subdivision number in Division Q (as `parse_anzsic`). An industry implies services.
- `topic`: what the question is about. Ids: quotes, set_aside, weighting, access_incentive,
  panel, notifiable, secure_local_jobs, board_review, late_tender, exemption, sme_status.
- `fact_cue`: a word that settles a boolean fact. Ids: construction, ict, services, goods.

Overlaps: the ruler keeps the longest span ("ACT Government agency", not "ACT"; "cloud
hosting", not "cloud"; "120 staff", not "120"). Where one phrase is listed under several
labels, it gets one label, by the order of `_PRIORITY`: topic, jurisdiction, state, gst,
headcount, need, fact_cue, anzsic. So "software", "laptops" and "cloud" are `need` (the
dialogue reads a need as ict too), "construction" and "fit-out" are `fact_cue` construction
rather than anzsic E (an anzsic E entity, such as "plumbing", means construction too), "ICT
services" is `fact_cue` ict, and "cleaning services" is `anzsic` N (every anzsic phrase is of
services). As in the parser, spaces, hyphens and full stops
between the words of a phrase are interchangeable ("ex-GST", "ex. GST"), and plurals are
accepted where the vocabulary says so.

The tokenizer is spaCy's English one plus `EXTRA_INFIXES` and `EXTRA_PREFIXES`, saved with the
pipeline, so that "80k+GST", "ABN:51824753556", "$60k-$70k" and "~$300k" split into their parts. The output directory
also holds `patterns.sha256` (`fingerprint()`: the patterns, the ruler's settings and the
tokenizer additions); `meta.json`'s version ends with its first 12 characters, and `--check`
compares it with the current source.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.schemas import validate_token_pattern
from spacy.util import compile_infix_regex, compile_prefix_regex

from knowledge.parse import vocabulary
from knowledge.parsing.codes import anzsic_phrases
from knowledge.parsing.vocab import phrase_key

__all__ = [
    "DEFAULT_OUT",
    "FACT_CUES",
    "LABELS",
    "NAME",
    "TOPICS",
    "build",
    "fingerprint",
    "main",
    "patterns",
    "phrase_table",
]

NAME = "procurement_en"
#: Bump when the build changes in a way the patterns do not show.
BUILD_VERSION = "1.0.0"
DEFAULT_OUT = Path("models/spacy") / NAME
LABELS = (
    "jurisdiction",
    "state",
    "amount",
    "gst",
    "headcount",
    "abn",
    "need",
    "anzsic",
    "topic",
    "fact_cue",
)
STAMP = "patterns.sha256"
#: Saved with the pipeline. `build` validates the token patterns itself, so that loading
#: (every Rasa start) does not validate them again.
RULER_CONFIG: dict[str, Any] = {
    "phrase_matcher_attr": "LOWER",
    "overwrite_ents": True,
    "validate": False,
}
#: Added to spaCy's infixes: "80k+GST" -> 80k + GST; "ABN:51824753556" -> ABN : 5182...;
#: "60k-70k" and "$60k-$70k" -> two amounts (a range, which the parser refuses).
EXTRA_INFIXES = (
    r"(?<=[0-9A-Za-z])\+(?=[A-Za-z])",
    r"(?<=[A-Za-z]):(?=[0-9])",
    r"(?<=[0-9][A-Za-z])-(?=[0-9$])",
    r"(?<=[0-9])-(?=\$)",
    r"(?<=[0-9][A-Za-z]-)\$(?=[0-9])",
    r"(?<=[0-9]-)\$(?=[0-9])",
)
#: Added to spaCy's prefixes: "~$300k" -> ~ $ 300k; "~50 staff" -> ~ 50 staff.
EXTRA_PREFIXES = (r"~",)

# Topic words: what the user asks about. Lower case, single spaces (hyphens and full stops
# between words match too); plurals are accepted.
TOPICS: dict[str, list[str]] = {
    "quotes": [
        "quote",
        "quotation",
        "how many quotes",
        "how many quotations",
        "how many written quotes",
        "written quote",
        "written quotation",
        "rfq",
        "request for quote",
        "request for quotes",
        "request for quotation",
        "request for quotations",
        "invitation to quote",
        "limited tender",
        "open tender",
        "open tendering",
        "public tender",
        "go to tender",
        "go to market",
        "approach to market",
        "approach the market",
        "procurement method",
    ],
    "set_aside": ["set aside", "sme set aside", "set aside for smes", "reserved for smes"],
    "weighting": [
        "weighting",
        "sme weighting",
        "qld sme weighting",
        "evaluation weighting",
        "10% weighting",
        "10 per cent weighting",
        "10 percent weighting",
        "weighted",
    ],
    "access_incentive": [
        "access incentive",
        "sme access incentive",
        "direct engagement",
        "engage directly",
        "directly engage",
        "engaged directly",
        "directly engaged",
    ],
    "panel": [
        "panel",
        "which panel",
        "panel arrangement",
        "supplier panel",
        "standing offer",
        "standing offer arrangement",
        "soa",
        "whole of government arrangement",
        "common use arrangement",
    ],
    "notifiable": [
        "notifiable",
        "notifiable contract",
        "notifiable invoice",
        "contracts register",
        "contract register",
        "procurement register",
        "register the contract",
        "on the register",
        "publish the contract",
    ],
    "secure_local_jobs": [
        "secure local jobs",
        "secure local jobs code",
        "secure local jobs certificate",
        "local jobs code",
        "slj",
        "slj code",
        "slj certificate",
    ],
    "board_review": [
        "procurement board",
        "government procurement board",
        "act procurement board",
        "board review",
        "refer to the board",
        "referred to the board",
        "review by the board",
    ],
    "late_tender": [
        "late tender",
        "late bid",
        "late offer",
        "late submission",
        "late response",
        "tender came in late",
        "tender was late",
        "tender arrived late",
        "submitted late",
        "lodged late",
        "received late",
        "after the closing time",
        "after closing time",
        "after the deadline",
    ],
    "exemption": [
        "exemption",
        "exempt",
        "exempted",
        "exempting",
        "only one quote",
        "only one quotation",
        "just one quote",
        "single quote",
        "single quotation",
        "one quote",
        "sole source",
        "single source",
        "sole supplier",
    ],
    "sme_status": [
        "sme",
        "sme status",
        "queensland sme",
        "qld sme",
        "small business",
        "small and medium enterprise",
        "small to medium enterprise",
        "small or medium enterprise",
        "small and medium business",
        "small to medium business",
        "indigenous sme",
        "indigenous business",
    ],
}

# Words that settle a boolean fact of the contract: the id is the fact's name. Words the
# vocabulary already lists under `needs` go to `need` instead (every need is ICT); industry
# words not listed here go to `anzsic` (every industry is of services).
FACT_CUES: dict[str, list[str]] = {
    "construction": [
        "construction",
        "construction work",
        "construction works",
        "construction related",
        "construction project",
        "building work",
        "building works",
        "building construction",
        "civil works",
        "civil construction",
        "capital works",
        "infrastructure works",
        "road construction",
        "roadworks",
        "road works",
        "fit out",
        "fitout",
        "refurbishment",
        "renovation",
    ],
    "ict": [
        "ict",
        "ict services",
        "it services",
        "ict procurement",
        "information technology",
        "information and communication technology",
        "information and communications technology",
        "tech",
    ],
    "services": ["service", "service contract", "services contract", "service provider"],
    "goods": [
        "goods",
        "furniture",
        "office furniture",
        "equipment",
        "office equipment",
        "stationery",
        "supplies",
        "office supplies",
        "consumables",
        "products",
        "materials",
        "uniforms",
        "chairs",
        "desks",
        "vehicles",
    ],
}
# Case-sensitive words: (label, id, text as written). "IT" is ICT; "it" is a pronoun.
_CASED_FACT_CUES = (("fact_cue", "ict", "IT"), ("fact_cue", "ict", "I.T."))

_PRIORITY = ("topic", "jurisdiction", "state", "gst", "headcount", "need", "fact_cue", "anzsic")
_GST_IDS = {"exclusive": "ex", "inclusive": "inc"}
_SEP = {"ORTH": {"IN": ["-", "."]}, "OP": "?"}

# Number words (amounts and headcounts); the multipliers come from the vocabulary.
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS = rf"^{_NUMBER}$"
# Money without a mark: thousands separators, or five to nine digits not starting with 0.
_BARE_MONEY = r"^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|[1-9]\d{4,8}(?:\.\d{1,2})?)$"
_COUNT = r"^(?:\d{1,3}(?:,\d{3})+|\d+)$"
_CURRENCY_BEFORE = ["$", "a$", "au$", "aud"]
_CURRENCY_AFTER = ["dollars", "dollar", "bucks", "aud", "$"]
_CURRENCY_ADJECTIVES = ["australian", "aussie"]


# ---------------------------------------------------------------------------------------------
# Tokenizer and phrase rendering
# ---------------------------------------------------------------------------------------------


def _blank() -> Language:
    """A blank English pipeline with the project's tokenizer tweaks."""
    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, *EXTRA_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [*nlp.Defaults.prefixes, *EXTRA_PREFIXES]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


@cache
def _tokenizer() -> Any:
    return _blank().tokenizer


def _tokens(text: str) -> list[str]:
    return [token.text for token in _tokenizer()(text)]


@cache
def _keeps_period(token: str) -> bool:
    """Whether the tokenizer keeps a full stop on this word ("Mt. Isa" -> "Mt.", "Isa")."""
    return any(
        _tokens(f"{form}. x")[0] == f"{form}."
        for form in {token, token.capitalize(), token.upper()}
    )


def _plurals(word: str) -> list[str]:
    """English plurals the parser also accepts (it takes a trailing "s" or "es")."""
    if not word[-1:].isalpha() or word.endswith("s"):
        return []
    return [word + "es"] if word.endswith(("x", "z", "ch", "sh")) else [word + "s"]


def _forms(phrase: str, *, plurals: bool) -> list[str]:
    """The lower-case forms of a phrase: as listed, plurals, typographic apostrophes."""
    key = phrase_key(phrase)
    forms = [key]
    if plurals:
        head, _, last = key.rpartition(" ")
        forms += [f"{head} {plural}".strip() for plural in _plurals(last)]
    return forms + [form.replace("'", "\u2019") for form in forms if "'" in form]


def _render(form: str) -> str | list[dict[str, Any]]:
    """A phrase pattern for one word; for several, a token pattern that lets a hyphen or a
    full stop stand between the words."""
    words = form.split(" ")
    if len(words) == 1:
        return form
    pattern: list[dict[str, Any]] = []
    for i, word in enumerate(words):
        if i:
            pattern.append(dict(_SEP))
        for token in _tokens(word):
            variants = [token, f"{token}."] if _keeps_period(token) else [token]
            pattern.append({"LOWER": token} if len(variants) == 1 else {"LOWER": {"IN": variants}})
    return pattern


def _any(words: Iterable[str], **extra: Any) -> dict[str, Any]:
    return {"LOWER": {"IN": sorted(set(words))}, **extra}


def _regex(regex: str, **extra: Any) -> dict[str, Any]:
    return {"LOWER": {"REGEX": regex}, **extra}


# ---------------------------------------------------------------------------------------------
# Phrase lists
# ---------------------------------------------------------------------------------------------


def _anzsic_phrases() -> dict[str, list[str]]:
    """The same industry phrases `parse_anzsic` reads."""
    return anzsic_phrases()


def _phrase_sources() -> dict[str, list[tuple[Mapping[str, list[str]], bool]]]:
    """label -> [(id -> phrases, whether plurals are accepted)], from vocabulary and here."""
    vocab = vocabulary()
    return {
        "topic": [(TOPICS, True)],
        "jurisdiction": [(vocab["jurisdictions"], False), (vocab["state_names"], False)],
        "state": [(vocab["places"], False)],
        "gst": [({_GST_IDS[k]: v for k, v in vocab["gst"].items()}, False)],
        "headcount": [({"solo": vocab["headcount_solo"]["solo"]}, False)],
        "need": [(vocab["needs"], True)],
        "fact_cue": [(FACT_CUES, True)],
        "anzsic": [(_anzsic_phrases(), True)],
    }


@cache
def _owners() -> dict[str, tuple[str, str]]:
    """Every lower-case phrase form -> (label, id); a form listed twice goes to the first
    label in `_PRIORITY`."""
    owner: dict[str, tuple[str, str]] = {}
    sources = _phrase_sources()
    for label in _PRIORITY:
        for mapping, plurals in sources[label]:
            for ent_id, phrases in mapping.items():
                for phrase in phrases:
                    for form in _forms(phrase, plurals=plurals):
                        owner.setdefault(form, (label, str(ent_id)))
    return owner


def _cased() -> list[tuple[str, str, str]]:
    """(label, id, text) matched as written: "ACT", "Qld", "A.C.T.", "Cth"; "IT"."""
    codes = vocabulary()["state_codes"]
    cased = [("jurisdiction", code, text) for code, texts in codes.items() for text in texts]
    return cased + list(_CASED_FACT_CUES)


def phrase_table() -> list[tuple[str, str, str]]:
    """(label, id, text) for every phrase the ruler labels: the lower-case forms (as listed,
    plurals, typographic apostrophes) and the case-sensitive codes, sorted."""
    rows = [(label, ent_id, form) for form, (label, ent_id) in _owners().items()] + _cased()
    return sorted(rows, key=lambda row: (LABELS.index(row[0]), row[1], row[2]))


def _phrase_patterns() -> list[dict[str, Any]]:
    return [
        {"label": label, "pattern": _render(form), "id": ent_id}
        for form, (label, ent_id) in _owners().items()
    ]


def _cased_patterns() -> list[dict[str, Any]]:
    return [
        {"label": label, "pattern": [{"TEXT": t} for t in _tokens(text)], "id": ent_id}
        for label, ent_id, text in _cased()
    ]


# ---------------------------------------------------------------------------------------------
# Amounts, headcounts, ABNs
# ---------------------------------------------------------------------------------------------


def _multipliers() -> list[str]:
    return [w.casefold() for items in vocabulary()["amount_multipliers"].values() for w in items]


def _amount_patterns() -> list[list[dict[str, Any]]]:
    multipliers = _multipliers()
    scale_words = [w for w in multipliers if len(w) > 1 and w.isalpha()]
    glued = "|".join(sorted(map(_escape, multipliers), key=lambda w: (-len(w), w)))
    before = _any(_CURRENCY_BEFORE)
    after = [_any(_CURRENCY_ADJECTIVES, OP="?"), _any(_CURRENCY_AFTER)]
    optional_after = [_any(_CURRENCY_ADJECTIVES, OP="?"), _any(_CURRENCY_AFTER, OP="?")]
    number = _regex(_DIGITS)
    words = [*_UNITS, *_TENS]
    word_run = [_any(words), _any([*words, "hundred", "and", "-", *scale_words], OP="*")]
    # "a hundred and twenty grand", "a hundred thousand"
    a_hundred = [_any(["a"]), {"LOWER": "hundred"}, _any([*words, "and", "-"], OP="*")]
    # "one point two million", "point five mil"
    point = [_any(words, OP="?"), {"LOWER": "point"}, _any(_UNITS, OP="+")]
    # "$45 000", "$1 200 000" (digits grouped by spaces, with a currency mark)
    spaced = [_regex(r"^\d{1,3}$"), _regex(r"^\d{3}$", OP="*"), _regex(r"^\d{3}(?:\.\d+)?$")]
    fractions = [
        phrase_key(p) for items in vocabulary()["amount_fractions"].values() for p in items
    ]
    mark = [before, number]
    out: list[list[dict[str, Any]]] = [
        # "$80,000", "AUD 60,000", "$5", "$2024"
        [*mark, *optional_after],
        # "$1.2 million", "80 grand", "$80 K", "1.2 m", "80 thousand dollars"
        [_any(_CURRENCY_BEFORE, OP="?"), number, _any(multipliers), *optional_after],
        # "80k", "$2.5bn", "60k AUD"
        [_any(_CURRENCY_BEFORE, OP="?"), _regex(rf"^{_NUMBER}(?:{glued})$"), *optional_after],
        # "AU$80k", "AUD60,000" (one token)
        [_regex(rf"^(?:a\$|au\$|aud\$?){_NUMBER}(?:{glued})?$"), *optional_after],
        # "5000 dollars", "200 bucks"
        [number, *after],
        # "80,000", "80000"
        [_regex(_BARE_MONEY), *optional_after],
        # "eighty thousand (dollars)", "one hundred and twenty thousand"
        [*word_run, _any(scale_words), *optional_after],
        # "sixty k", "a hundred and fifty k" (after number words, k only: "ten m" may be metres)
        [*word_run, {"LOWER": "k"}, *optional_after],
        [*a_hundred, _any([*scale_words, "k"]), *optional_after],
        [*point, _any(scale_words), *optional_after],
        # "80-odd thousand", "45 odd grand"
        [number, {"ORTH": "-", "OP": "?"}, {"LOWER": "odd"}, _any(scale_words), *optional_after],
        # "3 hundred thousand", "2 hundred grand"
        [number, {"LOWER": "hundred"}, _any(scale_words), *optional_after],
        # "$45 000", "AUD 1 200 000", "45 000 dollars"
        [before, *spaced, *optional_after],
        [*spaced, *after],
        # "two hundred dollars", "a hundred dollars"
        [*word_run, *after],
        [*a_hundred, *after],
        # "a million", "a mil" (not "a grand": "a grand total")
        [_any(["a"]), _any(w for w in scale_words if w != "grand"), *optional_after],
        # "one and a half million", "2 and a half mil"
        [
            {"LOWER": {"REGEX": rf"^(?:{_NUMBER}|a|{'|'.join(words)})$"}},
            {"LOWER": "and"},
            {"LOWER": "a"},
            _any(["half", "quarter"]),
            _any(scale_words),
            *optional_after,
        ],
    ]
    # "half a million", "a quarter of a mil", "three-quarters of a million", "1/2 a million"
    for fraction in sorted(set(fractions)):
        head: list[dict[str, Any]] = []
        for i, word in enumerate(fraction.split(" ")):
            head += [dict(_SEP)] if i else []
            head += [{"LOWER": token} for token in _tokens(word)]
        out.append(
            [
                *head,
                {"LOWER": "of", "OP": "?"},
                _any(["a", "an", "one"], OP="?"),
                _any(scale_words),
                *optional_after,
            ]
        )
    return out


def _escape(word: str) -> str:
    return "".join(f"\\{ch}" if not ch.isalnum() else ch for ch in word)


def _role_tokens(phrase: str) -> list[dict[str, Any]]:
    """A headcount role ("staff member") as tokens, the last one with its plurals."""
    words = phrase_key(phrase).split(" ")
    pattern: list[dict[str, Any]] = []
    for i, word in enumerate(words):
        pattern += [dict(_SEP)] if i else []
        tokens = _tokens(word)
        for j, token in enumerate(tokens):
            last = i == len(words) - 1 and j == len(tokens) - 1
            forms = [token, *_plurals(token)] if last else [token]
            pattern.append({"LOWER": token} if len(forms) == 1 else _any(forms))
    return pattern


def _headcount_patterns() -> list[tuple[str, list[dict[str, Any]]]]:
    vocab = vocabulary()
    modifiers = {t for p in vocab["headcount_modifiers"]["modifier"] for t in _tokens(p)}
    modifier = _any([*modifiers, "-"], OP="*")
    words = [*_UNITS, *_TENS, "hundred", "thousand", "dozen"]
    counts = [
        [_regex(_COUNT)],
        [_any(["a"], OP="?"), _any(words), _any([*words, "and", "-"], OP="*")],
        [_any(["no", "zero", "nil", "without"]), _any(["any"], OP="?")],
    ]
    link = _any([":", "=", "of", "-", "~", "about", "around", "approx", "approximately"], OP="*")
    out = []
    for role, phrases in sorted(vocab["headcount"].items()):
        for phrase in phrases:
            tokens = _role_tokens(phrase)
            out += [(role, [*count, modifier, *tokens]) for count in counts]
            # "employees: 120", "staff of about 120"
            out.append((role, [*tokens, link, _regex(_COUNT)]))
    return out


def _abn_patterns() -> list[list[dict[str, Any]]]:
    label = [{"LOWER": "abn"}, _any([":", "#", "is", "no", "no.", "number", "."], OP="*")]
    dash = {"ORTH": "-", "OP": "?"}
    groups = [
        {"TEXT": {"REGEX": r"^\d{2}$"}},
        dash,
        {"TEXT": {"REGEX": r"^\d{3}$"}},
        dash,
        {"TEXT": {"REGEX": r"^\d{3}$"}},
        dash,
        {"TEXT": {"REGEX": r"^\d{3}$"}},
    ]
    return [[*label, *groups], [*label, {"TEXT": {"REGEX": r"^\d{11}$"}}], groups]


# ---------------------------------------------------------------------------------------------
# Patterns, fingerprint, build
# ---------------------------------------------------------------------------------------------


def _sort_key(pattern: dict[str, Any]) -> tuple[int, str, str]:
    return (
        LABELS.index(pattern["label"]),
        pattern.get("id", ""),
        json.dumps(pattern["pattern"], sort_keys=True, ensure_ascii=False),
    )


@cache
def _patterns() -> tuple[str, ...]:
    owners = _owners()
    for label, ent_id, text in _cased():
        other = owners.get(phrase_key(text), (label, ent_id))
        if other != (label, ent_id):
            raise ValueError(f"{text!r} is {(label, ent_id)} but {phrase_key(text)!r} {other}")
    found = _phrase_patterns() + _cased_patterns()
    found += [{"label": "amount", "pattern": p} for p in _amount_patterns()]
    found += [{"label": "headcount", "pattern": p, "id": r} for r, p in _headcount_patterns()]
    found += [{"label": "abn", "pattern": p} for p in _abn_patterns()]
    unique = {json.dumps(p, sort_keys=True, ensure_ascii=False): p for p in found}
    return tuple(
        json.dumps(p, sort_keys=True, ensure_ascii=False)
        for p in sorted(unique.values(), key=_sort_key)
    )


def patterns() -> list[dict[str, Any]]:
    """The entity-ruler patterns, in a fixed order (labels as in `LABELS`, then id, then
    pattern)."""
    return [json.loads(p) for p in _patterns()]


def fingerprint() -> str:
    """SHA-256 over the patterns and everything else the build puts in the pipeline."""
    payload = json.dumps(
        {
            "name": NAME,
            "build": BUILD_VERSION,
            "spacy": spacy.__version__,
            "ruler": RULER_CONFIG,
            "infixes": EXTRA_INFIXES,
            "prefixes": EXTRA_PREFIXES,
            "patterns": patterns(),
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _counts(items: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    for p in items:
        counts[p["label"]]["phrase" if isinstance(p["pattern"], str) else "token"] += 1
    return counts


def _is_ours(path: Path) -> bool:
    """Only a previous build (or an empty directory) is replaced."""
    if not any(path.iterdir()):
        return True
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get("name") == NAME


def build(out_dir: Path) -> Path:
    """Build the pipeline and save it to `out_dir` (replacing a previous build); return it.

    Writes what `nlp.to_disk` writes (meta.json, config.cfg, tokenizer, vocab,
    entity_ruler/patterns.jsonl) and `patterns.sha256`, the fingerprint.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not (out_dir.is_dir() and _is_ours(out_dir)):
        raise FileExistsError(f"{out_dir} exists and is not a {NAME} build; not replacing it")
    digest = fingerprint()
    items = patterns()
    for p in items:
        if not isinstance(p["pattern"], str) and (errors := validate_token_pattern(p["pattern"])):
            raise ValueError(f"invalid token pattern {p}: {errors}")
    nlp = _blank()
    ruler = nlp.add_pipe("entity_ruler", config=RULER_CONFIG)
    ruler.add_patterns(items)
    nlp.meta.update(
        {
            "name": NAME,
            "version": f"{BUILD_VERSION}+{digest[:12]}",
            "description": (
                "Blank English pipeline with an entity ruler generated from the procurement "
                "advisor's vocabulary (knowledge/data/vocabulary.yaml, anzsic.yaml)."
            ),
            "author": "procurement-advisor",
            "license": "",
            "sources": ["knowledge/data/vocabulary.yaml", "knowledge/data/anzsic.yaml"],
            "patterns_sha256": digest,
        }
    )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it 0700; a build is shared like any other
        nlp.to_disk(staging)
        (staging / STAMP).write_text(digest + "\n", encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def _current(out_dir: Path) -> bool:
    try:
        return (out_dir / STAMP).read_text(encoding="utf-8").strip() == fingerprint()
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.nlp.spacy_pipeline",
        description="Build the assistant's spaCy pipeline (blank English + entity ruler).",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    parser.add_argument(
        "--check",
        action="store_true",
        help="build nothing; exit 0 if --out holds a build of the current patterns, else 1",
    )
    args = parser.parse_args(argv)
    if args.check:
        current = _current(args.out)
        print(f"{args.out}: {'up to date' if current else 'missing or out of date'}")
        return 0 if current else 1
    started = time.perf_counter()
    out = build(args.out)
    elapsed = time.perf_counter() - started
    items = patterns()
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    print(f"built {out} ({meta['name']} {meta['version']}) in {elapsed:.1f}s")
    print(f"  {'label':<14}{'phrase':>8}{'token':>8}{'total':>8}")
    for label, counts in _counts(items).items():
        total = counts["phrase"] + counts["token"]
        print(f"  {label:<14}{counts['phrase']:>8}{counts['token']:>8}{total:>8}")
    print(f"  {'all':<14}{'':>8}{'':>8}{len(items):>8}")
    print(f"  {STAMP}: {fingerprint()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
