"""Reading facts out of what a user typed, with `knowledge`'s parsers (pure: no Rasa here).

One message can carry several facts ("QLD, $95k ex GST, ICT services"); each found fact is
returned as a slot value, so a later message overwrites an earlier one (corrections). When the
form has just asked for a fact and the reply does not give it, ``problem`` says, in the
parser's words, what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.parse import (
    COVERED_JURISDICTIONS,
    ParseError,
    find_amount,
    parse_abn,
    parse_amount,
    parse_anzsic,
    parse_bool,
    parse_gst,
    parse_headcount,
    parse_jurisdiction,
    parse_needs,
    parse_percent,
    parse_state,
    uncovered_buyer,
)
from knowledge.parsing.vocab import lower, matcher

MAX_TEXT = 2000  # longer messages are not fact-checked word by word
BOOL_SLOTS = {
    "value_includes_gst",
    "construction",
    "ict",
    "services",
    "planning_period",
    "supplier_reseller_of_standard_offering",  # asked by the supplier flow (actions/supplier.py)
}
_ABN = re.compile(r"\b(?:ABN[:\s]*)?(\d{2}\s?\d{3}\s?\d{3}\s?\d{3})\b", re.I)
_PEOPLE = re.compile(
    r"\b(staff|employees?|contractors?|people|persons?|FTE|sole trader|just me|headcount|workers)\b",
    re.I,
)
_SUPPLIERISH = re.compile(
    r"\b(we('| a)re|our (firm|company|business)|firm|company|business|based in|located in|"
    r"registered in|head office|supplier)\b",
    re.I,
)
_INDIGENOUS_PCT = re.compile(
    r"(\d{1,3}(?:\.\d+)?\s?(?:%|per ?cent))\s+(?:\w+\s+){0,2}(?:Aboriginal|Indigenous|"
    r"Torres Strait)",
    re.I,
)
#: The other order: "Aboriginal owned (60%)", "Indigenous ownership is 55%".
_INDIGENOUS_PCT_AFTER = re.compile(
    r"(?:Aboriginal|Indigenous|Torres Strait Islander)(?:[- ]owned|\s+ownership)\s*"
    r"(?:is\s+|of\s+|at\s+|:\s*)?\(?\s*(\d{1,3}(?:\.\d+)?\s?(?:%|per ?cent))",
    re.I,
)
#: A negation right before a cue, with at most one word between: "not construction", "isn't a
#: construction job", "non-ICT", "no IT in it".
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|non|isn'?t|aren'?t|wasn'?t|without|nothing to do with)\W+(?:\w+\W+)?\Z", re.I
)
#: "10 staff", "40 contractors", "a 3-person": the headcount phrases of a message that holds other
#: numbers too ("$30k of software from a Canberra SME with 10 staff").
_HEADCOUNT_PHRASE = re.compile(
    r"\b\d[\d,]*\s*(?:-\s*)?(?:(?:full|part)[- ]time\s+|casual\s+)?(?:staff|employees?|people|"
    r"persons?|person|workers|FTEs?|contractors?|sub-?contractors?)\b",
    re.I,
)
#: Where a message's clauses end, to read a headcount from its own clause when the whole message
#: holds other numbers ("60% Aboriginal owned, 15 staff and no contractors").
_CLAUSES = re.compile(r"[.;:!?()]\s*|,\s*")
#: Where the buyer's supplier is from ("an Indigenous SME from NSW", "a supplier in Sydney"):
#: not the buyer's government, so left out when reading that.
_SUPPLIER_FROM = re.compile(
    r"\b((?:SMEs?|suppliers?|vendors?|tenderers?|providers?|subcontractors?)\s+"
    r"(?:from|in|out of|based in|located in))\s+(?:the\s+)?[\w'.-]+(?:\s+[A-Z][\w'.-]*){0,2}",
    re.I,
)
_LOCATED = re.compile(
    r"\b(based|located|registered|head ?(office|quartered)|headquartered|HQ|main business "
    r"location|operate|operating)\b",
    re.I,
)
#: "our main business location is NSW", "main business location: Victoria".
_LOCATION_IS = re.compile(
    r"\bmain business location\s*(?:is|:|=|registered (?:in|as)|with the ABR is)?\s*(?:in\s+)?"
    r"((?:the\s+)?[A-Za-z][\w'.]*(?:\s+[A-Z][\w'.]*){0,3})",
    re.I,
)
_ANZSIC_CUE = re.compile(r"\b(ANZSIC|division\s+[a-s]\b|subdivision\s+\d{2})", re.I)
_OFFER = re.compile(
    r"(\$?\s?[\d,.]+\s?[km]?)\s+(?:out\s+)?of\s+(?:the\s+|a\s+|an\s+)?(\$?\s?[\d,.]+\s?[km]?)"
    r"(?:\s+offer)?[^.]*\b(Queensland|QLD|Qld)\s+SME",
    re.I,
)


#: "$4,500 of SME contribution out of $90,000": the share named first, then the total.
_SHARE = r"(?:Queensland\s+|QLD\s+|Qld\s+)?SME\s+(?:contribution|subcontract\w*|content|spend|participation|share)"
_OFFER_SME_FIRST = re.compile(
    r"(\$?\s?[\d,.]+\s?[km]?)\s+(?:of|in|as)\s+" + _SHARE + r"\b[^.$]*?\b(?:out\s+of|of|from|in)\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:total\s+(?:of\s+)?)?(\$?\s?[\d,.]+\s?[km]?)",
    re.I,
)
_SME_SHARE_ONLY = re.compile(r"\$?\s?[\d,.]+\s?[km]?\s+(?:of|in|as)\s+" + _SHARE + r"\b", re.I)
#: Any other wording of an offer's split ("bids $300k, with $90k going to Qld SME subbies",
#: "60% of a $500,000 offer goes to Queensland SME subcontractors"): a Queensland SME named
#: with a word for a part of the offer, and two amounts (or an amount and a percentage). The
#: SME part of an offer is never more than its total, so the smaller amount is the part.
_QLD_SME = re.compile(r"\b(?:Queensland|QLD|Qld)\s+SMEs?\b", re.I)
_PART_CUE = re.compile(
    r"\b(?:sub-?contract\w*|subbies|subbys|contribution|content|spend|participation|share|"
    r"go(?:es|ing)?\s+to|went\s+to|of\s+(?:that|it|which|this))\b",
    re.I,
)
_MONEY_SPAN = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|mil|million|thousand|grand)\b)?"
    r"|(?<![\w$.,])\d[\d,]*(?:\.\d+)?\s?(?:k|m|mil|million|thousand|grand)\b",
    re.I,
)
_PERCENT_SPAN = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b)", re.I)
NO_OFFER_TOTAL = (
    "To work out an offer's SME weighting I need its total as well as the Queensland SME part: "
    "for example, '$112,500 of $125,000 goes to Queensland SME subcontractors'."
)


@dataclass
class Extraction:
    slots: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    other_jurisdiction: str | None = None


@cache
def cues() -> dict[str, list]:
    """`cues.yaml`, compiled: kind -> [(pattern, slot, value)] (also DIET's regex features)."""
    raw = yaml.safe_load((Path(__file__).parent / "cues.yaml").read_text(encoding="utf-8"))
    return {
        kind: [(re.compile(c["pattern"], re.I), c.get("slot"), c["value"]) for c in items]
        for kind, items in raw.items()
    }


def _try(fn, text: str, *args, **kwargs) -> Any:
    try:
        return fn(text, *args, **kwargs)
    except ParseError:
        return None


def topic_of(text: str) -> str | None:
    for pattern, _, value in cues()["topics"]:
        if pattern.search(text):
            return value
    return None


def _amount(text: str, requested: str | None, out: Extraction) -> None:
    try:
        amount = find_amount(text)
        if amount is None and requested == "value":
            amount = parse_amount(text)
    except ParseError as exc:
        if out.slots.get("split_procurement") and requested != "value":
            return  # "split $60k into two $30k orders": the form asks for the total
        if requested == "value" or re.search(r"\$|\d\s?k\b|grand|million|thousand", text, re.I):
            out.problem = exc.message
        return
    if amount is None:
        return
    if out.slots.get("split_procurement") and len(_MONEY_SPAN.findall(text)) > 1:
        return  # "$30k now and $30k next month": parts, not the total; the form asks for it
    out.slots["value"] = amount.value
    if amount.includes_gst is not None:
        out.slots["value_includes_gst"] = amount.includes_gst


def _requested(text: str, requested: str, out: Extraction) -> None:
    """The answer to the question just asked, read strictly."""
    try:
        if requested == "value_includes_gst":
            gst = parse_gst(text)
            if gst is not None:
                out.slots[requested] = gst
        elif requested in BOOL_SLOTS:
            cue = out.slots.get(requested)
            out.slots[requested] = cue if cue is not None else parse_bool(text, field=requested)
        elif requested == "jurisdiction":
            try:
                _jurisdiction(parse_jurisdiction(text), out)
            except ParseError:
                # "neither, we're a charity": a buyer none of the sources covers is an answer.
                out.other_jurisdiction = uncovered_buyer(text, answering=True)
                if not out.other_jurisdiction:
                    raise
        elif requested == "need":
            _needs(parse_needs(text), out)
        elif requested == "anzsic":
            out.slots["anzsic"] = parse_anzsic(text)
        elif requested == "supplier_main_business_location":
            out.slots[requested] = parse_state(text)
        elif requested in ("supplier_employees", "supplier_contractors"):
            role = "employees" if requested == "supplier_employees" else "contractors"
            count = parse_headcount(text, default_role=role)
            _people(count, out)
        elif requested == "supplier_indigenous_ownership_percent":
            out.slots[requested] = parse_percent(text, max_100=True, field=requested)
        elif requested == "additional_construction_percent":
            out.slots[requested] = parse_percent(text, field=requested)
    except ParseError as exc:
        if requested not in out.slots:
            out.problem = exc.message


def _needs(needs: list[str], out: Extraction) -> None:
    """The first need named is the form's; the others are answered with it (a Commonwealth
    buyer's "200 laptops and Office 365 licences" gets both arrangements)."""
    out.slots["need"] = needs[0]
    out.slots["more_needs"] = needs[1:]


def _jurisdiction(code: str, out: Extraction) -> None:
    if code in ("ACT", "QLD", "CTH"):
        out.slots["jurisdiction"] = code
    else:
        out.other_jurisdiction = code


def _people(count: Any, out: Extraction) -> None:
    if count.employees is not None:
        out.slots["supplier_employees"] = float(count.employees)
    if count.contractors is not None:
        out.slots["supplier_contractors"] = float(count.contractors)


def _negated(text: str, start: int) -> bool:
    """Whether the words just before ``start`` negate what follows ("not construction")."""
    return bool(_NEGATION_BEFORE.search(text[max(0, start - 30) : start]))


#: Asking to do without the quotations or tender: exemption reasons raised with it count.
_ASKS_EXEMPTION = re.compile(
    r"\b(exempt\w*|one quote|single quote|only quote|direct|skip (the )?(quot|tender)|"
    r"without (any )?(quot|a tender|tender))",
    re.I,
)


def _cue_facts(text: str, out: Extraction) -> None:
    known = cues()
    for pattern, slot, value in known["facts"]:
        found = pattern.search(text)
        if slot in out.slots or not found:
            continue
        if _negated(text, found.start()):
            # "no, not construction", "non-ICT": a yes/no cue negated is the opposite answer;
            # any other cue negated ("not a grant") says nothing.
            if isinstance(value, bool):
                out.slots[slot] = not value
            continue
        out.slots[slot] = value
    reasons = sorted(
        {value for pattern, _, value in known["exemption_reasons"] if pattern.search(text)}
    )
    if reasons and _ASKS_EXEMPTION.search(text):
        out.slots["exemption_reasons"] = reasons


_COUNT_WORDS = {
    **{w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())},
    "eleven": 11,
    "twelve": 12,
    "a": 1,
    "an": 1,
}
_SPAN = r"(\d{1,3}|" + "|".join(_COUNT_WORDS) + r")\s*(day|week|month|year)s?"
#: When notice of the procurement was published (s 8(2)(b)(ii)(A)): "we published a notice 2
#: months ago", "notice went out 45 days before", "6 weeks ago we put out a notice".
_NOTICE = re.compile(
    r"\bnotice\b[^.?!]{0,60}?\b" + _SPAN + r"\s+(ago|before|earlier|prior)\b|"
    r"\b" + _SPAN + r"\s+(ago|before|earlier|prior)\b[^.?!]{0,40}?\bnotice\b",
    re.I,
)
_DAYS_PER = {"day": 1, "week": 7, "month": 30, "year": 365}


def _notice(text: str, out: Extraction) -> None:
    """Days before the invitation that notice was published. A month is read as 30 days: no
    whole number of months is near the 40-day or 365-day lines, whatever its length."""
    found = _NOTICE.search(text)
    if not found:
        return
    count, unit = (found.group(1), found.group(2)) if found.group(1) else found.group(4, 5)
    number = _COUNT_WORDS.get(count.lower()) if not count.isdigit() else int(count)
    out.slots["notice_days_before"] = number * _DAYS_PER[unit.lower()]


def _supplier(text: str, entities: list[dict], out: Extraction) -> None:
    # Rasa's SpacyEntityExtractor reports the text ("Townsville"), not the ruler's id: normalise.
    states = [
        _try(parse_state, str(e["value"]))
        for e in entities
        if e.get("entity") == "state" and e.get("value")
    ]
    states = [s for s in states if s]
    stated = _LOCATION_IS.search(text)
    location = _try(parse_state, stated.group(1)) if stated else None
    if location:
        out.slots["supplier_main_business_location"] = location
    elif states:
        out.slots["supplier_main_business_location"] = states[0]
    elif _SUPPLIERISH.search(text):
        place = re.search(
            r"\b(?:in|from|based in|located in|out of|on the)\s+([A-Z][\w' -]{2,40})", text
        )
        if place:
            state = _try(parse_state, place.group(1))
            if state:
                out.slots["supplier_main_business_location"] = state
    if _PEOPLE.search(text):
        count = _try(parse_headcount, text)
        if count is not None:
            _people(count, out)
        else:
            for clause in _CLAUSES.split(text):
                if _PEOPLE.search(clause):
                    count = _try(parse_headcount, clause)
                    if count is not None:
                        _people(count, out)
            phrases = [m.group() for m in _HEADCOUNT_PHRASE.finditer(text)]
            if phrases and not any(
                k in out.slots for k in ("supplier_employees", "supplier_contractors")
            ):
                count = _try(parse_headcount, " and ".join(phrases))
                if count is not None:
                    _people(count, out)
    pct = _INDIGENOUS_PCT.search(text) or _INDIGENOUS_PCT_AFTER.search(text)
    if pct:
        value = _try(parse_percent, pct.group(1), max_100=True)
        if value is not None:
            out.slots["supplier_indigenous_ownership_percent"] = value
    abn = _ABN.search(text)
    if abn and re.search(r"\bABN\b", text, re.I):
        try:
            out.slots["supplier_abn"] = parse_abn(abn.group(1))
        except ParseError as exc:
            out.problem = exc.message


def _split(text: str) -> tuple[float, float] | None:
    """(SME part, total) of an offer worded any other way, or None."""
    if not (_QLD_SME.search(text) and _PART_CUE.search(text)):
        return None
    amounts = {
        a.value for a in (_try(parse_amount, m.group()) for m in _MONEY_SPAN.finditer(text)) if a
    }
    percents = {float(m.group(1)) for m in _PERCENT_SPAN.finditer(text)}
    if len(amounts) == 2 and not percents:
        part, total = sorted(amounts)
        return part, total
    if len(amounts) == 1 and len(percents) == 1:
        (total,), (share,) = amounts, percents
        if 0 <= share <= 100:
            return round(total * share / 100, 2), total
    return None


def _offers(text: str, out: Extraction) -> None:
    found = _OFFER.search(text) or _OFFER_SME_FIRST.search(text)
    part = _try(parse_amount, found.group(1)) if found else None
    total = _try(parse_amount, found.group(2)) if found else None
    split = (part.value, total.value) if part and total else _split(text)
    if split is None:
        if not found and _SME_SHARE_ONLY.search(text):  # a share with no total: not the value
            out.problem = NO_OFFER_TOTAL
            out.slots["offers"] = None
        return
    if split[1] > 0:
        out.slots["offers"] = [
            {
                "name": "The offer",
                "qld_sme": False,
                "qld_sme_contribution": split[0],
                "total": split[1],
            }
        ]
        out.slots["approach"] = "formal_ito"


def extract(
    text: str, *, requested: str | None = None, entities: list[dict] | None = None
) -> Extraction:
    """Facts (as slot values) in ``text``; ``requested`` is the slot the form just asked for."""
    out = Extraction()
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return out  # a button payload or a typed intent: it carries no facts
    if len(text) > MAX_TEXT:
        out.problem = (
            f"That message is too long for me to read for facts (over {MAX_TEXT:,} characters). "
            "Could you put the key facts in a sentence or two?"
        )
        return out
    entities = entities or []
    _cue_facts(text, out)
    _notice(text, out)
    _offers(text, out)
    if "offers" not in out.slots:
        _amount(text, requested, out)
    elif out.slots["offers"] is None:
        del out.slots["offers"]  # an offer without its total: asked again, no value read
    # A state named as a supplier's location ("NSW" to that question, "based in NSW") is not the
    # buyer's government.
    if requested != "supplier_main_business_location":
        buyer = _SUPPLIER_FROM.sub(r"\1", text)
        code = _try(parse_jurisdiction, buyer)
        if code and (code in COVERED_JURISDICTIONS or not _LOCATED.search(buyer)):
            _jurisdiction(code, out)
        elif not code:
            # "Gold Coast City Council needs ...", "our church is buying ...": not covered.
            out.other_jurisdiction = uncovered_buyer(buyer)
    needs = _try(parse_needs, text)
    if needs:
        _needs(needs, out)
    if _ANZSIC_CUE.search(text) or any(e.get("entity") == "anzsic" for e in entities):
        code = _try(parse_anzsic, text)
        if code:
            out.slots["anzsic"] = code
    _supplier(text, entities, out)
    if "gst" in text.lower() and "value_includes_gst" not in out.slots:
        gst = _try(parse_gst, text)
        if gst is not None:
            out.slots["value_includes_gst"] = gst
    if requested:
        _requested(text, requested, out)
    topic = topic_of(text)
    if out.slots.get("offers") and topic in (None, "quotations"):
        topic = "formal_ito"  # an offer's split asks for its weighting
    if out.slots.get("split_procurement") and topic in (None, "quotations", "exemption"):
        topic = "splitting"  # no source settles it: the answer leads with the referral
    if topic:
        out.slots["topic"] = topic
    return out


#: Words only a question about the procurement rules uses.
_RULES_TERMS = re.compile(
    r"\b(quot(e|es|ation|ations)|tender\w*|procure\w*|notifiable|set[- ]?asides?|panels?|SMEs?|"
    r"weighting|access incentive|exempt\w*|thresholds?|standing offers?|secure local jobs|"
    r"labour relations|board review|contracts? register|sole[- ]sourc\w*)\b",
    re.I,
)
#: Asking the assistant to do a task (write, draft ...), or a buyer the sources do not cover.
_NOT_A_RULES_QUESTION = re.compile(
    r"\b(write|draft|prepare|fill( in| out)?|complete|translate|summari[sz]e|proofread|mark|"
    r"score|evaluate)\s+(me\s+)?(my|our|a|an|the|this|these)\b|"
    r"\b(private|personal(ly)?|myself|my own|university|uni|charity|not[- ]for[- ]profit)\b",
    re.I,
)


def reads_as_rules_question(text: str) -> bool:
    """Whether a message the classifier called out of scope still reads as a question the
    sources answer: it uses a procurement term, names no government, place abroad or council
    outside the three covered, and asks for no task ("write my tender response")."""
    text = (text or "").strip()
    if not text or text.startswith("/") or len(text) > 500:
        return False
    splitting = any(
        slot == "split_procurement" and pattern.search(text) for pattern, slot, _ in cues()["facts"]
    )
    if not (_RULES_TERMS.search(text) or splitting) or _NOT_A_RULES_QUESTION.search(text):
        return False
    if matcher("not_covered").labels(lower(text)) & {"foreign", "local_government"}:
        return False
    if uncovered_buyer(text):  # "our church is buying ...": a buyer the sources don't cover
        return False
    code = _try(parse_jurisdiction, text)
    return code is None or code in COVERED_JURISDICTIONS
