from django.urls import reverse

from mutualis.equipment.models import QualificationKind, Request, RequestStatus
from mutualis.equipment.services import categories_for
from mutualis.equipment.tests.factories import LoanFactory, in_days


def request_url(item) -> str:
    return reverse("equipment:request_create", kwargs={"pk": item.pk})


def data(contact, **fields) -> dict:
    return {
        "start": in_days(7).isoformat(),
        "last_day": in_days(9).isoformat(),
        "purpose": "Transport de gravier",
        "handover": "pickup",
        "contact": contact.pk,
        **fields,
    }


def test_request_stores_the_last_day_as_an_excluded_end(login, charlie, item):
    response = login(charlie).post(request_url(item), data(charlie))
    created = Request.objects.get()
    assert response.status_code == 302
    assert (created.start, created.end) == (in_days(7), in_days(10))
    assert created.borrower == charlie.memberships.get().organisation
    assert created.status == RequestStatus.PENDING


def test_last_day_before_first_day_is_refused(login, charlie, item):
    response = login(charlie).post(request_url(item), data(charlie, last_day=in_days(6).isoformat()))
    assert response.context["form"].errors["last_day"]
    assert not Request.objects.exists()


def test_rule_broken_is_shown_next_to_the_field(login, charlie, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(8), request__end=in_days(9))
    response = login(charlie).post(request_url(item), data(charlie))
    assert "déjà prêté" in str(response.context["form"].errors["start"])


def test_maximum_length_error_is_shown_on_the_last_day(login, charlie, item, rules_a):
    rules_a.max_days = 1
    rules_a.save()
    response = login(charlie).post(request_url(item), data(charlie))
    assert "1 jour au plus" in str(response.context["form"].errors["last_day"])


def test_qualification_fields_appear_only_when_required(login, charlie, item):
    assert "qualification_holder" not in login(charlie).get(request_url(item)).context["form"].fields
    item.qualification_kind = QualificationKind.CACES
    item.save()
    assert "qualification_holder" in login(charlie).get(request_url(item)).context["form"].fields


def test_qualification_required_but_not_declared_is_refused(login, charlie, item):
    item.qualification_kind = QualificationKind.CACES
    item.save()
    response = login(charlie).post(request_url(item), data(charlie))
    assert response.context["form"].errors["qualification_holder"]


def test_declared_qualification_is_stored_with_its_holder(login, charlie, item):
    item.qualification_kind = QualificationKind.CACES
    item.save()
    login(charlie).post(request_url(item), data(charlie, qualification_declared="on", qualification_holder="Luc"))
    assert Request.objects.get().qualification_holder == "Luc"


def test_owner_asking_for_its_own_item_gets_an_error(login, bob, item):
    response = login(bob).post(request_url(item), data(bob))
    assert "appartient déjà à votre organisation" in response.content.decode()


def test_coordinator_cannot_ask(login, eve, item):
    assert login(eve).get(request_url(item)).status_code == 403


def test_need_is_stated_for_a_category(login, charlie, territory_a):
    category = categories_for(territory_a).get(name="Événementiel")
    response = login(charlie).post(reverse("equipment:need_create"), data(charlie, category=category.pk))
    need = Request.objects.get()
    assert response.status_code == 302
    assert need.is_need and need.category == category
    assert need.end == in_days(10)
