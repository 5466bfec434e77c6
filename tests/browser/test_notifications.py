"""The secretary is told her commune's question was answered: the header counts it, the list
shows it unread, opening it leads to the answer; then she chooses the daily summary."""

import pytest

from mutualis.helpdesk.services import message_post, request_resolve
from mutualis.helpdesk.tests.factories import RequestFactory
from mutualis.territory.models import Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def answered(commune_a, epci_a, bob):
    hugo = UserFactory(email="hugo@example.org")
    MembershipFactory(user=hugo, organisation=epci_a, role=Role.SERVICE_MANAGER, service=Service.HELPDESK)
    request = RequestFactory(organisation=commune_a, created_by=bob, subject="Quorum du conseil municipal")
    message_post(request=request, author=hugo, body="Oui, en seconde convocation.", from_expert=True)
    return request_resolve(request=request, by=hugo)


def test_the_secretary_reads_her_notifications_and_chooses_a_daily_summary(
    page, live_server, login_as, check_a11y, screenshot, bob, answered
):
    login_as(page, bob)
    page.get_by_role("link", name="Notifications (2) non lues").click()
    page.get_by_role("heading", name="Notifications").wait_for()
    check_a11y(page)
    screenshot(page, "notifications")
    assert page.get_by_text("Non lue", exact=True).count() == 2
    page.get_by_role(
        "link", name="Mutualis – votre sollicitation a reçu sa réponse : Quorum du conseil municipal"
    ).click()
    page.get_by_role("heading", name="Quorum du conseil municipal").wait_for()
    page.get_by_role("link", name="Notifications (1) non lue").click()
    page.get_by_role("link", name="Choisir comment être prévenu·e par courriel").click()
    check_a11y(page)
    screenshot(page, "notification-preferences")
    page.get_by_label("Un résumé par jour").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Vos préférences sont enregistrées.").wait_for()
