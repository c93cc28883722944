"""What an answer looks like on each channel (pure: no Rasa here).

`answer_messages` returns the keyword arguments of one or more `dispatcher.utter_message`
calls. The default, for Rasa's REST channel (the web gateway, `make chat`, the tests), is the
answer as text with buttons plus the advice itself as a custom payload, which the web page
renders as cards and citation chips and other REST clients can ignore. Channels with richer
layouts (Slack Block Kit, Teams Adaptive Cards) register their own renderer in `RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actions.render import answer_text, buttons, ordered
from actions.render_slack import slack_answer
from actions.render_teams import teams_answer

Renderer = Callable[[dict[str, Any], dict[str, Any], str | None], list[dict[str, Any]]]


def default_answer(
    advice: dict[str, Any], facts: dict[str, Any], topic: str | None
) -> list[dict[str, Any]]:
    return [
        {
            "text": answer_text(advice, facts, topic),
            "buttons": buttons(advice),
            "json_message": {
                "advice": advice,
                "order": [d["topic"] for d in ordered(advice, topic)],
            },
        }
    ]


#: Input channel name (as Rasa reports it) -> renderer; anything else gets `default_answer`.
#: The names are the connectors' (bot/channels/slack.py, bot/channels/teams.py).
RENDERERS: dict[str, Renderer] = {
    "slack": slack_answer,
    "teams": teams_answer,
}


def answer_messages(
    channel: str | None, advice: dict[str, Any], facts: dict[str, Any], topic: str | None
) -> list[dict[str, Any]]:
    return RENDERERS.get(channel or "", default_answer)(advice, facts, topic)
