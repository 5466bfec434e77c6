from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.core.files import download_url
from mutualis.core.tests.uploads import image_bytes
from mutualis.equipment.models import ItemPhoto, Unavailability
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, in_days

PNG = image_bytes("png")


def url(item) -> str:
    return reverse("equipment:item_detail", kwargs={"pk": item.pk})


def test_page_shows_fee_deposit_conditions_owner_and_contact(login, charlie, item):
    content = login(charlie).get(url(item)).content.decode()
    assert "12,50 €" in content and "150,00 €" in content
    assert "Rendre la remorque propre." in content
    assert "Jouhe" in content
    assert "bob@example.org" in content


def test_other_territory_gets_404(login, oscar, item):
    assert login(oscar).get(url(item)).status_code == 404


def test_photos_are_shown(login, charlie, item):
    photo = ItemPhoto.objects.create(
        item=item, image=SimpleUploadedFile("remorque.png", PNG), consent=True, caption="Vue de côté"
    )
    content = login(charlie).get(url(item)).content.decode()
    assert download_url(photo, "image") in content
    assert 'alt="Vue de côté"' in content


def test_coming_loan_is_listed_as_a_period(login, charlie, item, commune_b):
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=in_days(10), request__end=in_days(13))
    content = login(charlie).get(url(item)).content.decode()
    assert f"du {in_days(10):%d/%m/%Y} au {in_days(12):%d/%m/%Y}" in content


def test_unavailability_is_listed_with_its_reason(login, charlie, item):
    Unavailability.objects.create(item=item, start=in_days(3), end=in_days(5), reason="Révision")
    content = login(charlie).get(url(item)).content.decode()
    assert f"du {in_days(3):%d/%m/%Y} au {in_days(4):%d/%m/%Y}" in content
    assert "Révision" in content


def test_month_grid_marks_taken_days_in_words(login, charlie, item, commune_b):
    today = in_days(0)
    LoanFactory(request__item=item, request__borrower=commune_b, request__start=today, request__end=in_days(1))
    response = login(charlie).get(url(item))
    months = response.context["months"]
    assert len(months) == 3
    taken = [cell.day for week in months[0].weeks for cell in week if cell.taken and cell.in_month]
    assert taken == [today]
    assert "<caption>" in response.content.decode()
    assert "pris</small>" in response.content.decode()


def test_other_commune_staff_sees_the_request_button(login, charlie, item):
    assert reverse("equipment:request_create", kwargs={"pk": item.pk}) in login(charlie).get(url(item)).content.decode()


def test_owner_staff_sees_edit_links_but_no_request_button(login, bob, item):
    content = login(bob).get(url(item)).content.decode()
    assert reverse("equipment:item_edit", kwargs={"pk": item.pk}) in content
    assert reverse("equipment:request_create", kwargs={"pk": item.pk}) not in content


def test_coordinator_sees_no_request_button(login, eve, item):
    assert reverse("equipment:request_create", kwargs={"pk": item.pk}) not in login(eve).get(url(item)).content.decode()


def test_other_commune_sees_no_edit_link(login, charlie, item):
    assert reverse("equipment:item_edit", kwargs={"pk": item.pk}) not in login(charlie).get(url(item)).content.decode()


def test_query_count_does_not_grow_with_loans_and_unavailabilities(login, charlie, commune_a, commune_b, query_count):
    client = login(charlie)
    item = ItemFactory(owner=commune_a)
    borrowed = {"request__item": item, "request__borrower": commune_b}
    LoanFactory(**borrowed, request__start=in_days(2), request__end=in_days(3))
    one = query_count(lambda: client.get(url(item)))
    for day in range(5, 5 + 2 * 49, 2):
        LoanFactory(**borrowed, request__start=in_days(day), request__end=in_days(day + 1))
        Unavailability.objects.create(item=item, start=in_days(day + 1), end=in_days(day + 2), reason="Entretien")
    assert query_count(lambda: client.get(url(item))) == one
