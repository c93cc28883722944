"""The assistant's spaCy pipeline: blank English plus the entity ruler (bot/nlp/spacy_pipeline.py).

The pipeline is built once into a temporary directory and loaded back with `spacy.load`, as
Rasa's SpacyNLP does. The slow tests run it inside Rasa itself.
"""

from __future__ import annotations

import json
import socket
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

spacy = pytest.importorskip(
    "spacy",
    reason="spaCy is installed with the assistant's dependencies (make run / make test install it)",
)

from bot.nlp import spacy_pipeline  # noqa: E402
from knowledge.parse import (  # noqa: E402
    Headcount,
    parse_abn,
    parse_amount,
    parse_anzsic,
    parse_gst,
    parse_headcount,
    parse_jurisdiction,
    parse_need,
    parse_state,
)

RASA_REASON = (
    "Rasa is installed with the assistant's dependencies (make run / make test install it)"
)

J, S, A, G, H = "jurisdiction", "state", "amount", "gst", "headcount"
N, Z, T, F = "need", "anzsic", "topic", "fact_cue"

# (text, [(label, span, id)]): every entity the pipeline finds, in order.
CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    # Whole questions
    (
        "ACT agency, $60k of furniture, how many quotes?",
        [
            (J, "ACT agency", "ACT"),
            (A, "$60k", ""),
            (F, "furniture", "goods"),
            (T, "how many quotes", "quotes"),
        ],
    ),
    (
        "QLD, $95k ex GST, ICT services",
        [(J, "QLD", "QLD"), (A, "$95k", ""), (G, "ex GST", "ex"), (F, "ICT services", "ict")],
    ),
    (
        "We're an IT firm in Townsville with 120 staff and 40 contractors: are we a Queensland SME?",
        [
            (F, "IT", "ict"),
            (S, "Townsville", "QLD"),
            (H, "120 staff", "employees"),
            (H, "40 contractors", "contractors"),
            (T, "Queensland SME", "sme_status"),
        ],
    ),
    (
        "which panel for cloud hosting",
        [(T, "which panel", "panel"), (N, "cloud hosting", "cloud_services")],
    ),
    (
        "Canberra-based Commonwealth agency buying laptops",
        [(S, "Canberra", "ACT"), (J, "Commonwealth agency", "CTH"), (N, "laptops", "ict_hardware")],
    ),
    (
        "The ACT Government wants 3 quotes for $1.2 million of building works",
        [
            (J, "ACT Government", "ACT"),
            (T, "quotes", "quotes"),
            (A, "$1.2 million", ""),
            (F, "building works", "construction"),
        ],
    ),
    (
        "Queensland Government, about 80 grand of software",
        [
            (J, "Queensland Government", "QLD"),
            (A, "80 grand", ""),
            (N, "software", "software_other"),
        ],
    ),
    (
        "Federal agency needing a data centre",
        [(J, "Federal agency", "CTH"), (N, "data centre", "data_centre")],
    ),
    (
        "Commonwealth department: which panel for mobile phones?",
        [
            (J, "Commonwealth department", "CTH"),
            (T, "which panel", "panel"),
            (N, "mobile phones", "mobile"),
        ],
    ),
    # Jurisdictions and states
    ("we need to act fast on this contract", []),
    ("I want to act on it, it is a contract", []),
    (
        "NSW Government, Victorian agency",
        [(J, "NSW Government", "NSW"), (J, "Victorian agency", "VIC")],
    ),
    ("in the A.C.T.", [(J, "A.C.T.", "ACT")]),
    ("Qld and Cth", [(J, "Qld", "QLD"), (J, "Cth", "CTH")]),
    ("ACT Health and QLD Health", [(J, "ACT Health", "ACT"), (J, "QLD", "QLD")]),
    (
        "Our supplier is in Queanbeyan, and another in Cairns",
        [(S, "Queanbeyan", "NSW"), (S, "Cairns", "QLD")],
    ),
    (
        "Sydney, Melbourne, Perth, Darwin and Hobart",
        [
            (S, "Sydney", "NSW"),
            (S, "Melbourne", "VIC"),
            (S, "Perth", "WA"),
            (S, "Darwin", "NT"),
            (S, "Hobart", "TAS"),
        ],
    ),
    ("Kingston ACT", [(S, "Kingston ACT", "ACT")]),
    ("What about Mt. Isa? Mt Isa?", [(S, "Mt. Isa", "QLD"), (S, "Mt Isa", "QLD")]),
    # Amounts
    ("$1.2 million", [(A, "$1.2 million", "")]),
    ("1.2m", [(A, "1.2m", "")]),
    ("eighty thousand dollars", [(A, "eighty thousand dollars", "")]),
    ("half a million", [(A, "half a million", "")]),
    ("80 grand", [(A, "80 grand", "")]),
    ("quarter of a mil", [(A, "quarter of a mil", "")]),
    ("AUD 60,000", [(A, "AUD 60,000", "")]),
    ("80,000", [(A, "80,000", "")]),
    ("the value is 80000", [(A, "80000", "")]),
    ("$80K inc. GST", [(A, "$80K", ""), (G, "inc. GST", "inc")]),
    ("$80k+GST", [(A, "$80k", ""), (G, "+GST", "ex")]),
    ("three-quarters of a million", [(A, "three-quarters of a million", "")]),
    ("one and a half million", [(A, "one and a half million", "")]),
    ("a million dollars", [(A, "a million dollars", "")]),
    ("one hundred and twenty thousand", [(A, "one hundred and twenty thousand", "")]),
    ("200 bucks", [(A, "200 bucks", "")]),
    ("A$80k or AU$80k, maybe 80k AUD", [(A, "A$80k", ""), (A, "AU$80k", ""), (A, "80k AUD", "")]),
    ("$250,000 incl GST.", [(A, "$250,000", ""), (G, "incl GST", "inc")]),
    ("It's $60k-$70k", [(A, "$60k", ""), (A, "$70k", "")]),
    ("in 2024 we had 12 staff", [(H, "12 staff", "employees")]),
    ("postcode 4810, section 7(2), 10% GST", []),
    ("a grand total of $80k", [(A, "$80k", "")]),
    ("call 0412 345 678 or 1300 123 456", []),
    # GST
    ("excl. GST", [(G, "excl. GST", "ex")]),
    ("GST inclusive", [(G, "GST inclusive", "inc")]),
    ("ex-GST", [(G, "ex-GST", "ex")]),
    ("plus GST", [(G, "plus GST", "ex")]),
    # ABNs
    ("ABN 51 824 753 556", [("abn", "ABN 51 824 753 556", "")]),
    ("ABN: 51824753556", [("abn", "ABN: 51824753556", "")]),
    ("our abn is 51 824 753 556", [("abn", "abn is 51 824 753 556", "")]),
    # Headcounts
    (
        "employees: 120, contractors: 40",
        [(H, "employees: 120", "employees"), (H, "contractors: 40", "contractors")],
    ),
    ("we have no contractors", [(H, "no contractors", "contractors")]),
    ("I'm a sole trader", [(H, "I'm a sole trader", "solo")]),
    (
        "a hundred and twenty full-time staff",
        [(H, "a hundred and twenty full-time staff", "employees")],
    ),
    (
        "1,200 staff and one contractor",
        [(H, "1,200 staff", "employees"), (H, "one contractor", "contractors")],
    ),
    # Topics
    ("set-aside for QLD SMEs", [(T, "set-aside", "set_aside"), (T, "QLD SMEs", "sme_status")]),
    ("the 10% weighting for SMEs", [(T, "10% weighting", "weighting"), (T, "SMEs", "sme_status")]),
    (
        "Can I use the access incentive or direct engagement?",
        [(T, "access incentive", "access_incentive"), (T, "direct engagement", "access_incentive")],
    ),
    ("Is there a standing offer arrangement?", [(T, "standing offer arrangement", "panel")]),
    (
        "Is it a notifiable contract? Does it go on the contracts register?",
        [(T, "notifiable contract", "notifiable"), (T, "contracts register", "notifiable")],
    ),
    (
        "Does the secure local jobs code apply? SLJ code?",
        [(T, "secure local jobs code", "secure_local_jobs"), (T, "SLJ code", "secure_local_jobs")],
    ),
    (
        "Do I need to refer it to the ACT Procurement Board?",
        [(T, "ACT Procurement Board", "board_review")],
    ),
    ("A tender came in late", [(T, "tender came in late", "late_tender")]),
    (
        "Can I get an exemption and use only one quote?",
        [(T, "exemption", "exemption"), (T, "only one quote", "exemption")],
    ),
    ("Is it exempt?", [(T, "exempt", "exemption")]),
    (
        "RFQ for desks and chairs",
        [(T, "RFQ", "quotes"), (F, "desks", "goods"), (F, "chairs", "goods")],
    ),
    # Fact cues, industries, needs
    (
        "building works and a fit-out, roadworks",
        [
            (F, "building works", "construction"),
            (F, "fit-out", "construction"),
            (F, "roadworks", "construction"),
        ],
    ),
    ("construction of a new depot", [(F, "construction", "construction")]),
    (
        "I.T. equipment, stationery and goods",
        [
            (F, "I.T.", "ict"),
            (F, "equipment", "goods"),
            (F, "stationery", "goods"),
            (F, "goods", "goods"),
        ],
    ),
    ("cleaning services in Brisbane", [(Z, "cleaning services", "N"), (S, "Brisbane", "QLD")]),
    ("hospital services, aged care", [(Z, "hospital services", "84"), (Z, "aged care", "86")]),
    ("legal services from a law firm", [(Z, "legal services", "M"), (Z, "law firm", "M")]),
    (
        "consultancy services for the Gold Coast office",
        [(Z, "consultancy", "M"), (F, "services", "services"), (S, "Gold Coast", "QLD")],
    ),
    (
        "Office 365 licences for the Department of Defence",
        [
            (N, "Office 365", "microsoft_software"),
            (N, "licences", "software_other"),
            (J, "Department of Defence", "CTH"),
        ],
    ),
    (
        "Microsoft Azure cloud",
        [(N, "Microsoft Azure", "microsoft_software"), (N, "cloud", "cloud_services")],
    ),
    (
        "IT consulting services",
        [(N, "IT consulting", "digital_services"), (F, "services", "services")],
    ),
    # Nothing to find
    ("how does it work", []),
    ("Sure", []),
    ("Thanks, that's all", []),
]

# (text, the amount's span, its value as knowledge.parse reads the span)
AMOUNTS: list[Any] = [
    ("about $60k for chairs", "$60k", 60_000),
    ("$80K inc. GST", "$80K", 80_000),
    ("it's 1.2m all up", "1.2m", 1_200_000),
    ("AUD 60,000 or so", "AUD 60,000", 60_000),
    ("roughly $1.2 million over 3 years", "$1.2 million", 1_200_000),
    ("eighty thousand dollars", "eighty thousand dollars", 80_000),
    ("half a million, give or take", "half a million", 500_000),
    ("80 grand of software", "80 grand", 80_000),
    ("a quarter of a mil", "a quarter of a mil", 250_000),
    ("three quarters of a million", "three quarters of a million", 750_000),
    ("three-quarters of a million", "three-quarters of a million", 750_000),
    ("one and a half million", "one and a half million", 1_500_000),
    ("one hundred and twenty thousand", "one hundred and twenty thousand", 120_000),
    ("$2.5bn", "$2.5bn", 2_500_000_000),
    ("value 80,000.50", "80,000.50", 80_000.50),
    ("AU$80k", "AU$80k", 80_000),
    ("$2024 exactly", "$2024", 2024),
    ("how many quotes for $45 000 of fit out", "$45 000", 45_000),
    ("AUD 1 200 000 all up", "AUD 1 200 000", 1_200_000),
    ("45 000 dollars", "45 000 dollars", 45_000),
    ("sixty k of printing", "sixty k", 60_000),
    ("a hundred and twenty grand of furniture", "a hundred and twenty grand", 120_000),
    ("a hundred grand of ICT", "a hundred grand", 100_000),
    ("one point two million", "one point two million", 1_200_000),
    ("point five mil", "point five mil", 500_000),
    ("3 hundred thousand", "3 hundred thousand", 300_000),
    ("~$300k", "$300k", 300_000),
    ("80-odd thousand", "80-odd thousand", 80_000),
    ("45 odd grand", "45 odd grand", 45_000),
]


def _entities(doc: Any) -> list[tuple[str, str, str]]:
    return [(ent.label_, ent.text, ent.ent_id_) for ent in doc.ents]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return spacy_pipeline.build(tmp_path_factory.mktemp("spacy") / spacy_pipeline.NAME)


@pytest.fixture(scope="module")
def nlp(built: Path) -> Any:
    return spacy.load(built)


def test_enough_cases() -> None:
    assert len(CASES) >= 60
    assert len({text for text, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_entities(nlp: Any, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _entities(nlp(text)) == expected


@pytest.mark.parametrize(("text", "span", "value"), AMOUNTS)
def test_amount_spans_cover_the_whole_amount(nlp: Any, text: str, span: str, value: float) -> None:
    amounts = [ent.text for ent in nlp(text).ents if ent.label_ == "amount"]
    assert amounts == [span]
    assert parse_amount(span).value == value


def test_longest_span_wins(nlp: Any) -> None:
    # "ACT" alone is a jurisdiction, "ACT Government agency" a longer one; "cloud" a need,
    # "cloud hosting" a longer one; "120" is no amount inside "120 staff".
    assert _entities(nlp("ACT Government agency")) == [(J, "ACT Government agency", "ACT")]
    assert _entities(nlp("cloud hosting")) == [(N, "cloud hosting", "cloud_services")]
    assert _entities(nlp("1,200 staff")) == [(H, "1,200 staff", "employees")]
    assert _entities(nlp("Qld SME")) == [(T, "Qld SME", "sme_status")]


def test_headcount_and_abn_spans_parse(nlp: Any) -> None:
    doc = nlp("We have 120 full-time staff and 40 contractors, ABN 51 824 753 556.")
    spans = {ent.ent_id_ or ent.label_: ent.text for ent in doc.ents}
    assert parse_headcount(spans["employees"]) == Headcount(employees=120, contractors=None)
    assert parse_headcount(spans["contractors"]) == Headcount(employees=None, contractors=40)
    assert parse_abn(spans["abn"]) == "51824753556"


def _parsed(label: str, text: str) -> str | None:
    """What knowledge.parse makes of a phrase, as an entity id (None: no parser reads it)."""
    if label == "jurisdiction":
        return parse_jurisdiction(text)
    if label == "state":
        return parse_state(text)
    if label == "need":
        return parse_need(text)
    if label == "anzsic":
        return parse_anzsic(text)
    if label == "gst":
        return "inc" if parse_gst(text) else "ex"
    if label == "headcount":
        return "solo" if parse_headcount(text) == Headcount(employees=1, contractors=0) else "?"
    return None


def test_every_phrase_is_labelled_as_listed_and_as_the_parser_reads_it(nlp: Any) -> None:
    table = spacy_pipeline.phrase_table()
    assert len(table) > 1500
    wrong = []
    for label, ent_id, text in table:
        found = _entities(nlp(text))
        parsed = _parsed(label, text)
        if found != [(label, text, ent_id)] or parsed not in (None, ent_id):
            wrong.append((label, ent_id, text, found, parsed))
    assert wrong == []


def test_labels_and_ids() -> None:
    items = spacy_pipeline.patterns()
    ids: dict[str, set[str]] = {}
    for p in items:
        ids.setdefault(p["label"], set()).add(p.get("id", ""))
    assert set(ids) == set(spacy_pipeline.LABELS)
    assert all(label == label.lower() for label in ids)
    assert ids["jurisdiction"] == {"ACT", "QLD", "CTH", "NSW", "VIC", "SA", "WA", "TAS", "NT"}
    assert ids["state"] == {"ACT", "QLD", "NSW", "VIC", "SA", "WA", "TAS", "NT"}
    assert ids["gst"] == {"ex", "inc"}
    assert ids["headcount"] == {"employees", "contractors", "solo"}
    assert ids["topic"] == set(spacy_pipeline.TOPICS)
    assert ids["fact_cue"] == {"construction", "ict", "services", "goods"}
    assert ids["amount"] == ids["abn"] == {""}
    from knowledge.parse import NEEDS

    assert ids["need"] == set(NEEDS)


def test_reproducible(tmp_path: Path, built: Path) -> None:
    assert spacy_pipeline.patterns() == spacy_pipeline.patterns()
    again = spacy_pipeline.build(tmp_path / spacy_pipeline.NAME)
    files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (built / name).read_bytes() == (again / name).read_bytes(), name
    digest = spacy_pipeline.fingerprint()
    assert (built / "patterns.sha256").read_text() == digest + "\n"
    meta = json.loads((built / "meta.json").read_text())
    assert meta["name"] == "procurement_en"
    assert meta["version"].endswith(digest[:12])
    # The ruler saves token patterns before phrase patterns; the same patterns either way.
    saved = (built / "entity_ruler" / "patterns.jsonl").read_text(encoding="utf-8").splitlines()
    ours = [json.dumps(p, sort_keys=True) for p in spacy_pipeline.patterns()]
    assert sorted(json.dumps(json.loads(line), sort_keys=True) for line in saved) == sorted(ours)


def test_rebuild_replaces_only_its_own_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    spacy_pipeline.build(out)
    (out / "stale.txt").write_text("left over")
    spacy_pipeline.build(out)
    assert not (out / "stale.txt").exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("not a spaCy build")
    with pytest.raises(FileExistsError):
        spacy_pipeline.build(other)
    assert (other / "keep.txt").exists()


def test_loads_offline_with_only_the_entity_ruler(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("loading the pipeline tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    loaded = spacy.load(built)
    assert loaded.pipe_names == ["entity_ruler"]
    assert loaded.vocab.vectors.shape[0] == 0
    assert loaded.meta["name"] == "procurement_en"
    ruler = loaded.get_pipe("entity_ruler")
    assert ruler.phrase_matcher_attr == "LOWER"
    assert set(ruler.labels) == set(spacy_pipeline.LABELS)


def test_main_prints_what_it_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "procurement_en"
    assert spacy_pipeline.main(["--out", str(out), "--check"]) == 1
    assert spacy_pipeline.main(["--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for label in spacy_pipeline.LABELS:
        assert f"  {label} " in printed
    assert spacy_pipeline.fingerprint() in printed
    assert spacy_pipeline.main(["--out", str(out), "--check"]) == 0


# ---------------------------------------------------------------------------------------------
# Inside Rasa
# ---------------------------------------------------------------------------------------------

RASA_TEXT = "ACT agency in Canberra, $60k of furniture. We need to act fast."
RASA_EXPECTED = [
    ("jurisdiction", "ACT agency"),
    ("state", "Canberra"),
    ("amount", "$60k"),
    ("fact_cue", "furniture"),
]


def _rasa_config(tmp_path: Path, built: Path) -> Path:
    config = {
        "recipe": "default.v1",
        "language": "en",
        "assistant_id": "spacy-pipeline-test",
        "pipeline": [
            {"name": "SpacyNLP", "model": str(built)},
            {"name": "SpacyTokenizer"},
            {"name": "SpacyEntityExtractor", "dimensions": list(spacy_pipeline.LABELS)},
        ],
        "policies": [],
    }
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _found(entities: list[dict[str, Any]], text: str) -> list[tuple[str, str]]:
    for entity in entities:
        assert entity["extractor"] == "SpacyEntityExtractor"
        assert text[entity["start"] : entity["end"]] == entity["value"]
    return [(entity["entity"], entity["value"]) for entity in entities]


@pytest.fixture(scope="module")
def rasa() -> SimpleNamespace:
    """Rasa's classes. Importing Rasa emits DeprecationWarnings (pyparsing via matplotlib,
    SQLAlchemy 2.0, importlib's load_module) and sanic's import sets its own "once" filter for
    them; both stay inside this block."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        pytest.importorskip("rasa", reason=RASA_REASON)
        from rasa.core.channels.channel import UserMessage
        from rasa.engine.graph import ExecutionContext, GraphSchema
        from rasa.engine.recipes.recipe import Recipe
        from rasa.engine.runner.dask import DaskGraphRunner
        from rasa.engine.storage.local_model_storage import LocalModelStorage
        from rasa.engine.storage.resource import Resource
        from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
        from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
        from rasa.nlu.utils.spacy_utils import SpacyNLP
        from rasa.shared.data import TrainingType
        from rasa.shared.nlu.training_data.message import Message
        from rasa.shared.utils.io import read_model_configuration
    return SimpleNamespace(
        UserMessage=UserMessage,
        ExecutionContext=ExecutionContext,
        GraphSchema=GraphSchema,
        Recipe=Recipe,
        DaskGraphRunner=DaskGraphRunner,
        LocalModelStorage=LocalModelStorage,
        Resource=Resource,
        SpacyEntityExtractor=SpacyEntityExtractor,
        SpacyTokenizer=SpacyTokenizer,
        SpacyNLP=SpacyNLP,
        TrainingType=TrainingType,
        Message=Message,
        read_model_configuration=read_model_configuration,
    )


@pytest.mark.slow
# Running the graph imports more of Rasa: pykwalify (config validation) uses importlib's
# load_module(), rasa.core.tracker_store SQLAlchemy 1.x APIs (MovedIn20Warning), matplotlib
# pyparsing's old names; all DeprecationWarnings from Rasa's dependencies.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rasa_graph_runs_the_config(tmp_path: Path, built: Path, rasa: SimpleNamespace) -> None:
    """The config file, read by Rasa's default recipe into its prediction graph and run by
    Rasa's graph runner, as `rasa run` would run it (no training: no component here learns)."""
    config = rasa.read_model_configuration(_rasa_config(tmp_path, built))
    recipe = rasa.Recipe.recipe_for_name(config["recipe"])
    graph = recipe.graph_config_for_recipe(config, {}, training_type=rasa.TrainingType.NLU)
    schema = graph.predict_schema
    storage = rasa.LocalModelStorage(tmp_path / "storage")
    runner = rasa.DaskGraphRunner(schema, storage, rasa.ExecutionContext(schema, "test"))
    results = runner.run(
        inputs={"__message__": [rasa.UserMessage(RASA_TEXT)]}, targets=["run_RegexMessageHandler"]
    )
    message = results["run_RegexMessageHandler"][0]
    assert _found(message.get("entities"), RASA_TEXT) == RASA_EXPECTED


@pytest.mark.slow
def test_rasa_spacy_components(tmp_path: Path, built: Path, rasa: SimpleNamespace) -> None:
    """SpacyNLP, SpacyTokenizer and SpacyEntityExtractor made with `create` from the config's
    steps, as Rasa's own unit tests make them, then `process`."""
    pipeline = yaml.safe_load(_rasa_config(tmp_path, built).read_text())["pipeline"]
    steps = {step.pop("name"): step for step in pipeline}
    storage = rasa.LocalModelStorage(tmp_path / "storage")
    context = rasa.ExecutionContext(rasa.GraphSchema({}), "test")

    def create(component: Any) -> Any:
        config = {**component.get_default_config(), **steps[component.__name__]}
        return component.create(config, storage, rasa.Resource(component.__name__), context)

    spacy_nlp = create(rasa.SpacyNLP)
    tokenizer = create(rasa.SpacyTokenizer)
    extractor = create(rasa.SpacyEntityExtractor)
    model = spacy_nlp.provide()
    messages = [rasa.Message.build(text=RASA_TEXT), rasa.Message.build(text="we need to act fast")]
    spacy_nlp.process(messages, model)
    tokenizer.process(messages)
    extractor.process(messages, model)
    assert _found(messages[0].get("entities"), RASA_TEXT) == RASA_EXPECTED
    assert messages[1].get("entities") == []
    # SpacyNLP lower-cases the text for tokens and features; the extractor reads the original.
    assert [t.text for t in messages[0].get("text_tokens")][:3] == ["act", "agency", "in"]
