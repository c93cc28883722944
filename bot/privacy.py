"""Personal information stays out of the logs: e-mail addresses, phone numbers, ABNs, names.

`install_redaction()` puts a `RedactingFilter` on the root logger, on every logger and handler
that exists, and on every log record made afterwards (through the record factory), so a handler
added later by Rasa, Sanic or aiohttp is covered too. `redact()` is the same rewriting for
text that is stored (a ticket's transcript). `remember()` adds values seen in a conversation
(a contact's name, a sole trader's name from the ABR) so that they are redacted wherever they
turn up later.

An ABN is personal information when its holder is a sole trader; the logs can't tell, so every
ABN is redacted.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

EMAIL = re.compile(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Australian numbers: mobiles and landlines (0412 345 678, (02) 6207 1234, +61 2 6207 1234),
# 1300/1800 numbers and 13 numbers; an international number with a + and 8 to 15 digits.
PHONE = re.compile(
    r"(?<![\w$.,])(?:"
    r"(?:\+61[\s-]?\(?0?\)?|\(0|0)[2-478]\)?(?:[\s-]?\d){8}"
    r"|1[38]00(?:[\s-]?\d){6}"
    r"|13(?:[\s-]?\d){4}(?!\d)"
    r"|\+(?:[\s-]?\d){8,15}"
    r")(?![\w])"
)
ABN = re.compile(r"(?<![\w$.,])\d{2}[\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\w])")
# "my name is Jane Citizen", "this is Jane", "name: Jane Citizen", "regards, Jane"
NAME_CUE = re.compile(
    r"\b((?i:my name is|my name's|name is|this is|call me|ask for|contact person is|"
    r"regards,?|cheers,?|thanks,?|name:)\s+)"
    r"([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})"
)
NOT_NAMES = {"The", "This", "That", "It", "We", "Our", "Queensland", "ACT", "A", "An", "I"}
MAX_REMEMBERED = 10_000

_lock = threading.Lock()
_remembered: OrderedDict[str, None] = OrderedDict()
_remembered_pattern: re.Pattern[str] | None = None


def remember(values: Iterable[str | None]) -> None:
    """Redact these values (names, contacts) wherever they turn up from now on."""
    global _remembered_pattern
    with _lock:
        for value in values:
            value = (value or "").strip()
            if len(value) >= 3:
                _remembered[value] = None
                _remembered.move_to_end(value)
        while len(_remembered) > MAX_REMEMBERED:
            _remembered.popitem(last=False)
        _remembered_pattern = None


def _remembered_regex() -> re.Pattern[str] | None:
    global _remembered_pattern
    with _lock:
        if _remembered_pattern is None and _remembered:
            words = sorted(_remembered, key=len, reverse=True)
            _remembered_pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I
            )
        return _remembered_pattern


def _name(match: re.Match[str]) -> str:
    if match.group(2).split()[0] in NOT_NAMES:
        return match.group(0)
    return match.group(1) + "[name]"


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers, ABNs and names replaced by markers."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = ABN.sub("[ABN]", text)
    text = PHONE.sub("[phone]", text)
    known = _remembered_regex()
    if known is not None:
        text = known.sub("[name]", text)
    return NAME_CUE.sub(_name, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and traceback) with `redact`; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be shown
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._redacted = True
        return True


FILTER = RedactingFilter()
_installed = False


def _add(target: logging.Filterer) -> None:
    if FILTER not in target.filters:
        target.addFilter(FILTER)


def install_redaction() -> RedactingFilter:
    """Redact every log record of this process (idempotent; call it again after handlers
    were added and it puts the filter on them too)."""
    global _installed
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        _add(logger)
        for handler in logger.handlers:
            _add(handler)
    if not _installed:
        make_record = logging.getLogRecordFactory()

        def redacting_factory(*args, **kwargs) -> logging.LogRecord:
            record = make_record(*args, **kwargs)
            FILTER.filter(record)
            return record

        logging.setLogRecordFactory(redacting_factory)
        _installed = True
    return FILTER
