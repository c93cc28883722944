"""Rasa's ResponseSelector, run only on messages that may be FAQs (config.yml's FAQ selector).

Rasa runs the ResponseSelector on every message, though its answer is used only when the
message's intent is the retrieval intent (`faq`): `utter_faq` is the only action that reads it.
Measured with py-spy under 20 concurrent conversations (`make bench-chat`), the selector was
9% of the Rasa server's CPU, and its ranking of every FAQ answer went into each message's
event, which the server then sends to the action server with every action call and writes to
the tracker store.

This selector is Rasa's, trained the same way, but it selects an answer only for messages
whose intent ranking (from DIET, which runs before it) has the retrieval intent among its
first `TOP_INTENTS`. A message whose top intent is `faq` always gets an answer selected, so
the dialogue is unchanged; `rasa test nlu` scores a FAQ question that DIET did not rank near
`faq` as having no answer, which is what the assistant would do with it.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

TOP_INTENTS = 3


def may_be_faq(message: Message, retrieval_intent: str | None) -> bool:
    """Whether the retrieval intent is among the message's first TOP_INTENTS intents.

    With no ranking (no intent classifier ran) or no retrieval intent configured, the answer
    is yes: the selector then behaves exactly as Rasa's.
    """
    ranking: list[dict[str, Any]] = message.get(INTENT_RANKING_KEY) or []
    if not retrieval_intent or not ranking:
        return True
    top = ranking[:TOP_INTENTS]
    intent = message.get(INTENT) or {}
    names = {entry.get(INTENT_NAME_KEY) for entry in top} | {intent.get(INTENT_NAME_KEY)}
    return retrieval_intent in names


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqResponseSelector(ResponseSelector):
    """ResponseSelector that skips messages whose intent cannot be the retrieval intent."""

    def process(self, messages: list[Message]) -> list[Message]:
        candidates = [m for m in messages if may_be_faq(m, self.retrieval_intent)]
        if candidates:
            super().process(candidates)
        return messages
