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


def check_text(text: object, field: str | None, what: str) -> str:
    """Return `text` if it is a string of sensible length; raise ParseError otherwise."""
    if not isinstance(text, str):
        raise ParseError(f"I need {what} as text.", field)
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError(f"That message is too long for me to read {what} from it.", field)
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
        keys = sorted(self._labels, key=lambda k: (-len(k), k))
        alternatives = "|".join(self._pattern(key, plurals) for key in keys)
        self._regex = re.compile(f"(?:{alternatives})" if alternatives else r"(?!)")

    def _key(self, phrase: str) -> str:
        if self.case_sensitive:
            return phrase.strip()
        return _KEY_SEPARATORS.sub(" ", clean(phrase).casefold()).strip()

    def _pattern(self, key: str, plurals: bool) -> str:
        if self.case_sensitive:
            body = re.escape(key)
        else:
            body = _SEPARATOR.join(re.escape(part) for part in key.split(" "))
        if plurals and key[-1].isalpha():
            body += "(?:e?s)?"
        head = r"(?<!\w)" if key[0].isalnum() else ""
        tail = r"(?!\w)" if key[-1].isalnum() else ""
        return head + body + tail

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
