"""An organisation's RGPD record: private, editable by its staff, exportable."""

import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from odf.opendocument import load as load_ods

from mutualis.digital.models import ProcessingActivity
from mutualis.digital.tests.factories import ProcessingActivityFactory


def record_url(organisation, **params) -> str:
    return reverse("digital:record", args=[organisation.pk])


def test_my_record_leads_to_my_organisation(login, bob, commune_a):
    assert login(bob).get(reverse("digital:my_record")).url == record_url(commune_a)


@pytest.mark.parametrize("persona", ["bob", "alice", "eve", "nina"])
def test_the_organisation_the_coordinator_and_the_digital_manager_read_the_record(login, persona, request, commune_a):
    ProcessingActivityFactory(organisation=commune_a, name="État civil")
    response = login(request.getfixturevalue(persona)).get(record_url(commune_a))
    assert [a.name for a in response.context["page"]] == ["État civil"]


def test_another_commune_cannot_read_the_record(login, charlie, commune_a):
    assert login(charlie).get(record_url(commune_a)).status_code == 403


def test_another_commune_gets_404_on_a_processing(login, charlie, commune_a):
    activity = ProcessingActivityFactory(organisation=commune_a)
    assert login(charlie).get(reverse("digital:activity_detail", args=[activity.pk])).status_code == 404


def test_another_territory_gets_404(login, oscar, commune_a):
    assert login(oscar).get(record_url(commune_a)).status_code == 404


def test_the_secretary_adds_a_processing_from_a_template(login, bob, commune_a):
    client = login(bob)
    form = client.get(reverse("digital:activity_create", args=[commune_a.pk]), {"modele": "cimetiere"}).context["form"]
    data = {name: str(form[name].value()) for name in form.fields if form[name].value() is not None}
    data["contact"], data["sensitive_data"] = "Secrétariat", ""
    response = client.post(reverse("digital:activity_create", args=[commune_a.pk]), data)
    activity = ProcessingActivity.objects.get(organisation=commune_a)
    assert activity.name == "Gestion du cimetière"
    assert response.url == reverse("digital:activity_detail", args=[activity.pk])


def test_an_agent_cannot_change_the_record(login, commune_a):
    from mutualis.territory.models import Role
    from mutualis.territory.tests.factories import MembershipFactory

    agent = MembershipFactory(organisation=commune_a, role=Role.AGENT).user
    assert login(agent).get(reverse("digital:activity_create", args=[commune_a.pk])).status_code == 403


def test_an_archived_processing_leaves_the_record(login, bob, commune_a):
    activity = ProcessingActivityFactory(organisation=commune_a)
    client = login(bob)
    client.post(reverse("digital:activity_archive", args=[activity.pk]))
    assert list(client.get(record_url(commune_a)).context["page"]) == []
    activity.refresh_from_db()
    assert activity.archived_at is not None


def test_the_record_runs_a_constant_number_of_queries(login, bob, commune_a, query_count):
    client = login(bob)
    ProcessingActivityFactory(organisation=commune_a)
    one = query_count(lambda: client.get(record_url(commune_a)))
    ProcessingActivityFactory.create_batch(30, organisation=commune_a)
    assert query_count(lambda: client.get(record_url(commune_a))) == one


def test_the_processing_page_runs_a_constant_number_of_queries(login, bob, commune_a, query_count):
    client = login(bob)
    activity = ProcessingActivityFactory(organisation=commune_a)
    assert query_count(lambda: client.get(reverse("digital:activity_detail", args=[activity.pk]))) <= 8


def test_the_record_exports_to_csv_with_every_standard_field(login, bob, commune_a):
    ProcessingActivityFactory(organisation=commune_a, name="Listes électorales", transfers_outside_eu="")
    text = login(bob).get(record_url(commune_a), {"format": "csv"}).content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.split(";")[:4] == ["Traitement", "Finalité(s)", "Base légale", "Catégories de personnes concernées"]
    assert "Durée de conservation" in header and "Mesures de sécurité" in header
    assert row.startswith("Listes électorales;") and ";Obligation légale;" in row and ";aucun;" in row


def test_the_record_exports_to_xlsx(login, bob, commune_a):
    ProcessingActivityFactory(organisation=commune_a, name="Urbanisme")
    content = login(bob).get(record_url(commune_a), {"format": "xlsx"}).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "Urbanisme"


def test_the_record_exports_to_ods(login, bob, commune_a):
    ProcessingActivityFactory(organisation=commune_a, name="Urbanisme")
    content = login(bob).get(record_url(commune_a), {"format": "ods"}).content
    assert "Urbanisme" in str(load_ods(io.BytesIO(content)).spreadsheet)


def test_the_record_prints_as_a_pdf(login, bob, commune_a, tmp_path):
    ProcessingActivityFactory(organisation=commune_a, name="État civil", retention="Sans limitation de durée")
    response = login(bob).get(reverse("digital:record_pdf", args=[commune_a.pk]))
    path = tmp_path / "registre.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Registre des activités de traitement" in text
    assert "Jouhe" in text and "État civil" in text and "Sans limitation de durée" in text
