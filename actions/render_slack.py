"""Advice and questions as Slack Block Kit messages (pure: no Rasa or Slack SDK here).

An answer is one message: a header with the answer in a line, the facts read back, a section
per determination (its summary, its key figures as fields, its citations in a context block),
what is still open or out of scope, the disclaimer, and buttons for the next questions. Every
block keeps within Slack's limits (https://api.slack.com/reference/block-kit/blocks); the text
fallback is what notifications and screen readers use.

The Slack connector (`bot/channels/slack.py`) renders questions with buttons through
`question_message`, so the form's questions look the same as the answers' buttons.
"""

from __future__ import annotations

from typing import Any

from actions.figures import citation_lines, clip, headline, key_figures, shown, title
from actions.render import DISCLAIMER, answer_text, buttons, read_back, topic_title

MAX_BLOCKS = 50
MAX_HEADER = 150
MAX_SECTION_TEXT = 3000
MAX_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_CONTEXT_TEXT = 2000
MAX_ACTIONS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK = 3000
#: The blocks every answer ends with: out of scope, still open, disclaimer, buttons.
TAIL_BLOCKS = 4


def escape(text: str) -> str:
    """Slack's mrkdwn escapes: only &, < and > (https://api.slack.com/reference/surfaces/formatting)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mrkdwn(text: str, limit: int = MAX_SECTION_TEXT) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, limit)}


def section(text: str, fields: list[tuple[str, str]] = ()) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "section", "text": mrkdwn(text)}
    if fields:
        block["fields"] = [
            mrkdwn(f"*{escape(label)}*\n{escape(value)}", MAX_FIELD_TEXT)
            for label, value in fields[:MAX_FIELDS]
        ]
    return block


def context(lines: list[str]) -> dict[str, Any]:
    """A context block, one element a line; lines past the tenth share the last element."""
    head = lines[: MAX_CONTEXT_ELEMENTS - 1]
    rest = lines[MAX_CONTEXT_ELEMENTS - 1 :]
    if rest:
        head.append(" · ".join(rest))
    return {
        "type": "context",
        "elements": [mrkdwn(escape(line), MAX_CONTEXT_TEXT) for line in head],
    }


def actions(choices: list[dict[str, str]], prefix: str) -> list[dict[str, Any]]:
    """Buttons, 25 to an actions block; each action_id unique within the message."""
    out = []
    for start in range(0, len(choices), MAX_ACTIONS):
        elements = [
            {
                "type": "button",
                "action_id": f"{prefix}_{start + i}",
                "text": {"type": "plain_text", "text": clip(b["title"], MAX_BUTTON_TEXT)},
                "value": b["payload"][:MAX_BUTTON_VALUE],
            }
            for i, b in enumerate(choices[start : start + MAX_ACTIONS])
        ]
        out.append({"type": "actions", "elements": elements})
    return out


def _determination(d: dict[str, Any]) -> list[dict[str, Any]]:
    text = f"*{escape(title(d))}*\n{escape(' '.join(d['summary'].split()))}"
    return [section(text, key_figures(d)), context(citation_lines(d))]


def advice_blocks(
    advice: dict[str, Any], facts: dict[str, Any], topic: str | None
) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {"type": "plain_text", "text": headline(advice, topic, MAX_HEADER) or "Answer"},
        }
    ]
    head = read_back(facts, advice)
    if head:
        blocks.append(context([f"For {head}"]))
    dets = shown(advice, topic)
    room = MAX_BLOCKS - len(blocks) - TAIL_BLOCKS - 2  # - 2: a divider, and "Also" if needed
    for i, d in enumerate(dets):
        if len(_determination(d)) > room:
            rest = ", ".join(title(x) for x in dets[i:])
            blocks.append(section(f"*Also*: {escape(rest)} (ask 'why?' for the sections)."))
            break
        if i == 1:
            blocks.append({"type": "divider"})
        blocks += _determination(d)
        room -= 2
    if advice["out_of_scope"]:
        lines = [f"• {o['reason']} {o.get('referral', '')}".strip() for o in advice["out_of_scope"]]
        blocks.append(section("*Not settled by the sources*\n" + escape("\n".join(lines))))
    if advice["missing"]:
        lines = []
        for m in advice["missing"]:
            topics = ", ".join(topic_title(t).lower() for t in m.get("needed_for", ()))
            lines.append(f"• {m['question']}" + (f" ({topics})" if topics else ""))
        blocks.append(section("*Still open*\n" + escape("\n".join(lines))))
    ruleset = advice.get("ruleset", {})
    blocks.append(
        context([f"{DISCLAIMER} Ruleset {ruleset.get('version', '?')}, as of {advice['as_of']}."])
    )
    blocks += actions(buttons(advice), "advisor_next")
    return blocks


def slack_answer(
    advice: dict[str, Any], facts: dict[str, Any], topic: str | None
) -> list[dict[str, Any]]:
    """The renderer registered for Slack in actions/channels.py: one Block Kit message."""
    message = {
        "text": clip(escape(answer_text(advice, facts, topic)), MAX_FALLBACK),
        "blocks": advice_blocks(advice, facts, topic),
    }
    return [{"json_message": message}]


def question_message(text: str, choices: list[dict[str, str]]) -> dict[str, Any]:
    """A question with buttons: its text in sections (3,000 characters each), then buttons."""
    text = escape(text.strip())
    parts = [text[i : i + MAX_SECTION_TEXT] for i in range(0, len(text), MAX_SECTION_TEXT)]
    blocks = [{"type": "section", "text": mrkdwn(p)} for p in parts[: MAX_BLOCKS - 2]]
    blocks += actions(choices, "advisor_choice")[: MAX_BLOCKS - len(blocks)]
    return {"text": clip(text, MAX_FALLBACK) or "(no text)", "blocks": blocks}
