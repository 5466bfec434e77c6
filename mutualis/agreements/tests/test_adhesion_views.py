"""The adhesion screens: the territory's list, a mayor asking to adhere, withdrawing under §4."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import tablib
from django.urls import reverse

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, Instrument, Status
from mutualis.agreements.services import adhesion_create, adhesion_withdraw
from mutualis.territory.models import Outcome, Service
from mutualis.territory.tests.factories import OrganisationFactory

LIST = reverse("agreements:adhesions:list")
REQUEST = reverse("agreements:adhesions:request")
START = date(2026, 1, 5)
PARIS = ZoneInfo("Europe/Paris")
MID_MARCH = datetime(2026, 3, 18, 10, tzinfo=PARIS)


def adhere(organisation, service=Service.REPLACEMENT, **fields):
    return adhesion_create(
        organisation=organisation,
        service=service,
        start=fields.pop("start", START),
        convention_instrument=fields.pop("convention_instrument", Instrument.INDIVIDUAL_SECONDMENT),
        object="Mise à disposition d'agents de remplacement",
        **fields,
    )


def ask(client, organisation, offer: str = "replacement:", start: str = "2026-04-01"):
    return client.post(REQUEST, {"organisation": organisation.pk, "offer": offer, "start": start})


def withdraw_url(adhesion) -> str:
    return reverse("agreements:adhesions:withdraw", args=[adhesion.pk])


def listed(response) -> list[tuple[str, str]]:
    return [(a.organisation.name, a.service) for a in response.context["page"]]


def joined_by(service: str):
    """A service's `adhere` as the services register it: their own convention, here a plain one."""

    def adhere(*, organisation, start, instrument, by):
        return adhesion_create(organisation=organisation, service=service, start=start, instrument=instrument,
                               convention_instrument=instrument or Instrument.INDIVIDUAL_SECONDMENT,
                               object="Adhésion au service", by=by)  # fmt: skip

    return adhere


@pytest.fixture(autouse=True)
def service_terms(monkeypatch):
    """Replacement and purchasing (two formulas) are joined from the screen; digital needs an
    adhesion too, but per software, from its own screens; equipment is open."""
    formulas = (Instrument.JOINT_PURCHASING, Instrument.PURCHASING_CENTRE)
    monkeypatch.setattr(
        terms,
        "_terms",
        {
            Service.REPLACEMENT: terms.ServiceTerms(True, adhere=joined_by(Service.REPLACEMENT)),
            Service.PURCHASING: terms.ServiceTerms(True, adhere=joined_by(Service.PURCHASING), formulas=formulas),
            Service.DIGITAL: terms.ServiceTerms(needs_adhesion=True),
            Service.EQUIPMENT: terms.ServiceTerms(needs_adhesion=False),
        },
    )
    monkeypatch.setattr(terms, "_locks", [])


@pytest.fixture
def locked_from_june(monkeypatch):
    """The only withdrawal lock, as steering registers one: the action is launched on 1 June 2026."""
    monkeypatch.setattr(terms, "_locks", [lambda adhesion, on: on >= date(2026, 6, 1)])


@pytest.fixture
def adhesions(epci_a, commune_a, commune_b, territory_b, epci_b):
    jouhe = adhere(commune_a)
    club = adhere(commune_b, Service.PURCHASING, instrument=Instrument.JOINT_PURCHASING,
                  convention_instrument=Instrument.JOINT_PURCHASING)  # fmt: skip
    left = adhesion_withdraw(adhesion=adhere(commune_b, start=date(2025, 9, 1)), on=date(2026, 1, 1))
    elsewhere = adhere(OrganisationFactory(territory=territory_b))
    return {"jouhe": jouhe, "club": club, "left": left, "elsewhere": elsewhere}


# ---------------------------------------------------------------- list


def test_every_member_sees_every_adhesion_of_the_territory_and_no_other(login, bob, adhesions, commune_b):
    assert set(listed(login(bob).get(LIST))) == {
        ("Jouhe", Service.REPLACEMENT),
        (commune_b.name, Service.PURCHASING),
        (commune_b.name, Service.REPLACEMENT),
    }


def test_filter_by_service(login, bob, adhesions, commune_b):
    assert listed(login(bob).get(LIST, {"service": Service.PURCHASING})) == [(commune_b.name, Service.PURCHASING)]


def test_filter_by_organisation(login, bob, adhesions, commune_a):
    assert listed(login(bob).get(LIST, {"organisation": commune_a.pk})) == [("Jouhe", Service.REPLACEMENT)]


def test_filter_in_force_today_leaves_out_the_withdrawn(login, bob, adhesions, commune_b, frozen_clock):
    frozen_clock.move_to(MID_MARCH)
    in_force = login(bob).get(LIST, {"state": "active"})
    assert set(listed(in_force)) == {("Jouhe", Service.REPLACEMENT), (commune_b.name, Service.PURCHASING)}


def test_filter_withdrawn(login, bob, adhesions, commune_b, frozen_clock):
    frozen_clock.move_to(MID_MARCH)
    assert listed(login(bob).get(LIST, {"state": "withdrawn"})) == [(commune_b.name, Service.REPLACEMENT)]


def test_the_convention_link_is_shown_only_to_those_who_may_open_it(login, bob, adhesions):
    content = login(bob).get(LIST).content.decode()
    assert reverse("agreements:convention_detail", args=[adhesions["jouhe"].convention_id]) in content
    assert reverse("agreements:convention_detail", args=[adhesions["club"].convention_id]) not in content
    assert f"n° {adhesions['club'].convention.number}" in content


def test_the_mayor_is_offered_to_withdraw_only_his_own_commune(login, alice, adhesions):
    content = login(alice).get(LIST).content.decode()
    assert withdraw_url(adhesions["jouhe"]) in content
    assert withdraw_url(adhesions["club"]) not in content
    assert REQUEST in content


def test_a_secretary_is_offered_neither_request_nor_withdrawal(login, bob, adhesions):
    content = login(bob).get(LIST).content.decode()
    assert REQUEST not in content
    assert withdraw_url(adhesions["jouhe"]) not in content


def test_htmx_request_gets_only_the_results(login, bob, adhesions):
    content = login(bob).get(LIST, {"service": Service.REPLACEMENT}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="results"' in content
    assert "<html" not in content


def test_csv_export_has_french_titles_semicolons_and_bom(login, bob, adhesions):
    content = login(bob).get(LIST, {"format": "csv", "organisation": adhesions["jouhe"].organisation_id}).content
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Organisation", "Service", "Formule", "Objet", "Adhère depuis le", "Dernier jour",
                       "Convention", "Statut de la convention", "Décision du Bureau"]  # fmt: skip
    assert rows[1][:3] == ["Jouhe", "Service de remplacement", ""]
    assert rows[1][7] == "Brouillon"
    assert len(rows) == 2


def test_xlsx_export_reopens_with_the_filtered_rows(login, bob, adhesions, commune_b):
    response = login(bob).get(LIST, {"format": "xlsx", "service": Service.PURCHASING})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:3] == [commune_b.name, "Club Acheteurs", "Groupement de commandes"]
    assert sheet.max_row == 2


def test_ods_export_reopens_with_the_last_day_of_the_withdrawn(login, bob, adhesions):
    dataset = tablib.Dataset().load(login(bob).get(LIST, {"format": "ods", "state": "withdrawn"}).content, "ods")
    assert dataset["Service"] == ["Service de remplacement"]
    assert str(dataset["Dernier jour"][0]).startswith("2025-12-31")


def test_unknown_export_format_is_404(login, bob):
    assert login(bob).get(LIST, {"format": "pdf"}).status_code == 404


def test_the_subject_of_an_adhesion_is_listed(login, bob, commune_a, commune_b, epci_a):
    adhere(commune_a, Service.DIGITAL, subject=commune_b, convention_instrument=Instrument.POOLING_OF_RESOURCES)
    assert commune_b.name in login(bob).get(LIST, {"service": Service.DIGITAL}).content.decode()


@pytest.mark.parametrize("persona", ["eve", "alice"])
def test_query_count_is_the_same_for_one_and_fifty_adhesions(request, login, territory_a, epci_a, query_count, persona):
    client = login(request.getfixturevalue(persona))
    adhere(OrganisationFactory(territory=territory_a))
    with_one = query_count(lambda: client.get(LIST))
    for organisation in OrganisationFactory.create_batch(49, territory=territory_a):
        adhere(organisation)
    with_fifty = query_count(lambda: client.get(LIST))
    assert with_fifty == with_one
    assert len(client.get(LIST).context["page"]) == 50


def test_the_menu_marks_adhesions_and_not_conventions_as_current(login, bob):
    menu = {link.label: link.current for link in login(bob).get(LIST).context["menu"] if hasattr(link, "url_name")}
    assert menu["Adhésions"] is True
    assert menu["Conventions"] is False


# ---------------------------------------------------------------- asking to adhere


def test_the_mayor_asks_for_his_commune_and_is_sent_to_the_convention_to_sign(login, alice, commune_a, epci_a):
    response = ask(login(alice), commune_a)
    adhesion = Adhesion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements:convention_detail", args=[adhesion.convention_id])
    assert (adhesion.organisation, adhesion.service, adhesion.start) == (
        commune_a,
        Service.REPLACEMENT,
        date(2026, 4, 1),
    )
    assert adhesion.created_by == alice
    assert adhesion.convention.instrument == Instrument.INDIVIDUAL_SECONDMENT
    assert adhesion.convention.status == Status.DRAFT
    assert [p.organisation for p in adhesion.convention.convention_parties.all()] == [epci_a, commune_a]


def test_the_mayor_is_offered_only_his_commune(login, alice, commune_a, commune_b):
    form = login(alice).get(REQUEST).context["form"]
    assert list(form.fields["organisation"].queryset) == [commune_a]
    assert form.fields["organisation"].initial == commune_a.pk


def test_the_mayor_cannot_ask_for_another_commune(login, alice, commune_b, epci_a):
    response = ask(login(alice), commune_b)
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert not Adhesion.objects.exists()


def test_another_territory_cannot_ask_for_a_commune_of_territory_a(login, oscar, commune_a, epci_a):
    response = ask(login(oscar), commune_a)
    assert response.context["form"].errors["organisation"]
    assert not Adhesion.objects.exists()


def test_a_secretary_gets_403_on_the_request_form(login, bob):
    assert login(bob).get(REQUEST).status_code == 403


def test_the_coordination_asks_for_any_commune_but_not_for_the_epci(login, eve, commune_b, epci_a):
    form = login(eve).get(REQUEST).context["form"]
    assert commune_b in form.fields["organisation"].queryset
    assert epci_a not in form.fields["organisation"].queryset
    ask(login(eve), commune_b)
    assert Adhesion.objects.get().organisation == commune_b


def test_only_services_registering_how_to_join_are_offered(login, alice):
    offered = [label for key, label in login(alice).get(REQUEST).context["form"].fields["offer"].choices if key]
    assert offered == [
        "Service de remplacement",
        "Club Acheteurs – Groupement de commandes",
        "Club Acheteurs – Centrale d'achat",
    ]


def test_a_purchasing_formula_is_the_adhesion_formula_and_the_convention_instrument(login, alice, commune_a, epci_a):
    ask(login(alice), commune_a, "purchasing:purchasing_centre")
    adhesion = Adhesion.objects.get()
    assert adhesion.instrument == adhesion.convention.instrument == Instrument.PURCHASING_CENTRE


def test_a_second_adhesion_to_the_same_service_is_refused_on_the_form(login, alice, commune_a, epci_a):
    adhere(commune_a)
    response = ask(login(alice), commune_a)
    assert "adhère déjà" in str(response.context["form"].non_field_errors())
    assert Adhesion.objects.count() == 1


# ---------------------------------------------------------------- withdrawal


def test_withdrawal_is_free_before_the_lock(login, alice, commune_a, epci_a, locked_from_june):
    adhesion = adhere(commune_a)
    response = login(alice).post(withdraw_url(adhesion), {"on": "2026-05-01"})
    assert response.status_code == 302
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 5, 1)
    assert adhesion.withdrawal_decision is None


def test_after_the_lock_the_form_asks_for_the_bureau_decision(login, alice, commune_a, epci_a, locked_from_june):
    adhesion = adhere(commune_a)
    response = login(alice).post(withdraw_url(adhesion), {"on": "2026-07-01"})
    form = response.context["form"]
    assert form.locked
    assert "décision du Bureau" in form.errors["decided_on"][0]
    assert "Date de la décision du Bureau" in response.content.decode()
    adhesion.refresh_from_db()
    assert adhesion.end is None


def test_after_the_lock_an_accepting_decision_withdraws_and_is_recorded(
    login, eve, commune_a, epci_a, locked_from_june
):
    adhesion = adhere(commune_a)
    data = {"on": "2026-07-01", "decided_on": "2026-06-20", "outcome": Outcome.ACCEPTED, "reference": "B-2026-14"}
    login(eve).post(withdraw_url(adhesion), data)
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 7, 1)
    assert (adhesion.withdrawal_decision.reference, adhesion.withdrawal_decision.is_accepted) == ("B-2026-14", True)


def test_after_the_lock_a_refusing_decision_leaves_the_adhesion(login, alice, commune_a, epci_a, locked_from_june):
    adhesion = adhere(commune_a)
    data = {"on": "2026-07-01", "decided_on": "2026-06-20", "outcome": Outcome.REJECTED}
    response = login(alice).post(withdraw_url(adhesion), data)
    assert "décision favorable" in str(response.context["form"].non_field_errors())
    adhesion.refresh_from_db()
    assert adhesion.end is None and adhesion.withdrawal_decision is None


def test_the_decision_fields_are_shown_when_today_is_locked(
    login, alice, commune_a, epci_a, locked_from_june, frozen_clock
):
    adhesion = adhere(commune_a)
    frozen_clock.move_to(datetime(2026, 6, 15, 10, tzinfo=PARIS))
    assert login(alice).get(withdraw_url(adhesion)).context["form"].locked


def test_a_withdrawal_before_the_start_is_shown_next_to_the_date(login, alice, commune_a, epci_a):
    adhesion = adhere(commune_a)
    response = login(alice).post(withdraw_url(adhesion), {"on": "2026-01-05"})
    assert "suivre le début" in response.context["form"].errors["on"][0]


@pytest.mark.parametrize("persona", ["bob", "charlie"])
def test_only_the_mayor_of_the_commune_or_the_coordination_withdraws(request, login, persona, commune_a, epci_a):
    adhesion = adhere(commune_a)
    assert login(request.getfixturevalue(persona)).post(withdraw_url(adhesion), {"on": "2026-05-01"}).status_code == 403
    adhesion.refresh_from_db()
    assert adhesion.end is None


def test_another_territory_gets_404_on_withdrawal(login, oscar, commune_a, epci_a):
    assert login(oscar).get(withdraw_url(adhere(commune_a))).status_code == 404


def test_a_withdrawn_adhesion_cannot_be_withdrawn_again(login, alice, commune_a, epci_a):
    adhesion = adhesion_withdraw(adhesion=adhere(commune_a), on=date(2026, 2, 1))
    assert login(alice).get(withdraw_url(adhesion)).status_code == 403


def test_a_withdrawal_waits_for_the_conventions_notice(login, alice, commune_a, epci_a, frozen_clock):
    frozen_clock.move_to(datetime(2026, 3, 18, 10, tzinfo=PARIS))
    adhesion = adhere(commune_a, notice_months=3)
    response = login(alice).post(withdraw_url(adhesion), {"on": "2026-06-17"})
    assert "préavis de 3 mois" in response.context["form"].errors["on"][0]
    assert "18/06/2026" in response.context["form"].errors["on"][0]
    adhesion.refresh_from_db()
    assert adhesion.end is None


def test_a_withdrawal_once_the_notice_has_run_is_taken(login, alice, commune_a, epci_a, frozen_clock):
    frozen_clock.move_to(datetime(2026, 3, 18, 10, tzinfo=PARIS))
    adhesion = adhere(commune_a, notice_months=3)
    assert login(alice).post(withdraw_url(adhesion), {"on": "2026-06-18"}).status_code == 302
    adhesion.refresh_from_db()
    assert adhesion.end == date(2026, 6, 18)


def test_without_notice_a_withdrawal_may_be_recorded_after_the_fact(login, alice, commune_a, epci_a, frozen_clock):
    frozen_clock.move_to(datetime(2026, 9, 1, 10, tzinfo=PARIS))
    adhesion = adhere(commune_a)
    assert adhesion.convention.notice_months == 0
    assert login(alice).post(withdraw_url(adhesion), {"on": "2026-05-01"}).status_code == 302
