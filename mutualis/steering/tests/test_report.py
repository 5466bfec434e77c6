"""The annual report, as a coordinator downloads it: a real PDF read back with poppler, a real ODT
reopened with odfpy, and a figure another app registers (equipment.loans_completed) inside."""

import subprocess
from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from odf import teletype
from odf.opendocument import load
from odf.text import P

from mutualis.equipment.models import LoanStatus
from mutualis.equipment.tests.factories import LoanFactory
from mutualis.steering.models import IndicatorDefinition, MilestoneStatus
from mutualis.steering.services import milestone_save, report_note_save, target_set
from mutualis.steering.tests.factories import AdhesionFactory
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory

YEAR = 2025


@pytest.fixture
def report_data(action, territory_a, commune_a, commune_b):
    """14 communes and 5 other bodies adhere to the equipment service; Jouhe lends to Foucherans."""
    for _ in range(14):
        AdhesionFactory(organisation=OrganisationFactory(territory=territory_a), service=Service.EQUIPMENT,
                        start=date(2024, 1, 1))  # fmt: skip
    for kind in ["sivu", "sivos", "syndicat_mixte", "ccas", "association_fonciere"]:
        AdhesionFactory(organisation=OrganisationFactory(territory=territory_a, kind=kind),
                        service=Service.EQUIPMENT, start=date(2025, 2, 1))  # fmt: skip
    milestone_save(action=action, title="Premières mises à disposition", due="2025", status=MilestoneStatus.DONE,
                   done_on=date(2025, 3, 1))  # fmt: skip
    milestone_save(action=action, title="Publication de la liste", due="T2 2025")
    definition = IndicatorDefinition.objects.create(
        action=action, label="Prêts terminés", registry_key="equipment.loans_completed"
    )
    target_set(definition=definition, year=YEAR, value=4)
    for _ in range(3):
        LoanFactory(request__item__owner=commune_a, request__borrower=commune_b, request__start=date(2025, 5, 1),
                    request__end=date(2025, 5, 3), status=LoanStatus.RETURNED, checked_out_on=date(2025, 5, 1),
                    checked_in_on=date(2025, 5, 4))  # fmt: skip
    report_note_save(action=action, year=YEAR, text="Le parc s'est enrichi d'une nacelle.")
    return action


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    assert (tmp_path / "page-1.png").stat().st_size > 0
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )


def test_the_pdf_report_tells_the_year_in_sentences(login, eve, scheme, report_data, tmp_path):
    response = login(eve).get(reverse("steering:report_pdf", args=[scheme.pk]), {"year": YEAR})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Vue d'ensemble" in text
    assert "En 2025, 16 communes et 5 autres organismes ont pris part à l'action." in text
    assert "Foucherans (utilisation du service)" in text and "Jouhe (utilisation du service)" in text
    assert "1 échéance a été tenue ; 1 échéance est en retard." in text
    assert "Le parc s'est enrichi d'une nacelle." in text


def test_the_report_shows_a_figure_registered_by_the_equipment_service(login, eve, scheme, report_data, tmp_path):
    response = login(eve).get(reverse("steering:report_pdf", args=[scheme.pk]), {"year": YEAR})
    text = pdf_text(response.content, tmp_path)
    assert "Prêts terminés 4 3 75 —" in text


def test_the_editable_report_reopens_with_its_text(login, eve, scheme, report_data):
    response = login(eve).get(reverse("steering:report_odt", args=[scheme.pk]), {"year": YEAR})
    document = load(BytesIO(response.content))
    text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    assert "En 2025, 16 communes et 5 autres organismes ont pris part à l'action." in text
    assert "Jouhe (utilisation du service)" in text
    assert "Prêts terminés" in text
    assert "75" in text
    assert "Le parc s'est enrichi d'une nacelle." in text


def test_the_coordinator_writes_a_text_per_action_before_generating(login, eve, scheme, action):
    url = reverse("steering:report_prepare", args=[scheme.pk]) + f"?year={YEAR}"
    login(eve).post(url, {f"note_{action.pk}": "Une année de rodage."})
    assert action.report_notes.get(year=YEAR).text == "Une année de rodage."


def test_a_mayor_cannot_generate_the_report(login, alice, scheme):
    assert login(alice).get(reverse("steering:report_pdf", args=[scheme.pk])).status_code == 403


def test_the_report_of_a_year_without_activity_says_so(login, eve, scheme, action, tmp_path):
    response = login(eve).get(reverse("steering:report_pdf", args=[scheme.pk]), {"year": 2022})
    text = pdf_text(response.content, tmp_path)
    assert "En 2022, aucune commune ni aucun autre organisme n'a pris part à l'action." in text
