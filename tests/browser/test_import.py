import pytest
from django.urls import reverse

from mutualis.territory.models import Organisation, OrganisationKind

pytestmark = pytest.mark.browser

HEADER = "insee_code,name,postal_code,population,epci_siren"
# Jouhe (commune_a, 531 inhabitants) is updated; the two others are created.
GOOD_ROWS = [
    "39270,Jouhe,39100,540,200000001",
    "39106,Champvans,39100,1312,200000001",
    "39500,Sampans,39100,894,200000001",
]


def write_csv(path, rows: list[str]):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def upload(page, path) -> None:
    page.get_by_label("Fichier de la liste officielle des communes").set_input_files(path)
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.get_by_role("heading", name="Aperçu de l'import des communes", level=1).wait_for()


def test_coordinator_previews_a_file_with_an_error_then_imports_the_corrected_file(
    page, live_server, login_as, check_a11y, screenshot, tmp_path, eve, commune_a
):
    login_as(page, eve)
    page.goto(reverse("portal:home"))
    page.get_by_role("link", name="Importer la liste officielle des communes").click()
    page.get_by_role("heading", name="Importer la liste officielle des communes", level=1).wait_for()
    check_a11y(page)
    screenshot(page, "import-upload")

    before = Organisation.objects.count()
    bad_rows = [GOOD_ROWS[0], "39A06,Champvans,39100,1312,200000001", GOOD_ROWS[2]]
    upload(page, write_csv(tmp_path / "communes-erreur.csv", bad_rows))
    bad_row = page.locator("tbody tr", has=page.get_by_role("rowheader", name="3", exact=True))
    assert "row-error" in bad_row.get_attribute("class")
    assert "Code INSEE « 39A06 » mal formé" in bad_row.inner_text()
    assert page.locator("tbody tr.row-error").count() == 1
    page.get_by_role("alert").filter(has_text="rien n'a été enregistré").wait_for()
    assert page.get_by_role("button", name="Confirmer l'import").count() == 0
    assert Organisation.objects.count() == before
    check_a11y(page)
    screenshot(page, "import-preview-errors")

    page.get_by_role("link", name="Déposer un autre fichier").click()
    upload(page, write_csv(tmp_path / "communes.csv", GOOD_ROWS))
    assert page.locator("tbody tr.row-error").count() == 0
    summary = page.locator("main ul").first.inner_text()
    assert "2 communes à créer" in summary and "1 à mettre à jour" in summary
    rows = page.locator("tbody tr")
    assert [rows.nth(i).locator("td").nth(2).inner_text() for i in range(3)] == ["mise à jour", "créée", "créée"]
    assert "Population municipale : 531 → 540" in rows.nth(0).inner_text()
    check_a11y(page)
    screenshot(page, "import-preview")

    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_url(f"**{reverse('territory:organisation_list')}")
    page.locator(".messages").filter(has_text="2 communes créées, 1 mise à jour").wait_for()
    assert Organisation.objects.count() == before + 2
    created = Organisation.objects.filter(insee_code__in=["39106", "39500"], kind=OrganisationKind.COMMUNE)
    assert sorted(created.values_list("name", "population")) == [("Champvans", 1312), ("Sampans", 894)]
    commune_a.refresh_from_db()
    assert commune_a.population == 540
    results = page.locator("#results tbody")
    for name in ["Champvans", "Sampans", "Jouhe"]:
        assert results.get_by_role("link", name=name, exact=True).count() == 1
    check_a11y(page)
    screenshot(page, "import-done")
