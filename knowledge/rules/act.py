"""ACT Government Procurement Regulation 2007 (republication No 11, from 1 July 2024).

General rules first, then the exceptions that stop them, as the regulation is written:
s 3A (not procurement) stops everything; s 4 (Part 2 does not apply) stops the quotation,
tender and exemption rules of Part 2 but not Parts 3 to 5. Each rule returns its
determinations with the provisions it applied.
"""

from __future__ import annotations

from knowledge.anzsic import division_of, is_code
from knowledge.anzsic import title as anzsic_title
from knowledge.citations import act as cite
from knowledge.engine import Ctx, derived
from knowledge.fmt import and_list, money
from knowledge.model import Determination, OutOfScope
from knowledge.referrals import referral

NOT_PROCUREMENT = {
    "grant": ("3A(1)(a)", "a grant"),
    "investment_or_borrowing": (
        "3A(1)(b)",
        "an investment or borrowing under the Financial Management Act 1996",
    ),
    "loan_or_rebate": ("3A(1)(c)", "a loan or a rebate to, or provided by, a Territory entity"),
    "acquisition_under_other_law": (
        "3A(1)(d)",
        "an acquisition or disposal by a Territory entity under another territory law",
    ),
}

PART2_GROUNDS = {
    "existing_standing_offer": ("4(1)(a)", "under an existing standing-offer arrangement"),
    "land_sublease_or_licence": (
        "4(1)(b)",
        "of a sublease or licence over land where the Territory or the entity is the sublessee "
        "or licensee",
    ),
    "government_supplier": (
        "4(1)(c)",
        "of goods or services from the Commonwealth, a State or a local government, or one of "
        "their entities",
    ),
    "research_and_development": (
        "4(1)(d)",
        "of research and development services (other than planning them)",
    ),
    "banking_borrowing_investment": (
        "4(1)(e)",
        "of Territory banking, borrowing or investment services",
    ),
    "litigation": (
        "4(1)(f)",
        "for engaging a person in relation to current or anticipated litigation or a legal dispute",
    ),
    "emergency_works": (
        "4(1)(g)",
        "for emergency works to disrupted critical services or to prevent an imminent danger to "
        "health and safety",
    ),
    "outside_australia": (
        "4(1)(h)",
        "of goods or services from outside Australia, for use outside Australia",
    ),
    "disposal": ("4(1)(i)", "that is a disposal"),
}

EXEMPTION_REASONS = {
    "9(1)(a)": "a previous approach to market drew no suitable quotations or tenders",
    "9(1)(b)": "an urgent need from an unforeseen event outside the Territory's control",
    "9(1)(c)": "an unexpected, non-routine need",
    "9(1)(d)": "only 1 or a limited number of suppliers can supply it",
    "9(1)(e)": "a further procurement from an existing supplier where a new one is not feasible",
    "9(1)(f)": "the good or service is a commodity",
    "9(1)(g)": "a prototype, an original limited initial release, or research and development",
    "9(1)(h)": "a procurement from the winner of a qualifying design contest",
    "9(1)(i)": "additional, unforeseen construction work under an existing contract",
}


# --- gates: the exceptions of s 3A and s 4 -----------------------------------------------


@derived
def _is_procurement(ctx: Ctx) -> bool:
    return ctx.get("not_procurement") is None


@derived
def _part2_ground(ctx: Ctx) -> str | None:
    if ctx.get("arrangement", "none") == "existing_standing_offer":
        return "existing_standing_offer"
    return ctx.get("part2_exclusion")


@derived
def _part2_applies(ctx: Ctx) -> bool:
    return _is_procurement(ctx) and _part2_ground(ctx) is None


@derived
def _method(ctx: Ctx) -> tuple[str, tuple[str, ...]]:
    """The quotation/tender method and the paragraphs of s 6-8 that set it."""
    p = ctx.p
    value = ctx.fact("value")
    if value < p["low_value.below"]:
        return "low_value", ("6(1)",)
    construction = ctx.fact("construction")
    line = p["open_tender.construction_from"] if construction else p["open_tender.from"]
    par = "(b)" if construction else "(a)"
    if value < line:
        return "limited_tender", (f"7(1){par}",)
    return "open_tender", (f"8(1){par}",)


@derived
def _gst_note(ctx: Ctx) -> str:
    """Where reading the value with or without GST would cross a threshold, say so."""
    value = ctx.fact("value")
    p = ctx.p
    lines = [p["low_value.below"], p["open_tender.from"], p["open_tender.construction_from"]]
    low, high = value / 1.1, value * 1.1
    if any(low < line <= high for line in lines):
        return (
            " The regulation does not say whether its amounts include GST: this takes "
            f"{money(value)} as given, and it is close enough to a threshold that counting GST "
            "differently could change the answer."
        )
    return ""


# --- s 3A and s 4 ------------------------------------------------------------------------


def not_procurement(ctx: Ctx) -> Determination | None:
    reason = ctx.get("not_procurement")
    if reason is None:
        return None
    section, words = NOT_PROCUREMENT[reason]
    cites = [cite(section)]
    if reason == "grant":
        cites.append(cite("3A(2)"))
    return Determination(
        "not_procurement",
        f"This is not procurement: {words} is not procurement (s {section}), so the regulation's "
        "quotation, tender, notifiable contract and secure local jobs rules do not apply to it.",
        tuple(cites),
        {"reason": reason},
    )


def part2_not_applicable(ctx: Ctx) -> Determination | None:
    if not _is_procurement(ctx):
        return None
    ground = _part2_ground(ctx)
    if ground is None:
        return None
    section, words = PART2_GROUNDS[ground]
    cites = [cite(section)]
    extra = ""
    if ground == "existing_standing_offer":
        cites.append(cite("4(2)"))
        extra = " (Setting up a new standing-offer arrangement is not covered by this: Part 2 applies to it.)"
    return Determination(
        "part2_not_applicable",
        f"Part 2 (quotations, tenders and exemptions) does not apply to a procurement {words} "
        f"(s {section}): no minimum number of quotations or tender is required by the "
        f"regulation.{extra}",
        tuple(cites),
        {"ground": section},
    )


# --- s 6, 7, 8: quotations and tenders ---------------------------------------------------


def quotations(ctx: Ctx) -> Determination | None:
    if not _part2_applies(ctx):
        return None
    p = ctx.p
    method, pars = _method(ctx)
    value = money(ctx.fact("value"))
    new_soa = ctx.get("arrangement") == "new_standing_offer"
    soa_note = (
        " Setting up a new standing-offer arrangement is itself subject to these rules (s 4(1)(a) note)."
        if new_soa
        else ""
    )
    if method == "low_value":
        n = p["low_value.min_quotations"]
        summary = (
            f"Seek at least {n} written quotation from a supplier: at {value} this is a low-value "
            f"procurement (under {money(p['low_value.below'])}, s 6)."
        )
        cites = (cite("6(1)"), cite("6(2)"))
    elif method == "limited_tender":
        n = p["limited_tender.min_quotations"]
        construction = pars[0].endswith("(b)")
        upper = p["open_tender.construction_from"] if construction else p["open_tender.from"]
        kind = "construction-related " if construction else ""
        summary = (
            f"Seek at least {n} written quotations from suppliers: at {value} this {kind}purchase "
            f"is a limited tender procurement ({money(p['low_value.below'])} to under "
            f"{money(upper)}, s 7), unless the responsible chief executive officer exempts it in "
            "writing (s 10)."
        )
        cites = (cite(pars[0]), cite("7(2)"))
    else:
        n = None
        construction = pars[0].endswith("(b)")
        line = p["open_tender.construction_from"] if construction else p["open_tender.from"]
        kind = "construction-related " if construction else ""
        summary = (
            f"Invite tenders and advertise the invitation electronically: at {value} this "
            f"{kind}purchase is an open tender procurement ({money(line)} or more, s 8), unless "
            "the responsible chief executive officer exempts it in writing (s 10A)."
        )
        cites = (cite(pars[0]), cite("8(2)(a)"), cite("8(2)(b)"))
    if new_soa:
        cites = (*cites, cite("4(1)(a)"))
    summary += soa_note + _gst_note(ctx)
    summary += " (This presumes the purchase is procurement (s 3A) and no s 4 exclusion applies.)"
    return Determination(
        "quotations",
        summary,
        cites,
        {"method": method, "min_written_quotations": n},
    )


def _not_open_tender(ctx: Ctx, topic: str) -> Determination | None:
    """For a user who asked about an open tender's duty (the ``asked`` fact): why it does not
    apply to this purchase. Other answers leave it out."""
    if ctx.get("asked") != topic:
        return None
    p = ctx.p
    method, pars = _method(ctx)
    value = money(ctx.fact("value"))
    kind = (
        "a low-value procurement (s 6)"
        if method == "low_value"
        else "a limited tender procurement (s 7)"
    )
    duty = {
        "advertising": (
            "No advertising period applies",
            "advertise an invitation to tender (s 8(2)(b))",
            ("8(2)(b)",),
        ),
        "tender_notice": (
            "No notice of the procurement is required",
            "publish notice of the procurement (s 10C)",
            ("10C(1)",),
        ),
    }[topic]
    summary = (
        f"{duty[0]}: the regulation requires a Territory entity to {duty[1]} only for an open "
        f"tender procurement ({money(p['open_tender.from'])} or more, or "
        f"{money(p['open_tender.construction_from'])} or more for construction work, s 8(1)); at "
        f"{value} this is {kind}."
    )
    cites = (cite("8(1)"), *(cite(c) for c in duty[2]), cite(pars[0]))
    return Determination(topic, summary, cites, {"applies": False})


def advertising(ctx: Ctx) -> Determination | None:
    if not _part2_applies(ctx):
        return None
    if _method(ctx)[0] != "open_tender":
        return _not_open_tender(ctx, "advertising")
    p = ctx.p
    days = p["advertising.min_days"]
    short = p["advertising.shortened_min_days"]
    lo, hi = p["advertising.notice_at_least_days"], p["advertising.notice_at_most_days"]
    notice = ctx.get("notice_days_before")
    exceptional = ctx.get("exceptional_circumstances", False)
    cites = [cite("8(2)(b)")]
    if notice is not None and lo <= notice <= hi:
        min_days, by = short, "8(2)(b)(ii)(A)"
        why = (
            f"notice of the procurement was published {notice} days before the invitation is "
            f"first advertised (at least {lo} days, and not more than 12 months)"
        )
    elif exceptional:
        min_days, by = short, "8(2)(b)(ii)(B)"
        why = "exceptional circumstances make a 25-day advertising period impracticable"
    else:
        min_days, by = days, None
        why = None
    if by:
        cites += [cite("8(2)(b)(ii)"), cite(by)]
        summary = (
            f"Advertise the invitation electronically for at least {min_days} days: {why} (s {by})."
        )
    else:
        cites += [cite("8(2)(b)(i)"), cite("8(2)(b)(ii)(A)"), cite("8(2)(b)(ii)(B)")]
        summary = (
            f"Advertise the invitation electronically for at least {min_days} days (s 8(2)(b)(i)). "
            f"{short} days is enough if notice of the procurement was published electronically at "
            f"least {lo} days, but not more than 12 months, before the first advertising day, or "
            f"if exceptional circumstances make {days} days impracticable (s 8(2)(b)(ii))."
        )
        if notice is not None:
            summary += f" Your notice, {notice} days before, is " + (
                "too recent." if notice < lo else "more than 12 months before."
            )
    cites.append(cite("8(3)"))
    summary += " If there is more than one invitation, each must meet this (s 8(3))."
    return Determination(
        "advertising", summary, tuple(cites), {"min_days": min_days, "shortened_by": by}
    )


def tender_notice(ctx: Ctx) -> Determination | None:
    if not _part2_applies(ctx):
        return None
    if _method(ctx)[0] != "open_tender":
        return _not_open_tender(ctx, "tender_notice")
    return Determination(
        "tender_notice",
        "Publish notice of the procurement electronically (for example on TendersACT) as soon "
        "as practicable, stating its subject matter and the date you intend to invite tenders "
        "and advertise; update the notice as soon as practicable if those details change (s 10C).",
        (cite("10C(1)"), cite("10C(2)"), cite("10C(3)")),
    )


# --- s 9, 10, 10A, 10B: exemptions -------------------------------------------------------


def _raises_exemption(ctx: Ctx) -> bool:
    return bool(ctx.get("exemption_reasons")) or any(
        ctx.has(f"supplier.{k}")
        for k in ("certified_aboriginal_torres_strait_islander", "act_region")
    )


def _reason_grounds(ctx: Ctx) -> tuple[list[str], list[str]]:
    """(grounds that hold, explanations of claimed grounds that do not)."""
    grounds, refused = [], []
    max_pct = ctx.p["exemption.additional_work_max_percent"]
    for reason in sorted(set(ctx.get("exemption_reasons", []))):
        if reason == "9(1)(i)":
            if not ctx.fact("construction"):
                refused.append(
                    "9(1)(i) covers only additional goods or services related to construction work"
                )
                continue
            pct = ctx.fact("additional_construction_percent")
            if pct > max_pct:
                refused.append(
                    f"9(1)(i) needs the additional work not to exceed {max_pct}% of the initial "
                    f"contract (it is {pct:g}%)"
                )
                continue
        grounds.append(reason)
    return grounds, refused


def exemption(ctx: Ctx) -> Determination | None:
    if not _part2_applies(ctx) or not _raises_exemption(ctx):
        return None
    method, _ = _method(ctx)
    if method == "low_value":
        return Determination(
            "exemption",
            "No exemption is needed: a low-value procurement needs only 1 written quotation "
            "(s 6(2)), and the exemptions in s 10 and s 10A are from the limited and open tender "
            "requirements.",
            (cite("6(2)"), cite("10(1)"), cite("10A(1)")),
            {"available": False, "needed": False, "provision": None, "grounds": []},
        )
    grounds, refused = _reason_grounds(ctx)
    atsi = ctx.get("supplier.certified_aboriginal_torres_strait_islander", False)
    region = ctx.get("supplier.act_region", False)
    supplier_routes = []
    if atsi:
        supplier_routes.append("10(2)(b)(i)")
    if region:
        below = ctx.p["exemption.sme_employees_below"]
        employees = ctx.fact("supplier.employees")
        if employees < below:
            supplier_routes.append("10(2)(b)(ii)")
        else:
            refused.append(
                f"10(2)(b)(ii) needs a small or medium business entity, one employing fewer than "
                f"{below} people (the supplier employs {employees})"
            )
    cites = [cite("9(1)")] if ctx.get("exemption_reasons") else []
    cites += [cite(g) for g in grounds]
    if method == "limited_tender":
        provision = "10"
        grounds = grounds + supplier_routes
        cites += [cite("10(1)"), cite("10(2)")]
        cites += [cite(g) for g in supplier_routes]
        if supplier_routes:
            cites.append(cite("10(3)"))
        what = "from seeking at least 3 written quotations (s 7(2))"
    else:
        provision = "10A"
        cites += [cite("10A(1)"), cite("10A(2)")]
        if supplier_routes:
            refused.append(
                "the s 10(2)(b) supplier routes (a certified Aboriginal or Torres Strait Islander "
                "entity, or an ACT-region SME) are exemptions from the limited tender rule only; "
                "an open tender can be exempted only for an exemption reason (s 10A(2))"
            )
        what = "from inviting tenders and advertising them (s 8(2))"
    available = bool(grounds)
    if available:
        named = and_list([f"{g} ({_ground_words(g)})" for g in grounds], "or")
        summary = (
            f"An exemption is available under s {provision}: the responsible chief executive "
            f"officer may, in writing, exempt the entity {what} if satisfied on reasonable grounds "
            f"of {named}. They may also direct, in writing, which quotations or tenders to seek "
            "(s 10B)."
        )
        cites.append(cite("10B"))
    else:
        summary = f"No exemption under s {provision} is available on these facts"
        summary += ": " + "; ".join(refused) + "." if refused else "."
    if available and refused:
        summary += " Not available: " + "; ".join(refused) + "."
    return Determination(
        "exemption",
        summary,
        tuple(dict.fromkeys(cites)),
        {"available": available, "needed": True, "provision": provision, "grounds": grounds},
    )


def _ground_words(label: str) -> str:
    if label == "10(2)(b)(i)":
        return "a quotation from a certified Aboriginal or Torres Strait Islander entity"
    if label == "10(2)(b)(ii)":
        return "a quotation from a small or medium business based in the ACT or surrounding region"
    return EXEMPTION_REASONS[label]


# --- s 10D: late tenders; s 3C(1)(b): local industry participation plan -------------------


def late_tender(ctx: Ctx) -> Determination | OutOfScope | None:
    cause = ctx.get("late_tender_cause")
    if cause is None or not _part2_applies(ctx):
        return None
    if ctx.has("value") and _method(ctx)[0] != "open_tender":
        return OutOfScope(
            "late_tender_not_open",
            "Section 10D deals with late tenders for open tender procurements; the regulation "
            "says nothing about late quotations for a low-value or limited tender procurement.",
            referral("ACT"),
        )
    may = cause == "territory_entity"
    summary = (
        "You may accept the late tender: it was late because of an act or omission by the "
        "Territory entity (s 10D(2))."
        if may
        else "You must not accept the late tender: a tender submitted after the closing day may "
        "be accepted only if it was late because of an act or omission by the Territory entity "
        "(s 10D(2))."
    )
    return Determination(
        "late_tender", summary, (cite("10D(1)"), cite("10D(2)")), {"may_accept": may}
    )


def local_industry_participation_plan(ctx: Ctx) -> Determination | None:
    if not _part2_applies(ctx) or _method(ctx)[0] != "open_tender":
        return None
    p = ctx.p
    if ctx.fact("value") < p["local_industry_plan.from"]:
        return None
    return Determination(
        "local_industry_participation_plan",
        f"At {money(p['local_industry_plan.from'])} or more, a local industry participation plan "
        "submitted by a tenderer in this open tender is a prescribed document, part of the "
        "procurement contract (s 3C(1)(b)).",
        (cite("3C(1)(b)"),),
        {"required": True},
    )


# --- Part 3: notifiable contracts --------------------------------------------------------


def notifiable_contract(ctx: Ctx) -> Determination | OutOfScope | None:
    if not _is_procurement(ctx):
        return None
    p = ctx.p
    value = ctx.fact("value")
    amount = p["notifiable_contract.prescribed_amount"]
    if value == amount:
        return OutOfScope(
            "notifiable_at_threshold",
            f"The regulation prescribes {money(amount)} as the notifiable contract amount (s 11), "
            "but whether a contract of exactly that amount is notifiable is set by the "
            "Government Procurement Act 2001, s 12 (2) (b), which this assistant does not encode.",
            referral("ACT"),
        )
    if value < amount:
        return Determination(
            "notifiable_contract",
            f"At {money(value)} this will not be a notifiable contract: it is below the "
            f"{money(amount)} prescribed amount (s 11).",
            (cite("11"),),
            {"notifiable": False, "register_within_days": None},
        )
    days = p["register.contract_days"]
    return Determination(
        "notifiable_contract",
        f"This will be a notifiable contract (over the {money(amount)} prescribed amount, s 11): "
        f"enter it in the contracts register within {days} days after the day it is made, with "
        f"the details listed in s 12A(1) (s 12C(1)), and update the register within "
        f"{p['register.change_days']} days of any change (s 12C(3)). Notifiable invoices "
        f"({money(p['notifiable_invoice.prescribed_amount'])} prescribed amount, s 12) go on the "
        f"register within {p['register.invoice_days']} days after the end of the month they are "
        "paid in (s 12C(2)).",
        (cite("11"), cite("12A(1)"), cite("12C(1)"), cite("12C(3)"), cite("12"), cite("12C(2)")),
        {"notifiable": True, "register_within_days": days},
    )


# --- Part 4: secure local jobs code ------------------------------------------------------


def _excluded_by(ctx: Ctx, code: str) -> str | None:
    table = ctx.p["secure_local_jobs.excluded_services"]
    code = code.strip().upper()
    sub = code[:2] if code[:1].isdigit() else None
    if sub and sub in table:
        return table[sub]
    division = division_of(code)
    return table.get(division) if division else None


def _partly_excluded(ctx: Ctx, code: str) -> bool:
    """A division letter some, but not all, of whose subdivisions are excluded (Q: 84, 85)."""
    code = code.strip().upper()
    if len(code) != 1:
        return False
    table = ctx.p["secure_local_jobs.excluded_services"]
    if code in table:
        return False
    return any(k.isdigit() and division_of(k) == code for k in table)


def secure_local_jobs_code(ctx: Ctx) -> Determination | OutOfScope | list | None:
    if not _is_procurement(ctx):
        return None
    p = ctx.p
    value = ctx.fact("value")
    line = p["secure_local_jobs.services_prescribed_value"]
    if value < line:
        if ctx.get("services") is not True:
            return None  # goods below the services value: the regulation says nothing
        return Determination(
            "secure_local_jobs_code",
            f"The secure local jobs code is not triggered by value: the services are below the "
            f"{money(line)} prescribed value (s 12AA).",
            (cite("12AA"),),
            {"applies": False, "excluded_by": None},
        )
    if value == line and ctx.get("services") is not False:
        return OutOfScope(
            "code_at_threshold",
            f"The regulation prescribes {money(line)} as the value of services for the secure "
            "local jobs code (s 12AA); whether services of exactly that value are covered is set "
            "by the Government Procurement Act 2001, s 22F (1) (a) (ii), which this assistant "
            "does not encode.",
            referral("ACT"),
        )
    if ctx.get("construction") is True:
        return OutOfScope(
            "code_construction",
            "Whether the secure local jobs code applies to construction work is set by the "
            "Government Procurement Act 2001, s 22F, not by the regulation; this assistant "
            "does not encode the Act.",
            referral("ACT"),
        )
    if not ctx.fact("services"):
        return OutOfScope(
            "code_goods",
            "The regulation prescribes a value only for services (s 12AA); whether the secure "
            "local jobs code applies to a procurement of goods is set by the Government "
            "Procurement Act 2001, s 22F, which this assistant does not encode.",
            referral("ACT"),
        )
    items: list = []
    code = ctx.fact("anzsic")
    if not is_code(code):
        return OutOfScope(
            "code_anzsic_unknown",
            f"{code!r} is not an ANZSIC 2006 division (A to S) or subdivision number, so whether "
            "the services are excluded from the secure local jobs code (s 12AB) is not settled.",
            "Look the industry up in the ANZSIC 2006 classification (ABS cat. no. 1292.0) and "
            "give its division letter or subdivision number.",
        )
    if _partly_excluded(ctx, code):
        return OutOfScope(
            "code_division_mixed",
            f"{anzsic_title(code)} includes both excluded subdivisions (s 12AB(1)(e), (f)) and "
            "others, so the division alone does not settle whether the secure local jobs code "
            "applies: give the ANZSIC subdivision (for example 84 hospitals, 85 medical and "
            "other health care, 86 residential care, 87 social assistance).",
            referral("ACT"),
        )
    excluded = _excluded_by(ctx, code)
    if excluded:
        items.append(
            Determination(
                "secure_local_jobs_code",
                f"The secure local jobs code does not apply: {anzsic_title(code)} services are "
                f"excluded services (s {excluded}).",
                (cite("12AB(1)"), cite(excluded), cite("12AB(2)")),
                {"applies": False, "excluded_by": excluded},
            )
        )
        return items
    big = p["secure_local_jobs.extra_plan_items_from"]
    cites = [cite("12AA"), cite("12AB(1)"), cite("12AC(1)"), cite("3C(1)(a)")]
    summary = (
        f"The secure local jobs code applies: services valued over {money(line)}, the value the "
        f"regulation prescribes (s 12AA), that are not excluded services ({anzsic_title(code)}, "
        "s 12AB); the code itself applies under the Government Procurement Act 2001, s 22F. "
        "Tenderers need a labour "
        "relations, training and workplace equity plan stating the matters in s 12AC(1), "
        "developed with their employees (s 12AC(2)); the plan forms part of the procurement "
        "contract (s 3C(1)(a))."
    )
    cites.append(cite("12AC(2)"))
    extra = value >= big
    if extra:
        summary += (
            f" At {money(big)} or more the plan must also cover local recruitment, training and "
            "internships, traineeships, cadetships or apprenticeships (s 12AC(1)(h))."
        )
        cites.append(cite("12AC(1)(h)"))
    items.append(
        Determination(
            "secure_local_jobs_code",
            summary,
            tuple(cites),
            {"applies": True, "excluded_by": None, "extra_plan_items": extra},
        )
    )
    return items


# --- Part 5: procurement board review ----------------------------------------------------


def board_review(ctx: Ctx) -> Determination | None:
    if not _is_procurement(ctx):
        return None
    p = ctx.p
    arrangement = ctx.get("arrangement", "none")
    value = ctx.get("value")
    big = value is not None and value >= p["board_review.from"]
    planning_grounds = {
        "14(1)(b)(i)": ctx.get("probity_concerns", False),
        "14(1)(b)(ii)": ctx.get("ict_system_development", False),
        "14(1)(b)(iii)": arrangement == "new_standing_offer",
        "14(1)(b)(iv)": ctx.get("substantial_change", False),
    }
    referred = ctx.get("referred_to_board", False)
    if not (big or referred or any(planning_grounds.values())):
        if ctx.get("asked") != "board_review":
            return None
        ctx.fact("value")  # asked about board review: s 14(1)(a) turns on the value
        return _no_board_review(ctx)
    if arrangement == "existing_standing_offer":
        return Determination(
            "board_review",
            "Board review under Division 5.1 does not apply to a procurement under an existing "
            "standing-offer arrangement or a contract under one (s 13(b)).",
            (cite("13(b)"),),
            {"required": False, "grounds": []},
        )
    grounds: list[str] = []
    if referred:
        grounds.append("14(1)(d)")
    planning = ctx.fact("planning_period") if not referred else ctx.get("planning_period")
    if planning:
        if big:
            grounds.append("14(1)(a)")
        grounds += [g for g, held in planning_grounds.items() if held]
    elif planning is False and ctx.get("probity_concerns", False):
        grounds.append("14(1)(c)")
    grounds.sort()
    cites = [cite("13(a)"), cite("14(1)")] + [cite(g) for g in grounds]
    if grounds:
        summary = (
            f"The procurement board must review this procurement (s {and_list(grounds)})."
            + (
                " 14(1)(a) covers procurements in the planning period of "
                f"{money(p['board_review.from'])} or more."
                if "14(1)(a)" in grounds
                else ""
            )
            + (
                " 14(1)(c) applies if the procurement has been undertaken but the contract not "
                "yet entered into."
                if "14(1)(c)" in grounds
                else ""
            )
        )
    else:
        summary = (
            "Board review is not required by s 14(1)(a) to (d) on these facts; the board may "
            "still decide to review the procurement (s 14(1)(e))."
        )
        cites.append(cite("14(1)(e)"))
    return Determination(
        "board_review", summary, tuple(cites), {"required": bool(grounds), "grounds": grounds}
    )


def _no_board_review(ctx: Ctx) -> Determination:
    """For a user who asked about board review (the ``asked`` fact) when no ground applies."""
    summary = (
        "Board review is not required by s 14(1) on these facts: s 14(1)(a) covers procurements "
        f"in the planning period of {money(ctx.p['board_review.from'])} or more, and this one is "
        f"{money(ctx.fact('value'))}; s 14(1)(b) "
        "and (c) cover procurements with significant probity concerns, ICT with system "
        "development or redesign, a new standing-offer arrangement, or a substantial change to "
        "an existing contract; s 14(1)(d) covers a procurement referred to the board by the "
        "Minister, a responsible chief executive officer, the administrative unit responsible "
        "for the Act, Major Projects Canberra, or a person engaged by the Territory entity to "
        "investigate its probity (a supplier is not among them). The board may still decide to "
        "review a procurement (s 14(1)(e))."
    )
    cites = ("13(a)", "14(1)", "14(1)(a)", "14(1)(b)", "14(1)(c)", "14(1)(d)", "14(1)(e)")
    return Determination(
        "board_review",
        summary,
        tuple(cite(c) for c in cites),
        {"required": False, "grounds": []},
    )


# --- splitting a procurement: what the regulation does not say --------------------------


def split_procurement(ctx: Ctx) -> OutOfScope | None:
    if not ctx.get("split_procurement", False):
        return None
    return OutOfScope(
        "act_split_procurement",
        "The regulation sets the quotation and tender rules by the estimated total consideration "
        "of the procurement (s 6(1), 7(1), 8(1)); it does not say whether a purchase may be "
        "divided into smaller procurements, or when separate purchases count as one. The "
        "answer below is for the value you gave as the total.",
        referral("ACT"),
    )


RULES = [
    split_procurement,
    not_procurement,
    part2_not_applicable,
    quotations,
    advertising,
    tender_notice,
    exemption,
    late_tender,
    local_industry_participation_plan,
    notifiable_contract,
    secure_local_jobs_code,
    board_review,
]
