"""Loading `vocabulary.yaml` (once) and finding its phrases in text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ParseError

__all__ = [
    "MAX_TEXT_LENGTH",
    "Found",
    "PhraseMatcher",
    "anzsic_structure",
    "check_text",
    "clean",
    "lower",
    "matcher",
    "phrase_key",
    "section",
    "vocabulary",
    "words",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VOCABULARY_PATH = DATA_DIR / "vocabulary.yaml"
ANZSIC_PATH = DATA_DIR / "anzsic.yaml"

#: Longer texts are refused: a chat answer is short, and it bounds the work done per call.
MAX_TEXT_LENGTH = 1000

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    }
)
_WHITESPACE = re.compile(r"\s+")
_SEPARATOR = r"[\s.\-]+"
_KEY_SEPARATORS = re.compile(_SEPARATOR)


def clean(text: str) -> str:
    """Normalise Unicode (NFKC), dashes, quotes and whitespace; keep case."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _WHITESPACE.sub(" ", text).strip()


def lower(text: str) -> str:
    """`clean` and case-fold."""
    return clean(text).casefold()


def phrase_key(phrase: str) -> str:
    """How a case-insensitive phrase is compared: case-folded, with spaces, hyphens and full
    stops between words made single spaces."""
    return " ".join(_KEY_SEPARATORS.sub(" ", lower(phrase)).split())


def check_text(text: object, field: str | None, what: str, example: str = "") -> str:
    """Return `text` if it is a non-blank string of sensible length; raise ParseError if not."""
    if not isinstance(text, str):
        raise ParseError(f"I need {what} as text.", field)
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError(f"That message is too long for me to read {what} from it.", field)
    if not clean(text):
        raise ParseError(f"I didn't catch {what}. {example}".strip(), field)
    return text


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_LOADER)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """The vocabulary, loaded and checked on first use: section -> label -> phrases."""
    data = _load(VOCABULARY_PATH)
    if not isinstance(data, dict):
        raise ValueError(f"{VOCABULARY_PATH}: expected a mapping")
    sections = {key: value for key, value in data.items() if key != "version"}
    for name, labels in sections.items():
        ok = isinstance(labels, dict) and all(
            isinstance(label, str)
            and isinstance(items, list)
            and all(isinstance(item, str) and item.strip() for item in items)
            for label, items in labels.items()
        )
        if not ok:
            raise ValueError(f"{VOCABULARY_PATH}: section {name!r} must map labels to phrases")
    return sections


def section(name: str) -> dict[str, list[str]]:
    """One section of the vocabulary: label -> phrases."""
    return vocabulary()[name]


@lru_cache(maxsize=1)
def anzsic_structure() -> dict[str, Any]:
    """`anzsic.yaml`: ANZSIC 2006 divisions, their subdivisions and subdivision titles."""
    data = _load(ANZSIC_PATH)
    if not isinstance(data, dict) or not isinstance(data.get("divisions"), dict):
        raise ValueError(f"{ANZSIC_PATH}: expected a 'divisions' mapping")
    return data


@dataclass(frozen=True)
class Found:
    """A phrase found in a text: its label and where it is."""

    label: str
    start: int
    end: int


class _Trie:
    """Phrases as a trie of regex units, written out as one regex that branches on each unit.

    At every branch the longer continuations come before the phrase endings, so the regex
    prefers the longest phrase starting at a position. A trie keeps matching fast: the
    regex engine tries one branch per character instead of every phrase in turn.
    """

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.endings: list[str] = []

    def add(self, units: list[str], ending: str) -> None:
        node = self
        for unit in units:
            node = node.children.setdefault(unit, _Trie())
        if ending not in node.endings:
            node.endings.append(ending)

    def regex(self) -> str:
        branches = [unit + child.regex() for unit, child in self.children.items()]
        branches += self.endings
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class PhraseMatcher:
    """Finds the phrases of one vocabulary section in a text, longest phrase first.

    Case-insensitive matchers compare case-folded text, and treat spaces, hyphens and full
    stops inside a phrase alike. Case-sensitive matchers (abbreviations such as "ACT") match
    the phrase exactly as written. Either way a phrase must not start or end inside a word.
    """

    def __init__(
        self,
        phrases: Mapping[str, Iterable[str]],
        *,
        plurals: bool = False,
        case_sensitive: bool = False,
    ) -> None:
        self.case_sensitive = case_sensitive
        self._labels: dict[str, str] = {}
        for label, items in phrases.items():
            for phrase in items:
                key = self._key(phrase)
                other = self._labels.setdefault(key, label)
                if other != label:
                    raise ValueError(f"phrase {phrase!r} is listed under {other!r} and {label!r}")
        word_start = _Trie()
        other_start = _Trie()
        for key in sorted(self._labels):
            units = [
                _SEPARATOR if ch == " " and not case_sensitive else re.escape(ch) for ch in key
            ]
            tail = "(?:e?s)?" if plurals and key[-1].isalpha() else ""
            tail += r"(?!\w)" if key[-1].isalnum() else ""
            (word_start if key[0].isalnum() else other_start).add(units, tail)
        branches = [f"(?<!\\w){word_start.regex()}"] if word_start.children else []
        branches += [other_start.regex()] if other_start.children else []
        self._regex = re.compile("(?:" + "|".join(branches) + ")" if branches else r"(?!)")

    @property
    def pattern(self) -> str:
        """The regular expression (a non-capturing alternation) for embedding in others."""
        return self._regex.pattern

    def _key(self, phrase: str) -> str:
        return phrase.strip() if self.case_sensitive else phrase_key(phrase)

    def _label(self, matched: str) -> str:
        key = self._key(matched)
        for candidate in (key, key[:-1], key[:-2]):
            if candidate in self._labels:
                return self._labels[candidate]
        raise KeyError(matched)  # pragma: no cover - the regex only matches known phrases

    def _prepare(self, text: str) -> str:
        return text if self.case_sensitive else text.casefold()

    def find(self, text: str) -> list[Found]:
        """Every phrase in `text`, left to right, without overlaps."""
        text = self._prepare(text)
        return [
            Found(self._label(m.group()), m.start(), m.end()) for m in self._regex.finditer(text)
        ]

    def labels(self, text: str) -> set[str]:
        """The labels of the phrases in `text`."""
        return {found.label for found in self.find(text)}

    def match_at(self, text: str, pos: int) -> Found | None:
        """The phrase starting exactly at `pos`, if any."""
        m = self._regex.match(self._prepare(text), pos)
        return Found(self._label(m.group()), m.start(), m.end()) if m else None

    def whole(self, text: str) -> str | None:
        """The label if all of `text` (bar surrounding punctuation) is one phrase."""
        text = self._prepare(text).strip(" \t.,;:!?'\"()")
        m = self._regex.fullmatch(text)
        return self._label(m.group()) if m else None


@cache
def matcher(name: str, *, plurals: bool = False, case_sensitive: bool = False) -> PhraseMatcher:
    """The (cached) matcher for vocabulary section `name`."""
    return PhraseMatcher(section(name), plurals=plurals, case_sensitive=case_sensitive)


def words(name: str) -> list[str]:
    """All phrases of a section, whatever their label."""
    return [phrase for items in section(name).values() for phrase in items]
