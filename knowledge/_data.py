"""Loading of the rule data: parameters, section index, questions, and the ruleset digest.

Everything is read once, on first use, from the YAML files under ``data/``; nothing here does
I/O after that.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SCHEMA_DIR = PACKAGE_DIR / "schemas"

#: The three sources, by the ids of ../shared/sources/README.md, and the short jurisdiction code.
DOCUMENTS = {"ACT": "ACT-GPR-2007", "QLD": "QLD-ICT-SME", "CTH": "CTH-DTA-ICT"}

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    with path.open("rb") as fh:
        return yaml.load(fh, Loader=_Loader)


@cache
def sections(document: str) -> dict[str, Any]:
    """The section index of one source: ``{"document", "title", "in_force_from", "sections"}``."""
    return load_yaml(DATA_DIR / "sections" / f"{document}.yaml")


@cache
def parameter_file(jurisdiction: str) -> dict[str, Any]:
    return load_yaml(DATA_DIR / "parameters" / f"{jurisdiction.lower()}.yaml")


@cache
def questions() -> dict[str, Any]:
    return load_yaml(DATA_DIR / "questions.yaml")


@cache
def ruleset_meta() -> dict[str, Any]:
    return load_yaml(DATA_DIR / "ruleset.yaml")


def _ruleset_files() -> list[Path]:
    # vocabulary.yaml feeds parsing and the NLU, not the rules: it does not change advice.
    files = sorted(f for f in DATA_DIR.rglob("*.yaml") if f.name != "vocabulary.yaml")
    files += sorted((PACKAGE_DIR / "rules").glob("*.py"))
    files += [PACKAGE_DIR / "engine.py"]
    return files


@cache
def ruleset() -> dict[str, str]:
    """The ruleset's version and a digest over every rule data file and rule module.

    The digest changes whenever any figure, citation, question or rule changes.
    """
    h = hashlib.sha256()
    for path in _ruleset_files():
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return {"version": str(ruleset_meta()["version"]), "digest": "sha256:" + h.hexdigest()}
