"""The ruleset digest changes whenever any rule data changes; parameters are dated."""

from __future__ import annotations

import datetime as dt
import shutil

from knowledge import _data, assess
from knowledge.params import parameters


def _digest_of(package_dir) -> str:
    saved = (_data.PACKAGE_DIR, _data.DATA_DIR)
    _data.PACKAGE_DIR, _data.DATA_DIR = package_dir, package_dir / "data"
    _data.ruleset.cache_clear()
    _data.ruleset_meta.cache_clear()
    try:
        return _data.ruleset()["digest"]
    finally:
        _data.PACKAGE_DIR, _data.DATA_DIR = saved
        _data.ruleset.cache_clear()
        _data.ruleset_meta.cache_clear()


def test_the_digest_changes_when_a_figure_changes(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(_data.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _digest_of(copy)
    assert before == _data.ruleset()["digest"]
    act = copy / "data" / "parameters" / "act.yaml"
    act.write_text(act.read_text().replace("{2024-07-01: 25000}", "{2024-07-01: 30000}", 1))
    assert _digest_of(copy) != before


def test_the_digest_changes_when_a_rule_changes(tmp_path):
    copy = tmp_path / "knowledge"
    shutil.copytree(_data.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _digest_of(copy)
    rules = copy / "rules" / "qld.py"
    rules.write_text(rules.read_text() + "\n# a change\n")
    assert _digest_of(copy) != before


def test_advice_carries_the_ruleset():
    advice = assess({"jurisdiction": "CTH", "as_of": "2026-11-22"})
    assert advice["ruleset"]["digest"].startswith("sha256:")
    assert advice["ruleset"]["version"]


def test_a_figure_is_read_as_of_the_date():
    target = parameters("QLD")["sme_target.percent"]
    assert target.at(dt.date(2021, 7, 1)) == 25
    assert target.at(dt.date(2022, 6, 30)) == 30
    assert target.at(dt.date(2019, 1, 1)) is None


def test_dates_before_each_source_commenced_are_out_of_scope():
    for jurisdiction, day_before in [
        ("ACT", "2024-06-30"),
        ("QLD", "2021-06-30"),
        ("CTH", "2017-04-30"),
    ]:
        advice = assess(
            {
                "jurisdiction": jurisdiction,
                "as_of": day_before,
                "value": 50_000,
                "ict": True,
                "need": "mobile",
            }
        )
        assert advice["determinations"] == []
        assert "before the version" in advice["out_of_scope"][0]["reason"]
        day_of = {"ACT": "2024-07-01", "QLD": "2021-07-01", "CTH": "2017-05-01"}[jurisdiction]
        advice = assess(
            {
                "jurisdiction": jurisdiction,
                "as_of": day_of,
                "value": 50_000,
                "ict": True,
                "need": "mobile",
            }
        )
        assert advice["determinations"]
