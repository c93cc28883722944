"""`python -m knowledge`: exit 0 with advice, exit 2 with errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Run the CLI; ``stdin`` may carry lone surrogates, sent as the raw (invalid UTF-8) bytes."""
    r = subprocess.run(
        [sys.executable, "-m", "knowledge", *args],
        input=stdin.encode("utf-8", "surrogateescape"),
        capture_output=True,
        timeout=60,
    )
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def test_assess_reads_stdin_and_prints_advice():
    r = run("assess", stdin='{"jurisdiction": "ACT", "value": 60000, "as_of": "2026-11-22"}')
    assert r.returncode == 0, r.stderr
    advice = json.loads(r.stdout)
    assert advice["determinations"][0]["min_written_quotations"] == 3
    assert r.stderr == ""


def test_assess_reads_a_facts_file(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text('{"jurisdiction": "CTH", "need": "mobile"}')
    r = run("assess", "--facts", str(path))
    assert r.returncode == 0
    assert json.loads(r.stdout)["determinations"][0]["son"] == "SON2589631"


@pytest.mark.parametrize(
    "stdin",
    [
        "",
        "not json",
        "[1, 2]",
        '"facts"',
        "null",
        '{"value": NaN}',
        '{"value": Infinity}',
        '{"value": -5}',
        '{"jurisdiction": "NSW"}',
        '{"offers": [{"name": "A", "total": 0}]}',
        '{"supplier": {"employees": -1}}',
        '{"need": "unicorns"}',
        "\udcff",
        '{"value": 1e400}',
        "{" * 10000,
    ],
)
def test_invalid_input_exits_2_with_errors_and_no_traceback(stdin):
    r = run("assess", stdin=stdin)
    assert r.returncode == 2, (r.stdout, r.stderr)
    body = json.loads(r.stdout)
    assert body["errors"] and all("message" in e and "field" in e for e in body["errors"])
    assert "Traceback" not in r.stdout + r.stderr


def test_a_missing_facts_file_is_an_error_not_a_traceback(tmp_path):
    r = run("assess", "--facts", str(tmp_path / "nope.json"))
    assert r.returncode == 2
    assert "cannot read" in json.loads(r.stdout)["errors"][0]["message"]


@pytest.mark.parametrize(
    ("section", "expect"),
    [
        ("7(2)", ["Limited tender procurement", "quotations", "limited_tender.min_quotations"]),
        ("5.1", ["Informal approach to market RFQ", "qld_sme_offer", "250000"]),
        ("s 12AB", ["Excluded services", "secure_local_jobs_code"]),
        ("8(2)(b)(ii)(A)", ["Open tender procurement", "advertising"]),
        ("Appendix A", ["SME participation scheme calculation", "sme_weighting"]),
        ("set-asides", ["Set-Asides", "set_aside", "30000"]),
        ("contact us", ["Contact us", "ictprocurement@dta.gov.au"]),
    ],
)
def test_explain_prints_heading_rules_and_figures(section, expect):
    r = run("explain", section)
    assert r.returncode == 0, r.stderr
    for text in expect:
        assert text in r.stdout


def test_explain_json_and_unknown_sections():
    r = run("explain", "7(2)", "--json")
    assert json.loads(r.stdout)[0]["rules"] == ["quotations"]
    r = run("explain", "99(9)")
    assert r.returncode == 2


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("assess", "--pretty"), '{"jurisdiction": "ACT", "value": 60000}'),
        (("explain", "7(2)"), ""),
    ],
)
def test_a_reader_that_goes_away_gets_no_traceback(args, stdin):
    """`python -m knowledge assess | head -c 10`: the pipe closes before the advice is written."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "knowledge", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before anything is written
    _, err = proc.communicate(stdin.encode(), timeout=60)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert proc.returncode == 141
