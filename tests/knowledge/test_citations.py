"""Every determination cites its source, and every citation exists in that source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from knowledge import assess
from knowledge._data import DOCUMENTS, sections
from knowledge.citations import lookup
from knowledge.params import parameters
from tests.knowledge.grid import all_facts

SOURCE_FILES = {
    "CTH-DTA-ICT": "000_b0576522ce745326.txt",
    "ACT-GPR-2007": "001_d8624a146b940533.txt",
    "QLD-ICT-SME": "002_d11aa32cbb5b1c2a.txt",
}


def _sources_dir() -> Path | None:
    env = os.environ.get("PROCUREMENT_SOURCES")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "sources" for p in here.parents[:4]]
    return next((p for p in candidates if (p / SOURCE_FILES["ACT-GPR-2007"]).is_file()), None)


ADVICE = [assess(f) for f in all_facts()]


def test_the_grid_is_broad():
    topics = {d["topic"] for a in ADVICE for d in a["determinations"]}
    assert len(ADVICE) > 500
    assert {
        "quotations",
        "advertising",
        "exemption",
        "notifiable_contract",
        "set_aside",
        "sme_weighting",
        "panel",
        "secure_local_jobs_code",
        "board_review",
    } <= topics


@pytest.mark.parametrize("advice", ADVICE, ids=lambda a: a["jurisdiction"] or "none")
def test_every_determination_cites_a_section_that_exists(advice):
    for d in advice["determinations"]:
        assert d["citations"], f"{d['topic']} has no citation"
        assert d["summary"].strip()
        for c in d["citations"]:
            entry = lookup(c["document"], c["section"], c["heading"])
            assert entry["heading"] == c["heading"]


def test_every_parameter_cites_its_provision():
    for jurisdiction, document in DOCUMENTS.items():
        for name, p in parameters(jurisdiction).items():
            assert p.citation.document == document, name
            lookup(document, p.citation.section, p.citation.heading)
            assert p.values, f"{name} has no dated value"


def test_an_unknown_section_is_refused():
    from knowledge.citations import UnknownSection

    for doc, section, heading in [
        ("ACT-GPR-2007", "7(3)", None),
        ("ACT-GPR-2007", "99", None),
        ("ACT-GPR-2007", "7(2)", "Open tender procurement"),
        ("QLD-ICT-SME", "5.3", None),
        ("QLD-ICT-SME", "", "Set asides"),
        ("CTH-DTA-ICT", "", "Panels"),
    ]:
        with pytest.raises(UnknownSection):
            lookup(doc, section, heading)


@pytest.mark.parametrize("document", list(SOURCE_FILES))
def test_the_section_index_matches_the_source_text(document):
    folder = _sources_dir()
    if folder is None:
        pytest.skip(
            "the source documents (shared/sources) are not beside this checkout; "
            "set PROCUREMENT_SOURCES to their folder to check the index against them"
        )
    text = (folder / SOURCE_FILES[document]).read_text(encoding="utf-8")
    index = sections(document)
    assert index["document"] == document
    for entry in index["sections"]:
        assert entry["heading"] in text, entry["heading"]
        for path in entry.get("provisions", []):
            leaf = path[path.rfind("(") :]
            assert leaf in text, (entry["label"], path)
