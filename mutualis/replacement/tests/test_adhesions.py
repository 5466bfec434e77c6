"""Adhering to the service is one `agreements.Adhesion`: only an adherent may ask for an agent,
and who took part in the service is the adherents and the organisations that hosted an agent."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, Instrument
from mutualis.agreements.services import adhesion_withdraw
from mutualis.replacement.services import adhesion_create, request_create
from mutualis.replacement.tests.factories import AssignmentFactory, RequestFactory, in_days
from mutualis.territory.models import Service


def ask(organisation, user, start):
    return request_create(organisation=organisation, motive="annual_leave", start=start, end=None, weekdays=[0],
                          weekly_hours=Decimal("7"), created_by=user)  # fmt: skip


def test_adhering_records_an_agreements_adhesion_under_a_mise_a_disposition(commune_a, epci_a, tariff):
    adhesion = adhesion_create(organisation=commune_a, start=in_days(-1))
    assert Adhesion.objects.get() == adhesion
    assert (adhesion.service, adhesion.start, adhesion.end) == (Service.REPLACEMENT, in_days(-1), None)
    assert adhesion.convention.instrument == Instrument.INDIVIDUAL_SECONDMENT
    assert adhesion.convention.organisation_ids() == {commune_a.pk, epci_a.pk}
    assert "mise à disposition" in adhesion.convention.body.lower()
    assert "0,35 € par kilomètre" in adhesion.convention.body


def test_an_organisation_adheres_only_once(commune_a, epci_a, tariff):
    adhesion_create(organisation=commune_a, start=in_days(-1))
    with pytest.raises(ValidationError, match="adhère déjà"):
        adhesion_create(organisation=commune_a, start=in_days(10))


def test_the_epci_does_not_adhere_to_its_own_service(epci_a, tariff):
    with pytest.raises(ValidationError, match="porte le service"):
        adhesion_create(organisation=epci_a, start=in_days(0))


def test_a_request_before_the_adhesion_starts_is_refused(commune_a, epci_a, bob, tariff):
    adhesion_create(organisation=commune_a, start=in_days(30))
    with pytest.raises(ValidationError, match="n'adhère pas"):
        ask(commune_a, bob, in_days(7))
    assert ask(commune_a, bob, in_days(30)).organisation == commune_a


def test_after_withdrawal_the_organisation_can_no_longer_ask(commune_a, epci_a, bob, tariff):
    adhesion = adhesion_create(organisation=commune_a, start=in_days(-30))
    adhesion_withdraw(adhesion=adhesion, on=in_days(1))
    with pytest.raises(ValidationError, match="n'adhère pas"):
        ask(commune_a, bob, in_days(7))


def test_the_service_needs_an_adhesion():
    assert terms.terms_of(Service.REPLACEMENT).needs_adhesion


def test_who_took_part_is_the_adherents_and_the_hosts_of_a_mission(territory_a, epci_a, commune_a, commune_b, tariff):
    adhesion_create(organisation=commune_a, start=date(2026, 1, 1))
    AssignmentFactory(request=RequestFactory(organisation=commune_b, start=date(2026, 12, 28), end=date(2027, 1, 25)))
    year = (date(2026, 1, 1), date(2027, 1, 1))
    assert terms.participants(territory_a, Service.REPLACEMENT, *year) == {commune_a.pk, commune_b.pk}
    assert terms.participants(territory_a, Service.REPLACEMENT, date(2025, 1, 1), date(2026, 1, 1)) == set()


def test_a_cancelled_mission_is_no_use_of_the_service(territory_a, commune_b):
    AssignmentFactory(request=RequestFactory(organisation=commune_b, start=date(2026, 3, 2)), status="cancelled")
    assert terms.participants(territory_a, Service.REPLACEMENT, date(2026, 1, 1), date(2027, 1, 1)) == set()


def test_the_mayor_adhering_from_the_adhesion_screen_gets_the_service_s_own_convention(
    login, alice, commune_a, epci_a, tariff
):
    """The generic screen joins through the service's registered `adhere`: its tariff wording."""
    response = login(alice).post(
        reverse("agreements:adhesions:request"),
        {"organisation": commune_a.pk, "offer": "replacement:", "start": in_days(5).isoformat()},
    )
    adhesion = Adhesion.objects.get()
    assert response["Location"] == reverse("agreements:convention_detail", args=[adhesion.convention_id])
    assert "0,35 € par kilomètre" in adhesion.convention.body
