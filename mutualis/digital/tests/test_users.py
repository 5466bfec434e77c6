"""An organisation joins a shared software by convention; its use is ended, never deleted."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements.models import Instrument, Status
from mutualis.agreements.services import convention_create
from mutualis.digital.services import software_archive, subscription_create, subscription_end
from mutualis.territory.tests.factories import OrganisationFactory


def test_joining_creates_a_draft_pooling_convention_between_the_epci_and_the_commune(software, commune_a, epci_a, nina):
    subscription = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    convention = subscription.convention
    assert convention.instrument == Instrument.POOLING_OF_RESOURCES
    assert convention.status == Status.DRAFT
    assert set(convention.parties.all()) == {epci_a, commune_a}
    assert convention.source == subscription
    assert "Cart@CIM" in convention.body


def test_an_existing_convention_between_them_can_cover_the_use(software, commune_a, epci_a, nina):
    existing = convention_create(
        territory=software.territory, instrument=Instrument.POOLING_OF_RESOURCES, title="Cimetières", object="Logiciel",
        parties=[(epci_a, "propriétaire"), (commune_a, "utilisatrice")], start=date(2026, 1, 1),
    )  # fmt: skip
    subscription = subscription_create(
        software=software, organisation=commune_a, start=date(2026, 1, 1), convention=existing, by=nina
    )
    assert subscription.convention == existing


def test_a_convention_without_the_commune_is_refused(software, commune_a, commune_b, epci_a, nina):
    other = convention_create(
        territory=software.territory, instrument=Instrument.POOLING_OF_RESOURCES, title="Autre", object="Logiciel",
        parties=[(epci_a, "propriétaire"), (commune_b, "utilisatrice")], start=date(2026, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="lier l'EPCI et l'organisation"):
        subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), convention=other)


def test_the_epci_does_not_subscribe_to_its_own_software(software, epci_a, nina):
    with pytest.raises(ValidationError, match="met le logiciel à disposition"):
        subscription_create(software=software, organisation=epci_a, start=date(2026, 1, 1), by=nina)


def test_an_organisation_of_another_territory_is_refused(software, epci_a, epci_b, nina):
    with pytest.raises(ValidationError, match="territoire"):
        subscription_create(software=software, organisation=epci_b, start=date(2026, 1, 1), by=nina)


def test_an_organisation_cannot_use_the_same_software_twice_at_once(software, commune_a, epci_a, nina):
    subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    with pytest.raises(ValidationError, match="utilise déjà"):
        subscription_create(software=software, organisation=commune_a, start=date(2026, 6, 1), by=nina)


def test_a_later_use_after_the_end_is_allowed(software, commune_a, epci_a, nina):
    first = subscription_create(software=software, organisation=commune_a, start=date(2025, 1, 1), by=nina)
    subscription_end(subscription=first, end=date(2025, 7, 1), by=nina)
    again = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    assert again.pk != first.pk


def test_joining_before_a_past_use_ended_is_refused(software, commune_a, epci_a, nina):
    first = subscription_create(software=software, organisation=commune_a, start=date(2025, 1, 1), by=nina)
    subscription_end(subscription=first, end=date(2025, 7, 1), by=nina)
    with pytest.raises(ValidationError, match="utilise déjà"):
        subscription_create(software=software, organisation=commune_a, start=date(2025, 6, 1), by=nina)


def test_ending_keeps_the_row_with_its_end(software, commune_a, epci_a, nina):
    subscription = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    subscription_end(subscription=subscription, end=date(2026, 9, 1), by=nina)
    subscription.refresh_from_db()
    assert subscription.end == date(2026, 9, 1)


def test_ending_twice_is_refused(software, commune_a, epci_a, nina):
    subscription = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    subscription_end(subscription=subscription, end=date(2026, 9, 1), by=nina)
    with pytest.raises(ValidationError, match="déjà terminée"):
        subscription_end(subscription=subscription, end=date(2026, 10, 1), by=nina)


def test_ending_before_the_start_is_refused(software, commune_a, epci_a, nina):
    subscription = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    with pytest.raises(ValidationError, match="postérieure"):
        subscription_end(subscription=subscription, end=date(2026, 1, 1), by=nina)


def test_withdrawing_a_software_ends_its_uses_and_refuses_new_ones(software, commune_a, epci_a, nina):
    subscription = subscription_create(software=software, organisation=commune_a, start=date(2026, 1, 1), by=nina)
    software_archive(software=software, by=nina)
    subscription.refresh_from_db()
    assert subscription.end is not None
    with pytest.raises(ValidationError, match="plus proposé"):
        subscription_create(
            software=software, organisation=OrganisationFactory(territory=software.territory), start=date(2026, 1, 1)
        )
