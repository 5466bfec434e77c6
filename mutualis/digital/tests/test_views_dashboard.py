from datetime import date

from django.urls import reverse

from mutualis.digital.tests.factories import ProcessingActivityFactory, SoftwareAdhesionFactory, SoftwareFactory

URL = reverse("digital:dashboard")


def test_the_dashboard_shows_the_figures_and_the_empty_records(login, nina, software, commune_a, commune_b):
    ProcessingActivityFactory(organisation=commune_a)
    response = login(nina).get(URL, {"annee": "2026"})
    assert [o.name for o in response.context["coverage"]] == ["Foucherans", "Jouhe"]
    assert len(response.context["figures"]) == 5


def test_the_coverage_counts_the_software_each_organisation_used_in_the_year(login, nina, software, commune_a):
    SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2025, 1, 1), end=date(2026, 2, 1))
    SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2026, 6, 1))
    SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory), organisation=commune_a)
    SoftwareAdhesionFactory(
        software=SoftwareFactory(territory=software.territory), organisation=commune_a, end=date(2021, 1, 1)
    )
    coverage = login(nina).get(URL, {"annee": "2026"}).context["coverage"]
    assert {o.name: o.software_count for o in coverage}["Jouhe"] == 2


def test_a_commune_cannot_see_the_dashboard(login, alice):
    assert login(alice).get(URL).status_code == 403


def test_the_coverage_exports(login, eve, commune_a):
    text = login(eve).get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Organisation;Traitements au registre RGPD;Logiciels partagés utilisés"


def test_the_dashboard_runs_a_constant_number_of_queries(login, eve, software, commune_a, query_count):
    client = login(eve)
    one = query_count(lambda: client.get(URL))
    SoftwareFactory.create_batch(10, territory=software.territory)
    ProcessingActivityFactory.create_batch(10, organisation=commune_a)
    assert query_count(lambda: client.get(URL)) == one
