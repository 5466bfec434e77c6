from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.equipment.models import Item, LendingRules, QualificationKind
from mutualis.equipment.services import categories_for
from mutualis.equipment.tests.factories import LoanFactory, in_days
from mutualis.equipment.tests.test_views_item import PNG


def declare_url(organisation) -> str:
    return reverse("equipment:item_create", kwargs={"pk": organisation.pk})


def item_url(name: str, item) -> str:
    return reverse(f"equipment:{name}", kwargs={"pk": item.pk})


def item_data(category, **fields) -> dict:
    return {
        "name": "Nacelle 12 m",
        "category": category.pk,
        "quantity": 1,
        "qualification_kind": QualificationKind.CACES,
        "qualification": "CACES R486 A",
        "daily_fee": "80.00",
        "deposit": "500.00",
        "is_lendable": "on",
        **fields,
    }


def test_secretary_declares_an_item_for_her_organisation(login, bob, commune_a):
    category = categories_for(commune_a.territory).get(name="Voirie")
    response = login(bob).post(declare_url(commune_a), item_data(category))
    item = Item.objects.get(name="Nacelle 12 m")
    assert response.status_code == 302
    assert item.owner == commune_a
    assert item.daily_fee == Decimal("80.00")
    assert item.qualification_kind == QualificationKind.CACES


def test_secretary_form_offers_no_owner_choice(login, bob, commune_a):
    assert "owner" not in login(bob).get(declare_url(commune_a)).context["form"].fields


def test_equipment_manager_declares_for_any_organisation(login, ed, commune_a, commune_b, epci_a):
    category = categories_for(commune_a.territory).get(name="Voirie")
    login(ed).post(declare_url(epci_a), item_data(category, owner=commune_b.pk))
    assert Item.objects.get(name="Nacelle 12 m").owner == commune_b


def test_secretary_cannot_declare_for_another_commune(login, bob, commune_b):
    assert login(bob).get(declare_url(commune_b)).status_code == 403


def test_missing_name_is_shown_next_to_the_field(login, bob, commune_a):
    category = categories_for(commune_a.territory).get(name="Voirie")
    response = login(bob).post(declare_url(commune_a), item_data(category, name=""))
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not Item.objects.exists()


def test_owner_staff_edits_an_item(login, bob, item):
    data = item_data(item.category, name="Remorque plateau")
    response = login(bob).post(item_url("item_edit", item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "Remorque plateau"


def test_other_commune_cannot_edit(login, charlie, item):
    assert login(charlie).get(item_url("item_edit", item)).status_code == 403


def test_photo_needs_consent(login, bob, item):
    response = login(bob).post(item_url("item_photo_add", item), {"image": SimpleUploadedFile("a.png", PNG)})
    assert "accord" in str(response.context["form"].errors["consent"])
    assert not item.photos.exists()


def test_photo_with_consent_is_added(login, bob, item):
    response = login(bob).post(
        item_url("item_photo_add", item), {"image": SimpleUploadedFile("a.png", PNG), "consent": "on"}
    )
    assert response.status_code == 302
    assert item.photos.count() == 1


def test_unavailability_last_day_is_included(login, bob, item):
    data = {"start": in_days(3).isoformat(), "last_day": in_days(4).isoformat(), "reason": "Révision"}
    login(bob).post(item_url("unavailability_add", item), data)
    unavailability = item.unavailabilities.get()
    assert (unavailability.start, unavailability.end) == (in_days(3), in_days(5))


def test_unavailability_over_a_loan_shows_the_service_error(login, bob, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(3), request__end=in_days(6))
    data = {"start": in_days(4).isoformat(), "last_day": in_days(4).isoformat(), "reason": "Révision"}
    response = login(bob).post(item_url("unavailability_add", item), data)
    assert "Un prêt est prévu sur cette période" in response.content.decode()
    assert not item.unavailabilities.exists()


def test_archive_takes_the_item_out_of_the_catalogue(login, bob, item):
    login(bob).post(item_url("item_archive", item))
    item.refresh_from_db()
    assert item.archived_at is not None


def test_archive_with_an_active_loan_shows_the_error(login, bob, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b)
    response = login(bob).post(item_url("item_archive", item), follow=True)
    assert "prêts prévus ou en cours" in response.content.decode()


def test_mayor_sets_the_lending_rules(login, alice, commune_a):
    data = {"buffer_days": 2, "max_days": 5, "horizon_days": 90, "notice_days": 3, "secretaries_may_decide": "on"}
    response = login(alice).post(reverse("equipment:lending_rules_edit", kwargs={"pk": commune_a.pk}), data)
    assert response.status_code == 302
    rules = LendingRules.objects.get(organisation=commune_a)
    assert (rules.buffer_days, rules.max_days, rules.secretaries_may_decide) == (2, 5, True)


def test_secretary_cannot_set_the_lending_rules(login, bob, commune_a):
    assert login(bob).get(reverse("equipment:lending_rules_edit", kwargs={"pk": commune_a.pk})).status_code == 403
