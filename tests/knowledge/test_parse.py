"""Tests for knowledge.parse: what users type, read or refused (never misread)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.parse import (
    COVERED_JURISDICTIONS,
    NEEDS,
    STATES,
    UNCOVERED_BUYERS,
    Amount,
    Headcount,
    ParseError,
    find_amount,
    parse_abn,
    parse_amount,
    parse_anzsic,
    parse_bool,
    parse_gst,
    parse_headcount,
    parse_jurisdiction,
    parse_need,
    parse_needs,
    parse_percent,
    parse_state,
    uncovered_buyer,
    vocabulary,
)
from knowledge.parsing.vocab import anzsic_structure, matcher

FAST = settings(max_examples=150, deadline=None, database=None)

# ---------------------------------------------------------------------------------------------
# Amounts
# ---------------------------------------------------------------------------------------------

AMOUNTS = [
    ("$80k", 80_000, None),
    ("80k", 80_000, None),
    ("80,000", 80_000, None),
    ("$80,000.50", 80_000.5, None),
    ("80 000", 80_000, None),
    ("eighty thousand dollars", 80_000, None),
    ("eighty-five thousand", 85_000, None),
    ("one hundred and twenty thousand", 120_000, None),
    ("1.2m", 1_200_000, None),
    ("$1.2 million", 1_200_000, None),
    ("1.2 mil", 1_200_000, None),
    ("half a million", 500_000, None),
    ("a quarter of a million", 250_000, None),
    ("quarter of a mil", 250_000, None),
    ("three-quarters of a million", 750_000, None),
    ("half-a-million", 500_000, None),
    ("a quarter-million", 250_000, None),
    ("three quarters of a million", 750_000, None),
    ("one and a half million", 1_500_000, None),
    ("80 grand", 80_000, None),
    ("a hundred grand", 100_000, None),
    ("one point two million", 1_200_000, None),
    # No whole part: "point five million" is half a million, not five million.
    ("point five million", 500_000, None),
    ("it's point seven five mil", 750_000, None),
    ("twenty point five million", 20_500_000, None),
    ("sixty k", 60_000, None),
    ("a hundred and twenty grand", 120_000, None),
    ("3 hundred thousand", 300_000, None),
    ("$45 000", 45_000, None),
    ("~$300k", 300_000, None),
    ("80-odd thousand", 80_000, None),
    ("45 odd grand", 45_000, None),
    ("2 point 5 million", 2_500_000, None),
    ("80k+gst", 80_000, False),
    ("$60k for a year", 60_000, None),
    ("$5,500 per month, $66k in total", 66_000, None),
    ("$2.5b", 2_500_000_000, None),
    ("2.5 billion", 2_500_000_000, None),
    ("$1.2bn", 1_200_000_000, None),
    ("AUD 60,000", 60_000, None),
    ("60000 AUD", 60_000, None),
    ("$60K", 60_000, None),
    ("sixty k", 60_000, None),
    ("about $60k", 60_000, None),
    ("around 60 thousand", 60_000, None),
    ("roughly $1,250,000", 1_250_000, None),
    ("ACT agency, $60k of furniture, how many quotes?", 60_000, None),
    ("sorry, I meant $600k", 600_000, None),
    ("$600k, not $60k", 600_000, None),
    ("we got 3 quotes and the best was $45,000", 45_000, None),
    ("$60k in 2024", 60_000, None),
    ("up to $80k", 80_000, None),
    ("5", 5, None),
    ("$2024", 2024, None),
    ("2,024", 2024, None),
    ("1850", 1850, None),
    ("$0", 0, None),
    ("$80k ex GST", 80_000, False),
    ("80k excl. GST", 80_000, False),
    ("80k exclusive of GST", 80_000, False),
    ("80k excluding GST", 80_000, False),
    ("$80k +GST", 80_000, False),
    ("80k plus GST", 80_000, False),
    ("$80k plus 10% GST", 80_000, False),
    ("80k GST exclusive", 80_000, False),
    ("$88k inc GST", 88_000, True),
    ("88k incl. GST", 88_000, True),
    ("88k including GST", 88_000, True),
    ("GST inclusive $88k", 88_000, True),
    ("88k inclusive of GST", 88_000, True),
    ("88k GST incl", 88_000, True),
    ("$88,000 GST-inclusive", 88_000, True),
]


@pytest.mark.parametrize(("text", "value", "includes_gst"), AMOUNTS)
def test_parse_amount(text: str, value: float, includes_gst: bool | None) -> None:
    amount = parse_amount(text)
    assert amount == Amount(value=value, includes_gst=includes_gst, text=text.strip())


AMOUNT_ERRORS = [
    "",
    "   ",
    "asdfgh",
    "lots",
    "cheap",
    "nan",
    "inf",
    "infinity",
    "between 50k and 80k",
    "$50k or $80k",
    "50-80k",
    "$50,000 - $80,000",
    "50k to 80k",
    "$60k, $70k",
    "-5000",
    "-$5,000",
    "minus 5k",
    "negative 5000",
    "10%",
    "ten percent",
    "1/7/2024",
    "2024-07-01",
    "1 July 2024",
    "2024-25",
    "10:30",
    "0412 345 678",
    "(02) 6207 5111",
    "call 1300 123 456",
    "51 824 753 556",
    "ABN 51 824 753 556",
    "51824753556",
    "2024",
    "1999",
    "$2 trillion",
    "1,500,000,000,000",
    "a few thousand",
    "thousands",
    "several million dollars",
    "under $25k",
    "more than 80k",
    "at least $100,000",
    "80.000",
    "80,00",
    "USD 60,000",
    "€50,000",
    "12 staff",
    "3 quotes",
    "60kg",
    "$80k ex GST ($88k inc GST)",
]


@pytest.mark.parametrize("text", AMOUNT_ERRORS)
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_amount(text)
    assert caught.value.field in ("value", "value_includes_gst")
    assert caught.value.message.endswith(".")
    assert str(caught.value) == caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("blah", "I couldn't read an amount in 'blah'. Try something like $80,000 or 80k."),
        ("$50k or $80k", "looks like a range"),
        ("$50k and also $80k", "more than one amount ($50,000, $80,000)"),
        ("-5000", "can't be negative"),
        ("2024", "looks like a year"),
        ("1/7/2024", "looks like a date"),
        ("$5 trillion", "too large to be a single procurement"),
        ("the $25,000 threshold", "names a threshold, not the value of your procurement"),
        # A rate is not the total value; nor is "80k+" a figure.
        ("500 laptops at $1,200 each", "gives a rate, not a total"),
        ("$200k per year over 3 years", "gives a rate, not a total"),
        ("the contract is $5,500 per month", "gives a rate, not a total"),
        ("$1,200 per laptop", "gives a rate, not a total"),
        ("$80/hr", "gives a rate, not a total"),
        ("$60k pa", "gives a rate, not a total"),
        ("80k+", "gives a bound, not a figure"),
        ("$1m+ project", "gives a bound, not a figure"),
    ],
)
def test_amount_messages(text: str, expected: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_amount(text)
    assert expected in caught.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("we have 12 staff", None),
        ("we need Office 365", None),
        ("back in 2024", None),
        ("call me on 0412 345 678", None),
        ("", None),
        ("the value is eighty thousand", 80_000),
        ("it's about $60k all up", 60_000),
        ("budget 150000", 150_000),
        # A threshold named in a question is not the procurement's value.
        ("what is the $30k set-aside?", None),
        ("what's the $500k incentive?", None),
        ("does the $250k rule apply to an informal RFQ for $180,000 ex GST?", 180_000),
        ("is the 25k threshold ex GST? we're spending $24k", 24_000),
        ("the $80k limits", None),
        ("is $30k under the threshold?", 30_000),
        ("around the 50k mark", 50_000),
        # Sayings are not amounts.
        ("thanks a million", None),
        ("thanks a mil mate", None),
        ("one in a million chance, ACT, $60k of chairs", 60_000),
        ("we're buying a million dollars of chairs", 1_000_000),
        ("ACT $60k, per the regulation how many quotes", 60_000),
        ("3 quotes each", None),
    ],
)
def test_find_amount(text: str, value: float | None) -> None:
    found = find_amount(text)
    assert (found.value if found else None) == value


@pytest.mark.parametrize("text", ["$50k or $80k", "minus $5k", "$5 trillion", "a few million"])
def test_find_amount_still_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        find_amount(text)


@FAST
@given(st.integers(min_value=0, max_value=10**9))
def test_dollars_with_commas_round_trip(n: int) -> None:
    assert parse_amount(f"${n:,}").value == n


@FAST
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["k", "K", " k", " thousand"]))
def test_thousands_suffix_round_trip(n: int, suffix: str) -> None:
    assert parse_amount(f"{n}{suffix}").value == n * 1000


@FAST
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99))
def test_millions_with_decimals(whole: int, cents: int) -> None:
    assert parse_amount(f"${whole}.{cents:02d}m").value == pytest.approx(
        (whole + cents / 100) * 1_000_000
    )


# ---------------------------------------------------------------------------------------------
# GST, yes/no, percentages
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes it includes GST", True),
        ("no, that's ex GST", False),
        ("inc", True),
        ("Inc.", True),
        ("ex", False),
        ("exclusive", False),
        ("inclusive", True),
        ("GST inclusive", True),
        ("plus GST", False),
        ("yes", True),
        ("nope", False),
        ("it doesn't", False),
    ],
)
def test_parse_gst(text: str, expected: bool) -> None:
    assert parse_gst(text) is expected


@pytest.mark.parametrize("text", ["GST", "maybe", "blah", "", "inc GST and ex GST"])
def test_parse_gst_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_gst(text)
    assert caught.value.field == "value_includes_gst"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", True),
        ("Yep!", True),
        ("yeah", True),
        ("y", True),
        ("correct", True),
        ("true", True),
        ("yes, it's construction", True),
        ("no", False),
        ("nope", False),
        ("nah", False),
        ("N", False),
        ("not really", False),
        ("false", False),
        ("yeah nah", False),
    ],
)
def test_parse_bool(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


@pytest.mark.parametrize("text", ["maybe", "not sure", "yes and no", "blah", "", "it depends"])
def test_parse_bool_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        parse_bool(text, field="construction")


def test_parse_bool_carries_field() -> None:
    with pytest.raises(ParseError) as caught:
        parse_bool("perhaps", field="construction")
    assert caught.value.field == "construction"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50%", 50),
        ("fifty percent", 50),
        ("half", 50),
        ("51 per cent", 51),
        ("one hundred percent", 100),
        ("about 12.5%", 12.5),
        ("120%", 120),
    ],
)
def test_parse_percent(text: str, expected: float) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    ("text", "max_100"),
    [("120%", True), ("-5%", False), ("$50", False), ("lots", False), ("50% or 60%", False)],
)
def test_parse_percent_refuses(text: str, max_100: bool) -> None:
    with pytest.raises(ParseError):
        parse_percent(text, max_100=max_100)


# ---------------------------------------------------------------------------------------------
# Headcount
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "employees", "contractors"),
    [
        ("120 staff and 40 contractors", 120, 40),
        ("120 employees, 40 contractors", 120, 40),
        ("we have 35 people plus 5 contractors", 35, 5),
        ("employees: 120, contractors: 40", 120, 40),
        ("about 150 employees", 150, None),
        ("no contractors", None, 0),
        ("we don't use contractors", None, 0),
        ("40 contractors", None, 40),
        ("a hundred and twenty staff", 120, None),
        ("12 FTE", 12, None),
        ("1,200 full-time staff", 1200, None),
        ("one contractor", None, 1),
        ("sole trader", 1, 0),
        ("just me", 1, 0),
        ("sole trader with 2 contractors", 1, 2),
    ],
)
def test_parse_headcount(text: str, employees: int | None, contractors: int | None) -> None:
    assert parse_headcount(text) == Headcount(employees=employees, contractors=contractors)


def test_parse_headcount_default_role() -> None:
    assert parse_headcount("about 45", default_role="employees") == Headcount(45, None)
    assert parse_headcount("none", default_role="contractors") == Headcount(None, 0)


@pytest.mark.parametrize(
    "text",
    [
        "45",
        "-5 contractors",
        "minus 3 staff",
        "lots",
        "",
        "20 million staff",
        "12.5 FTE",
        "40 people including 5 contractors",
        "120 staff, I mean 130 staff",
        "$50k of staff",
    ],
)
def test_parse_headcount_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        parse_headcount(text)


@FAST
@given(st.integers(0, 100_000), st.integers(0, 100_000))
def test_headcount_round_trip(employees: int, contractors: int) -> None:
    text = f"{employees:,} employees and {contractors} contractors"
    assert parse_headcount(text) == Headcount(employees, contractors)


# ---------------------------------------------------------------------------------------------
# Jurisdictions and states
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACT", "ACT"),
        ("act", "ACT"),
        ("Canberra", "ACT"),
        ("Australian Capital Territory", "ACT"),
        ("ACT Government", "ACT"),
        ("an ACT directorate", "ACT"),
        ("Qld", "QLD"),
        ("Queensland", "QLD"),
        ("Brisbane", "QLD"),
        ("QLD gov", "QLD"),
        ("federal", "CTH"),
        ("Commonwealth", "CTH"),
        ("Cth", "CTH"),
        ("Australian Government", "CTH"),
        ("APS", "CTH"),
        ("DTA", "CTH"),
        ("Canberra-based Commonwealth agency", "CTH"),
        ("Commonwealth agency in the ACT", "CTH"),
        ("a federal department in Brisbane", "CTH"),
        ("I work for Home Affairs", "CTH"),
        ("DFAT in Canberra", "CTH"),
        ("NSW", "NSW"),
        ("Sydney", "NSW"),
        ("Victoria", "VIC"),
        ("Melbourne", "VIC"),
        ("Western Australia", "WA"),
        ("Tasmanian Government", "TAS"),
        ("Darwin", "NT"),
    ],
)
def test_parse_jurisdiction(text: str, expected: str) -> None:
    assert parse_jurisdiction(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mars",
        "NZ",
        "New Zealand",
        "contract",
        "we need to act fast",
        "ACT or QLD",
        "Brisbane City Council",
        "what about US federal acquisition rules?",
        "Canadian federal procurement thresholds?",
        "",
    ],
)
def test_parse_jurisdiction_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_jurisdiction(text)
    assert caught.value.field == "jurisdiction"


def test_covered_jurisdictions() -> None:
    assert COVERED_JURISDICTIONS == ("ACT", "QLD", "CTH")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Townsville", "QLD"),
        ("Gold Coast", "QLD"),
        ("Cairns", "QLD"),
        ("Brisbane", "QLD"),
        ("Sydney", "NSW"),
        ("Queanbeyan", "NSW"),
        ("Melbourne", "VIC"),
        ("Perth", "WA"),
        ("Hobart", "TAS"),
        ("Darwin", "NT"),
        ("Adelaide", "SA"),
        ("Canberra", "ACT"),
        ("wa", "WA"),
        ("based in Fyshwick, ACT 2609", "ACT"),
        ("4810", "QLD"),
    ],
)
def test_parse_state(text: str, expected: str) -> None:
    assert parse_state(text) == expected


@pytest.mark.parametrize("text", ["Commonwealth", "London", "NZ", "Sydney and Brisbane", "xyz"])
def test_parse_state_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_state(text)
    assert caught.value.field == "supplier.main_business_location"


# ---------------------------------------------------------------------------------------------
# ABN, need, ANZSIC
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["51 824 753 556", "51824753556", "ABN 51 824 753 556", "ABN: 51-824-753-556"]
)
def test_parse_abn(text: str) -> None:
    assert parse_abn(text) == "51824753556"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("51 824 753 557", "check digits"),
        ("123 456 789", "9 digits"),
        ("5182475355", "10 digits"),
        ("51 824 75X 556", "letters"),
        ("ABN pending", "couldn't find an ABN"),
        ("51 824 753 556 and 12", "more than one number"),
    ],
)
def test_parse_abn_refuses(text: str, expected: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_abn(text)
    assert expected in caught.value.message
    assert caught.value.field == "supplier.abn"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cloud hosting", "cloud_services"),
        ("IaaS", "cloud_services"),
        ("SaaS", "cloud_services"),
        ("software as a service", "cloud_services"),
        ("data centre space", "data_centre"),
        ("colocation", "data_centre"),
        ("laptops", "ict_hardware"),
        ("desktops", "ict_hardware"),
        ("servers", "ict_hardware"),
        ("mobile phones", "mobile"),
        ("telco carrier", "telecommunications"),
        ("phone lines", "telecommunications"),
        ("network carriage", "telecommunications"),
        ("developers", "digital_services"),
        ("an agile delivery team", "digital_services"),
        ("digital services", "digital_services"),
        ("cth, need a new website built", "digital_services"),
        ("web design for a federal agency", "digital_services"),
        ("Microsoft licences", "microsoft_software"),
        ("Office 365", "microsoft_software"),
        ("Windows", "microsoft_software"),
        ("Azure", "microsoft_software"),
        ("Office 365 licences", "microsoft_software"),
        ("software licences", "software_other"),
        ("Adobe licences", "software_other"),
    ],
)
def test_parse_need(text: str, expected: str) -> None:
    assert parse_need(text) == expected


@pytest.mark.parametrize("text", ["pizza", "laptops and mobile phones", ""])
def test_parse_need_refuses(text: str) -> None:
    with pytest.raises(ParseError):
        parse_need(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("laptops and mobile phones", ["ict_hardware", "mobile"]),
        ("200 laptops and some Microsoft 365 licences", ["ict_hardware", "microsoft_software"]),
        ("Office 365 licences and 200 laptops", ["microsoft_software", "ict_hardware"]),
        (
            "cloud hosting, a telco carrier and laptops",
            ["cloud_services", "telecommunications", "ict_hardware"],
        ),
        ("Microsoft Azure", ["microsoft_software"]),  # the override: one need, not two
        ("laptops, and more laptops", ["ict_hardware"]),
        # Overrides hold within one thing named two ways, not across a list.
        ("servers in a data centre", ["data_centre"]),
        ("some laptops and a data centre", ["ict_hardware", "data_centre"]),
        ("Office 365 cloud licences", ["microsoft_software"]),
    ],
)
def test_parse_needs_names_each_need_once_in_order(text: str, expected: list[str]) -> None:
    assert parse_needs(text) == expected


@pytest.mark.parametrize("text", ["pizza", ""])
def test_parse_needs_refuses_a_text_naming_none(text: str) -> None:
    with pytest.raises(ParseError):
        parse_needs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J", "J"),
        ("Division M", "M"),
        ("division j", "J"),
        ("84", "84"),
        ("5800", "58"),
        ("subdivision 85", "85"),
        ("Division J, subdivision 58", "58"),
        ("cleaning", "N"),
        ("office cleaning services", "N"),
        ("security guards", "O"),
        ("consulting engineers", "M"),
        ("IT consulting", "M"),
        ("telecommunications", "J"),
        ("hospital", "84"),
        ("medical", "85"),
        ("aged care", "86"),
        ("insurance", "K"),
        ("real estate", "L"),
        ("catering", "H"),
        ("construction", "E"),
        ("Professional, Scientific and Technical Services", "M"),
    ],
)
def test_parse_anzsic(text: str, expected: str) -> None:
    assert parse_anzsic(text) == expected


@pytest.mark.parametrize(
    "text", ["61", "T", "Division Z", "blah", "hospital cleaning", "Division K, 58", ""]
)
def test_parse_anzsic_refuses(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_anzsic(text)
    assert caught.value.field == "anzsic"


# ---------------------------------------------------------------------------------------------
# Any text: only ParseError; the vocabulary is consistent
# ---------------------------------------------------------------------------------------------

PARSERS = [
    parse_amount,
    find_amount,
    parse_gst,
    parse_bool,
    parse_percent,
    parse_headcount,
    parse_jurisdiction,
    parse_state,
    parse_abn,
    parse_need,
    parse_anzsic,
]
_PIECES = st.sampled_from(
    [*"0123456789 ,.$-%/:kmb+()", "million", " and ", "half a", "gst", "ex", "staff", "one"]
)


@FAST
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=12).map("".join)))
def test_parsers_raise_only_parse_error(text: str) -> None:
    for parse in PARSERS:
        try:
            parse(text)
        except ParseError as error:
            assert error.message


@pytest.mark.parametrize("parse", PARSERS)
def test_parsers_refuse_non_text(parse) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError):
        parse(None)


def test_too_long_text_is_refused() -> None:
    with pytest.raises(ParseError):
        parse_amount("$80k " * 500)


def test_vocabulary_labels_are_known() -> None:
    vocab = vocabulary()
    assert set(vocab["needs"]) == set(NEEDS)
    assert set(vocab["places"]) == set(STATES)
    assert set(vocab["jurisdictions"]) == {*STATES, "CTH"}
    divisions = anzsic_structure()["divisions"]
    subdivisions = {s for d in divisions.values() for s in d["subdivisions"]}
    assert set(vocab["anzsic_phrases"]) <= set(divisions) | subdivisions


def test_postcode_ranges_do_not_overlap() -> None:
    spans = sorted(
        tuple(map(int, span.split("-")))
        for spans in vocabulary()["postcodes"].values()
        for span in spans
    )
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("name", sorted(set(vocabulary()) - {"need_overrides"}))
def test_each_vocabulary_section_builds_a_matcher(name: str) -> None:
    assert matcher(name).labels("") == set()


@pytest.mark.parametrize(
    ("text", "answering", "expected"),
    [
        (
            "our church is buying a new sound system, how many quotes should we get?",
            False,
            "NONGOV",
        ),
        ("our P&C association needs quotes for a new canteen fridge", False, "NONGOV"),
        ("my uni needs 3 quotes?", False, "NONGOV"),
        ("City of Gold Coast purchasing policy, how many quotes for $30k?", False, "LOCAL"),
        ("Gold Coast City Council needs $30k of ICT services", False, "LOCAL"),
        ("I work for a council in Queensland, $40k laptops", False, "LOCAL"),
        ("New Zealand government agency, $50k, how many quotes?", False, "FOREIGN"),
        ("neither, we're a charity", True, "NONGOV"),
        ("a private company", True, "NONGOV"),
        ("just me", True, "NONGOV"),
        ("we're a council", True, "LOCAL"),
        # A buyer talking about a supplier, and a supplier about itself, name no buyer.
        ("can we get one quote from a charity?", False, None),
        (
            "we're a not-for-profit IT provider in Brisbane with 30 staff, are we a Qld SME?",
            False,
            None,
        ),
        ("we're a Townsville IT firm, can councils buy from us?", False, None),
        ("we're a small business with 12 staff", False, None),
        ("US supplier, how many quotes for $50k?", False, None),
        ("we're a council contractor with 30 staff, are we a Qld SME?", False, None),
        ("our club is a registered supplier to ACT Health", False, None),
        ("what about US federal acquisition rules?", False, "FOREIGN"),
        ("Canadian federal procurement thresholds?", False, "FOREIGN"),
        ("can you tell us the federal government rules?", False, None),
        ("we're a UK company, can we bid on Queensland ICT set-asides?", False, None),
        ("no idea", True, None),
        ("", True, None),
    ],
)
def test_uncovered_buyer(text: str, answering: bool, expected: str | None) -> None:
    assert uncovered_buyer(text, answering=answering) == expected
    assert expected is None or expected in UNCOVERED_BUYERS
