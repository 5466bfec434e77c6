"""An organisation uses a shared software through its adhesion to the digital service (the
software as subject), under a convention; it leaves by withdrawing, the row stays."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, Instrument, Status
from mutualis.agreements.services import adhesion_withdraw, convention_create
from mutualis.digital.services import software_archive, software_user_add
from mutualis.digital.tests.factories import ProcessingActivityFactory, SoftwareFactory
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory

START = date(2026, 1, 1)


def test_using_a_software_is_an_adhesion_to_the_digital_service_with_the_software_as_subject(software, commune_a, nina):
    adhesion = software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    assert (adhesion.service, adhesion.subject, adhesion.territory) == (Service.DIGITAL, software, software.territory)
    assert list(Adhesion.objects.of_service(Service.DIGITAL).for_subject(software)) == [adhesion]


def test_joining_drafts_a_pooling_convention_between_the_epci_and_the_commune(software, commune_a, epci_a, nina):
    convention = software_user_add(software=software, organisation=commune_a, start=START, by=nina).convention
    assert convention.instrument == Instrument.POOLING_OF_RESOURCES
    assert convention.status == Status.DRAFT
    assert set(convention.parties.all()) == {epci_a, commune_a}
    assert convention.source == Adhesion.objects.get()
    assert "Cart@CIM" in convention.body


def test_an_existing_convention_between_them_can_cover_the_use(software, commune_a, epci_a, nina):
    existing = convention_create(
        territory=software.territory, instrument=Instrument.POOLING_OF_RESOURCES, title="Cimetières", object="Logiciel",
        parties=[(epci_a, "propriétaire"), (commune_a, "utilisatrice")], start=START,
    )  # fmt: skip
    adhesion = software_user_add(software=software, organisation=commune_a, start=START, convention=existing, by=nina)
    assert adhesion.convention == existing


def test_a_convention_without_the_commune_is_refused(software, commune_a, commune_b, epci_a, nina):
    other = convention_create(
        territory=software.territory, instrument=Instrument.POOLING_OF_RESOURCES, title="Autre", object="Logiciel",
        parties=[(epci_a, "propriétaire"), (commune_b, "utilisatrice")], start=START,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="lier l'EPCI et l'organisation"):
        software_user_add(software=software, organisation=commune_a, start=START, convention=other)


def test_the_epci_does_not_use_its_own_software(software, epci_a, nina):
    with pytest.raises(ValidationError, match="met le logiciel à disposition"):
        software_user_add(software=software, organisation=epci_a, start=START, by=nina)


def test_an_organisation_of_another_territory_is_refused(software, epci_a, epci_b, nina):
    with pytest.raises(ValidationError, match="territoire"):
        software_user_add(software=software, organisation=epci_b, start=START, by=nina)


def test_an_organisation_cannot_use_the_same_software_twice_at_once(software, commune_a, epci_a, nina):
    software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    with pytest.raises(ValidationError, match="utilise déjà"):
        software_user_add(software=software, organisation=commune_a, start=date(2026, 6, 1), by=nina)


def test_an_organisation_may_use_two_software(software, commune_a, epci_a, nina):
    software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    other = SoftwareFactory(territory=software.territory)
    software_user_add(software=other, organisation=commune_a, start=START, by=nina)
    assert Adhesion.objects.filter(organisation=commune_a, service=Service.DIGITAL).open().count() == 2


def test_a_later_use_after_the_withdrawal_is_allowed(software, commune_a, epci_a, nina):
    first = software_user_add(software=software, organisation=commune_a, start=date(2025, 1, 1), by=nina)
    adhesion_withdraw(adhesion=first, on=date(2025, 7, 1), by=nina)
    again = software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    assert again.pk != first.pk


def test_joining_before_a_past_use_ended_is_refused(software, commune_a, epci_a, nina):
    first = software_user_add(software=software, organisation=commune_a, start=date(2025, 1, 1), by=nina)
    adhesion_withdraw(adhesion=first, on=date(2025, 7, 1), by=nina)
    with pytest.raises(ValidationError, match="utilise déjà"):
        software_user_add(software=software, organisation=commune_a, start=date(2025, 6, 1), by=nina)


def test_withdrawing_keeps_the_adhesion_with_its_end(software, commune_a, epci_a, nina):
    adhesion = software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    adhesion_withdraw(adhesion=adhesion, on=date(2026, 9, 1), by=nina)
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 9, 1)


def test_archiving_a_software_ends_its_adhesions_and_refuses_new_ones(software, commune_a, epci_a, nina):
    adhesion = software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    software_archive(software=software, by=nina)
    adhesion.refresh_from_db()
    assert adhesion.end is not None
    with pytest.raises(ValidationError, match="plus proposé"):
        software_user_add(
            software=software, organisation=OrganisationFactory(territory=software.territory), start=START
        )


def test_archiving_is_refused_while_a_user_may_leave_only_by_a_bureau_decision(
    software, commune_a, epci_a, nina, monkeypatch
):
    adhesion = software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    monkeypatch.setattr(terms, "_locks", [lambda adhesion, on: True])  # the action is launched
    with pytest.raises(ValidationError, match="décision du Bureau"):
        software_archive(software=software, by=nina)
    software.refresh_from_db()
    adhesion.refresh_from_db()
    assert software.archived_at is None and adhesion.end is None


def test_the_digital_service_needs_an_adhesion():
    assert terms.terms_of(Service.DIGITAL).needs_adhesion


def test_users_took_part_but_not_a_mere_rgpd_record(software, territory_a, commune_a, commune_b, epci_a, nina):
    software_user_add(software=software, organisation=commune_a, start=START, by=nina)
    ProcessingActivityFactory(organisation=commune_b)
    period = (START, START + timedelta(days=1))
    assert terms.participants(territory_a, Service.DIGITAL, *period) == {commune_a.pk}
