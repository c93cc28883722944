"""Slack Block Kit rendering: every answer of the grid keeps within Slack's limits and says it all."""

from __future__ import annotations

import copy
import json

import pytest

from actions.channels import answer_messages, default_answer
from actions.figures import headline, shown
from actions.render import buttons, question_buttons
from actions.render_slack import advice_blocks, escape, question_message, slack_answer
from knowledge import _data
from tests.channels.blockkit import problems
from tests.channels.conftest import TOPICS


def _message(advice, facts, topic):
    [message] = slack_answer(advice, facts, topic)
    assert set(message) == {"json_message"}
    return message["json_message"]


def test_every_answer_of_the_grid_keeps_within_slacks_block_limits(advice_grid):
    checked = 0
    for facts, advice in advice_grid:
        for topic in TOPICS:
            message = _message(advice, facts, topic)
            assert problems(message) == [], (facts, topic, problems(message))
            checked += 1
    assert checked > 3500


def test_the_header_is_the_answer_and_every_citation_and_next_question_is_there(advice_grid):
    for facts, advice in advice_grid:
        message = _message(advice, facts, None)
        blocks = message["blocks"]
        assert blocks[0]["type"] == "header"
        assert blocks[0]["text"]["text"] == headline(advice, None)
        context = " ".join(
            e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]
        )
        for d in shown(advice, None):
            for c in d["citations"]:
                assert escape(c["document"]) in context, (facts, c)
                assert escape(c["section"] or c["heading"]) in context, (facts, c)
        [actions] = [b for b in blocks if b["type"] == "actions"]
        assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == [
            (b["title"], b["payload"]) for b in buttons(advice)
        ]
        assert "not legal advice" in context


def test_key_figures_are_section_fields():
    from knowledge import assess

    facts = {"jurisdiction": "ACT", "value": 60_000, "as_of": "2026-11-22"}
    blocks = advice_blocks(assess(facts), facts, "quotations")
    assert blocks[0]["text"]["text"] == "Seek at least 3 written quotations from suppliers"
    assert blocks[1]["elements"][0]["text"] == "For ACT Government, $60,000"
    lead = blocks[2]
    assert lead["text"]["text"].startswith("*Quotations and tenders*\nSeek at least 3")
    assert {f["text"] for f in lead["fields"]} >= {
        "*Method*\nlimited tender",
        "*Written quotations*\nat least 3",
    }
    cites = [e["text"] for e in blocks[3]["elements"]]
    assert "ACT-GPR-2007 s 7(2): Limited tender procurement" in cites


def test_an_answer_with_more_than_slack_can_show_is_cut_to_fifty_blocks_and_says_what_is_left(
    advice_grid,
):
    facts, advice = max(advice_grid, key=lambda fa: len(fa[1]["determinations"]))
    big = copy.deepcopy(advice)
    template = big["determinations"][0]
    big["determinations"] = [
        {
            **copy.deepcopy(template),
            "topic": f"topic_{i}",
            "summary": "A very long summary & <more> " * 300,
            "citations": template["citations"] * 5,
        }
        for i in range(40)
    ]
    big["missing"] = [
        {"fact": "value", "question": "What is it? " * 400, "needed_for": ["quotations"]}
    ] * 3
    big["out_of_scope"] = [{"reason": "Far away. " * 400, "referral": "Ask them."}] * 3
    message = _message(big, facts, None)
    assert problems(message) == []
    assert len(message["blocks"]) <= 50
    sections = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    also = [t for t in sections if t.startswith("*Also*: ")]
    assert len(also) == 1 and "Topic 39" in also[0]
    shown_topics = sum(t.startswith("*Topic ") for t in sections)
    assert f"*Also*: Topic {shown_topics}," in also[0]
    mrkdwn = json.dumps([b for b in message["blocks"] if b["type"] != "header"])
    assert "&lt;more&gt;" in mrkdwn
    assert "<more>" not in mrkdwn


@pytest.mark.parametrize("fact", list(_data.questions()["facts"]))
def test_every_question_with_buttons_keeps_within_the_limits(fact):
    question = _data.questions()["facts"][fact]["question"]
    choices = question_buttons(fact)
    message = question_message(question, choices)
    assert problems(message) == []
    values = [
        e["value"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert values == [c["payload"] for c in choices]


def test_a_long_question_with_many_buttons_is_split_not_refused():
    choices = [{"title": f"Choice number {i} " * 10, "payload": f"choice {i}"} for i in range(60)]
    message = question_message("Which one? " * 800, choices)
    assert problems(message) == []
    actions = [b for b in message["blocks"] if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 25, 10]
    sections = [b for b in message["blocks"] if b["type"] == "section"]
    assert len(sections) == 3


def test_slack_and_teams_have_renderers_and_the_rest_keep_the_default():
    from knowledge import assess

    facts = {"jurisdiction": "ACT", "value": 60_000}
    advice = assess(facts)
    slack = answer_messages("slack", advice, facts, None)
    assert slack == slack_answer(advice, facts, None)
    teams = answer_messages("teams", advice, facts, None)
    assert teams[0]["json_message"]["attachments"][0]["contentType"].endswith("adaptive")
    assert answer_messages("rest", advice, facts, None) == default_answer(advice, facts, None)
    assert answer_messages(None, advice, facts, None) == default_answer(advice, facts, None)
