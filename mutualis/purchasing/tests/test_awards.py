from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutualis.purchasing.consolidation import commitments_of, savings_by_member, total_savings
from mutualis.purchasing.models import ConsultationStatus, Need
from mutualis.purchasing.services import consultation_launch
from mutualis.purchasing.tests.factories import NeedFactory, award_lot


@pytest.fixture
def launched(consultation):
    return consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)


def test_award_needs_a_launched_consultation(consultation, articles):
    with pytest.raises(ValidationError, match="lancée"):
        award_lot(articles[0].lot)


def test_award_needs_a_price_for_every_article(launched, articles):
    with pytest.raises(ValidationError):
        award_lot(articles[0].lot, prices={articles[0].pk: Decimal("3.5")})


def test_consultation_is_awarded_once_its_last_lot_is(launched, articles):
    award_lot(articles[0].lot)
    launched.refresh_from_db()
    assert launched.status == ConsultationStatus.AWARDED


def test_a_lot_is_awarded_once(launched, articles):
    award_lot(articles[0].lot)
    with pytest.raises(ValidationError):
        award_lot(articles[0].lot)


def test_award_amount_is_the_yearly_needs_at_awarded_prices_over_the_whole_duration(
    launched, articles, commune_a, commune_b
):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("100"))
    NeedFactory(article=articles[1], organisation=commune_b, quantity=Decimal("10.5"))
    # 110.5 × 3.50 = 386.75 a year; one year and 3 renewals: 48 months.
    award = award_lot(articles[0].lot, start=date(2026, 1, 1), end=date(2027, 1, 1), renewals=3)
    assert award.duration_months == 48
    assert award.amount == Decimal("1547.00")


def test_saving_is_former_minus_awarded_price_times_yearly_volume(launched, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("250"), current_unit_price=Decimal("4.2"))
    award_lot(articles[0].lot, prices={articles[0].pk: Decimal("3.55"), articles[1].pk: Decimal("7")})
    # (4.20 − 3.55) × 250 = 162.50
    assert savings_by_member(Need.objects.all()) == {commune_a.pk: Decimal("162.50")}


def test_savings_are_rounded_half_up_to_the_cent(launched, articles, commune_a):
    NeedFactory(
        article=articles[0], organisation=commune_a, quantity=Decimal("3"), current_unit_price=Decimal("0.0125")
    )
    award_lot(articles[0].lot, prices={articles[0].pk: Decimal("0.0100"), articles[1].pk: Decimal("1")})
    # (0.0125 − 0.0100) × 3 = 0.0075 → 0.01
    assert savings_by_member(Need.objects.all())[commune_a.pk] == Decimal("0.01")


def test_overall_saving_is_rounded_once_from_exact_shares(launched, articles, commune_a, commune_b):
    for organisation in (commune_a, commune_b):
        NeedFactory(
            article=articles[0], organisation=organisation, quantity=Decimal("1"), current_unit_price=Decimal("0.0150")
        )
    award_lot(articles[0].lot, prices={articles[0].pk: Decimal("0.0100"), articles[1].pk: Decimal("1")})
    # each 0.005 → 0.01, together 0.010 → 0.01
    assert savings_by_member(Need.objects.all()) == {commune_a.pk: Decimal("0.01"), commune_b.pk: Decimal("0.01")}
    assert total_savings(Need.objects.all()) == Decimal("0.01")


def test_a_price_rise_is_a_negative_saving(launched, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("10"), current_unit_price=Decimal("3"))
    award_lot(articles[0].lot)
    assert total_savings(Need.objects.all()) == Decimal("-5.00")


def test_needs_without_a_declared_price_save_nothing(launched, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, current_unit_price=None)
    award_lot(articles[0].lot)
    assert total_savings(Need.objects.all()) == Decimal("0.00")


def test_commitments_list_the_members_own_lines_amount_and_saving(launched, articles, commune_a, commune_b):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("100"), current_unit_price=Decimal("4"))
    NeedFactory(article=articles[1], organisation=commune_a, quantity=Decimal("10"), current_unit_price=None)
    NeedFactory(article=articles[0], organisation=commune_b, quantity=Decimal("999"))
    award_lot(articles[0].lot)
    [commitment] = commitments_of(commune_a)
    assert [need.organisation_id for need in commitment.needs] == [commune_a.pk, commune_a.pk]
    assert commitment.amount == Decimal("385.00")  # 110 × 3.50
    assert commitment.saving == Decimal("50.00")  # (4 − 3.50) × 100
