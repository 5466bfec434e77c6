import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from mutualis.billing.models import Charge
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.territory.models import Membership, Role, Service
from mutualis.territory.permissions import forget_seats
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def charges(commune_a, commune_b):
    return {
        "a_equipment": ChargeFactory(organisation=commune_a, service=Service.EQUIPMENT),
        "a_replacement": ChargeFactory(organisation=commune_a, service=Service.REPLACEMENT),
        "b_equipment": ChargeFactory(organisation=commune_b, service=Service.EQUIPMENT),
        "b_helpdesk": ChargeFactory(organisation=commune_b, service=Service.HELPDESK),
    }


def visible(user, charges) -> set[str]:
    pks = set(Charge.objects.visible_to(user).values_list("pk", flat=True))
    return {name for name, charge in charges.items() if charge.pk in pks}


def test_members_see_the_charges_of_their_organisation(bob, charges):
    assert visible(bob, charges) == {"a_equipment", "a_replacement"}


def test_the_communes_agents_do_not_see_what_it_pays(commune_a, charges):
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    assert visible(agent, charges) == set()


def test_coordinator_sees_every_charge_of_the_territory(eve, charges):
    assert visible(eve, charges) == set(charges)


def test_billing_manager_sees_every_charge_of_the_territory(sam, charges):
    assert visible(sam, charges) == set(charges)


def test_service_manager_sees_the_charges_of_the_service_only(ed, charges):
    assert visible(ed, charges) == {"a_equipment", "b_equipment"}


def test_other_territory_sees_nothing(oscar, charges):
    assert visible(oscar, charges) == set()


def test_anonymous_sees_nothing(charges):
    assert visible(AnonymousUser(), charges) == set()


def test_ended_membership_no_longer_shows_charges(bob, charges):
    Membership.objects.filter(user=bob).update(ended_at="2025-01-01T00:00Z")
    forget_seats(bob)
    assert visible(bob, charges) == set()


def test_bob_opens_a_charge_of_his_commune(login, bob, charges):
    assert login(bob).get(reverse("billing:charge_detail", args=[charges["a_equipment"].pk])).status_code == 200


def test_bob_gets_404_on_a_charge_of_another_commune(login, bob, charges):
    assert login(bob).get(reverse("billing:charge_detail", args=[charges["b_equipment"].pk])).status_code == 404


def test_other_territory_gets_404_on_a_charge(login, oscar, charges):
    assert login(oscar).get(reverse("billing:charge_detail", args=[charges["a_equipment"].pk])).status_code == 404


def test_service_manager_gets_404_on_a_charge_of_another_service(login, ed, charges):
    assert login(ed).get(reverse("billing:charge_detail", args=[charges["b_helpdesk"].pk])).status_code == 404


def test_eve_opens_any_charge_of_the_territory(login, eve, charges):
    client = login(eve)
    assert all(client.get(reverse("billing:charge_detail", args=[c.pk])).status_code == 200 for c in charges.values())


def test_bob_lists_only_his_commune_charges(login, bob, charges):
    response = login(bob).get(reverse("billing:charge_list"))
    assert {c.pk for c in response.context["page"]} == {charges["a_equipment"].pk, charges["a_replacement"].pk}


def test_the_list_keeps_to_the_current_territory(login, eve, charges, territory_b):
    # eve also works for territory B, but acts for territory A (her first membership).
    MembershipFactory(user=eve, organisation__territory=territory_b, role=Role.COORDINATOR)
    other = ChargeFactory(organisation__territory=territory_b)
    client = login(eve)
    response = client.get(reverse("billing:charge_list"))
    assert other.pk not in {c.pk for c in response.context["page"]}
