from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutualis.purchasing.models import Answer, Need
from mutualis.purchasing.services import NeedLine, census_open, membership_join, needs_declare
from mutualis.purchasing.tests.factories import ClubAdhesionFactory, ConsultationFactory, LotFactory, in_days
from mutualis.territory.tests.factories import OrganisationFactory


def declare(consultation, organisation, *lines):
    return needs_declare(consultation=consultation, organisation=organisation, lines=list(lines), by=None)


def test_member_declares_its_needs_and_is_counted_as_answered(consultation, articles, commune_a):
    declare(consultation, commune_a, NeedLine(articles[0], Decimal("120"), Decimal("4.15")))
    need = Need.objects.get()
    assert (need.organisation, need.quantity, need.current_unit_price) == (commune_a, Decimal("120"), Decimal("4.15"))
    assert Answer.objects.filter(consultation=consultation, organisation=commune_a).exists()


def test_a_new_answer_replaces_the_previous_one(consultation, articles, commune_a):
    declare(consultation, commune_a, NeedLine(articles[0], Decimal("120")), NeedLine(articles[1], Decimal("5")))
    declare(consultation, commune_a, NeedLine(articles[1], Decimal("8")))
    assert list(Need.objects.values_list("article", "quantity")) == [(articles[1].pk, Decimal("8"))]


def test_an_answer_without_quantity_records_no_need_but_counts(consultation, articles, commune_a):
    declare(consultation, commune_a, NeedLine(articles[0], None))
    assert not Need.objects.exists()
    assert Answer.objects.filter(organisation=commune_a).exists()


def test_a_non_member_cannot_declare(consultation, articles, territory_a):
    outsider = OrganisationFactory(territory=territory_a, name="Abergement-la-Ronce")
    with pytest.raises(ValidationError, match="Abergement-la-Ronce n'adhère pas au service"):
        declare(consultation, outsider, NeedLine(articles[0], Decimal("1")))


def test_a_non_member_declares_once_it_has_adhered(consultation, articles, territory_a, epci_a):
    newcomer = OrganisationFactory(territory=territory_a)
    membership_join(organisation=newcomer, instrument=consultation.instrument, joined_on=timezone.localdate(), by=None)
    declare(consultation, newcomer, NeedLine(articles[0], Decimal("1")))
    assert Need.objects.filter(organisation=newcomer).exists()


def test_a_member_of_the_other_formula_cannot_declare(consultation, articles, territory_a):
    centre_only = ClubAdhesionFactory(
        organisation=OrganisationFactory(territory=territory_a), instrument="purchasing_centre"
    )
    with pytest.raises(ValidationError, match="n'adhère pas"):
        declare(consultation, centre_only.organisation, NeedLine(articles[0], Decimal("1")))


def test_no_declaration_once_the_census_is_closed(consultation, articles, commune_a):
    from mutualis.purchasing.services import consultation_launch

    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    with pytest.raises(ValidationError, match="pas ouvert"):
        declare(consultation, commune_a, NeedLine(articles[0], Decimal("1")))


def test_no_declaration_after_the_deadline(consultation, articles, commune_a):
    consultation.census_deadline = timezone.localdate() - timedelta(days=1)
    consultation.save()
    with pytest.raises(ValidationError, match="date limite"):
        declare(consultation, commune_a, NeedLine(articles[0], Decimal("1")))


def test_an_article_of_another_consultation_is_refused(consultation, commune_a, territory_a):
    other = LotFactory(consultation=ConsultationFactory(territory=territory_a)).articles.create(name="X", unit="u")
    with pytest.raises(ValidationError):
        declare(consultation, commune_a, NeedLine(other, Decimal("1")))


def test_census_opens_with_a_future_deadline_on_a_consultation_with_articles(territory_a):
    consultation = ConsultationFactory(territory=territory_a)
    LotFactory(consultation=consultation).articles.create(name="Ramette", unit="ramette")
    census_open(consultation=consultation, deadline=in_days(15), by=None)
    consultation.refresh_from_db()
    assert (consultation.status, consultation.census_deadline) == ("census", in_days(15))


def test_census_needs_articles(territory_a):
    with pytest.raises(ValidationError, match="lot"):
        census_open(consultation=ConsultationFactory(territory=territory_a), deadline=in_days(15), by=None)


def test_census_cannot_reopen_once_launched(consultation):
    from mutualis.purchasing.services import consultation_launch

    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        census_open(consultation=consultation, deadline=in_days(15), by=None)
