"""Advice and questions as Microsoft Teams Adaptive Cards (pure: no Rasa here).

An answer is one card: the answer in a line, the facts read back, a container per
determination (summary, key figures as a FactSet, citations), what is still open or out of
scope, the disclaimer, and an `Action.Submit` per next question. A submit's data is
`{"reply": <payload>}`; the Teams connector (`bot/channels/teams.py`) reads it back as the
user's message, so pressing "Why?" is the same as typing it. Questions with buttons
(`question_card`) work the same way.

Adaptive Cards 1.4 (Teams supports it on desktop, web and mobile). Teams shows at most six
actions in a card's action bar, so more choices go into ActionSets of five in the body.
"""

from __future__ import annotations

from typing import Any

from actions.figures import citation_lines, clip, headline, key_figures, shown, title
from actions.render import DISCLAIMER, answer_text, buttons, read_back, topic_title

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"
#: The key in an Action.Submit's data that carries the user's answer.
REPLY_KEY = "reply"
MAX_CARD_ACTIONS = 6
ACTION_SET_SIZE = 5
MAX_TITLE = 60


def text_block(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def submit(choice: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "Action.Submit",
        "title": clip(choice["title"], MAX_TITLE),
        "data": {REPLY_KEY: choice["payload"]},
    }


def card(body: list[dict[str, Any]], choices: list[dict[str, str]], fallback: str) -> dict:
    content: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "msteams": {"width": "Full"},
        "fallbackText": fallback,
        "body": list(body),
    }
    if len(choices) <= MAX_CARD_ACTIONS:
        content["actions"] = [submit(c) for c in choices]
    else:
        for start in range(0, len(choices), ACTION_SET_SIZE):
            group = choices[start : start + ACTION_SET_SIZE]
            content["body"].append({"type": "ActionSet", "actions": [submit(c) for c in group]})
    return content


def attachment(content: dict[str, Any]) -> dict[str, Any]:
    return {"contentType": CARD_CONTENT_TYPE, "content": content}


def _determination(d: dict[str, Any], first: bool) -> dict[str, Any]:
    items = [
        text_block(title(d), weight="Bolder"),
        text_block(" ".join(d["summary"].split()), spacing="Small"),
    ]
    figures = key_figures(d)
    if figures:
        items.append({"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in figures]})
    items.append(text_block("; ".join(citation_lines(d)), isSubtle=True, size="Small"))
    return {"type": "Container", "separator": not first, "spacing": "Medium", "items": items}


def advice_card(advice: dict[str, Any], facts: dict[str, Any], topic: str | None) -> dict:
    body = [text_block(headline(advice, topic), size="Large", weight="Bolder")]
    head = read_back(facts, advice)
    if head:
        body.append(text_block(f"For {head}", isSubtle=True, spacing="None"))
    body += [_determination(d, i == 0) for i, d in enumerate(shown(advice, topic))]
    if advice["out_of_scope"]:
        lines = [f"- {o['reason']} {o.get('referral', '')}".strip() for o in advice["out_of_scope"]]
        body.append(text_block("Not settled by the sources", weight="Bolder", separator=True))
        body.append(text_block("\n".join(lines), spacing="Small"))
    if advice["missing"]:
        lines = []
        for m in advice["missing"]:
            topics = ", ".join(topic_title(t).lower() for t in m.get("needed_for", ()))
            lines.append(f"- {m['question']}" + (f" ({topics})" if topics else ""))
        body.append(text_block("Still open", weight="Bolder", separator=True))
        body.append(text_block("\n".join(lines), spacing="Small"))
    ruleset = advice.get("ruleset", {})
    body.append(
        text_block(
            f"{DISCLAIMER} Ruleset {ruleset.get('version', '?')}, as of {advice['as_of']}.",
            isSubtle=True,
            size="Small",
            separator=True,
        )
    )
    return card(body, buttons(advice), answer_text(advice, facts, topic))


def teams_answer(
    advice: dict[str, Any], facts: dict[str, Any], topic: str | None
) -> list[dict[str, Any]]:
    """The renderer registered for Teams in actions/channels.py: one Adaptive Card."""
    content = advice_card(advice, facts, topic)
    message = {"summary": headline(advice, topic), "attachments": [attachment(content)]}
    return [{"json_message": message}]


def question_card(text: str, choices: list[dict[str, str]]) -> dict[str, Any]:
    """A question with buttons: the text, then an Action.Submit per choice."""
    return card([text_block(text)], choices, text)
