"""The club's terms in the agreements registry: it needs an adhesion; it was used by those who declared needs."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.agreements import terms
from mutualis.purchasing.services import NeedLine, needs_declare
from mutualis.territory.models import Service


def period_around_today():
    today = timezone.localdate()
    return today - timedelta(days=1), today + timedelta(days=1)


def test_the_club_needs_an_adhesion():
    assert terms.terms_of(Service.PURCHASING).needs_adhesion


def test_the_club_was_used_by_the_organisations_that_declared_needs_in_the_period(
    consultation, articles, commune_a, commune_b, territory_a
):
    needs_declare(
        consultation=consultation, organisation=commune_a, lines=[NeedLine(articles[0], Decimal("3"))], by=None
    )
    needs_declare(consultation=consultation, organisation=commune_b, lines=[NeedLine(articles[0], None)], by=None)
    used_by = terms.terms_of(Service.PURCHASING).used_by
    assert set(used_by(territory_a, *period_around_today())) == {commune_a.pk}
    last_year = timezone.localdate().replace(day=1) - timedelta(days=400)
    assert not set(used_by(territory_a, last_year, last_year + timedelta(days=30)))


def test_participants_are_the_members_of_the_period(members, territory_a, commune_a, commune_b):
    assert terms.participants(territory_a, Service.PURCHASING, *period_around_today()) == {commune_a.pk, commune_b.pk}
