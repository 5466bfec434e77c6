import subprocess

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.facilities.models import Compliance, Facility, FacilityStatus, InspectionKind
from mutualis.facilities.tests.factories import FacilityFactory, InspectionFactory, PlanFactory, days_ago
from mutualis.facilities.tests.test_inspections import PNG


def test_the_list_shows_the_commune_its_facilities_only(login, alice, goal, commune_b):
    FacilityFactory(owner=commune_b, name="Panier de basket de Foucherans")
    response = login(alice).get(reverse("facilities:facility_list"))
    assert [f.name for f in response.context["page"]] == ["But nord du stade"]


def test_the_list_filters_the_facilities_with_an_overdue_inspection(login, hugo, goal, commune_a):
    PlanFactory(facility=goal, starts_on=days_ago(1))
    PlanFactory(facility__owner=commune_a, starts_on=days_ago(-5))
    response = login(hugo).get(reverse("facilities:facility_list"), {"due": "overdue"})
    assert [f.name for f in response.context["page"]] == ["But nord du stade"]


def test_the_list_exports_to_xlsx_with_french_headers(login, alice, goal, tmp_path):
    response = login(alice).get(reverse("facilities:facility_list"), {"format": "xlsx"})
    path = tmp_path / "list.xlsx"
    path.write_bytes(response.content)
    sheet = openpyxl.load_workbook(path).active
    assert [cell.value for cell in sheet[1]][:3] == ["Équipement", "Type", "Propriétaire"]
    assert sheet["A2"].value == "But nord du stade"


@pytest.mark.parametrize("url", ["facilities:facility_list", "facilities:due_list"])
def test_lists_run_a_constant_number_of_queries(login, query_count, hugo, commune_a, url):
    client = login(hugo)
    PlanFactory(facility__owner=commune_a, starts_on=days_ago(1))
    one = query_count(lambda: client.get(reverse(url)))
    for _i in range(20):
        PlanFactory(facility__owner=commune_a, starts_on=days_ago(1))
    assert query_count(lambda: client.get(reverse(url))) == one


def test_the_detail_runs_a_constant_number_of_queries(login, query_count, alice, goal):
    client = login(alice)
    url = reverse("facilities:facility_detail", args=[goal.pk])
    InspectionFactory(facility=goal)
    one = query_count(lambda: client.get(url))
    for kind in ("routine", "operational"):
        PlanFactory(facility=goal, kind=kind)
    for _i in range(10):
        InspectionFactory(facility=goal)
    assert query_count(lambda: client.get(url)) == one


def test_a_secretary_inventories_a_facility(login, bob, commune_a):
    response = login(bob).post(
        reverse("facilities:facility_create", args=[commune_a.pk]),
        {
            "owner": commune_a.pk,
            "kind": "basketball_hoop",
            "name": "Panier du city-stade",
            "address": "Place de la mairie",
            "standard": "NF EN 1270",
        },  # fmt: skip
    )
    facility = Facility.objects.get()
    assert response.url == reverse("facilities:facility_detail", args=[facility.pk])
    assert (facility.owner, facility.territory_id, facility.standard) == (
        commune_a,
        commune_a.territory_id,
        "NF EN 1270",
    )


def test_another_commune_cannot_inventory_for_jouhe(login, charlie, commune_a):
    response = login(charlie).get(reverse("facilities:facility_create", args=[commune_a.pk]))
    assert response.status_code == 403


def test_another_commune_gets_404_on_the_facility(login, charlie, goal):
    assert login(charlie).get(reverse("facilities:facility_detail", args=[goal.pk])).status_code == 404


def test_the_inspector_records_a_major_defect_with_a_photo(login, hugo, goal):
    response = login(hugo).post(
        reverse("facilities:inspection_create", args=[goal.pk]),
        {"kind": InspectionKind.MAIN, "inspected_on": days_ago(0).isoformat(), "inspector": hugo.pk,
         "findings": "Contrepoids absent.", "compliance": Compliance.MAJOR, "actions_required": "Fixer le but.",
         "photos": [SimpleUploadedFile("but.png", PNG, content_type="image/png")], "photos_consent": "on"},
    )  # fmt: skip
    inspection = goal.inspections.get()
    assert response.url == reverse("facilities:inspection_detail", args=[inspection.pk])
    assert inspection.photos.count() == 1
    goal.refresh_from_db()
    assert goal.status == FacilityStatus.OUT_OF_SERVICE


def test_a_defect_without_actions_is_shown_next_to_the_field(login, hugo, goal):
    response = login(hugo).post(
        reverse("facilities:inspection_create", args=[goal.pk]),
        {"kind": InspectionKind.MAIN, "inspected_on": days_ago(0).isoformat(), "inspector": hugo.pk,
         "findings": "Filet déchiré.", "compliance": Compliance.MINOR},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["actions_required"]


def test_the_inspector_must_belong_to_the_cell_or_the_owner(login, hugo, charlie, goal):
    response = login(hugo).post(
        reverse("facilities:inspection_create", args=[goal.pk]),
        {"kind": InspectionKind.MAIN, "inspected_on": days_ago(0).isoformat(), "inspector": charlie.pk,
         "findings": "RAS", "compliance": Compliance.COMPLIANT},
    )  # fmt: skip
    assert response.context["form"].errors["inspector"]


def test_the_due_list_shows_overdue_first_and_exports_csv(login, hugo, commune_a):
    PlanFactory(facility__owner=commune_a, facility__name="Panier", starts_on=days_ago(-3))
    PlanFactory(facility__owner=commune_a, facility__name="Cage", starts_on=days_ago(4))
    client = login(hugo)
    page = client.get(reverse("facilities:due_list")).context["page"]
    assert [plan.facility.name for plan in page] == ["Cage", "Panier"]
    csv = client.get(reverse("facilities:due_list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("Cage;Jouhe;")
    assert ";4;" in csv.splitlines()[1]


def test_the_register_pdf_lists_identification_inspections_and_maintenance(login, alice, goal, tmp_path):
    InspectionFactory(facility=goal, findings="Filet déchiré côté gauche.", compliance=Compliance.MINOR,
                      actions_required="Changer le filet.")  # fmt: skip
    response = login(alice).get(reverse("facilities:register_pdf", args=[goal.pk]))
    path = tmp_path / "registre.pdf"
    path.write_bytes(response.content)
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    for expected in ("Registre de contrôle et d'entretien", "But nord du stade", "Filet déchiré côté gauche.",
                     "Défauts mineurs", "R. 322-25"):  # fmt: skip
        assert expected in text


def test_the_dashboard_shows_the_overdue_inspections(login, hugo, commune_a):
    PlanFactory(facility__owner=commune_a, facility__name="Cage", starts_on=days_ago(4))
    response = login(hugo).get(reverse("facilities:dashboard"))
    assert [plan.facility.name for plan in response.context["overdue"]] == ["Cage"]
    assert list(response.context["by_owner"]) == [{"facility__owner__name": "Jouhe", "overdue": 1, "due": 1}]


def test_a_maintenance_entry_goes_to_the_register(login, bob, goal):
    login(bob).post(
        reverse("facilities:maintenance_create", args=[goal.pk]),
        {"done_on": days_ago(1).isoformat(), "description": "Filet remplacé.", "done_by": "Services techniques"},
    )
    assert goal.maintenances.get().description == "Filet remplacé."


def test_a_plan_is_added_from_the_facility(login, bob, goal):
    login(bob).post(
        reverse("facilities:plan_create", args=[goal.pk]),
        {"kind": "routine", "every": "7", "unit": "days", "starts_on": days_ago(0).isoformat(), "done_by": "Mairie"},
    )
    assert goal.plans.get().next_due_on == days_ago(0)
