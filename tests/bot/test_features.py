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


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("money", "$60k of furniture"),
        ("money", "60k"),
        ("money", "1.2 mil"),
        ("money", "two hundred grand"),
        ("money", "25,000 for chairs"),
        ("money", "a 45000 contract"),
        ("money", "AUD 900"),
        ("need", "which panel for cloud hosting?"),
        ("need", "laptops for the field team"),
        ("industry", "it's a cleaning contract"),
        ("place", "an IT firm in Townsville"),
        ("headcount", "120 staff and 40 contractors"),
        ("gst", "$95k ex GST"),
        ("fact_cue", "under an existing standing offer"),
        ("topic_cue", "is it a notifiable contract?"),
        ("cue_greeting", "G'day"),
        ("cue_farewell", "ciao for now"),
        ("cue_thanks", "cheers mate"),
        ("cue_agreement", "righto"),
        ("cue_refusal", "nup"),
        ("cue_why", "show me the section"),
        ("cue_person", "can I talk to a real person?"),
        ("cue_start_again", "start over"),
        ("cue_correction", "sorry, I meant $600k"),
        ("cue_record", "can I get a PDF of that?"),
        ("cue_help", "what can you do?"),
        ("cue_unrelated", "what's the weather like in Brisbane?"),
        ("cue_task", "draft a contract for the supplier"),
    ],
)
def test_each_kind_of_word_has_its_feature(name, text):
    assert _matches(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("money", "how many quotes for 3 suppliers?"),
        ("money", "section 7(2)"),
        ("money", "s 12AB"),
        ("money", "120 staff"),
        ("cue_farewell", "that's ballpark"),
        ("cue_greeting", "this is high value"),
        ("cue_refusal", "a notifiable contract"),
        ("cue_agreement", "how many quotes?"),
        ("place", "the sale of goods"),
        ("cue_unrelated", "which panel for laptops and printers?"),
    ],
)
def test_words_inside_other_words_are_no_feature(name, text):
    assert not _matches(name, text)


def test_every_lexicon_group_is_a_feature():
    lexicon = yaml.safe_load(features.LEXICON.read_text(encoding="utf-8"))
    names = set(features.features())
    assert {f"cue_{group}" for group in lexicon if group != "version"} <= names
