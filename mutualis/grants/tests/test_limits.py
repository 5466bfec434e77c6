"""Property tests of the fonds de concours' limits: for any financing plan, the amount allowed never
exceeds the commune's net share (CGCT L5216-5 VI), the year's rate and per-file ceiling, nor what is
left of the envelope; at the balance, never the grant nor the limits on the actual cost."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from mutualis.grants import limits

cents = st.integers(min_value=0, max_value=10**11)  # up to a billion euros
rates = st.decimals(min_value=0, max_value=100, places=2)
envelopes = st.none() | st.integers(min_value=-(10**8), max_value=10**10)


@st.composite
def plans(draw):
    cost = draw(cents)
    return cost, draw(st.integers(min_value=0, max_value=cost))


@given(plans(), rates, cents, envelopes)
def test_the_binding_ceiling_respects_every_limit(plan, rate, file_ceiling, envelope_left):
    cost, subsidies = plan
    ceilings = limits.ceilings(
        cost=cost, other_subsidies=subsidies, rate=rate, file_ceiling=file_ceiling, envelope_left=envelope_left
    )
    allowed = ceilings.binding
    # The commune's own share, other subsidies deducted, is at least the fonds de concours.
    assert cost - subsidies - allowed >= allowed
    assert 0 <= allowed <= file_ceiling
    assert Decimal(allowed) <= Decimal(cost) * rate / 100
    if envelope_left is not None:
        assert allowed <= max(envelope_left, 0)
    assert ceilings.refusals(allowed) == []


@given(plans(), rates, cents, envelopes, st.integers(min_value=1, max_value=10**6))
def test_any_amount_above_the_binding_ceiling_is_refused_with_a_reason(plan, rate, file_ceiling, envelope_left, more):
    cost, subsidies = plan
    ceilings = limits.ceilings(
        cost=cost, other_subsidies=subsidies, rate=rate, file_ceiling=file_ceiling, envelope_left=envelope_left
    )
    assert ceilings.refusals(ceilings.binding + more)


@given(plans(), rates, cents, cents)
def test_the_grant_on_actual_costs_never_exceeds_the_grant_nor_the_limits_on_actual_costs(
    plan, rate, file_ceiling, actual_cost
):
    cost, subsidies = plan
    granted = limits.ceilings(cost=cost, other_subsidies=subsidies, rate=rate, file_ceiling=file_ceiling).binding
    final = limits.final_amount(
        granted=granted, actual_cost=actual_cost, other_subsidies=subsidies, rate=rate, file_ceiling=file_ceiling
    )
    on_actual = limits.ceilings(cost=actual_cost, other_subsidies=subsidies, rate=rate, file_ceiling=file_ceiling)
    assert 0 <= final <= granted
    assert final <= on_actual.binding
    assert actual_cost - subsidies - final >= final or final == 0


@given(cents, rates)
def test_the_advance_is_never_more_than_the_grant(granted, advance_rate):
    assert 0 <= limits.advance(granted=granted, advance_rate=advance_rate) <= granted


def test_the_legal_ceiling_is_half_the_cost_less_subsidies_rounded_down():
    # 20,000.01 € of works, 5,000 € of subsidies: 15,000.01 € left, at most 7,500.00 € of it from the fund.
    assert limits.legal_ceiling(2_000_001, 500_000) == 750_000
    assert limits.legal_ceiling(100, 200) == 0


def test_a_refusal_names_each_limit_with_its_figure_in_french():
    ceilings = limits.Ceilings(legal=750_000, rate=1_000_000, file=1_000_000, envelope_left=500_000)
    assert ceilings.binding == 500_000
    reasons = ceilings.refusals(800_000)
    assert len(reasons) == 2
    assert "7\u00a0500,00 €" in reasons[0] and "5\u00a0000,00 €" in reasons[1]
