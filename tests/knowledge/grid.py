"""A grid of fact sets across every threshold, topic and enum, shared by the knowledge tests."""

from __future__ import annotations

import itertools
from typing import Any

from knowledge.parse import NEEDS

AS_OF = "2026-11-22"

ACT_VALUES = [
    0,
    24_999.99,
    25_000,
    25_000.01,
    199_999,
    200_000,
    200_001,
    499_999.99,
    500_000,
    999_999.99,
    1_000_000,
    4_999_999,
    5_000_000,
    6_999_999,
    7_000_000,
    50_000_000,
]
QLD_VALUES = [
    0,
    27_272,
    27_273,
    30_000,
    30_000.01,
    90_909,
    90_910,
    100_000,
    100_001,
    227_272,
    227_273,
    250_000,
    250_001,
    454_545,
    454_546,
    500_000,
    500_001,
    2_000_000,
]


def act_grid() -> list[dict[str, Any]]:
    out = []
    for value, construction, services in itertools.product(
        ACT_VALUES, (False, True, None), (True, False, None)
    ):
        facts: dict[str, Any] = {"jurisdiction": "ACT", "as_of": AS_OF, "value": value}
        if construction is not None:
            facts["construction"] = construction
        if services is not None:
            facts["services"] = services
        out.append(facts)
    extras = (
        [{"arrangement": a} for a in ("none", "existing_standing_offer", "new_standing_offer")]
        + [
            {"part2_exclusion": g}
            for g in (
                "land_sublease_or_licence",
                "government_supplier",
                "research_and_development",
                "banking_borrowing_investment",
                "litigation",
                "emergency_works",
                "outside_australia",
                "disposal",
            )
        ]
        + [
            {"not_procurement": r}
            for r in (
                "grant",
                "investment_or_borrowing",
                "loan_or_rebate",
                "acquisition_under_other_law",
            )
        ]
        + [
            {"exemption_reasons": [f"9(1)({c})"], "additional_construction_percent": 40}
            for c in "abcdefghi"
        ]
        + [
            {"supplier": {"certified_aboriginal_torres_strait_islander": True}},
            {"supplier": {"act_region": True, "employees": 50}},
            {"supplier": {"act_region": True, "employees": 200}},
            {"notice_days_before": 40},
            {"notice_days_before": 400},
            {"exceptional_circumstances": True},
            {"late_tender_cause": "supplier"},
            {"late_tender_cause": "territory_entity"},
            {"planning_period": True, "probity_concerns": True},
            {"planning_period": False, "probity_concerns": True},
            {"planning_period": True, "ict_system_development": True},
            {"planning_period": True, "substantial_change": True},
            {"referred_to_board": True},
            {"services": True, "anzsic": "J"},
            {"services": True, "anzsic": "84"},
            {"services": True, "anzsic": "N"},
            {"services": True, "anzsic": "Z"},
        ]
    )
    for extra, value in itertools.product(extras, (10_000, 60_000, 600_000, 8_000_000)):
        out.append(
            {"jurisdiction": "ACT", "as_of": AS_OF, "value": value, "construction": False, **extra}
        )
    return out


def qld_grid() -> list[dict[str, Any]]:
    out = []
    for value, gst, approach in itertools.product(
        QLD_VALUES, (True, False, None), (None, "informal_rfq", "formal_ito", "direct")
    ):
        facts: dict[str, Any] = {"jurisdiction": "QLD", "as_of": AS_OF, "value": value, "ict": True}
        if gst is not None:
            facts["value_includes_gst"] = gst
        if approach:
            facts["approach"] = approach
        out.append(facts)
    suppliers = [
        {"employees": 120, "contractors": 40, "main_business_location": "QLD"},
        {"employees": 120, "contractors": 80, "main_business_location": "QLD"},
        {
            "employees": 10,
            "contractors": 2,
            "main_business_location": "NSW",
            "indigenous_ownership_percent": 60,
        },
        {
            "employees": 10,
            "contractors": 0,
            "main_business_location": "QLD",
            "reseller_of_standard_offering": True,
        },
        {"employees": 250},
        {"employees": 5, "contractors": 1, "main_business_location": "QLD", "labour_hire": True},
        {"employees": 100},
    ]
    out += [{"jurisdiction": "QLD", "as_of": AS_OF, "supplier": s} for s in suppliers]
    out += [
        {
            "jurisdiction": "QLD",
            "as_of": AS_OF,
            "value": 200_000,
            "ict": True,
            "approach": "direct",
            "supplier": s,
        }
        for s in suppliers
    ]
    out += [
        {"jurisdiction": "QLD", "as_of": AS_OF, "ict": True, "panel_type": t}
        for t in ("volume_discount", "supplier_list", "specific", "new_panel")
    ]
    out += [
        {"jurisdiction": "QLD", "as_of": AS_OF, "value": 80_000, "ict": True, "qld_exemption": g}
        for g in ("no_competitive_sme_offers", "sole_or_limited_supplier", "market_tested_panel")
    ]
    out.append({"jurisdiction": "QLD", "as_of": AS_OF, "ict": False, "value": 5000})
    out.append({"jurisdiction": "QLD", "as_of": AS_OF, "ict": True, "offers": APPENDIX_A})
    return out


APPENDIX_A = [
    {"name": "Offer A", "qld_sme": False, "qld_sme_contribution": 112_500, "total": 125_000},
    {"name": "Offer B", "qld_sme": False, "qld_sme_contribution": 4_500, "total": 90_000},
    {"name": "Offer C", "qld_sme": False, "qld_sme_contribution": 30_000, "total": 100_000},
    {"name": "Offer D", "qld_sme": True, "qld_sme_contribution": 110_000, "total": 110_000},
    {"name": "Offer E", "qld_sme": False, "qld_sme_contribution": 0, "total": 115_000},
]

CTH_NEEDS = list(NEEDS)


def cth_grid() -> list[dict[str, Any]]:
    out = [{"jurisdiction": "CTH", "as_of": AS_OF, "need": n} for n in CTH_NEEDS]
    out += [
        {"jurisdiction": "CTH", "as_of": AS_OF},
        {"jurisdiction": "CTH", "value": 1e6, "as_of": AS_OF, "need": "mobile"},
    ]
    return out


def all_facts() -> list[dict[str, Any]]:
    dates = [
        {"jurisdiction": j, "as_of": d, "value": 50_000, "ict": True}
        for j in ("ACT", "QLD", "CTH")
        for d in ("2000-01-01", "2021-06-30", "2024-06-30")
    ]
    return act_grid() + qld_grid() + cth_grid() + dates + [{"as_of": AS_OF}, {}]
