"""Percentages add up to exactly 100 for single choices and scales (largest remainder, one decimal)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mutualis.surveys.results import largest_remainder, share


def test_three_equal_thirds_add_up_to_100():
    assert largest_remainder([1, 1, 1]) == [Decimal("33.4"), Decimal("33.3"), Decimal("33.3")]


def test_two_thirds_and_one_third_add_up_to_100():
    assert largest_remainder([2, 1]) == [Decimal("66.7"), Decimal("33.3")]


def test_the_largest_remainder_gets_the_missing_tenth():
    # 1/7 = 14.2857…, 6/7 = 85.7142…: the first remainder (0.57) beats the second (0.42).
    assert largest_remainder([1, 6]) == [Decimal("14.3"), Decimal("85.7")]


def test_integer_percents_are_available():
    assert largest_remainder([1, 1, 1], decimals=0) == [Decimal(34), Decimal(33), Decimal(33)]


def test_no_answer_gives_zero_everywhere():
    assert largest_remainder([0, 0, 0]) == [Decimal(0)] * 3


def test_exact_shares_are_kept_as_they_are():
    assert largest_remainder([1, 3, 0]) == [Decimal(25), Decimal(75), Decimal(0)]


@given(st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any))
def test_any_counts_add_up_to_exactly_100(counts):
    percents = largest_remainder(counts)
    assert sum(percents) == 100
    for count, percent in zip(counts, percents, strict=True):
        assert abs(percent - Decimal(count * 100) / sum(counts)) < Decimal("0.1")


def test_a_share_is_rounded_half_up_to_a_tenth():
    assert share(1, 8) == Decimal("12.5")
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) == 0
