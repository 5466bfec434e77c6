"""The D5211-16 arithmetic: unit cost, provisional calls, settlement, all in cents that add up."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from mutualis.commonservices import costs

CENT = Decimal("0.01")


def test_unit_cost_is_the_cost_over_the_units_kept_exact():
    assert costs.unit_cost(Decimal("146500"), Decimal("730")) == Fraction(146500, 730)


def test_worked_example_of_a_year_of_planning_permits():
    """Budget 2025: 120,000 € staff + 6,000 € supplies + 4,000 € renewal + 10,000 € contracts = 140,000 €
    for 700 acts, so 200 € an act. Commune A expects 60 acts (12,000 €, 3,000 € a quarter), commune B 40
    (8,000 €, 2,000 € a quarter). Accounts 2025: 146,500 € for 730 acts, 200.684931… € an act.
    A instructed 64 acts: 12,843.835… €; B 31: 6,221.232… €; together 95 acts, 19,065.068… € → 19,065.07 €
    reimbursable. In cents A's exact 1,284,383.56 and B's 622,123.29 floor to 1,906,506: the one cent
    left goes to A (the larger remainder): A owes 12,843.84 €, B 6,221.23 €. A pays 843.84 € more,
    B gets 1,778.77 € back."""
    budget = costs.unit_cost(Decimal("140000"), Decimal("700"))
    assert budget == 200
    assert costs.provisional_calls(Decimal("60"), budget, 4) == [(Decimal("15.000"), Decimal("3000.00"))] * 4
    assert costs.provisional_calls(Decimal("40"), budget, 4) == [(Decimal("10.000"), Decimal("2000.00"))] * 4

    actual = costs.unit_cost(Decimal("146500"), Decimal("730"))
    used = {"A": Decimal("64"), "B": Decimal("31")}
    result = costs.settlement(used, actual, {"A": Decimal("12000"), "B": Decimal("8000")})
    assert result == {
        "A": (Decimal("12843.84"), Decimal("843.84")),
        "B": (Decimal("6221.23"), Decimal("-1778.77")),
    }
    assert costs.reimbursable(used, actual) == Decimal("19065.07")


def test_a_call_that_does_not_divide_evenly_still_adds_up():
    calls = costs.provisional_calls(Decimal("10"), Fraction(100, 3), 4)
    assert [amount for _units, amount in calls] == [
        Decimal("83.34"),
        Decimal("83.33"),
        Decimal("83.33"),
        Decimal("83.33"),
    ]
    assert sum(amount for _units, amount in calls) == Decimal("333.33")
    assert sum(units for units, _amount in calls) == Decimal("10")


def test_an_adherent_called_but_who_used_nothing_gets_everything_back():
    result = costs.settlement({"A": Decimal("0")}, Fraction(50), {"A": Decimal("900")})
    assert result == {"A": (Decimal("0.00"), Decimal("-900.00"))}


units = st.decimals(min_value=0, max_value=5000, places=3)
money = st.decimals(min_value=Decimal("0.01"), max_value=2_000_000, places=2)


@given(
    used=st.lists(units, min_size=1, max_size=12),
    called=st.lists(st.decimals(min_value=0, max_value=100_000, places=2), min_size=12, max_size=12),
    total_cost=money,
    extra_units=st.decimals(min_value=Decimal("0.001"), max_value=10_000, places=3),
)
def test_provisional_plus_settlement_is_the_actual_cost_of_each_adherent_and_they_add_up(
    used, called, total_cost, extra_units
):
    actual_units = dict(enumerate(used))
    service_units = sum(used, Decimal("0")) + extra_units  # the service also works for the EPCI itself
    cost = costs.unit_cost(total_cost, service_units)
    calls = {index: called[index] for index in actual_units}
    result = costs.settlement(actual_units, cost, calls)
    for key, (due, difference) in result.items():
        assert calls[key] + difference == due
        assert abs(Fraction(due) - Fraction(actual_units[key]) * cost) < Fraction(1, 100)
    assert sum(due for due, _difference in result.values()) == costs.reimbursable(actual_units, cost)
    assert costs.reimbursable(actual_units, cost) <= total_cost
