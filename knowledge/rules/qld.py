"""Queensland Government ICT SME participation scheme standard (Final v4.0.1, from July 2021).

Every dollar threshold in the standard includes GST; a GST-exclusive value is converted at the
GST rate and the advice says so. Buyer questions (a value, an approach, offers, a panel) get
the scheme's rules for the approach; supplier questions (a supplier's headcount and location)
get the supplier's status and what it opens.
"""

from __future__ import annotations

from knowledge.citations import qld as cite
from knowledge.engine import Ctx, derived
from knowledge.fmt import and_list, money, number
from knowledge.model import Determination, OutOfScope
from knowledge.referrals import referral

SET_ASIDES = "Set-Asides"
INCENTIVE = "SME and Indigenous Access Incentive"
IN_SCOPE = "In scope for the SME Access Incentive"
OUT_OF_SCOPE = "Out of scope for the SME Access Incentive"
EXEMPTIONS = "Exemptions to the SME participation scheme policy"
REPORTING_TABLE = "Reporting requirements"
QPP = "SME Access and Indigenous Incentive and the Queensland Procurement Policy"
PLANNING = "Careful procurement planning"
APPLYING_INCENTIVE = "Applying the SME and Indigenous Access Incentive"

# A supplier asking about itself may well mention ICT: ``ict`` alone is not a buyer question.
BUYER_FACTS = (
    "value",
    "value_includes_gst",
    "approach",
    "offers",
    "panel_type",
    "new_opportunity",
    "qld_exemption",
)
SUPPLIER_FACTS = (
    "supplier.employees",
    "supplier.contractors",
    "supplier.main_business_location",
    "supplier.indigenous_ownership_percent",
    "supplier.labour_hire",
    "supplier.reseller_of_standard_offering",
)

EXEMPTION_GROUNDS = {
    "no_competitive_sme_offers": "offers cannot be obtained from SMEs that are competitive on price, quality or delivery",
    "sole_or_limited_supplier": "you intend to use a sole or limited supplier",
    "market_tested_panel": "you intend to use an existing market-tested panel or standing offer arrangement, or another process where pricing has been provided or evaluated",
    "labour_hire": "an employment or labour hire firm is used; these firms do not qualify for SME participation advantages",
}


# --- who is asking, and the value in GST-inclusive terms ---------------------------------


@derived
def _buyer_question(ctx: Ctx) -> bool:
    return any(ctx.has(f) for f in BUYER_FACTS) or not any(ctx.has(f) for f in SUPPLIER_FACTS)


@derived
def _supplier_question(ctx: Ctx) -> bool:
    return any(ctx.has(f) for f in SUPPLIER_FACTS)


@derived
def _in_scope(ctx: Ctx) -> bool:
    """Buyer rules run for ICT procurement; ``ict`` is asked for when it is not given."""
    return _buyer_question(ctx) and ctx.fact("ict") is True


@derived
def _value_incl(ctx: Ctx) -> float:
    value = ctx.fact("value")
    if ctx.fact("value_includes_gst"):
        return value
    return round(value * (1 + ctx.p["gst.rate_percent"] / 100), 2)


@derived
def _value_words(ctx: Ctx) -> str:
    value = ctx.fact("value")
    if ctx.assumed("value_includes_gst"):
        high = value * (1 + ctx.p["gst.rate_percent"] / 100)
        return f"{money(value)} (with or without GST: at most {money(high)} incl. GST)"
    if ctx.fact("value_includes_gst"):
        return f"{money(value)} incl. GST"
    return f"{money(value)} ex GST, which is {money(_value_incl(ctx))} incl. GST"


@derived
def _approach(ctx: Ctx) -> str | None:
    if ctx.has("offers"):
        return "formal_ito"
    return ctx.get("approach")


@derived
def _exempt(ctx: Ctx) -> bool:
    return ctx.has("qld_exemption") or ctx.get("supplier.labour_hire", False)


# --- supplier status (3.1) ---------------------------------------------------------------


@derived
def _headcount(ctx: Ctx) -> tuple[bool, int]:
    """(is an SME, headcount). Contractors are needed unless the employees alone settle it."""
    below = ctx.p["sme.people_below"]
    employees = ctx.fact("supplier.employees")
    if employees >= below:
        return False, employees + ctx.get("supplier.contractors", 0)
    people = employees + ctx.fact("supplier.contractors")
    return people < below, people


@derived
def _qld_sme(ctx: Ctx) -> bool:
    sme, _ = _headcount(ctx)
    return sme and ctx.fact("supplier.main_business_location") == "QLD"


def _indigenous(ctx: Ctx, *, ask: bool) -> bool | None:
    name = "supplier.indigenous_ownership_percent"
    pct = ctx.fact(name) if ask else ctx.get(name)
    if pct is None:
        return None
    return pct >= ctx.p["indigenous_business.min_ownership_percent"]


def sme_status(ctx: Ctx) -> Determination | None:
    if not _supplier_question(ctx):
        return None
    p = ctx.p
    sme, people = _headcount(ctx)
    location = (
        ctx.fact("supplier.main_business_location")
        if sme
        else ctx.get("supplier.main_business_location")
    )
    qld_sme = sme and location == "QLD"
    indigenous = _indigenous(ctx, ask=False)
    below = p["sme.people_below"]
    counted = "employees and contractors" if ctx.has("supplier.contractors") else "employees"
    if not sme:
        summary = (
            f"Not an SME: {people} people ({counted}) is not fewer than {below} (3.1), so not a "
            "Queensland SME either."
        )
    elif qld_sme:
        summary = (
            f"A Queensland SME: {people} people ({counted}), fewer than {below}, with its main "
            "business location registered as Queensland with the Australian Business Register "
            "(3.1)."
        )
    else:
        summary = (
            f"An SME ({people} people, {counted}) but not a Queensland SME: its main business "
            f"location is registered as {location}, not Queensland (3.1)."
        )
    if indigenous is not None:
        summary += (
            " An Indigenous business (at least "
            f"{number(p['indigenous_business.min_ownership_percent'])}% Aboriginal and/or Torres "
            "Strait Islander owned)."
            if indigenous
            else " Not an Indigenous business for the QIPP (less than 50% Indigenous owned)."
        )
    cites = [cite("3.1")]
    if indigenous is not None:
        cites.append(cite("", INCENTIVE))
    return Determination(
        "sme_status",
        summary,
        tuple(cites),
        {"sme": sme, "qld_sme": qld_sme, "indigenous_business": indigenous, "headcount": people},
        informational=frozenset({"headcount", "indigenous_business"}),
    )


def supplier_opportunities(ctx: Ctx) -> Determination | None:
    """What a supplier's status opens to it under the scheme (sections 5 and 6)."""
    if not _supplier_question(ctx):
        return None
    p = ctx.p
    if ctx.get("supplier.labour_hire", False):
        return Determination(
            "supplier_opportunities",
            "As an employment or labour hire firm, the supplier does not qualify for SME "
            "participation advantages under the scheme.",
            (cite("", EXEMPTIONS),),
            {"opportunities": []},
        )
    sme, _ = _headcount(ctx)
    qld_sme = _qld_sme(ctx)
    reseller = ctx.get("supplier.reseller_of_standard_offering", False)
    indigenous_sme = sme and not qld_sme and _indigenous(ctx, ask=True)
    opened: list[str] = []
    lines: list[str] = []
    cites = [cite("3.1")]
    if qld_sme:
        opened += ["set_aside", "qld_sme_offer", "sme_weighting"]
        lines += [
            f"set-asides: buyers may seek only one quote, from a Queensland SME, up to "
            f"{money(p['set_aside.one_quote_up_to'])}, or two quotes, both from Queensland SMEs, "
            f"up to {money(p['set_aside.two_quotes_up_to'])}",
            f"for new opportunities up to {money(p['qld_sme_offer.up_to'])} buyers must seek an "
            "offer from at least one Queensland SME where practical (5.1)",
            f"in formal tenders a Queensland SME offeror receives the full "
            f"{number(p['formal_ito.min_sme_weighting_percent'])}% SME weighting (5.2)",
        ]
        cites += [cite("", SET_ASIDES), cite("5.1"), cite("5.2")]
    if (qld_sme or indigenous_sme) and not reseller:
        opened.append("access_incentive")
        who = "a Queensland SME" if qld_sme else "an Indigenous SME (anywhere in Australia)"
        lines.append(
            f"as {who}, direct engagement under the SME and Indigenous Access Incentive for ICT "
            f"solutions or services up to {money(p['access_incentive.up_to'])} that demonstrate "
            "value for Queensland (not for reselling standard offerings)"
        )
        cites += [cite("", INCENTIVE), cite("", OUT_OF_SCOPE)]
    if not opened:
        summary = (
            "The scheme's advantages are for Queensland SMEs (and, for the access incentive, "
            "Indigenous SMEs anywhere in Australia); this supplier has none of them directly. As "
            "a prime contractor it can still earn part of the 10% weighting in formal tenders "
            "by using Queensland SME subcontractors (Appendix A)."
        )
        if reseller and (qld_sme or indigenous_sme):
            summary = (
                "Reselling standard offerings without significant value-add is out of scope for "
                "the access incentive. " + summary
            )
            cites.append(cite("", OUT_OF_SCOPE))
        cites.append(cite("Appendix A"))
    else:
        summary = "This status opens: " + "; ".join(lines) + "."
        if reseller:
            summary += (
                " Not the access incentive: reselling standard offerings without significant "
                "value-add is out of scope for it."
            )
            cites.append(cite("", OUT_OF_SCOPE))
        summary += " All thresholds include GST."
    return Determination(
        "supplier_opportunities",
        summary,
        tuple(dict.fromkeys(cites)),
        {"opportunities": opened},
    )


def payment_terms(ctx: Ctx) -> Determination | None:
    if not _supplier_question(ctx) or not ctx.has("supplier.employees"):
        return None
    if not ctx.has("supplier.contractors"):
        return None  # never ask for contractors just to mention payment terms
    _, people = _headcount(ctx)
    if people >= ctx.p["small_business.people_below"]:
        return None
    days = ctx.p["payment.small_business_max_days"]
    return Determination(
        "payment_terms",
        f"As a small business (fewer than {ctx.p['small_business.people_below']} people), buyers "
        f"in scope of the Queensland Government on-time payment policy must pay it within "
        f"{days} calendar days at most.",
        (cite("", PLANNING), cite("3.1")),
        {"max_days": days},
    )


# --- buyer rules -------------------------------------------------------------------------


def not_ict(ctx: Ctx) -> OutOfScope | None:
    if _buyer_question(ctx) and ctx.fact("ict") is False:
        return OutOfScope(
            "qld_not_ict",
            "The ICT SME participation scheme covers ICT procurement only; for other purchases "
            "the Queensland Procurement Policy and your agency's procedures apply, which this "
            "assistant does not encode.",
            referral("QLD"),
        )
    return None


def gst_conversion(ctx: Ctx) -> Determination | None:
    if not _in_scope(ctx) or not ctx.has("value") or ctx.get("value_includes_gst") is not False:
        return None
    value = ctx.fact("value")
    incl = _value_incl(ctx)
    rate = ctx.p["gst.rate_percent"]
    return Determination(
        "gst_conversion",
        f"{money(value)} ex GST is {money(incl)} incl. GST (at {number(rate)}% GST): the scheme's "
        "thresholds include GST, so the GST-inclusive value is used.",
        (cite("", SET_ASIDES), cite("", REPORTING_TABLE)),
        {"value_ex_gst": value, "value_incl_gst": incl},
    )


def scheme_exemption(ctx: Ctx) -> Determination | None:
    if not _buyer_question(ctx) or not _exempt(ctx):
        return None
    if not _in_scope(ctx) and not ctx.get("supplier.labour_hire", False):
        return None
    ground = ctx.get("qld_exemption") or "labour_hire"
    return Determination(
        "scheme_exemption",
        f"The scheme does not apply: exemptions apply where {EXEMPTION_GROUNDS[ground]}. The "
        "scheme's set-asides, SME offer and SME weighting rules are not required.",
        (cite("", EXEMPTIONS),),
        {"ground": ground},
    )


def set_aside(ctx: Ctx) -> Determination | None:
    if not _in_scope(ctx) or _exempt(ctx) or _approach(ctx) not in (None, "informal_rfq"):
        return None
    p = ctx.p
    incl = _value_incl(ctx)
    one, two = p["set_aside.one_quote_up_to"], p["set_aside.two_quotes_up_to"]
    fallback = (
        " This depends on your agency's policy; if the set-aside is unsuccessful, non-SMEs can be "
        "considered, with preference given to Queensland non-SMEs."
    )
    if incl <= one:
        quotes = 1
        summary = (
            f"You may obtain only one quote, as long as it is from a Queensland SME: "
            f"{_value_words(ctx)} is within the {money(one)} set-aside." + fallback
        )
    elif incl <= two:
        quotes = 2
        summary = (
            f"You may obtain only two quotes, as long as both are from Queensland SMEs: "
            f"{_value_words(ctx)} is within the {money(two)} set-aside." + fallback
        )
    else:
        quotes = None
        summary = (
            f"No set-aside: {_value_words(ctx)} is over the {money(two)} limit for reserving the "
            "procurement for Queensland SMEs."
        )
    return Determination(
        "set_aside",
        summary,
        (cite("", SET_ASIDES), cite("", REPORTING_TABLE)),
        {"available": quotes is not None, "quotes": quotes, "value_incl_gst": incl},
        informational=frozenset({"value_incl_gst"}),
    )


def qld_sme_offer(ctx: Ctx) -> Determination | None:
    if not _in_scope(ctx) or _exempt(ctx) or _approach(ctx) not in (None, "informal_rfq"):
        return None
    p = ctx.p
    incl = _value_incl(ctx)
    limit = p["qld_sme_offer.up_to"]
    new = ctx.get("new_opportunity", True)
    n = p["qld_sme_offer.min_offers"]
    prefix = "Informal approach (RFQ): " if _approach(ctx) is None else ""
    if not new:
        required = False
        summary = (
            f"{prefix}The rule to obtain an offer from at least {n} Queensland SME is for new "
            "procurement opportunities; this is not one."
        )
    elif incl <= limit:
        required = True
        summary = (
            f"{prefix}Obtain offers from at least {n} Queensland SME, where practical, and be able "
            f"to show the market assessment you did to find them: {_value_words(ctx)} is within "
            f"{money(limit)} for a new procurement opportunity (5.1)."
        )
    else:
        required = False
        summary = (
            f"{prefix}The one-Queensland-SME-offer rule does not apply: {_value_words(ctx)} is "
            f"over {money(limit)} (5.1). Approaching Queensland SMEs is still encouraged."
        )
    return Determination(
        "qld_sme_offer",
        summary,
        (cite("5.1"), cite("", REPORTING_TABLE)),
        {"required": required, "min_offers": n if required else None},
    )


def formal_ito(ctx: Ctx) -> Determination | None:
    if not _in_scope(ctx) or _exempt(ctx) or _approach(ctx) not in (None, "formal_ito"):
        return None
    w = ctx.p["formal_ito.min_sme_weighting_percent"]
    prefix = "Formal approach (ITO), at any value: " if _approach(ctx) is None else ""
    return Determination(
        "formal_ito",
        f"{prefix}All formal tenders must include the questions confirming Queensland SME "
        f"status in their Response Schedules (5.2). Allocate at least {number(w)}% of the "
        "evaluation criteria to weighting Queensland SMEs: a Queensland SME offeror gets the full "
        f"{number(w)}%, a non-Queensland SME or non-SME 0%, and a prime contractor using "
        "Queensland SME subcontractors a share (Appendix A). (5.2 says you 'should' allocate it; "
        "the standard's Queensland Procurement Policy section says the policy 'requires' it.) The "
        "weighting is in addition to any Local Benefits Test weighting.",
        (cite("5.2"), cite("Appendix A"), cite("", QPP)),
        {"min_sme_weighting_percent": w},
    )


def sme_weighting(ctx: Ctx) -> list | None:
    if not _in_scope(ctx) or not ctx.has("offers") or _exempt(ctx):
        return None
    full = ctx.p["formal_ito.min_sme_weighting_percent"]
    results, lines, problems = [], [], []
    for i, offer in enumerate(ctx.get("offers")):
        name = offer["name"]
        total = offer["total"]
        if ctx.get(f"offers.{i}.qld_sme", False):
            weight = float(full)
            lines.append(f"{name}: a Queensland SME, so the full {number(full)}%")
        else:
            contribution = ctx.fact(f"offers.{i}.qld_sme_contribution")
            if contribution > total:
                problems.append(
                    OutOfScope(
                        f"offer_{i}_contribution",
                        f"{name}: the Queensland SME contribution ({money(contribution)}) is "
                        f"more than the offer's total ({money(total)}); check the figures.",
                        referral("QLD"),
                    )
                )
                continue
            weight = round(contribution / total * full, 4)
            lines.append(
                f"{name}: ({money(contribution)} / {money(total)}) x {number(full)} = "
                f"{number(weight)}%"
            )
        results.append({"name": name, "weighting_percent": weight})
    items: list = list(problems)
    if results:
        items.append(
            Determination(
                "sme_weighting",
                f"Queensland SME weighting, out of {number(full)}%: "
                + "; ".join(lines)
                + f". Apply the remaining {number(100 - full)}% of the criteria as normal.",
                (cite("Appendix A"), cite("5.2")),
                {"offers": results},
            )
        )
        if any(0 < r["weighting_percent"] < full for r in results):
            items.append(prime_contractor_audit(ctx))
    return items


def prime_contractor_audit(ctx: Ctx) -> Determination:
    return Determination(
        "prime_contractor_audit",
        "Contract managers must ensure the contracted Queensland SME payments are made: accept "
        "the prime contractor's assertion, ask for evidence such as proof of payment, or audit "
        "its records. Unexplained changes to the SME commitment can lead to payments being "
        "withheld; report non-compliance to ICT Strategic Sourcing "
        f"({ctx.p['contact.ict_strategic_sourcing']}).",
        (cite("5.4"),),
        {"must_ensure_sme_payments": True},
    )


def access_incentive(ctx: Ctx) -> list | None:
    if not _in_scope(ctx) or _exempt(ctx) or _approach(ctx) not in (None, "direct"):
        return None
    p = ctx.p
    incl = _value_incl(ctx)
    limit = p["access_incentive.up_to"]
    cites = [cite("", INCENTIVE), cite("", IN_SCOPE), cite("", OUT_OF_SCOPE), cite("6.3")]
    prefix = "Direct engagement: " if _approach(ctx) is None else ""
    if incl > limit:
        return [
            Determination(
                "access_incentive",
                f"{prefix}The SME and Indigenous Access Incentive is not available: "
                f"{_value_words(ctx)} is over {money(limit)}.",
                (cite("", INCENTIVE),),
                {"available": False},
            )
        ]
    reason = None
    if _supplier_question(ctx):
        if ctx.get("supplier.reseller_of_standard_offering", False):
            reason = (
                "a supplier reselling standard offerings, products or upgrades from a non-SME "
                "without significant value-add is out of scope"
            )
        else:
            sme, _ = _headcount(ctx)
            if not (_qld_sme(ctx) or (sme and _indigenous(ctx, ask=True))):
                reason = (
                    "the supplier is neither a Queensland SME nor an Indigenous SME"
                    if sme
                    else "the supplier is not an SME"
                )
    if reason:
        return [
            Determination(
                "access_incentive",
                f"{prefix}The access incentive is not available for this supplier: {reason}.",
                tuple(cites[:3]),
                {"available": False},
            )
        ]
    items = [
        Determination(
            "access_incentive",
            f"{prefix}You can directly engage a Queensland SME, or an Indigenous SME from anywhere "
            f"in Australia, for ICT solutions or services up to {money(limit)} incl. GST "
            f"({_value_words(ctx)}) that demonstrate value for Queensland in addressing government "
            "priorities, subject to your agency's procurement guidelines and approvals. (One "
            "sentence of the standard speaks of Queensland SMEs only; the definition in 3.1 and "
            "the reporting table extend the incentive to Indigenous SMEs across Australia, and "
            "this follows them.) Not for suppliers reselling standard offerings without "
            f"significant value-add. Report awards to ICT Strategic Sourcing "
            f"{p['access_incentive.reporting']} (6.3).",
            tuple([*cites, cite("3.1")]),
            {"available": True},
        )
    ]
    if _approach(ctx) == "direct":
        items.append(reporting(ctx))
    return items


def reporting(ctx: Ctx) -> Determination:
    p = ctx.p
    small = p["access_incentive.supplier_terms_up_to"]
    return Determination(
        "reporting",
        "Report every award made under the access incentive to ICT Strategic Sourcing "
        f"({p['contact.ict_strategic_sourcing']}), {p['access_incentive.reporting']}: date and "
        "total value of the award, supplier name, SME and Indigenous status, an overview of the "
        "solution or service and its key business benefit, confirmation that the supplier is a "
        "genuine Queensland SME (3.1) or Indigenous supplier (QIPP), and the QITC contract type "
        f"used. For low-risk procurement of {money(small)} or less, consider the supplier's terms "
        "and conditions.",
        (cite("6.3"), cite("", APPLYING_INCENTIVE)),
        {"to": p["contact.ict_strategic_sourcing"], "frequency": p["access_incentive.reporting"]},
    )


#: The ``asked`` topics of a question about panels and standing offer arrangements.
PANEL_QUESTIONS = ("panel", "sme_policy")
UNSURE_OF_KIND = (
    " If unsure what kind of arrangement it is, ask its owner or contract manager, or check its "
    "Buyers Guide."
)


def sme_policy(ctx: Ctx) -> Determination | None:
    panel = ctx.get("panel_type")
    if panel is None:
        # "Which panels need the SME policy?": the rule for each kind of arrangement (5.5).
        # (With a need named the question is which arrangement: see which_arrangement.)
        asked = ctx.get("asked") in PANEL_QUESTIONS and not ctx.has("need")
        if asked and ctx.get("ict") is not False and _buyer_question(ctx):
            return _sme_policy_by_kind(ctx)
        return None
    if not _in_scope(ctx):
        return None
    applies, summary = _sme_policy_texts(ctx)[panel]
    summary += UNSURE_OF_KIND
    return Determination(
        "sme_policy", summary, (cite("5.5"),), {"applies": applies, "panel_type": panel}
    )


def _sme_policy_by_kind(ctx: Ctx) -> Determination:
    """For a buyer who asked which arrangements need the SME policy, with none named."""
    texts = _sme_policy_texts(ctx)
    summary = (
        "Buying from an existing ICT panel or standing offer arrangement, whether you must apply "
        "the SME policy depends on the kind of arrangement (5.5). "
        + " ".join(text for _, text in texts.values())
        + UNSURE_OF_KIND
    )
    return Determination(
        "sme_policy",
        summary,
        (cite("5.5"),),
        {
            "applies": None,
            "panel_type": None,
            "applies_by_panel_type": {k: v[0] for k, v in texts.items()},
        },
    )


def _sme_policy_texts(ctx: Ctx) -> dict[str, tuple[bool, str]]:
    """Each kind of arrangement: whether the SME policy applies, and the standard's reason."""

    def eg(panel: str) -> str:
        examples = ctx.p["panels.examples"].get(panel, [])
        return f" (for example {and_list(examples, 'or')})" if examples else ""

    return {
        "volume_discount": (
            True,
            f"A volume discount arrangement{eg('volume_discount')} has not been market tested, so you must apply the SME policy.",
        ),
        "supplier_list": (
            True,
            f"A supplier list arrangement{eg('supplier_list')} has not been fully market tested, so you must apply the SME policy.",
        ),
        "specific": (
            False,
            f"A specific arrangement{eg('specific')} applied the SME policy when the panel was set up, so you need not apply it again; but consider SMEs on the panel when requesting quotations, and apply SME weightings in evaluations.",
        ),
        "new_panel": (
            True,
            "Establishing a new panel arrangement is itself subject to the ICT SME participation scheme policy.",
        ),
    }


def split_procurement(ctx: Ctx) -> OutOfScope | None:
    if not ctx.get("split_procurement", False):
        return None
    return OutOfScope(
        "qld_split_procurement",
        "The standard's set-asides, the one-Queensland-SME-offer rule and the access incentive "
        "turn on the procurement's value (incl. GST); it does not say whether a procurement may "
        "be split to come under one of them. (Its 'Careful procurement planning' principle "
        "suggests considering unbundling large contracts so SMEs can compete for the parts.)",
        referral("QLD"),
    )


def which_arrangement(ctx: Ctx) -> OutOfScope | None:
    """ "Which panel for cloud hosting?" from a Queensland buyer: the standard names
    arrangements only as examples of each kind (5.5), never which one covers a need."""
    if ctx.get("asked") not in PANEL_QUESTIONS or not ctx.has("need") or ctx.get("ict") is False:
        return None
    return OutOfScope(
        "qld_which_arrangement",
        "The Queensland standard does not say which ICT arrangement covers a particular need: "
        "it names some arrangements only as examples of each kind (5.5). The DTA's "
        "whole-of-government arrangements are for Commonwealth agencies.",
        referral("QLD"),
    )


RULES = [
    split_procurement,
    which_arrangement,
    not_ict,
    sme_status,
    supplier_opportunities,
    payment_terms,
    gst_conversion,
    scheme_exemption,
    set_aside,
    qld_sme_offer,
    formal_ito,
    sme_weighting,
    access_incentive,
    sme_policy,
]
