"""Dated parameters: every figure the rules use, with the provision that sets it.

As in OpenFisca's ``parameters/``, a parameter's values are keyed by the date they take effect;
reading parameters "as of" a date gives the value in force that day, or ``None`` when the figure
had not yet commenced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from knowledge._data import parameter_file
from knowledge.citations import Citation, cite


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[tuple[dt.date, Any], ...]  # sorted by date
    citation: Citation

    def at(self, as_of: dt.date) -> Any:
        found = None
        for start, value in self.values:
            if start <= as_of:
                found = value
            else:
                break
        return found


@cache
def parameters(jurisdiction: str) -> dict[str, Parameter]:
    raw = parameter_file(jurisdiction)
    document = raw["document"]
    out = {}
    for name, spec in raw["parameters"].items():
        ref = spec["reference"]
        values = tuple(sorted((_date(k), v) for k, v in spec["values"].items()))
        out[name] = Parameter(
            name=name,
            description=" ".join(str(spec["description"]).split()),
            unit=str(spec.get("unit", "")),
            values=values,
            citation=cite(document, str(ref["section"]), ref.get("heading")),
        )
    return out


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class ParamView(dict):
    """The parameters of one jurisdiction in force on one date: ``p["open_tender.from"]``.

    A plain mapping of the figures in force that day; a figure not yet in force is absent,
    so reading it raises KeyError.
    """

    __slots__ = ("as_of", "jurisdiction")

    def __init__(self, jurisdiction: str, as_of: dt.date) -> None:
        super().__init__(
            (name, value)
            for name, p in parameters(jurisdiction).items()
            if (value := p.at(as_of)) is not None
        )
        self.jurisdiction = jurisdiction
        self.as_of = as_of

    def citation(self, name: str) -> Citation:
        return parameters(self.jurisdiction)[name].citation


@lru_cache(maxsize=512)
def view(jurisdiction: str, as_of: dt.date) -> ParamView:
    return ParamView(jurisdiction, as_of)
