from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory


def test_every_role_lands_on_its_home(login, bob):
    response = login(bob).get(reverse("portal:home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "À faire" in content and "Mes demandes en cours" in content and "Actualités du territoire" in content


def test_the_home_says_when_nothing_waits(login, bob):
    content = login(bob).get(reverse("portal:home")).content.decode()
    assert "Rien ne vous attend pour l&#x27;instant." in content or "Rien ne vous attend pour l'instant." in content


def test_waiting_items_are_grouped_by_service_with_counts_and_links(login, alice, commune_a, commune_b):
    from mutualis.equipment.tests.factories import ItemFactory, RequestFactory

    request = RequestFactory(item=ItemFactory(owner=commune_a, name="Remorque"), borrower=commune_b)
    response = login(alice).get(reverse("portal:home"))
    [section] = response.context["waiting"]
    assert str(section.title) == "Matériel partagé"
    [entry] = section.entries
    assert entry.count == 1
    assert entry.items[0].url == reverse("equipment:request_detail", args=[request.pk])
    assert f'href="{entry.items[0].url}"' in response.content.decode()


def test_rights_follow_the_membership_acted_through(client, alice, commune_a, commune_b):
    from mutualis.equipment.tests.factories import ItemFactory, RequestFactory

    RequestFactory(item=ItemFactory(owner=commune_a), borrower=commune_b)
    as_agent = MembershipFactory(user=alice, organisation=commune_a, role=Role.AGENT)
    client.force_login(alice)
    client.post(reverse("territory:switch_membership"), {"membership": as_agent.pk})
    assert client.get(reverse("portal:home")).context["waiting"] == []


def test_coordinator_finds_the_territory_figures_from_the_home(login, eve):
    content = login(eve).get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:figures")}"' in content


def test_a_commune_is_not_offered_the_figures(login, bob):
    client = login(bob)
    assert reverse("portal:figures") not in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:figures")).status_code == 403


def test_figures_page_shows_the_territory_figures(login, eve, commune_a, commune_b):
    response = login(eve).get(reverse("portal:figures"))
    sections = {label: {f.label: f.value for f in figures} for _title, label, figures in response.context["sections"]}
    figures = sections["territory"]
    assert figures["Organisations membres : Commune"] == 2
    assert figures["Organisations membres"] == 3


def test_service_manager_sees_the_figures(login, ed):
    assert login(ed).get(reverse("portal:figures")).status_code == 200


def test_figures_are_titled_in_french(login, eve, commune_a):
    content = login(eve).get(reverse("portal:figures")).content.decode()
    assert "<caption>Territoire</caption>" in content
    assert "<caption>Territory</caption>" not in content


def test_user_without_membership_is_refused(client, db):
    from mutualis.territory.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("portal:home")).status_code == 403


def test_page_title_names_page_product_and_territory(login, eve):
    content = login(eve).get(reverse("portal:home")).content.decode()
    assert "<title>Accueil – Mutualis – Agglo A</title>" in content
    assert 'href="#contenu"' in content


def test_health_is_public(client, db):
    assert client.get(reverse("core:health")).content == b"ok"


def test_not_found_page_is_in_french_inside_the_site(login, eve):
    response = login(eve).get("/territoire/organisations/999999/")
    assert response.status_code == 404
    assert "Page introuvable – Mutualis" in response.content.decode()


def test_forbidden_page_explains_the_role(login, bob):
    response = login(bob).get(reverse("territory:import_upload"))
    assert response.status_code == 403
    assert "Votre rôle ne permet pas cette action" in response.content.decode()


def test_figures_are_grouped_by_service_and_written_the_french_way(login, eve, commune_a):
    from mutualis.billing.tests.factories import ChargeFactory

    ChargeFactory(
        organisation=commune_a, quantity=Decimal("1"), unit_price=Decimal("1234.5"), date=timezone.localdate()
    )
    content = login(eve).get(reverse("portal:figures")).content.decode()
    assert "<caption>Matériel partagé</caption>" in content
    assert "1 234,50" in content or "1\u202f234,50" in content or "1\xa0234,50" in content


def test_the_coordination_keeps_its_administration_shortcuts(login, eve, bob):
    link = f'href="{reverse("territory:import_upload")}"'
    assert link in login(eve).get(reverse("portal:home")).content.decode()
    assert link not in login(bob).get(reverse("portal:home")).content.decode()


def test_every_section_title_is_an_app_name_in_french():
    from django.apps import apps

    from mutualis.core.indicators import registry as indicators
    from mutualis.core.worklist import registry as worklist

    labels = {key.split(".")[0] for key in [*indicators, *worklist]}
    for label in labels:
        config = apps.get_app_config(label)
        assert config.verbose_name != label.title(), f"{config.name} has no French verbose_name"


def test_a_list_longer_than_the_home_shows_opens_whole_in_two_clicks(login, alice, territory_a):
    from mutualis.core.worklist import SHOWN
    from mutualis.surveys.tests.factories import InvitationFactory
    from mutualis.territory.models import Membership

    membership = Membership.objects.get(user=alice)
    invitations = [
        InvitationFactory(survey__territory=territory_a, membership=membership, user=alice) for _ in range(SHOWN + 2)
    ]
    client = login(alice)
    home = client.get(reverse("portal:home")).content.decode()
    everything = reverse("portal:worklist_entry") + "?cle=surveys.to_answer"
    assert f'href="{everything}"' in home
    assert "et 2 autres" in home
    page = client.get(everything)
    assert [item.url for item in page.context["entry"].items] == [
        reverse("surveys:answer", args=[invitation.token]) for invitation in invitations
    ]


def test_a_list_of_someone_else_s_items_or_an_unknown_list_reads_empty(login, alice, bob, territory_a):
    from mutualis.surveys.tests.factories import InvitationFactory
    from mutualis.territory.models import Membership

    invitation = InvitationFactory(
        survey__territory=territory_a, membership=Membership.objects.get(user=alice), user=alice
    )
    page = login(bob).get(reverse("portal:worklist_entry") + "?cle=surveys.to_answer")
    assert page.status_code == 200 and page.context["entry"] is None
    assert invitation.token not in page.content.decode()
    assert login(alice).get(reverse("portal:worklist_entry") + "?cle=nothing").context["entry"] is None
