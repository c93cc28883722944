"""The amounts annotated in the NLU data, read as the assistant reads them (bot/nlp/amount_accuracy.py).

Needs the spaCy pipeline (built here into a temporary directory) and Rasa's YAML reader, not a
trained model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip(
    "spacy",
    reason="spaCy is installed with the assistant's dependencies (make run / make test install it)",
)

from bot.nlp import amount_accuracy, spacy_pipeline  # noqa: E402

# Rasa's YAML reader validates with pykwalify, which loads its extensions with importlib's
# load_module() (a DeprecationWarning from Rasa's dependency, as in test_spacy_pipeline.py).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "nlu"
CONFIG = ROOT / "config.yml"


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return spacy.load(spacy_pipeline.build(tmp_path_factory.mktemp("spacy") / "procurement_en"))


@pytest.fixture(scope="module")
def report(nlp: Any) -> amount_accuracy.Report:
    items = amount_accuracy.examples(amount_accuracy.nlu_files(DATA))
    return amount_accuracy.measure(nlp, items, amount_accuracy.dimensions(CONFIG))


def test_the_data_annotates_enough_amounts(report: amount_accuracy.Report) -> None:
    assert len(report.with_amount) >= 250
    assert len({r.example.value for r in report.with_amount}) >= 80
    sources = {r.example.source for r in report.with_amount}
    assert {"act.yml", "qld.yml", "cth.yml", "corrections.yml"} <= sources


def test_the_assistant_reads_the_annotated_value(report: amount_accuracy.Report) -> None:
    assert report.assistant_accuracy >= amount_accuracy.GOAL, amount_accuracy.render(report)


def test_the_entity_ruler_finds_the_annotated_span_and_value(
    report: amount_accuracy.Report,
) -> None:
    assert report.ruler_accuracy >= amount_accuracy.GOAL, amount_accuracy.render(report)


def test_few_amounts_are_read_where_none_is_annotated(report: amount_accuracy.Report) -> None:
    share = len(report.spurious) / len(report.without_amount)
    assert share <= 1 - amount_accuracy.GOAL, amount_accuracy.render(report)


def _nlu(tmp_path: Path, *examples: str) -> Path:
    lines = "\n".join(f"      - {e}" for e in examples)
    path = tmp_path / "nlu.yml"
    path.write_text(
        f'version: "3.1"\nnlu:\n  - intent: inform\n    examples: |\n{lines}\n', encoding="utf-8"
    )
    return path


def _measure(nlp: Any, path: Path) -> amount_accuracy.Report:
    return amount_accuracy.measure(nlp, amount_accuracy.examples([path]), None)


def test_scoring(nlp: Any, tmp_path: Path) -> None:
    path = _nlu(
        tmp_path,
        '[$60k]{"entity": "amount", "value": "60000"} of chairs',
        # read right: the withdrawn figure is not read
        'sorry, [80k]{"entity": "amount", "value": "80000"} not 800k',
        # wrong: a second figure makes the parser refuse, so nothing is read
        '[$60k]{"entity": "amount", "value": "60000"} and also $90k',
        # wrong: another figure
        '[$65k]{"entity": "amount", "value": "6500"}',
        # no amount: right when none is read, spurious otherwise
        "how many quotes?",
        "ACT, $45k",
    )
    report = _measure(nlp, path)
    assert [r.assistant_right for r in report.with_amount] == [True, True, False, False]
    assert [r.ruler_right for r in report.with_amount] == [True, True, True, False]
    assert report.assistant_accuracy == 0.5
    assert [r.example.text for r in report.spurious] == ["ACT, $45k"]
    assert report.summary()["spurious"] == 1
    rendered = amount_accuracy.render(report)
    assert rendered.startswith("amount exact-value accuracy 0.500 (2/4 ")
    assert "'$60k and also $90k' (nlu.yml): read nothing, annotated $60,000" in rendered
    assert "spurious: 'ACT, $45k' (nlu.yml): read $45,000, annotated no amount" in rendered


def test_the_ruler_must_find_the_annotated_span(nlp: Any, tmp_path: Path) -> None:
    # The value is read, but the annotation says the amount is "60" alone: the span differs.
    report = _measure(nlp, _nlu(tmp_path, '$[60]{"entity": "amount", "value": "60"} please'))
    (reading,) = report.with_amount
    assert reading.ruler == ((0, 3, "$60", 60.0),)
    assert not reading.ruler_right


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ("[$60k](amount) of chairs", "is not a number"),
        ('[$60k]{"entity": "amount", "value": "sixty"}', "is not a number"),
        ('[$60k]{"entity": "amount", "value": "nan"}', "is not a number"),
        (
            '[$60k]{"entity": "amount", "value": "60000"} or [$70k]{"entity": "amount", '
            '"value": "70000"}',
            "more than one amount annotated",
        ),
    ],
)
def test_bad_annotations_are_refused(tmp_path: Path, example: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        amount_accuracy.examples([_nlu(tmp_path, example)])


def test_dimensions_come_from_the_config(tmp_path: Path) -> None:
    assert "amount" in (amount_accuracy.dimensions(CONFIG) or [])
    bare = tmp_path / "config.yml"
    bare.write_text("pipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no SpacyEntityExtractor"):
        amount_accuracy.dimensions(bare)


def test_main(nlp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = Path(nlp.path)
    path = _nlu(tmp_path, '[$60k]{"entity": "amount", "value": "60000"} of chairs', "hi")
    out = tmp_path / "out" / "amounts.json"
    args = ["--data", str(path), "--spacy", str(built), "--config", str(CONFIG)]
    assert amount_accuracy.main([*args, "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("amount exact-value accuracy 1.000 (1/1 ")
    assert "misses" not in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["assistant_accuracy"] == 1.0
    assert saved["spurious"] == 0
    assert [r["read"] for r in saved["readings"]] == [60000.0, None]


def test_main_reports_a_missing_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _nlu(tmp_path, "hi")
    args = ["--data", str(path), "--spacy", str(tmp_path / "none"), "--config", str(CONFIG)]
    assert amount_accuracy.main(args) == 2
    assert "make spacy" in capsys.readouterr().err
