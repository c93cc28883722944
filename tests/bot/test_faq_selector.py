"""The FAQ selector (bot/nlp/faq_selector.py): Rasa's ResponseSelector, run only on messages
that may be FAQs."""

from __future__ import annotations

import asyncio

import pytest

from tests.live import MODEL, require_model

pytest.importorskip("rasa", reason="the Rasa server installs with the assistant")
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Slot auto-fill has been removed:UserWarning"),
]


@pytest.fixture(scope="module")
def selector():
    # Imported here, not at module level: importing Rasa's NLU imports TensorFlow, whose
    # import-time deprecation warnings the marks above ignore only inside tests.
    from bot.nlp import faq_selector

    return faq_selector


def _message(*names: str):
    from rasa.shared.nlu.training_data.message import Message

    ranking = [{"name": n, "confidence": 1 / (i + 1)} for i, n in enumerate(names)]
    data = {"text": "x", "intent_ranking": ranking}
    if ranking:
        data["intent"] = ranking[0]
    return Message(data=data)


def test_faq_as_the_top_intent_is_a_candidate(selector):
    assert selector.may_be_faq(_message("faq", "inform", "greet"), "faq")


def test_faq_among_the_first_intents_is_a_candidate(selector):
    names = ["inform", "greet", "thank", "deny", "affirm"]
    names.insert(selector.TOP_INTENTS - 1, "faq")
    assert selector.may_be_faq(_message(*names), "faq")


def test_faq_further_down_is_not(selector):
    names = ["inform", "greet", "thank", "deny", "affirm"]
    names.insert(selector.TOP_INTENTS, "faq")
    assert not selector.may_be_faq(_message(*names), "faq")


def test_no_ranking_or_no_retrieval_intent_runs_as_rasa_does(selector):
    assert selector.may_be_faq(_message(), "faq")
    assert selector.may_be_faq(_message("inform", "greet", "thank", "deny"), None)


@pytest.fixture(scope="module")
def parse():
    require_model()
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))
    return lambda text: asyncio.run(agent.parse_message(text))


def test_the_model_selects_an_answer_for_a_faq(parse):
    parsed = parse("what is a limited tender?")
    assert parsed["intent"]["name"] == "faq"
    selected = parsed["response_selector"]["faq"]["response"]
    assert selected["intent_response_key"] == "faq/what_is_limited_tender"


def test_the_model_selects_nothing_for_a_procurement_question(parse):
    parsed = parse("ACT agency, $60k of furniture, how many quotes?")
    assert parsed["intent"]["name"] != "faq"
    assert "response_selector" not in parsed
