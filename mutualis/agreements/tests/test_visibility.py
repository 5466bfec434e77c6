"""Who sees a convention and who may act on it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import Convention
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def detail(convention: Convention) -> str:
    return reverse("agreements:convention_detail", kwargs={"pk": convention.pk})


@pytest.fixture
def diane(commune_b):
    """Secretary of commune B, which is not party to the convention."""
    user = UserFactory(email="diane@example.org", first_name="Diane")
    MembershipFactory(user=user, organisation=commune_b, role=Role.SECRETARY)
    return user


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_members_of_a_party_see_the_convention(request, login, convention, persona):
    assert login(request.getfixturevalue(persona)).get(detail(convention)).status_code == 200


def test_coordinator_sees_a_convention_the_epci_is_not_party_to(login, eve, territory_a, commune_a, commune_b):
    convention = ConventionFactory(territory=territory_a, parties=[commune_a, commune_b])
    assert login(eve).get(detail(convention)).status_code == 200


def test_secretary_of_a_non_party_organisation_gets_404(login, convention, diane):
    assert login(diane).get(detail(convention)).status_code == 404


def test_mayor_of_a_non_party_organisation_gets_404(login, convention, charlie):
    assert login(charlie).get(detail(convention)).status_code == 404


def test_coordinator_of_another_territory_gets_404(login, convention, oscar):
    assert login(oscar).get(detail(convention)).status_code == 404


def test_an_ended_membership_no_longer_shows_the_convention(login, convention, bob):
    bob.memberships.update(ended_at=timezone.now())
    assert not Convention.objects.visible_to(bob).exists()


def test_anonymous_sees_nothing(convention):
    from django.contrib.auth.models import AnonymousUser

    assert not Convention.objects.visible_to(AnonymousUser()).exists()


def test_party_member_cannot_send(login, convention, bob):
    response = login(bob).post(reverse("agreements:convention_send", kwargs={"pk": convention.pk}))
    assert response.status_code == 403
    convention.refresh_from_db()
    assert convention.status == "draft"


@pytest.mark.parametrize("action", ["convention_sign", "convention_end", "convention_cancel"])
def test_mayor_of_a_party_cannot_change_the_convention(login, convention, alice, action):
    assert login(alice).post(reverse(f"agreements:{action}", kwargs={"pk": convention.pk})).status_code == 403


def test_party_member_downloads_the_pdf(login, convention, bob):
    response = login(bob).get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_non_party_gets_404_on_the_pdf(login, convention, diane):
    assert login(diane).get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk})).status_code == 404


def test_secretary_cannot_create_a_convention(login, bob):
    assert login(bob).get(reverse("agreements:convention_create")).status_code == 403


def test_list_shows_a_party_member_only_the_conventions_of_their_organisations(
    login, convention, bob, territory_a, commune_b, epci_a
):
    ConventionFactory(territory=territory_a, title="Entre l'EPCI et Foucherans", parties=[epci_a, commune_b])
    response = login(bob).get(reverse("agreements:convention_list"))
    assert [c.title for c in response.context["page"]] == ["Prêt de la remorque porte-engins"]


def test_list_shows_the_coordinator_every_convention_of_the_territory(login, convention, eve, territory_a, commune_b):
    ConventionFactory(territory=territory_a, title="Entre deux communes")
    response = login(eve).get(reverse("agreements:convention_list"))
    assert {c.title for c in response.context["page"]} == {"Prêt de la remorque porte-engins", "Entre deux communes"}


def test_list_of_another_territory_does_not_show_them(login, convention, oscar):
    assert list(login(oscar).get(reverse("agreements:convention_list")).context["page"]) == []
