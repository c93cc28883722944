"""How exactly the assistant reads amounts: the NLU examples' annotated values against what it reads.

    python -m bot.nlp.amount_accuracy [--data data/nlu] [--spacy models/spacy/procurement_en]
                                      [--config config.yml] [--json FILE]

The amounts in `data/nlu/*.yml` are annotated in Rasa's entity syntax with their exact value,
`[$60k]{"entity": "amount", "value": "60000"}`. The annotation marks the procurement's value:
what the assistant should put in the `value` slot. Money that is not that value is left
unannotated: a threshold named in a question ("is the $30k set-aside ..."), a figure being
corrected ("80k not 800k"), the parts of an offer, and bounds ("under 25k"), which the parser
refuses on purpose (a threshold may sit exactly there). An example has at most one annotation.

Each example is read as the running assistant reads it: the project's spaCy pipeline gives the
entities Rasa's `SpacyEntityExtractor` reports (the text of each span, for the dimensions in
`config.yml`), and `actions.extract.extract` (the code `action_validate_slot_mappings` runs
after every message) reads the facts from the text and those entities, with no question
pending. Two figures:

- **read by the assistant** (the goal, 0.98 or more): the `value` slot equals the annotated
  value exactly. An example with an amount is wrong when nothing, or another figure, is read
  (a stray second amount makes the parser refuse, which is wrong too). Examples without an
  annotation are scored apart: any value read from them is a spurious amount.
- **found by the entity ruler**: the ruler labels exactly the annotated span `amount`, and
  `knowledge.parse.parse_amount` reads the annotated value from it. Rasa passes these entities
  on; the dialogue reads the value from the whole text, so this figure is the ruler's own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actions.extract import extract
from knowledge.parse import ParseError, parse_amount

GOAL = 0.98
DEFAULT_DATA = Path("data/nlu")
DEFAULT_SPACY = Path("models/spacy/procurement_en")
DEFAULT_CONFIG = Path("config.yml")
ENTITY = "amount"


@dataclass(frozen=True)
class Example:
    """One NLU example: its plain text and the annotated amount (None when it has none)."""

    source: str
    intent: str
    text: str
    value: float | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Reading:
    """What the assistant and the ruler read from one example."""

    example: Example
    value: float | None
    ruler: tuple[tuple[int, int, str, float | None], ...]
    problem: str | None

    @property
    def assistant_right(self) -> bool:
        return self.value == self.example.value

    @property
    def ruler_right(self) -> bool:
        span, value = self.example.span, self.example.value
        return any((start, end) == span and read == value for start, end, _, read in self.ruler)


@dataclass
class Report:
    readings: list[Reading] = field(default_factory=list)

    @property
    def with_amount(self) -> list[Reading]:
        return [r for r in self.readings if r.example.value is not None]

    @property
    def without_amount(self) -> list[Reading]:
        return [r for r in self.readings if r.example.value is None]

    @property
    def assistant_accuracy(self) -> float:
        return _share(r.assistant_right for r in self.with_amount)

    @property
    def ruler_accuracy(self) -> float:
        return _share(r.ruler_right for r in self.with_amount)

    @property
    def spurious(self) -> list[Reading]:
        return [r for r in self.without_amount if r.value is not None]

    def summary(self) -> dict[str, Any]:
        return {
            "examples": len(self.readings),
            "with_amount": len(self.with_amount),
            "assistant_accuracy": self.assistant_accuracy,
            "ruler_accuracy": self.ruler_accuracy,
            "without_amount": len(self.without_amount),
            "spurious": len(self.spurious),
            "goal": GOAL,
        }


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def _number(raw: Any, where: str) -> float:
    try:
        value = float(str(raw))
    except ValueError:
        raise ValueError(f"{where}: amount value {raw!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{where}: amount value {raw!r} is not a number")
    return value


def examples(paths: Iterable[Path]) -> list[Example]:
    """The intent examples of the Rasa NLU files, read by Rasa's own YAML reader."""
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    found: list[Example] = []
    for path in sorted(paths):
        for message in RasaYAMLReader().read(path).intent_examples:
            text = message.get("text")
            where = f"{path.name}: {text!r}"
            amounts = [e for e in message.get("entities") or [] if e.get("entity") == ENTITY]
            if len(amounts) > 1:
                raise ValueError(f"{where}: more than one amount annotated (annotate the value)")
            if not amounts:
                found.append(Example(path.name, message.get("intent"), text))
                continue
            entity = amounts[0]
            found.append(
                Example(
                    path.name,
                    message.get("intent"),
                    text,
                    _number(entity["value"], where),
                    (entity["start"], entity["end"]),
                )
            )
    return found


def nlu_files(data: Path) -> list[Path]:
    return sorted(data.glob("*.yml")) if data.is_dir() else [data]


def dimensions(config: Path) -> list[str] | None:
    """The entity labels `SpacyEntityExtractor` passes on, as configured (None: all)."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8")).get("pipeline") or []
    for step in pipeline:
        if step.get("name") == "SpacyEntityExtractor":
            return step.get("dimensions")
    raise ValueError(f"{config} has no SpacyEntityExtractor: the assistant would get no entities")


def rasa_entities(doc: Any, labels: Sequence[str] | None) -> list[dict[str, Any]]:
    """The entities as Rasa's SpacyEntityExtractor reports them (its `_extract_entities`)."""
    return [
        {
            "entity": ent.label_,
            "value": ent.text,
            "start": ent.start_char,
            "confidence": None,
            "end": ent.end_char,
            "extractor": "SpacyEntityExtractor",
        }
        for ent in doc.ents
        if labels is None or ent.label_ in labels
    ]


def _parsed(text: str) -> float | None:
    try:
        return parse_amount(text).value
    except ParseError:
        return None


def read(nlp: Any, example: Example, labels: Sequence[str] | None) -> Reading:
    doc = nlp(example.text)
    entities = rasa_entities(doc, labels)
    found = extract(example.text, entities=entities)
    ruler = tuple(
        (e["start"], e["end"], e["value"], _parsed(e["value"]))
        for e in entities
        if e["entity"] == ENTITY
    )
    return Reading(example, found.slots.get("value"), ruler, found.problem)


def measure(nlp: Any, items: Iterable[Example], labels: Sequence[str] | None) -> Report:
    return Report([read(nlp, example, labels) for example in items])


def _money(value: float | None) -> str:
    if value is None:
        return "nothing"
    return f"${value:,.2f}".removesuffix(".00")


def _misses(report: Report) -> list[str]:
    lines = []
    for r in report.with_amount:
        if not r.assistant_right:
            why = f" ({r.problem})" if r.problem else ""
            lines.append(
                f"  assistant: {r.example.text!r} ({r.example.source}): read "
                f"{_money(r.value)}, annotated {_money(r.example.value)}{why}"
            )
    for r in report.spurious:
        lines.append(
            f"  spurious: {r.example.text!r} ({r.example.source}): read {_money(r.value)}, "
            "annotated no amount"
        )
    for r in report.with_amount:
        if not r.ruler_right:
            spans = ", ".join(f"{t!r} = {_money(v)}" for _, _, t, v in r.ruler) or "no amount"
            start, end = r.example.span or (0, 0)
            lines.append(
                f"  ruler: {r.example.text!r} ({r.example.source}): found {spans}; annotated "
                f"{r.example.text[start:end]!r} = {_money(r.example.value)}"
            )
    return lines


def render(report: Report) -> str:
    s = report.summary()
    right = sum(r.assistant_right for r in report.with_amount)
    ruler = sum(r.ruler_right for r in report.with_amount)
    lines = [
        f"amount exact-value accuracy {s['assistant_accuracy']:.3f} ({right}/{s['with_amount']} "
        f"annotated examples read right by the assistant; goal {GOAL}); entity ruler "
        f"{s['ruler_accuracy']:.3f} ({ruler}/{s['with_amount']}); spurious amounts "
        f"{s['spurious']}/{s['without_amount']} examples without one"
    ]
    misses = _misses(report)
    return "\n".join(lines + (["misses:", *misses] if misses else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.nlp.amount_accuracy",
        description="Exact-value accuracy of the amounts annotated in the NLU data.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NLU file or folder")
    parser.add_argument("--spacy", type=Path, default=DEFAULT_SPACY, help="spaCy pipeline")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="Rasa config")
    parser.add_argument("--json", type=Path, help="also write the figures and misses here")
    args = parser.parse_args(argv)
    import spacy

    try:
        items = examples(nlu_files(args.data))
        labels = dimensions(args.config)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        nlp = spacy.load(args.spacy)
    except OSError:
        print(f"error: no spaCy pipeline at {args.spacy} (run `make spacy`)", file=sys.stderr)
        return 2
    report = measure(nlp, items, labels)
    print(render(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            **report.summary(),
            "misses": _misses(report),
            "readings": [
                {**asdict(r.example), "read": r.value, "ruler": r.ruler, "problem": r.problem}
                for r in report.readings
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
