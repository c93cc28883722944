"""Slack's Block Kit limits, as a checker: `problems(message)` lists every limit a message breaks.

From https://api.slack.com/reference/block-kit/blocks and .../composition-objects: at most 50
blocks in a message; a header's text is plain_text of at most 150 characters; a section has
text of at most 3,000 characters and/or at most 10 fields of at most 2,000 each; a context has
at most 10 elements; an actions block at most 25 elements; a button's text is plain_text of at
most 75 characters, its value at most 2,000, its action_id at most 255 and unique in the
message; block_ids at most 255 and unique; a message with blocks needs a `text` fallback.
"""

from __future__ import annotations

from typing import Any

TEXT_TYPES = {"plain_text", "mrkdwn"}


def _text(obj: Any, where: str, limit: int, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in TEXT_TYPES:
        return [f"{where}: not a text object: {obj!r}"]
    if plain_only and obj["type"] != "plain_text":
        return [f"{where}: must be plain_text"]
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{where}: empty text"]
    if len(text) > limit:
        return [f"{where}: {len(text)} characters (limit {limit})"]
    return []


def problems(message: dict[str, Any]) -> list[str]:
    out: list[str] = []
    blocks = message.get("blocks")
    fallback = message.get("text")
    if not isinstance(fallback, str) or not fallback.strip():
        out.append("no text fallback")
    if not isinstance(blocks, list) or not blocks:
        return [*out, "no blocks"]
    if len(blocks) > 50:
        out.append(f"{len(blocks)} blocks (limit 50)")
    action_ids: list[str] = []
    block_ids: list[str] = []
    for i, block in enumerate(blocks):
        where = f"block {i} ({block.get('type')})"
        if "block_id" in block:
            block_ids.append(block["block_id"])
            if len(block["block_id"]) > 255:
                out.append(f"{where}: block_id over 255")
        kind = block.get("type")
        if kind == "header":
            out += _text(block.get("text"), where, 150, plain_only=True)
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                out.append(f"{where}: neither text nor fields")
            if "text" in block:
                out += _text(block["text"], where, 3000)
            fields = block.get("fields", [])
            if len(fields) > 10:
                out.append(f"{where}: {len(fields)} fields (limit 10)")
            for j, field in enumerate(fields):
                out += _text(field, f"{where} field {j}", 2000)
        elif kind == "context":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 10:
                out.append(f"{where}: {len(elements)} elements (1 to 10)")
            for j, element in enumerate(elements):
                out += _text(element, f"{where} element {j}", 3000)
        elif kind == "actions":
            elements = block.get("elements", [])
            if not 1 <= len(elements) <= 25:
                out.append(f"{where}: {len(elements)} elements (1 to 25)")
            for j, button in enumerate(elements):
                at = f"{where} button {j}"
                if button.get("type") != "button":
                    out.append(f"{at}: not a button")
                out += _text(button.get("text"), at, 75, plain_only=True)
                value = button.get("value", "")
                if not isinstance(value, str) or len(value) > 2000:
                    out.append(f"{at}: value over 2000 characters")
                action_id = button.get("action_id")
                if not isinstance(action_id, str) or not 1 <= len(action_id) <= 255:
                    out.append(f"{at}: action_id missing or over 255")
                action_ids.append(action_id)
        elif kind != "divider":
            out.append(f"{where}: unexpected block type")
    if len(set(action_ids)) != len(action_ids):
        out.append("action_ids not unique")
    if len(set(block_ids)) != len(block_ids):
        out.append("block_ids not unique")
    return out
