"""Citations, and the index of each source's section labels and headings.

A citation names a document (an id of ../shared/sources/README.md), a section label as printed
in the source (``"7(2)"``, ``"8(2)(b)(ii)(A)"``, ``"5.1"``, or ``""`` where the source gives no
number) and the source's heading for it, as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge._data import DOCUMENTS, sections

_BASE = re.compile(r"^(\d+[A-Z]*)((?:\([0-9a-zA-Z]+\))*)$")


@dataclass(frozen=True, slots=True)
class Citation:
    document: str
    section: str
    heading: str

    def to_dict(self) -> dict[str, str]:
        return {"document": self.document, "section": self.section, "heading": self.heading}

    def label(self) -> str:
        """Short human form: ``s 7(2)`` for the ACT, ``5.1 Informal approach…`` otherwise."""
        if self.document == DOCUMENTS["ACT"]:
            return f"s {self.section}"
        if self.section:
            return f"{self.section} {self.heading}"
        return self.heading


class UnknownSection(KeyError):
    """A rule cited a section or heading the source does not have."""


@cache
def _index(document: str) -> dict[str, dict]:
    """label -> entry; unnumbered entries are keyed by their heading, prefixed with '#'."""
    out: dict[str, dict] = {}
    for entry in sections(document)["sections"]:
        key = entry["label"] if entry["label"] else "#" + entry["heading"]
        out[key] = entry
    return out


def split_label(section: str) -> tuple[str, str]:
    """``"8(2)(b)"`` -> ``("8", "(2)(b)")``; labels without parentheses come back whole."""
    m = _BASE.match(section)
    if m:
        return m.group(1), m.group(2)
    return section, ""


def lookup(document: str, section: str, heading: str | None = None) -> dict:
    """The index entry a citation points to, or raise :class:`UnknownSection`."""
    index = _index(document)
    if not section:
        if heading is None or "#" + heading not in index:
            raise UnknownSection(f"{document}: no unnumbered heading {heading!r}")
        return index["#" + heading]
    base, rest = split_label(section)
    entry = index.get(base) or index.get(section)
    if entry is None:
        raise UnknownSection(f"{document}: no section {section!r}")
    if rest and rest not in entry.get("provisions", ()):
        raise UnknownSection(f"{document}: section {base} has no provision {rest!r}")
    if heading is not None and heading != entry["heading"]:
        raise UnknownSection(f"{document}: section {section!r} is headed {entry['heading']!r}")
    return entry


@cache
def cite(document: str, section: str, heading: str | None = None) -> Citation:
    """A checked citation; the heading is taken from the section index when not given."""
    entry = lookup(document, section, heading)
    return Citation(document, section, entry["heading"])


@cache
def _table(document: str) -> dict[tuple[str, str | None], Citation]:
    """Every citation a source allows, prebuilt: (section, heading or None) -> Citation."""
    table: dict[tuple[str, str | None], Citation] = {}
    for entry in sections(document)["sections"]:
        label, heading = entry["label"], entry["heading"]
        for path in ["", *entry.get("provisions", ())] if label else [""]:
            c = Citation(document, label + path, heading)
            table[(c.section, heading)] = c
            if label:
                table[(c.section, None)] = c
    return table


_FAST: dict[tuple[str, str, str | None], Citation] = {}


def _fast(document: str, section: str, heading: str | None) -> Citation:
    """One dict lookup on the hot path; the first miss fills the table or explains the error."""
    try:
        return _FAST[(document, section, heading)]
    except KeyError:
        pass
    found = _table(document).get((section, heading)) or cite(document, section, heading)
    _FAST[(document, section, heading)] = found
    return found


def act(section: str) -> Citation:
    """An ACT-GPR-2007 citation by its label, e.g. ``act("7(2)")``."""
    try:
        return _FAST[("ACT-GPR-2007", section, None)]
    except KeyError:
        return _fast(DOCUMENTS["ACT"], section, None)


def qld(section: str, heading: str | None = None) -> Citation:
    """A QLD-ICT-SME citation: a numbered section, or ``""`` and the heading as printed."""
    try:
        return _FAST[("QLD-ICT-SME", section, heading)]
    except KeyError:
        return _fast(DOCUMENTS["QLD"], section, heading)


def cth(heading: str) -> Citation:
    """A CTH-DTA-ICT citation by the page's heading (the page has no numbers)."""
    try:
        return _FAST[("CTH-DTA-ICT", "", heading)]
    except KeyError:
        return _fast(DOCUMENTS["CTH"], "", heading)
