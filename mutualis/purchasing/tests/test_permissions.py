from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.models import Instrument
from mutualis.agreements.services import adhesion_withdraw
from mutualis.purchasing.models import Need
from mutualis.purchasing.services import consultation_launch, membership_join
from mutualis.purchasing.tests.factories import ArticleFactory, ConsultationFactory, LotFactory, NeedFactory, award_lot


def test_a_member_sees_only_its_own_needs(consultation, articles, commune_a, commune_b, alice, charlie):
    NeedFactory(article=articles[0], organisation=commune_a)
    NeedFactory(article=articles[0], organisation=commune_b)
    assert set(Need.objects.visible_to(alice).values_list("organisation", flat=True)) == {commune_a.pk}
    assert set(Need.objects.visible_to(charlie).values_list("organisation", flat=True)) == {commune_b.pk}


def test_the_purchasing_manager_and_coordinators_see_every_members_needs(
    consultation, articles, commune_a, commune_b, paula, eve
):
    NeedFactory(article=articles[0], organisation=commune_a)
    NeedFactory(article=articles[0], organisation=commune_b)
    assert Need.objects.visible_to(paula).count() == 2
    assert Need.objects.visible_to(eve).count() == 2


def test_another_territory_sees_no_need(consultation, articles, commune_a, oscar):
    NeedFactory(article=articles[0], organisation=commune_a)
    assert not Need.objects.visible_to(oscar).exists()


def test_members_cannot_open_the_consolidation(login, charlie, consultation):
    assert login(charlie).get(reverse("purchasing:consolidation", args=[consultation.pk])).status_code == 403


def test_a_member_never_sees_another_members_declared_price(
    login, charlie, consultation, articles, commune_a, commune_b
):
    NeedFactory(article=articles[0], organisation=commune_a, current_unit_price=Decimal("4.1234"))
    NeedFactory(article=articles[0], organisation=commune_b, current_unit_price=Decimal("5.5"))
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    award_lot(articles[0].lot)
    client = login(charlie)
    for url in (
        reverse("purchasing:commitments"),
        reverse("purchasing:consultation_detail", args=[consultation.pk]),
        reverse("purchasing:award_detail", args=[articles[0].lot.award.pk]),
    ):
        assert "4,1234" not in client.get(url).text
    assert "5,5" in client.get(reverse("purchasing:commitments")).text


def test_the_needs_form_shows_the_members_own_answer_only(login, charlie, consultation, articles, commune_a):
    NeedFactory(
        article=articles[0], organisation=commune_a, quantity=Decimal("321"), current_unit_price=Decimal("4.1234")
    )
    text = login(charlie).get(reverse("purchasing:needs_declare", args=[consultation.pk])).text
    assert "321" not in text and "4.1234" not in text and "4,1234" not in text


def test_a_mayor_of_a_withdrawn_member_cannot_declare(login, alice, consultation, members):
    adhesion_withdraw(adhesion=members[0], on=timezone.localdate(), by=None)
    assert login(alice).get(reverse("purchasing:needs_declare", args=[consultation.pk])).status_code == 403


def test_a_commune_without_adhesion_is_refused_then_accepted_once_it_adheres(
    login, alice, territory_a, epci_a, commune_a
):
    consultation = ConsultationFactory(territory=territory_a, census=True)
    ArticleFactory(lot=LotFactory(consultation=consultation))
    url = reverse("purchasing:needs_declare", args=[consultation.pk])
    client = login(alice)
    assert client.get(url).status_code == 403
    membership_join(
        organisation=commune_a, instrument=Instrument.JOINT_PURCHASING, joined_on=timezone.localdate(), by=alice
    )
    assert client.get(url).status_code == 200


def test_an_agent_cannot_declare_for_its_organisation(login, consultation, commune_a):
    from mutualis.territory.models import Role
    from mutualis.territory.tests.factories import MembershipFactory

    agent = MembershipFactory(organisation=commune_a, role=Role.AGENT).user
    assert login(agent).get(reverse("purchasing:needs_declare", args=[consultation.pk])).status_code == 403
