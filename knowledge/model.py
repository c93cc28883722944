"""The advice's parts: determinations, missing facts, and what the sources do not settle."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.citations import Citation


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


@dataclass(slots=True)
class Determination:
    """One answer on one topic, with the provisions it comes from.

    ``fields`` are the topic's contract fields; ``informational`` names those that describe
    rather than decide (an amount read back, a headcount), which are left out when working out
    whether a fact would change the answer.
    """

    topic: str
    summary: str
    citations: tuple[Citation, ...]
    fields: dict[str, Any] = field(default_factory=dict)
    informational: frozenset[str] = frozenset()

    def key(self) -> tuple:
        decisive = {k: v for k, v in self.fields.items() if k not in self.informational}
        return ("d", self.topic, _freeze(decisive))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"topic": self.topic, "summary": self.summary}
        out.update(self.fields)
        out["citations"] = [
            {"document": c.document, "section": c.section, "heading": c.heading}
            for c in self.citations
        ]
        return out


@dataclass(frozen=True, slots=True)
class OutOfScope:
    """Something the sources do not settle, with whom to ask instead."""

    code: str
    reason: str
    referral: str

    def key(self) -> tuple:
        return ("o", self.code)

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "referral": self.referral}


@dataclass(frozen=True, slots=True)
class Missing:
    fact: str
    question: str
    reason: str
    needed_for: tuple[str, ...] = ()  # the topics whose answer turns on this fact

    def to_dict(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "question": self.question,
            "reason": self.reason,
            "needed_for": list(self.needed_for),
        }


Item = Determination | OutOfScope
