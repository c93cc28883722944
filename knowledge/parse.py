"""Read what users type in a chat about Australian government procurement.

Every parser takes the user's text and returns a value for one fact of the advice contract,
or raises `ParseError`, whose `.message` is a sentence for the user saying what was expected
and whose `.field` names the fact. A parser refuses rather than guesses: several amounts,
ranges, negative numbers, dates, phone numbers and the like are errors, not readings.

The word lists live in `knowledge/data/vocabulary.yaml`, loaded once on first use. The
implementation is in `knowledge.parsing`; this module is the import path.

>>> parse_amount("about $60k ex GST").value
60000.0
>>> parse_jurisdiction("Canberra-based Commonwealth agency")
'CTH'
"""

from __future__ import annotations

from .parsing.amounts import Amount, find_amount, parse_amount
from .parsing.answers import parse_bool, parse_gst, parse_percent
from .parsing.codes import NEEDS, parse_abn, parse_anzsic, parse_need, parse_needs
from .parsing.errors import ParseError
from .parsing.people import MAX_HEADCOUNT, Headcount, parse_headcount
from .parsing.places import (
    COVERED_JURISDICTIONS,
    STATES,
    UNCOVERED_BUYERS,
    parse_jurisdiction,
    parse_state,
    uncovered_buyer,
)
from .parsing.vocab import MAX_TEXT_LENGTH, vocabulary

__all__ = [
    "COVERED_JURISDICTIONS",
    "MAX_HEADCOUNT",
    "MAX_TEXT_LENGTH",
    "NEEDS",
    "STATES",
    "UNCOVERED_BUYERS",
    "Amount",
    "Headcount",
    "ParseError",
    "find_amount",
    "parse_abn",
    "parse_amount",
    "parse_anzsic",
    "parse_bool",
    "parse_gst",
    "parse_headcount",
    "parse_jurisdiction",
    "parse_need",
    "parse_needs",
    "parse_percent",
    "parse_state",
    "uncovered_buyer",
    "vocabulary",
]
