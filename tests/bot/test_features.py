"""The regex features DIET reads (data/nlu/features.yml), generated from knowledge's vocabulary."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.nlp import features


def _regexes(name: str) -> list[re.Pattern]:
    data = yaml.safe_load(features.DEFAULT_OUT.read_text(encoding="utf-8"))
    (entry,) = [e for e in data["nlu"] if e.get("regex") == name]
    return [re.compile(line[2:]) for line in entry["examples"].splitlines() if line.strip()]


def _matches(name: str, text: str) -> bool:
    return any(r.search(text) for r in _regexes(name))


def test_the_checked_in_file_is_what_the_vocabulary_generates():
    assert features.main(["--check"]) == 0, "run: python -m bot.nlp.features"


@pytest.mark.parametrize(
    "text",
    [
        "how many quotes for the NSW government?",
        "what about Victoria?",
        "Victorian thresholds?",
        "does Tasmania have a set-aside scheme?",
        "what are the rules in WA?",
        "NT gov quotes for 50k?",
        "south australian procurement",
        "what about New Zealand government procurement?",
        "Brisbane City Council tender thresholds?",
        "our council wants to buy a truck",
    ],
)
def test_other_governments_share_one_feature(text):
    assert _matches("other_government", text)
    assert not _matches("covered_government", text)


@pytest.mark.parametrize(
    "text",
    ["ACT agency, $60k of furniture", "Qld ICT", "Queensland Government", "federal agency", "Cth"],
)
def test_covered_governments_share_another(text):
    assert _matches("covered_government", text)
    assert not _matches("other_government", text)


@pytest.mark.parametrize(
    "text",
    [
        "how many quotes do we need?",
        "we need to act fast",
        "is this a contract?",
        "the usage is high",
        "was it sent?",
        "visa application",
        "a tasty lunch",
        "canvas bags",
    ],
)
def test_ordinary_words_name_no_government(text):
    assert not _matches("other_government", text)
    assert not _matches("covered_government", text)
