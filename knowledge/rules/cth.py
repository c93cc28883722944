"""Commonwealth: the Digital Transformation Agency's "ICT procurement" page (about 2017-2019).

The page lists whole-of-government ICT panels and arrangements. It is dated, so every answer
says so and asks the buyer to confirm the arrangement is still current.
"""

from __future__ import annotations

from knowledge.citations import cth as cite
from knowledge.engine import Ctx
from knowledge.model import Determination, OutOfScope
from knowledge.referrals import referral

NEED_WORDS = {
    "cloud_services": "cloud services",
    "data_centre": "data centre services",
    "ict_hardware": "ICT hardware",
    "mobile": "mobile services",
    "telecommunications": "telecommunications services",
    "digital_services": "digital or ICT services for a project",
    "microsoft_software": "Microsoft software",
    "software_other": "software or related services not covered by a panel or volume sourcing arrangement",
}


def dated_source(ctx: Ctx) -> OutOfScope:
    return OutOfScope(
        "cth_dated_page",
        "The DTA page these arrangements come from dates from about 2017-2019; panels and their "
        "SON numbers change, so whether the arrangement is still current is not settled by it.",
        f"Confirm the current arrangement with the DTA ({ctx.p['contact.email']}) or on AusTender "
        "before buying.",
    )


def panel(ctx: Ctx) -> list:
    need = ctx.fact("need")
    entry = ctx.p["arrangements"][need]
    name, son = entry["arrangement"], entry["son"]
    label = f"the {name} ({son})" if son else f"the {name}"
    if need == "software_other":
        summary = (
            "For software or related services not covered by a panel or volume sourcing "
            "arrangement, use the SourceIT model contracts: template contracts that help reduce "
            "the risk of disputes. The DTA can give general information on them; get specific "
            "procurement and legal advice from your own department."
        )
    elif need == "microsoft_software":
        summary = "For Microsoft software, use the Microsoft volume sourcing arrangement."
    elif need == "digital_services":
        summary = (
            f"For digital or ICT services for a project, use the Digital Marketplace: {label}."
        )
    else:
        summary = f"For {NEED_WORDS[need]}, use {label}, a whole-of-government ICT panel."
    summary += (
        " This comes from a DTA page dated about 2017-2019: confirm the arrangement is still "
        "current before you use it. Commonwealth buyers must also follow the Commonwealth "
        "Procurement Rules."
    )
    cites = (cite(entry["heading"]), cite("Buying ICT products for government"))
    if need == "digital_services":
        cites = (cite("Looking for a panel?"), cite(entry["heading"]), cites[1])
        cites = (*cites, cite("Or need digital or ICT services for your project?"))
    return [
        Determination(
            "panel",
            summary,
            tuple(dict.fromkeys(cites)),
            {"arrangement": name, "son": son, "need": need, "dated_source": True},
        ),
        dated_source(ctx),
    ]


def contact(ctx: Ctx) -> Determination:
    email = ctx.p["contact.email"]
    return Determination(
        "contact",
        f"For questions about Commonwealth ICT procurement, contact the DTA at {email}.",
        (cite("Contact us"),),
        {"email": email},
    )


def thresholds(ctx: Ctx) -> OutOfScope | None:
    if not ctx.has("value"):
        return None
    return OutOfScope(
        "cth_value_rules",
        "The DTA page does not set value thresholds; the Commonwealth Procurement Rules do, and "
        "this assistant does not encode them.",
        referral("CTH"),
    )


def split_procurement(ctx: Ctx) -> OutOfScope | None:
    if not ctx.get("split_procurement", False):
        return None
    return OutOfScope(
        "cth_split_procurement",
        "The DTA page says nothing about dividing a procurement into smaller ones or how a "
        "procurement is valued.",
        referral("CTH"),
    )


RULES = [split_procurement, panel, contact, thresholds]
