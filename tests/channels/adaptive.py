"""What Teams accepts of an Adaptive Card, as a checker: `problems(attachment)`.

Adaptive Cards 1.4 elements the renderer uses (TextBlock, Container, FactSet, ActionSet) with
their required properties; Action.Submit with a title and object data carrying the reply;
at most 6 actions in the card's action bar (Teams' host config); the whole message at most
40 KB in UTF-16 (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages).
"""

from __future__ import annotations

import json
from typing import Any

from actions.render_teams import CARD_CONTENT_TYPE, REPLY_KEY

MAX_MESSAGE_BYTES = 40 * 1024


def _action(action: Any, where: str) -> list[str]:
    out = []
    if not isinstance(action, dict) or action.get("type") != "Action.Submit":
        return [f"{where}: not an Action.Submit"]
    if not isinstance(action.get("title"), str) or not action["title"].strip():
        out.append(f"{where}: no title")
    data = action.get("data")
    if not isinstance(data, dict) or not isinstance(data.get(REPLY_KEY), str):
        out.append(f"{where}: data carries no {REPLY_KEY!r}")
    return out


def _element(element: Any, where: str) -> list[str]:
    if not isinstance(element, dict):
        return [f"{where}: not an object"]
    kind = element.get("type")
    if kind == "TextBlock":
        if not isinstance(element.get("text"), str) or not element["text"].strip():
            return [f"{where}: empty TextBlock"]
        return [] if element.get("wrap") is True else [f"{where}: TextBlock does not wrap"]
    if kind == "Container":
        items = element.get("items")
        if not isinstance(items, list) or not items:
            return [f"{where}: empty Container"]
        return [p for i, item in enumerate(items) for p in _element(item, f"{where}.{i}")]
    if kind == "FactSet":
        facts = element.get("facts")
        if not isinstance(facts, list) or not facts:
            return [f"{where}: empty FactSet"]
        return [
            f"{where}: fact {i} needs a title and a value"
            for i, f in enumerate(facts)
            if not (
                isinstance(f.get("title"), str)
                and f["title"]
                and isinstance(f.get("value"), str)
                and f["value"]
            )
        ]
    if kind == "ActionSet":
        actions = element.get("actions")
        if not isinstance(actions, list) or not 1 <= len(actions) <= 6:
            return [f"{where}: ActionSet of {len(actions or [])} actions"]
        return [p for i, a in enumerate(actions) for p in _action(a, f"{where}.{i}")]
    return [f"{where}: unexpected element {kind!r}"]


def problems(message: dict[str, Any]) -> list[str]:
    """Problems of a reply activity's fields (as the connector sends them)."""
    out = []
    size = len(json.dumps(message, ensure_ascii=False).encode("utf-16-le"))
    if size > MAX_MESSAGE_BYTES:
        out.append(f"message is {size} bytes in UTF-16 (limit {MAX_MESSAGE_BYTES})")
    attachments = message.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return [*out, "expected one attachment"]
    [attachment] = attachments
    if attachment.get("contentType") != CARD_CONTENT_TYPE:
        out.append("not an Adaptive Card")
    card = attachment.get("content") or {}
    if card.get("type") != "AdaptiveCard" or card.get("version") != "1.4":
        out.append("not an AdaptiveCard 1.4")
    if not isinstance(card.get("fallbackText"), str) or not card["fallbackText"].strip():
        out.append("no fallbackText")
    body = card.get("body")
    if not isinstance(body, list) or not body:
        out.append("empty body")
    for i, element in enumerate(body or []):
        out += _element(element, f"body.{i}")
    actions = card.get("actions", [])
    if len(actions) > 6:
        out.append(f"{len(actions)} actions in the action bar (Teams shows 6)")
    for i, action in enumerate(actions):
        out += _action(action, f"actions.{i}")
    return out


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Submit of a card, in order (action bar and ActionSets)."""
    found = list(card.get("actions", []))
    for element in card.get("body", []):
        if element.get("type") == "ActionSet":
            found += element["actions"]
    return found


def card_text(card: dict[str, Any]) -> str:
    """All the text a card shows."""
    parts: list[str] = []

    def walk(element: dict[str, Any]) -> None:
        if element.get("type") == "TextBlock":
            parts.append(element["text"])
        for fact in element.get("facts", []):
            parts.append(f"{fact['title']}: {fact['value']}")
        for item in element.get("items", []):
            walk(item)

    for element in card.get("body", []):
        walk(element)
    return "\n".join(parts)
