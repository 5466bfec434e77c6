from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mutualis.agreements.models import Convention, Instrument, Status

URL = reverse("agreements:convention_create")


@pytest.fixture
def data(epci_a, commune_a):
    return {
        "instrument": Instrument.POOLING_OF_RESOURCES,
        "title": "",
        "object": "Prêt de la nacelle",
        "start": "2025-05-01",
        "last_day": "2025-05-31",
        "amount": "80.50",
        "amount_description": "forfait",
        "parties-TOTAL_FORMS": "4",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "1000",
        "parties-0-organisation": str(epci_a.pk),
        "parties-0-role": "prêteur",
        "parties-1-organisation": str(commune_a.pk),
        "parties-1-role": "emprunteur",
        "parties-2-organisation": "",
        "parties-2-role": "",
        "parties-3-organisation": "",
        "parties-3-role": "",
    }


def test_form_suggests_the_epci_as_first_party(login, eve, epci_a):
    response = login(eve).get(URL)
    assert response.context["parties"].forms[0].initial == {"organisation": epci_a, "role": "EPCI"}


def test_coordinator_creates_a_draft_convention(login, eve, data, epci_a, commune_a):
    response = login(eve).post(URL, data)
    convention = Convention.objects.get()
    assert response["Location"] == reverse("agreements:convention_detail", kwargs={"pk": convention.pk})
    assert convention.status == Status.DRAFT
    assert convention.title == "Convention de mise en commun de moyens"
    assert convention.amount == Decimal("80.50")
    assert convention.created_by == eve
    assert [(p.organisation, p.role) for p in convention.convention_parties.all()] == [
        (epci_a, "prêteur"),
        (commune_a, "emprunteur"),
    ]


def test_the_last_day_is_stored_as_a_half_open_end(login, eve, data):
    login(eve).post(URL, data)
    convention = Convention.objects.get()
    assert (convention.start, convention.end, convention.last_day) == (
        date(2025, 5, 1),
        date(2025, 6, 1),
        date(2025, 5, 31),
    )


def test_a_one_day_convention_is_possible(login, eve, data):
    login(eve).post(URL, {**data, "last_day": "2025-05-01"})
    assert Convention.objects.get().end == date(2025, 5, 2)


def test_last_day_before_start_is_a_form_error(login, eve, data):
    response = login(eve).post(URL, {**data, "last_day": "2025-04-30"})
    assert response.context["form"].errors["last_day"]
    assert not Convention.objects.exists()


def test_a_single_party_is_a_form_error(login, eve, data):
    response = login(eve).post(URL, {**data, "parties-1-organisation": "", "parties-1-role": ""})
    assert response.status_code == 200
    assert response.context["parties"].errors[1]
    assert not Convention.objects.exists()


def test_the_same_organisation_twice_is_a_form_error(login, eve, data, epci_a):
    response = login(eve).post(URL, {**data, "parties-1-organisation": str(epci_a.pk)})
    assert response.context["parties"].non_form_errors() == ["Une organisation ne peut être partie qu'une fois."]


def test_an_organisation_of_another_territory_cannot_be_chosen(login, eve, data, epci_b):
    response = login(eve).post(URL, {**data, "parties-1-organisation": str(epci_b.pk)})
    assert response.context["parties"].errors[1]["organisation"]
    assert not Convention.objects.exists()


def test_a_party_without_role_is_a_form_error(login, eve, data):
    response = login(eve).post(URL, {**data, "parties-1-role": ""})
    assert response.context["parties"].errors[1]["role"]


def test_the_notice_is_kept_and_shown(login, eve, data):
    login(eve).post(URL, {**data, "notice_months": "3"})
    convention = Convention.objects.get()
    assert convention.notice_months == 3
    content = login(eve).get(reverse("agreements:convention_detail", args=[convention.pk])).content.decode()
    assert "Préavis de retrait" in content and "3 mois" in content


def test_without_a_notice_given_there_is_none(login, eve, data):
    login(eve).post(URL, data)
    assert Convention.objects.get().notice_months == 0


def test_the_parties_choices_are_read_once_for_all_the_parties(login, eve, epci_a, commune_a, commune_b):
    client = login(eve)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(URL).content.decode()
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "territory_organisation"' in q["sql"]]
    assert len([sql for sql in reads if "search_name" in sql and "LIMIT" not in sql]) == 1  # was once per party
    assert content.count(f'<option value="{commune_b.pk}">') == 4  # the formset's four parties
