from decimal import Decimal
from pathlib import Path

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.territory.imports import RowAction, communes_import, parse_commune_file, validate_rows
from mutualis.territory.models import Organisation, OrganisationKind
from mutualis.territory.tests.factories import OrganisationFactory, SectorFactory

GRAND_DOLE = Path(__file__).resolve().parent.parent / "data" / "grand-dole-communes.csv"
HEADER = "insee_code,name,postal_code,population,epci_siren"
# territory_a's SIREN is 200000001 (conftest)
JOUHE = "39270,Jouhe,39100,531,200000001"
FOUCHERANS = "39233,Foucherans,39100,2284,200000001"


def csv_file(*lines: str, header: str = HEADER, name: str = "communes.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode())


def preview_of(territory, *lines: str, header: str = HEADER):
    return validate_rows(territory, parse_commune_file(csv_file(*lines, header=header)))


def errors_of(territory, *lines: str, header: str = HEADER) -> list[list[str]]:
    return [line.errors for line in preview_of(territory, *lines, header=header).rows]


def communes(territory):
    return Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE)


@pytest.fixture
def grand_dole(territory_a):
    """Territory A under the Grand Dole's SIREN, so that the real file belongs to it."""
    territory_a.siren = "200010650"
    territory_a.save()
    return territory_a


def grand_dole_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("grand-dole-communes.csv", GRAND_DOLE.read_bytes())


def upload(client, uploaded_file):
    return client.post(reverse("territory:import_upload"), {"file": uploaded_file})


def upload_and_confirm(client, uploaded_file):
    digest = upload(client, uploaded_file).context["digest"]
    return client.post(reverse("territory:import_confirm"), {"digest": digest})


# File-level errors


def test_missing_columns_are_listed(territory_a):
    with pytest.raises(ValidationError) as error:
        parse_commune_file(csv_file("39270,Jouhe,531", header="insee_code,name,population"))
    assert "Colonnes manquantes : postal_code, epci_siren." in error.value.messages[0]


def test_missing_columns_are_shown_on_the_upload_form(login, eve):
    response = upload(login(eve), csv_file("39270,Jouhe", header="insee_code,name"))
    assert "Colonnes manquantes : postal_code, population, epci_siren." in response.content.decode()
    assert "preview" not in response.context


def test_unsupported_format_is_refused(territory_a):
    with pytest.raises(ValidationError, match="CSV, XLSX ou ODS"):
        parse_commune_file(SimpleUploadedFile("communes.pdf", b"%PDF-1.7"))


def test_file_over_5_mb_is_refused(territory_a):
    big = SimpleUploadedFile("communes.csv", (HEADER + "\n").encode() + b" " * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5 Mo"):
        parse_commune_file(big)


def test_csv_not_in_utf8_is_refused_with_advice(territory_a):
    latin1 = SimpleUploadedFile("communes.csv", f"{HEADER}\n39270,Jouhé,39100,531,200000001".encode("latin-1"))
    with pytest.raises(ValidationError, match="CSV UTF-8"):
        parse_commune_file(latin1)


# Row errors, one kind per test


def test_malformed_insee_code_is_reported(territory_a):
    assert errors_of(territory_a, "3927A,Jouhe,39100,531,200000001") == [
        ["Code INSEE « 3927A » mal formé : 5 caractères attendus, des chiffres ou 2A/2B suivi de 3 chiffres."]
    ]


def test_corsican_insee_code_is_accepted(territory_a):
    assert errors_of(territory_a, "2A004,Ajaccio,20000,71361,200000001") == [[]]


def test_malformed_postal_code_is_reported(territory_a):
    assert errors_of(territory_a, "39270,Jouhe,391,531,200000001") == [
        ["Code postal « 391 » mal formé : 5 chiffres attendus."]
    ]


@pytest.mark.parametrize("population", ["-3", "12.5", "beaucoup"])
def test_population_must_be_a_non_negative_integer(territory_a, population):
    assert errors_of(territory_a, f"39270,Jouhe,39100,{population},200000001") == [
        [f"Population « {population} » : un nombre entier positif ou nul est attendu."]
    ]


def test_missing_value_is_reported(territory_a):
    assert errors_of(territory_a, "39270,,39100,531,200000001") == [["Nom : valeur manquante."]]


def test_latitude_out_of_range_is_reported(territory_a):
    assert errors_of(territory_a, JOUHE + ",91,5.5", header=HEADER + ",latitude,longitude") == [
        ["Latitude « 91 » : un nombre entre -90 et 90 est attendu."]
    ]


def test_longitude_out_of_range_is_reported(territory_a):
    assert errors_of(territory_a, JOUHE + ",47.1,-180.5", header=HEADER + ",latitude,longitude") == [
        ["Longitude « -180.5 » : un nombre entre -180 et 180 est attendu."]
    ]


def test_duplicate_insee_code_names_the_first_row_with_it(territory_a):
    message = "Code INSEE 39270 en double : déjà à la ligne 2."
    assert errors_of(territory_a, JOUHE, FOUCHERANS, "39270,Jouhe bis,39100,1,200000001") == [[], [], [message]]


def test_unknown_sector_is_reported(territory_a, sector_a):
    assert errors_of(territory_a, JOUHE + ",Secteur Sud", header=HEADER + ",sector") == [
        ["Secteur « Secteur Sud » inconnu dans ce territoire."]
    ]


def test_commune_of_another_epci_is_reported(territory_a):
    assert errors_of(territory_a, "39270,Jouhe,39100,531,200010650") == [
        [
            "SIREN de l'EPCI « 200010650 » différent de celui du territoire (200000001) : "
            "cette commune appartient à un autre EPCI."
        ]
    ]


def test_insee_code_of_a_non_commune_organisation_is_reported(territory_a):
    OrganisationFactory(territory=territory_a, kind=OrganisationKind.SIVOS, name="SIVOS", insee_code="39270")
    assert errors_of(territory_a, JOUHE) == [
        ["Le code INSEE 39270 est déjà celui de « SIVOS », qui n'est pas une commune."]
    ]


# What a valid row does


def test_good_file_creates_the_47_communes(login, eve, grand_dole):
    response = upload_and_confirm(login(eve), grand_dole_file())
    assert response.status_code == 302
    assert communes(grand_dole).count() == 47
    jouhe = communes(grand_dole).get(insee_code="39270")
    assert (jouhe.name, jouhe.postal_code, jouhe.population) == ("Jouhe", "39100", 531)


def test_apply_reports_created_updated_and_unchanged_counts(login, eve, commune_a, commune_b, territory_a):
    client = login(eve)
    response = upload_and_confirm(
        client,
        csv_file(JOUHE, "39233,Foucherans,39100,2300,200000001", "39001,Abergement-la-Ronce,39500,827,200000001"),
    )
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["1 commune créée, 1 mise à jour, 1 inchangée"]


def test_reimporting_the_same_file_changes_nothing(login, eve, grand_dole):
    client = login(eve)
    upload_and_confirm(client, grand_dole_file())
    history_rows = Organisation.history.count()
    response = upload(client, grand_dole_file())
    assert {line.action for line in response.context["preview"].rows} == {RowAction.UNCHANGED}
    upload_and_confirm(client, grand_dole_file())
    assert Organisation.history.count() == history_rows


def test_update_preview_shows_old_and_new_values(login, eve, commune_b):
    response = upload(login(eve), csv_file("39233,Foucherans,39100,2300,200000001"))
    [line] = response.context["preview"].rows
    assert line.action == RowAction.UPDATE
    assert [(change.field, change.old, change.new) for change in line.changes] == [("population", "2284", "2300")]
    assert "2284 → 2300" in response.content.decode()


def test_update_is_recorded_in_history_with_the_user(territory_a, commune_b, eve):
    communes_import(
        territory=territory_a, preview=preview_of(territory_a, "39233,Foucherans,39100,2300,200000001"), by=eve
    )
    record = commune_b.history.first()
    assert (record.population, record.history_user) == (2300, eve)


def test_update_keeps_fields_the_file_does_not_give(territory_a, commune_a, eve):
    commune_a.latitude = Decimal("47.1")
    commune_a.save()
    preview = preview_of(territory_a, "39270,Jouhe,39100,600,200000001")
    communes_import(territory=territory_a, preview=preview, by=eve)
    commune_a.refresh_from_db()
    assert (commune_a.population, commune_a.latitude, commune_a.sector.name) == (600, Decimal("47.1"), "Secteur Nord")


def test_latitude_and_longitude_are_stored(territory_a, eve):
    preview = preview_of(territory_a, JOUHE + ',"47,1234",5.56781', header=HEADER + ",latitude,longitude")
    communes_import(territory=territory_a, preview=preview, by=eve)
    jouhe = communes(territory_a).get(insee_code="39270")
    assert (jouhe.latitude, jouhe.longitude) == (Decimal("47.12340"), Decimal("5.56781"))


def test_sector_is_set_from_its_name(territory_a, eve):
    sector = SectorFactory(territory=territory_a, name="Val d'Orain")
    preview = preview_of(territory_a, JOUHE + ",val d'orain", header=HEADER + ",sector")
    communes_import(territory=territory_a, preview=preview, by=eve)
    assert communes(territory_a).get(insee_code="39270").sector == sector


def test_import_leaves_other_territories_alone(territory_a, territory_b, eve):
    other = OrganisationFactory(territory=territory_b, name="Jouhe", insee_code="39270", population=1)
    communes_import(territory=territory_a, preview=preview_of(territory_a, JOUHE), by=eve)
    other.refresh_from_db()
    assert other.population == 1
    assert communes(territory_a).get(insee_code="39270").population == 531


def test_several_postal_codes_keep_the_first(territory_a):
    [line] = preview_of(territory_a, "39270,Jouhe,39100|39101,531,200000001").rows
    assert line.values["postal_code"] == "39100"


# Input formats


def dataset(*rows, headers=("insee_code", "name", "postal_code", "population", "epci_siren")) -> tablib.Dataset:
    data = tablib.Dataset(headers=list(headers))
    for row in rows:
        data.append(row)
    return data


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheet_is_read(territory_a, fmt):
    content = dataset(["39270", "Jouhe", 39100, 531, 200000001]).export(fmt)
    rows = parse_commune_file(SimpleUploadedFile(f"communes.{fmt}", content))
    assert [(row.number, row.values) for row in rows] == [
        (
            2,
            {
                "insee_code": "39270",
                "name": "Jouhe",
                "postal_code": "39100",
                "population": "531",
                "epci_siren": "200000001",
            },
        )
    ]


def test_numeric_codes_get_back_their_leading_zero(territory_a):
    content = dataset([1001, "L'Abergement-Clémenciat", 1400, 832, 200000001]).export("xlsx")
    [line] = validate_rows(territory_a, parse_commune_file(SimpleUploadedFile("communes.xlsx", content))).rows
    assert (line.errors, line.values["insee_code"], line.values["postal_code"]) == ([], "01001", "01400")


def test_semicolon_csv_with_bom_is_read(territory_a):
    content = "\ufeffinsee_code;name;postal_code;population;epci_siren\n39270;Jouhe;39100;531;200000001\n"
    [row] = parse_commune_file(SimpleUploadedFile("communes.csv", content.encode()))
    assert row.values == {
        "insee_code": "39270",
        "name": "Jouhe",
        "postal_code": "39100",
        "population": "531",
        "epci_siren": "200000001",
    }


def test_blank_lines_are_skipped(territory_a):
    content = dataset(["39270", "Jouhe", "39100", 531, "200000001"], [None] * 5).export("xlsx")
    assert len(parse_commune_file(SimpleUploadedFile("communes.xlsx", content))) == 1


# All or nothing


def test_one_bad_row_writes_nothing(territory_a, eve):
    preview = preview_of(territory_a, JOUHE, "39233,Foucherans,39100,-1,200000001")
    assert not preview.is_valid
    with pytest.raises(ValidationError, match="Ligne 3 : Population"):
        communes_import(territory=territory_a, preview=preview, by=eve)
    assert not communes(territory_a).exists()


def test_preview_with_errors_has_no_confirm_button_and_highlights_the_row(login, eve):
    response = upload(login(eve), csv_file(JOUHE, "39233,Foucherans,39100,-1,200000001"))
    html = response.content.decode()
    assert reverse("territory:import_confirm") not in html
    assert html.count('class="row-error"') == 1
    assert "Population « -1 »" in html


def test_confirm_after_a_preview_with_errors_is_refused(login, eve, territory_a):
    client = login(eve)
    digest = upload(client, csv_file(JOUHE, "39233,Foucherans,39100,-1,200000001")).context["digest"]
    response = client.post(reverse("territory:import_confirm"), {"digest": digest})
    assert response["Location"] == reverse("territory:import_upload")
    assert not communes(territory_a).exists()


def test_confirm_without_preview_is_refused(login, eve, territory_a):
    response = login(eve).post(reverse("territory:import_confirm"), {"digest": "0" * 64})
    assert response["Location"] == reverse("territory:import_upload")
    assert not communes(territory_a).exists()


def test_confirm_of_another_preview_is_refused(login, eve, territory_a):
    client = login(eve)
    upload(client, csv_file(JOUHE))
    stale = upload(client, csv_file(FOUCHERANS)).context["digest"]
    upload(client, csv_file(JOUHE))
    client.post(reverse("territory:import_confirm"), {"digest": stale})
    assert not communes(territory_a).exists()


def test_rows_are_validated_again_when_applied(territory_a, eve):
    sector = SectorFactory(territory=territory_a, name="Secteur Sud")
    preview = preview_of(territory_a, JOUHE + ",Secteur Sud", header=HEADER + ",sector")
    sector.delete()
    with pytest.raises(ValidationError, match="Secteur « Secteur Sud » inconnu"):
        communes_import(territory=territory_a, preview=preview, by=eve)
    assert not communes(territory_a).exists()


# Access


def test_secretary_gets_403(login, bob):
    client = login(bob)
    assert client.get(reverse("territory:import_upload")).status_code == 403
    assert client.post(reverse("territory:import_confirm")).status_code == 403


def test_anonymous_is_sent_to_login(client):
    for name in ("territory:import_upload", "territory:import_confirm"):
        response = client.post(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_preview_query_count_does_not_grow_with_rows(login, eve, grand_dole, query_count):
    client = login(eve)
    [first, *_] = GRAND_DOLE.read_text().splitlines()[1:]
    one = query_count(lambda: upload(client, SimpleUploadedFile("one.csv", f"{HEADER}\n{first}".encode())))
    many = query_count(lambda: upload(client, grand_dole_file()))
    assert one == many


# Hostile text


def test_look_alike_digits_do_not_make_a_second_commune(territory_a, commune_a):
    assert errors_of(territory_a, "３９２７０,Jouhe,39100,531,200000001") == [
        ["Code INSEE « ３９２７０ » mal formé : 5 caractères attendus, des chiffres ou 2A/2B suivi de 3 chiffres."]
    ]


@pytest.mark.parametrize(("column", "line"), [("postal_code", "39270,Jouhe,３９１００,531,200000001"),
                                               ("population", "39270,Jouhe,39100,５３１,200000001")])  # fmt: skip
def test_look_alike_digits_are_refused_in_every_number(territory_a, column, line):
    [[error]] = errors_of(territory_a, line)
    assert "attendu" in error


def test_a_nul_byte_in_a_name_is_refused(territory_a):
    with pytest.raises(ValidationError, match="caractères de contrôle .*ligne 2, colonne name"):
        parse_commune_file(csv_file("39270,Jou\x00he,39100,531,200000001"))
