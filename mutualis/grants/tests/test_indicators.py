"""The fonds de concours' figures over a year, and the lines on each commune's account."""

from datetime import date
from decimal import Decimal

import pytest

from mutualis.core.indicators import compute
from mutualis.core.periods import year_span
from mutualis.core.received import received_by
from mutualis.grants.models import PaymentKind, Status
from mutualis.grants.tests.factories import ApplicationFactory, PaymentFactory, RulesFactory
from mutualis.territory.tests.factories import OrganisationFactory

YEAR = 2025


@pytest.fixture
def make(territory_a, commune_a):
    rules = RulesFactory(territory=territory_a, year=YEAR)

    def file(status=Status.GRANTED, organisation=commune_a, day=date(YEAR, 6, 1), **fields):
        """A file filed, decided or lapsed on `day` (each field the status has)."""
        values = {"rules": rules, "organisation": organisation, "status": status}
        if status != Status.DRAFT:
            values["submitted_on"] = day
        if status in (Status.GRANTED, Status.PAID, Status.LAPSED, Status.REFUSED):
            values["decided_on"] = day
        if status == Status.LAPSED:
            values["lapsed_on"] = day
        return ApplicationFactory(**(values | fields))

    return file


def figure(key, territory, year=YEAR):
    return compute(key, territory, *year_span(year))


def test_files_counts_the_files_submitted_in_the_year_not_drafts(make, territory_a):
    make(Status.SUBMITTED)
    make(Status.REFUSED)
    make(Status.DRAFT)
    make(Status.SUBMITTED, day=date(YEAR - 1, 12, 31))
    assert figure("grants.files", territory_a) == 2


def test_communes_counts_each_commune_that_filed_once(make, territory_a, commune_a, commune_b):
    make(Status.SUBMITTED)
    make(Status.GRANTED)
    make(Status.SUBMITTED, organisation=commune_b)
    make(Status.DRAFT, organisation=OrganisationFactory(territory=territory_a))
    assert figure("grants.communes", territory_a) == 2


def test_amount_granted_sums_the_grants_decided_in_the_year_even_paid_or_lapsed(make, territory_a):
    make(Status.GRANTED, granted_amount=Decimal("1000"))
    make(Status.PAID, granted_amount=Decimal("2000"))
    make(Status.LAPSED, granted_amount=Decimal("400"))
    make(Status.REFUSED)
    make(Status.SCHEDULED, proposed_amount=Decimal("9000"))
    make(Status.GRANTED, granted_amount=Decimal("5000"), day=date(YEAR + 1, 1, 1))
    assert figure("grants.amount_granted", territory_a) == Decimal("3400")
    assert figure("grants.granted", territory_a) == 3


def test_investment_supported_sums_the_cost_of_the_grants_of_the_year(make, territory_a):
    make(Status.GRANTED, granted_amount=Decimal("1000"), cost_ht=Decimal("12000"))
    make(Status.PAID, granted_amount=Decimal("2000"), cost_ht=Decimal("30000"))
    make(Status.REFUSED, cost_ht=Decimal("50000"))
    assert figure("grants.investment_supported", territory_a) == Decimal("42000")
    assert figure("grants.leverage", territory_a) == Decimal("14.0")


def test_leverage_is_zero_without_any_grant(territory_a):
    assert figure("grants.leverage", territory_a) == Decimal("0.0")


def test_refused_and_lapsed_count_in_the_year_of_their_decision_and_lapse(make, territory_a):
    make(Status.REFUSED)
    make(Status.REFUSED, day=date(YEAR - 1, 11, 5))
    make(Status.LAPSED)
    make(Status.LAPSED, lapsed_on=date(YEAR + 1, 2, 1))
    assert figure("grants.refused", territory_a) == 1
    assert figure("grants.lapsed", territory_a) == 1


def test_amount_paid_sums_the_payments_of_the_year_whatever_the_year_of_the_grant(make, territory_a):
    old = make(Status.PAID, day=date(YEAR - 1, 3, 1))
    PaymentFactory(application=old, kind=PaymentKind.ADVANCE, amount=Decimal("300"), paid_on=date(YEAR - 1, 9, 1))
    PaymentFactory(application=old, kind=PaymentKind.BALANCE, amount=Decimal("700"), paid_on=date(YEAR, 2, 1))
    PaymentFactory(application=make(Status.GRANTED), amount=Decimal("1500"), paid_on=date(YEAR, 7, 1))
    assert figure("grants.amount_paid", territory_a) == Decimal("2200")


def test_the_figures_leave_out_other_territories(make, territory_a, territory_b):
    make(Status.GRANTED, granted_amount=Decimal("1000"))
    assert figure("grants.files", territory_b) == 0
    assert figure("grants.amount_granted", territory_b) == 0


def test_a_communes_account_shows_its_grants_and_what_it_was_paid_with_a_link_to_its_files(make, commune_a, commune_b):
    granted = make(Status.GRANTED, granted_amount=Decimal("4000"))
    make(Status.PAID, granted_amount=Decimal("2500"))
    make(Status.GRANTED, organisation=commune_b, granted_amount=Decimal("9000"))
    PaymentFactory(application=granted, amount=Decimal("1200"), paid_on=date(YEAR, 8, 1))
    (group,) = [g for g in received_by(commune_a, YEAR) if g.service == "Fonds de concours"]
    lines = {str(line.label): line for line in group.lines}
    assert lines["Fonds de concours attribués"].quantity == 2
    assert lines["Montant attribué"].quantity == Decimal("6500")
    assert lines["Montant versé"].quantity == lines["Montant versé"].value == Decimal("1200")
    assert lines["Montant versé"].url.endswith(f"?organisation={commune_a.pk}&year={YEAR}")


def test_a_commune_without_a_grant_has_no_fonds_de_concours_line(commune_a):
    assert not [g for g in received_by(commune_a, YEAR) if g.service == "Fonds de concours"]
