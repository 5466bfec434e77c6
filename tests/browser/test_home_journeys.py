"""From login to each waiting item in at most two clicks, for the secretary, the mayor, a service
manager and the coordination: each item from its link on the home, and one through its list
(the heading's link, filtered on exactly those items). axe-core runs on every page visited, at
1280 and 390 px wide; the homes are screenshot at both widths."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import Status
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.equipment.tests.factories import ItemFactory, RequestFactory
from mutualis.helpdesk.models import Status as QuestionStatus
from mutualis.helpdesk.tests.factories import RequestFactory as QuestionFactory
from mutualis.purchasing.tests.factories import ClubAdhesionFactory, ConsultationFactory
from mutualis.replacement.tests.factories import AgentFactory, AssignmentFactory, TimesheetFactory
from mutualis.steering.tests.factories import ActionFactory, MilestoneFactory, SchemeFactory
from mutualis.surveys.tests.factories import InvitationFactory
from mutualis.surveys.tests.factories import QuestionFactory as SurveyQuestionFactory
from mutualis.territory.models import Membership

pytestmark = pytest.mark.browser

WIDTHS = {"large": (1280, 900), "phone": (390, 844)}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def audit(check_a11y):
    """axe-core on the current page at each width, back to the large one."""

    def run(page) -> None:
        for width, height in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": height})
            check_a11y(page)
        page.set_viewport_size({"width": 1280, "height": 900})

    return run


@pytest.fixture
def open_home(login_as, audit, screenshot):
    """Log in through the form, land on the home, audit it and screenshot it at both widths."""

    def run(page, user, name: str):
        page.context.clear_cookies()
        login_as(page, user)
        assert page.url.endswith(reverse("portal:home"))
        page.get_by_role("heading", name="À faire", level=2).wait_for()
        audit(page)
        for width, (w, h) in WIDTHS.items():
            page.set_viewport_size({"width": w, "height": h})
            screenshot(page, f"home-{name}-{width}")
        page.set_viewport_size({"width": 1280, "height": 900})
        return page

    return run


def reach(page, audit, link: str, shows: str = "") -> None:
    """One click on the home's link named `link`: the page reached shows `shows` (the link's text by default)."""
    shows = shows or link
    home = page.url
    page.locator("section.worklist").get_by_role("link", name=link, exact=True).first.click()
    page.wait_for_load_state()
    assert page.get_by_text(shows).first.is_visible(), f"{page.url} does not show {shows!r}"
    audit(page)
    page.goto(home)


def reach_through_list(page, audit, heading: str, link: str) -> None:
    """Two clicks: the entry's heading (the list of those items), then the item, whose page shows its name."""
    home = page.url
    page.locator("section.worklist").get_by_role("link", name=heading).click()
    page.wait_for_load_state()
    audit(page)
    page.locator("main").get_by_role("link", name=link).first.click()
    page.wait_for_load_state()
    assert page.get_by_text(link).first.is_visible(), f"{page.url} does not show {link!r}"
    audit(page)
    page.goto(home)


def test_the_secretary_reaches_her_timesheets_census_answers_and_survey(
    page, open_home, audit, territory_a, epci_a, commune_a, bob
):
    agent = AgentFactory(home=epci_a, name="Nadia Lambert")
    TimesheetFactory(assignment=AssignmentFactory(request__organisation=commune_a, agent=agent))
    ClubAdhesionFactory(organisation=commune_a)
    ConsultationFactory(territory=territory_a, census=True, title="Fournitures de bureau 2027")
    QuestionFactory(
        organisation=commune_a,
        subject="Quorum du conseil municipal",
        status=QuestionStatus.RESOLVED,
        resolved_at=timezone.now(),
    )
    invitation = InvitationFactory(
        survey__territory=territory_a,
        survey__title="Besoins de mutualisation 2027",
        membership=Membership.objects.get(user=bob),
        user=bob,
    )
    SurveyQuestionFactory(survey=invitation.survey, kind="text", text="Vos besoins ?")

    open_home(page, bob, "secretary")
    page.get_by_text("Relevés d'heures à valider").wait_for()
    week = timezone.localdate() + timedelta(days=7)
    reach(page, audit, f"Nadia Lambert, semaine du {week:%d/%m/%Y}", "Nadia Lambert")
    reach(page, audit, "Fournitures de bureau 2027")
    reach(page, audit, "Quorum du conseil municipal")
    reach(page, audit, "Besoins de mutualisation 2027", "Vos besoins ?")
    reach_through_list(page, audit, "Réponses à noter", "Quorum du conseil municipal")


def test_the_mayor_reaches_the_request_to_decide_and_the_convention_to_sign(
    page, open_home, audit, territory_a, epci_a, commune_a, commune_b, alice
):
    RequestFactory(item=ItemFactory(owner=commune_a, name="Remorque porte-engins"), borrower=commune_b)
    ConventionFactory(
        territory=territory_a, status=Status.SENT, title="Convention du Club Acheteurs", parties=[epci_a, commune_a]
    )

    open_home(page, alice, "mayor")
    reach(page, audit, f"Remorque porte-engins pour {commune_b.name}", "Remorque porte-engins")
    reach(page, audit, "Convention du Club Acheteurs")
    reach_through_list(page, audit, "Demandes de prêt à accepter ou refuser", "Remorque porte-engins")
    reach_through_list(page, audit, "Conventions à signer", "Convention du Club Acheteurs")


def test_the_equipment_manager_reaches_the_request_for_the_epcis_item(page, open_home, audit, epci_a, commune_b, ed):
    RequestFactory(item=ItemFactory(owner=epci_a, name="Nacelle élévatrice"), borrower=commune_b)

    open_home(page, ed, "service-manager")
    assert page.get_by_role("link", name="Chiffres du territoire").first.is_visible()
    reach(page, audit, f"Nacelle élévatrice pour {commune_b.name}", "Nacelle élévatrice")
    reach_through_list(page, audit, "Demandes de prêt à accepter ou refuser", "Nacelle élévatrice")


def test_the_coordination_reaches_questions_drafts_and_milestones(
    page, open_home, audit, territory_a, epci_a, commune_a, eve
):
    QuestionFactory(organisation=commune_a, subject="Délégation de signature du maire")
    ConventionFactory(territory=territory_a, title="Convention de service commun", parties=[epci_a, commune_a])
    today = timezone.localdate()
    MilestoneFactory(
        action=ActionFactory(scheme=SchemeFactory(territory=territory_a), number=3),
        title="Publier la liste du matériel",
        due_start=today,
        due_end=today + timedelta(days=10),
    )

    open_home(page, eve, "coordination")
    reach(page, audit, "Délégation de signature du maire")
    reach(page, audit, "Convention de service commun")
    reach(page, audit, "Action 3 : Publier la liste du matériel", "Publier la liste du matériel")
    reach_through_list(page, audit, "Nouvelles questions à prendre en charge", "Délégation de signature du maire")
    page.get_by_role("link", name="Chiffres du territoire").first.click()
    page.get_by_role("heading", name="Chiffres du territoire", level=1).wait_for()
    audit(page)
