"""The assessment engine: runs a jurisdiction's rules over the facts and works out `missing`.

Rules read facts through a :class:`Ctx`. A fact the user could be asked for
(``ctx.fact(name)``) raises :class:`Unknown` when absent; an exception the contract presumes
absent (``ctx.get(name, default)``) never does. When a rule stops on an unknown fact, the engine
runs it again with each value that fact could take (``questions.yaml`` gives the kind; money
values are tried at and around every threshold in force). If every value gives the same
decision, the rule's answer stands and says it holds either way; if not, the fact goes to
`missing`. So a fact is asked for exactly when the rules say it would change the answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from knowledge import _data
from knowledge.citations import Citation
from knowledge.model import Determination, Item, Missing, OutOfScope
from knowledge.params import ParamView, parameters, view
from knowledge.validate import flatten, validate

MAX_DEPTH = 4
Rule = Callable[["Ctx"], Iterable[Item] | Item | None]


class Unknown(Exception):
    """A rule needs a fact that the user has not given."""

    def __init__(self, fact: str) -> None:
        super().__init__(fact)
        self.fact = fact


class Ctx:
    """What a rule sees: the facts, the parameters in force, and the date."""

    __slots__ = ("_assumed", "_facts", "as_of", "jurisdiction", "memo", "p")

    def __init__(
        self, facts: dict[str, Any], p: ParamView, assumed: frozenset[str] = frozenset()
    ) -> None:
        self._facts = facts
        self._assumed = assumed
        self.memo: dict[Callable, Any] = {}
        self.p = p
        self.as_of: dt.date = p.as_of
        self.jurisdiction: str = p.jurisdiction

    def fact(self, name: str) -> Any:
        """A fact the user can be asked for; raises :class:`Unknown` when not given."""
        value = self._facts.get(name)
        if value is None:
            raise Unknown(name)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        """A fact that is presumed (``default``) unless the user raises it."""
        value = self._facts.get(name)
        return default if value is None else value

    def has(self, name: str) -> bool:
        return self._facts.get(name) is not None

    def assumed(self, name: str) -> bool:
        """True when ``name`` was not given but is being tried while working out `missing`."""
        return name in self._assumed

    def with_fact(self, name: str, value: Any) -> Ctx:
        facts = dict(self._facts)
        facts[name] = value
        return Ctx(facts, self.p, self._assumed | {name})


def derived(fn: Callable[[Ctx], Any]) -> Callable[[Ctx], Any]:
    """A value derived from the facts (a method, a gate), computed once per set of facts."""

    def wrapper(ctx: Ctx) -> Any:
        memo = ctx.memo
        if fn in memo:
            return memo[fn]
        value = memo[fn] = fn(ctx)
        return value

    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


# --- working out what is missing ---------------------------------------------------------


class _Unsettled:
    __slots__ = ("facts",)

    def __init__(self, facts: frozenset[str]) -> None:
        self.facts = facts

    def key(self) -> tuple:
        return ("?", tuple(sorted(self.facts)))


_ITEM_TYPES = (Determination, OutOfScope)


def _as_items(result: Iterable[Item] | Item | None) -> list[Item]:
    if result is None:
        return []
    if isinstance(result, _ITEM_TYPES):
        return [result]
    return list(result)


def _outcome_key(outcome: list[Item] | _Unsettled) -> tuple:
    if isinstance(outcome, _Unsettled):
        return outcome.key()
    return tuple(item.key() for item in outcome)


def _evaluate(rule: Rule, ctx: Ctx, depth: int = 0) -> list[Item] | _Unsettled:
    try:
        return _as_items(rule(ctx))
    except Unknown as unknown:
        name = unknown.fact
    if depth >= MAX_DEPTH:
        return _Unsettled(frozenset([name]))
    branches = [_evaluate(rule, ctx.with_fact(name, v), depth + 1) for v in _tries(name, ctx)]
    keys = {_outcome_key(b) for b in branches}
    if len(keys) == 1 and not isinstance(branches[0], _Unsettled):
        return _merge(name, branches, ctx.jurisdiction)  # type: ignore[arg-type]
    if all(isinstance(b, _Unsettled) for b in branches) and len(keys) == 1:
        # The same facts are still needed whatever this one is: ask for those.
        return branches[0]
    if all(isinstance(b, _Unsettled) for b in branches):
        deeper = frozenset().union(*(b.facts for b in branches))  # type: ignore[union-attr]
        return _Unsettled(deeper | {name})
    return _Unsettled(frozenset([name]))


def _merge(name: str, branches: list[list[Item]], jurisdiction: str) -> list[Item]:
    """Branches that agree: keep the first, cite every provision any branch relied on."""
    first = branches[0]
    note = f" This is the same {_question_spec(name)['either_way']}."
    merged: list[Item] = []
    for i, item in enumerate(first):
        if isinstance(item, Determination):
            cites: dict[Citation, None] = {}
            for branch in branches:
                for c in branch[i].citations:  # type: ignore[union-attr]
                    cites[c] = None
            item = Determination(
                item.topic, item.summary + note, tuple(cites), item.fields, item.informational
            )
        merged.append(item)
    return merged


_OFFER = re.compile(r"^offers\.(\d+)\.(.+)$")


def _spec_key(name: str) -> str:
    m = _OFFER.match(name)
    return f"offers.*.{m.group(2)}" if m else name


def _question_spec(name: str) -> dict[str, Any]:
    return _data.questions()["facts"][_spec_key(name)]


@cache
def _money_tries(jurisdiction: str, as_of: dt.date) -> tuple[float, ...]:
    points = {0.0, 1e12}
    for _name, p in parameters(jurisdiction).items():
        value = p.at(as_of)
        if p.unit.startswith("AUD") and isinstance(value, int | float):
            points.update((float(value), float(value) - 0.01, float(value) + 0.01))
    return tuple(sorted(points))


_COUNT_TRIES = (0, 1, 19, 20, 199, 200, 1_000_000)


def _tries(name: str, ctx: Ctx) -> Iterable[Any]:
    spec = _question_spec(name)
    kind = spec["kind"]
    if "try" in spec:
        return spec["try"]
    if kind == "enum":
        return spec["values"]
    if kind == "bool":
        return (True, False)
    if kind == "count":
        return _COUNT_TRIES
    if kind == "anzsic":
        return _anzsic_tries()
    if kind == "money":
        m = _OFFER.match(name)
        if m:  # a share of one offer's total
            total = ctx.get(f"offers.{m.group(1)}.total", 1.0)
            return (0.0, total / 2, float(total))
        return _money_tries(ctx.jurisdiction, ctx.as_of)
    raise ValueError(f"no values to try for {name} ({kind})")


@cache
def _anzsic_tries() -> tuple[str, ...]:
    from knowledge.anzsic import DIVISIONS  # local: only needed when exploring

    return (*DIVISIONS, "84", "85")


def _format_param(p: ParamView, name: str) -> str:
    from knowledge.fmt import param_text

    return param_text(p, name)


def missing_entry(
    name: str,
    jurisdiction: str | None,
    p: ParamView | None,
    facts: dict,
    needed_for: tuple[str, ...] = (),
) -> Missing:
    spec = _question_spec(name)
    question = spec["question"]
    m = _OFFER.match(name)
    if m:
        idx = int(m.group(1))
        offer_name = facts.get(f"offers.{idx}.name") or str(idx + 1)
        question = question.replace("{n}", f"'{offer_name}'")
    reason = spec.get("reason", "")
    if isinstance(reason, dict):
        reason = reason.get(jurisdiction or "", "") or next(iter(reason.values()))
    if p is not None and "{" in reason:
        reason = re.sub(r"\{([a-z_.]+)\}", lambda mm: _format_param(p, mm.group(1)), reason)
    return Missing(name, question, reason, needed_for)


@cache
def _fact_order() -> dict[str, int]:
    return {name: i for i, name in enumerate(_data.questions()["facts"])}


def _order(name: str) -> tuple[int, str]:
    return (_fact_order().get(_spec_key(name), 999), name)


# --- assessing ---------------------------------------------------------------------------


def run_rules(
    rules: Iterable[Rule], ctx: Ctx
) -> tuple[list[Item], list[tuple[str, tuple[str, ...]]]]:
    """(items, missing): each missing fact with the topics (rule names) that need it."""
    items: list[Item] = []
    missing: dict[str, list[str]] = {}
    for rule in rules:
        outcome = _evaluate(rule, ctx)
        if isinstance(outcome, _Unsettled):
            for name in outcome.facts:
                missing.setdefault(name, []).append(rule.__name__)
        else:
            items.extend(outcome)
    return items, [(n, tuple(missing[n])) for n in sorted(missing, key=_order)]


@cache
def _rules_for(jurisdiction: str) -> tuple[Rule, ...]:
    if jurisdiction == "ACT":
        from knowledge.rules import act as module
    elif jurisdiction == "QLD":
        from knowledge.rules import qld as module
    else:
        from knowledge.rules import cth as module
    return tuple(module.RULES)


@cache
def _in_force_from(jurisdiction: str) -> dt.date:
    value = _data.sections(_data.DOCUMENTS[jurisdiction])["in_force_from"]
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _before_commencement(jurisdiction: str, as_of: dt.date) -> OutOfScope:
    from knowledge.referrals import referral

    document = _data.DOCUMENTS[jurisdiction]
    title = _data.ruleset_meta()["sources"][document]
    start = _in_force_from(jurisdiction)
    return OutOfScope(
        "before_commencement",
        f"{as_of.isoformat()} is before the version of {document} this assistant encodes "
        f"({title}) took effect on {start.isoformat()}; the rules in force then may differ.",
        referral(jurisdiction),
    )


def assess_facts(facts: dict[str, Any], as_of: dt.date, ignored: list[str]) -> dict[str, Any]:
    """Assess already-validated facts for ``as_of``; the advice in its dict (contract) form."""
    flat = flatten(facts)
    jurisdiction = flat.get("jurisdiction")
    items: list[Item] = []
    missing: list[Missing] = []
    p: ParamView | None = None
    if jurisdiction is None:
        missing.append(missing_entry("jurisdiction", None, None, flat, ("jurisdiction",)))
    elif as_of < _in_force_from(jurisdiction):
        items.append(_before_commencement(jurisdiction, as_of))
    else:
        p = view(jurisdiction, as_of)
        items, names = run_rules(_rules_for(jurisdiction), Ctx(flat, p))
        missing = [missing_entry(n, jurisdiction, p, flat, needed) for n, needed in names]
    out_of_scope: dict[str, OutOfScope] = {}
    determinations = []
    for item in items:
        if isinstance(item, OutOfScope):
            out_of_scope.setdefault(item.code, item)
        else:
            determinations.append(item.to_dict())
    advice: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "as_of": as_of.isoformat(),
        "ruleset": dict(_data.ruleset()),
        "determinations": determinations,
        "missing": [m.to_dict() for m in missing],
        "out_of_scope": [o.to_dict() for o in out_of_scope.values()],
    }
    if ignored:
        advice["ignored_facts"] = ignored
    return advice


def assess(facts: Any, *, today: dt.date | None = None) -> dict[str, Any]:
    """Facts in, advice out (the contract's dict form).

    ``as_of`` in the facts is the day the rules are read for. Without it, ``today`` is used,
    and without that, the calendar date: the one place the module looks at the clock, at its
    boundary, never inside a rule. Raises :class:`knowledge.validate.InvalidFacts`.
    """
    clean, ignored = validate(facts)
    if "as_of" in clean:
        as_of = dt.date.fromisoformat(clean["as_of"])
    else:
        as_of = today or dt.date.today()
    return assess_facts(clean, as_of, ignored)
