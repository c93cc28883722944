"""Splitting a procurement: none of the sources settles it, so each jurisdiction says so and
refers, without changing the rule for the total."""

import pytest

from knowledge import assess

BASE = {
    "ACT": {"jurisdiction": "ACT", "value": 60000, "construction": False},
    "QLD": {"jurisdiction": "QLD", "value": 60000, "value_includes_gst": True, "ict": True},
    "CTH": {"jurisdiction": "CTH", "need": "ict_hardware"},
}
SAYS = {
    "ACT": "estimated total consideration of the procurement (s 6(1), 7(1), 8(1))",
    "QLD": "does not say whether a procurement may be split",
    "CTH": "says nothing about dividing a procurement",
}


@pytest.mark.parametrize("code", sorted(BASE))
def test_splitting_is_referred_and_the_rest_is_unchanged(code):
    facts = {**BASE[code], "as_of": "2026-11-22"}
    plain = assess(facts)
    split = assess({**facts, "split_procurement": True})
    assert split["determinations"] == plain["determinations"]
    assert split["missing"] == plain["missing"]
    new = [o for o in split["out_of_scope"] if o not in plain["out_of_scope"]]
    assert len(new) == 1
    assert SAYS[code] in new[0]["reason"]
    assert new[0]["referral"]


def test_splitting_false_adds_nothing():
    facts = {**BASE["ACT"], "as_of": "2026-11-22"}
    assert assess({**facts, "split_procurement": False}) == assess(facts)
