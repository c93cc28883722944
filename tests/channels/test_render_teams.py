"""Teams Adaptive Card rendering: every answer of the grid is a card Teams takes, and says it all."""

from __future__ import annotations

import pytest

from actions.figures import headline, shown
from actions.render import buttons, question_buttons
from actions.render_teams import question_card, teams_answer
from knowledge import _data, assess
from tests.channels.adaptive import card_text, problems, submits
from tests.channels.conftest import TOPICS


def _card(advice, facts, topic):
    [message] = teams_answer(advice, facts, topic)
    return message["json_message"]


def test_every_answer_of_the_grid_is_a_card_teams_accepts(advice_grid):
    for facts, advice in advice_grid:
        for topic in TOPICS:
            message = _card(advice, facts, topic)
            assert problems(message) == [], (facts, topic, problems(message))


def test_the_card_leads_with_the_answer_and_shows_every_citation_and_next_question(advice_grid):
    for facts, advice in advice_grid:
        message = _card(advice, facts, None)
        card = message["attachments"][0]["content"]
        assert card["body"][0]["text"] == headline(advice, None) == message["summary"]
        text = card_text(card)
        for d in shown(advice, None):
            for c in d["citations"]:
                assert c["document"] in text and (c["section"] or c["heading"]) in text
        assert [(a["title"], a["data"]) for a in submits(card)] == [
            (b["title"], {"reply": b["payload"]}) for b in buttons(advice)
        ]
        for m in advice["missing"]:
            assert m["question"] in text
        for o in advice["out_of_scope"]:
            assert o["reason"] in text


def test_key_figures_are_a_factset():
    facts = {"jurisdiction": "QLD", "ict": True, "value": 95_000, "value_includes_gst": False}
    card = _card(assess(facts), facts, None)["attachments"][0]["content"]
    facts_shown = [
        (f["title"], f["value"])
        for c in card["body"]
        for item in c.get("items", [])
        for f in item.get("facts", [])
    ]
    assert ("Value incl. GST", "$104,500") in facts_shown
    assert card["body"][1]["text"] == (
        "For Queensland Government ICT, $95,000 ex GST, which is $104,500 incl. GST"
    )


@pytest.mark.parametrize("fact", list(_data.questions()["facts"]))
def test_every_question_with_buttons_is_a_card_of_submits(fact):
    question = _data.questions()["facts"][fact]["question"]
    choices = question_buttons(fact)
    card = question_card(question, choices)
    message = {
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": card}]
    }
    assert problems(message) == []
    assert card["body"][0]["text"] == question
    assert [a["data"]["reply"] for a in submits(card)] == [c["payload"] for c in choices]
    if len(choices) > 6:
        assert "actions" not in card
        assert all(len(e["actions"]) <= 5 for e in card["body"] if e["type"] == "ActionSet")
