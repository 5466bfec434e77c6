"""The digital workshops, clicked in Chromium: on a phone (390 px), an inhabitant finds a workshop
in Jouhe on the public programme, registers, cancels with the link of the confirmation, registers
again; the data protection notice and the public statistics read well. Then, once the workshop has
begun, the workshops manager records who came and reads the statistics. axe-core runs on every page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory
from mutualis.workshops.models import Registration, RegistrationStatus
from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory, in_days

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
TITLE = "Mon espace santé pas à pas"


@pytest.fixture
def wanda(epci_a):
    user = UserFactory(email="wanda@example.org", first_name="Wanda", last_name="Persona")
    MembershipFactory(user=user, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.WORKSHOPS)
    return user


@pytest.fixture
def programme(commune_a, commune_b, wanda):
    jouhe = SessionFactory(series=SeriesFactory(organisation=commune_a, created_by=wanda, title=TITLE,
                                                theme="health", place="Salle du conseil"))  # fmt: skip
    SessionFactory(series=SeriesFactory(organisation=commune_b, created_by=wanda, title="Trouver un emploi en ligne",
                                        theme="employment"), starts_at=in_days(9), ends_at=in_days(9, 16))  # fmt: skip
    return jouhe


def register(page, check_a11y, name: str, phone: str) -> None:
    page.get_by_label("Nom et prénom").fill(name)
    page.get_by_label("Téléphone").fill(phone)
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("votre inscription est confirmée")).to_be_visible()
    check_a11y(page)


def test_an_inhabitant_registers_on_a_phone_and_the_manager_records_attendance(
    page, login_as, check_a11y, screenshot, frozen_clock, territory_a, sector_a, wanda, programme
):
    page.set_viewport_size(PHONE)
    page.goto(f"/ateliers/{territory_a.siren}/")
    expect(page.get_by_role("heading", name="2 ateliers à venir")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Commune").select_option(label="Jouhe")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", name="1 atelier à venir")).to_be_visible()
    screenshot(page, "workshops-programme")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_a11y(page)
    screenshot(page, "workshops-session")

    page.get_by_label("Nom et prénom").fill("Jeanne Martin")
    page.get_by_label("Téléphone").fill("12")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Ce numéro de téléphone n'est pas valide")).to_be_visible()
    check_a11y(page)
    register(page, check_a11y, "Jeanne Martin", "06 12 34 56 78")
    screenshot(page, "workshops-registered")
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="S'inscrire de nouveau à cet atelier").click()
    register(page, check_a11y, "Jeanne Martin", "06 12 34 56 78")
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 1

    page.get_by_role("link", name="Vos données personnelles").click()
    expect(page.get_by_text("12 mois après votre dernier atelier")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Statistiques").click()
    check_a11y(page)

    frozen_clock.move_to(programme.starts_at + timedelta(minutes=30))
    page.set_viewport_size(DESKTOP)  # the manager at her desk (the screenshots add the phone)
    login_as(page, wanda)
    page.goto(f"/ateliers/gestion/{programme.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    check_a11y(page)
    page.get_by_label("Personne inscrite").select_option(label="Jeanne Martin")
    page.get_by_label("Genre").select_option(label="Femme")
    page.get_by_label("Âge").fill("71")
    page.get_by_label("Secteur de résidence").select_option(label=sector_a.name)
    page.get_by_role("button", name="Enregistrer la présence").click()
    expect(page.get_by_text("La présence est enregistrée.")).to_be_visible()
    check_a11y(page)
    screenshot(page, "workshops-attendance")
    page.get_by_role("link", name="Statistiques").click()
    expect(page.get_by_role("table", name="Par commune d'accueil")).to_contain_text("Jouhe")
    check_a11y(page)
    screenshot(page, "workshops-statistics")
