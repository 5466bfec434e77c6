from django.urls import reverse

from mutualis.billing.services import charge_cancel
from mutualis.billing.tests.factories import ChargeFactory


def detail(client, charge):
    return client.get(reverse("billing:charge_detail", args=[charge.pk]))


def test_detail_shows_the_charge(login, bob, commune_a):
    charge = ChargeFactory(organisation=commune_a, label="Prêt de la nacelle")
    content = detail(login(bob), charge).content.decode()
    assert "Prêt de la nacelle" in content
    assert "31,00" in content


def test_coordinator_sees_the_cancel_form(login, eve, commune_a):
    response = detail(login(eve), ChargeFactory(organisation=commune_a))
    assert reverse("billing:charge_cancel", args=[response.context["charge"].pk]) in response.content.decode()


def test_member_does_not_see_the_cancel_form(login, bob, commune_a):
    charge = ChargeFactory(organisation=commune_a)
    assert reverse("billing:charge_cancel", args=[charge.pk]) not in detail(login(bob), charge).content.decode()


def test_cancelled_charge_shows_its_reason_and_no_cancel_form(login, eve, commune_a):
    charge = charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Saisie en double", by=eve)
    content = detail(login(eve), charge).content.decode()
    assert "Saisie en double" in content
    assert reverse("billing:charge_cancel", args=[charge.pk]) not in content


def test_source_is_named_on_the_page(login, eve, commune_a, sector_a):
    content = detail(login(eve), ChargeFactory(organisation=commune_a, source=sector_a)).content.decode()
    assert sector_a.name in content


def test_query_count_does_not_depend_on_the_number_of_charges(login, eve, commune_a, query_count):
    client = login(eve)
    charge = ChargeFactory(organisation=commune_a)
    with_one = query_count(lambda: detail(client, charge))
    ChargeFactory.create_batch(29, organisation=commune_a)
    assert query_count(lambda: detail(client, charge)) == with_one


def test_history_shows_who_cancelled_and_why(login, eve, commune_a):
    charge = charge_cancel(charge=ChargeFactory(organisation=commune_a), reason="Saisie en double", by=eve)
    [cancellation, creation] = detail(login(eve), charge).context["history"]
    assert (cancellation.action, cancellation.user) == ("modification", eve)
    assert {(c.field, c.new) for c in cancellation.changes} >= {
        ("statut", "Annulée"),
        ("motif d'annulation", "Saisie en double"),
    }
