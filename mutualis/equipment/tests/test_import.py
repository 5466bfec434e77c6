from decimal import Decimal

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mutualis.core.imports import RowAction
from mutualis.equipment.imports import items_import, parse_item_file, validate_rows
from mutualis.equipment.models import Category, Item, QualificationKind
from mutualis.equipment.services import categories_for
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory
from mutualis.territory.models import Membership
from mutualis.territory.tests.factories import OrganisationFactory

HEADER = "category,name"
TRAILER = "Voirie,Remorque porte-engins"


def csv_file(*lines: str, header: str = HEADER, name: str = "materiel.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode())


def preview_of(owner, by, *lines: str, header: str = HEADER):
    return validate_rows(owner, parse_item_file(csv_file(*lines, header=header)), by)


def errors_of(owner, by, *lines: str, header: str = HEADER) -> list[list[str]]:
    return [line.errors for line in preview_of(owner, by, *lines, header=header).rows]


def values_of(owner, by, line: str, header: str) -> dict:
    [row] = preview_of(owner, by, line, header=header).rows
    assert row.errors == []
    return row.values


def upload(client, organisation, uploaded_file):
    return client.post(reverse("equipment:import_upload", kwargs={"pk": organisation.pk}), {"file": uploaded_file})


def confirm(client, organisation, digest):
    return client.post(reverse("equipment:import_confirm", kwargs={"pk": organisation.pk}), {"digest": digest})


def upload_and_confirm(client, organisation, uploaded_file):
    return confirm(client, organisation, upload(client, organisation, uploaded_file).context["digest"])


# File-level errors


def test_missing_columns_are_listed(commune_a):
    with pytest.raises(ValidationError) as error:
        parse_item_file(csv_file("Remorque", header="name"))
    assert "Colonnes manquantes : category." in error.value.messages[0]


def test_file_without_items_is_refused(commune_a):
    with pytest.raises(ValidationError, match="aucun matériel"):
        parse_item_file(csv_file(",", header=HEADER))


@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_spreadsheet_numbers_are_read(commune_a, bob, fmt):
    data = tablib.Dataset(headers=["category", "name", "quantity", "daily_fee"])
    data.append(["Voirie", "Barrières", 20, 12.5])
    rows = parse_item_file(SimpleUploadedFile(f"materiel.{fmt}", data.export(fmt)))
    [line] = validate_rows(commune_a, rows, bob).rows
    assert (line.errors, line.values["quantity"], line.values["daily_fee"]) == ([], 20, Decimal("12.50"))


# Row errors, one kind per test


def test_unknown_owner_insee_code_is_reported(commune_a, eve):
    assert errors_of(commune_a, eve, "39999," + TRAILER, header="owner_insee_code," + HEADER) == [
        ["Aucune organisation du territoire n'a le code INSEE « 39999 »."]
    ]


def test_unknown_owner_name_is_reported(commune_a, eve):
    assert errors_of(commune_a, eve, "Tavaux," + TRAILER, header="owner," + HEADER) == [
        ["Propriétaire « Tavaux » inconnu dans ce territoire."]
    ]


def test_owner_name_shared_by_two_organisations_asks_for_the_insee_code(commune_a, eve, territory_a):
    OrganisationFactory(territory=territory_a, name="Jouhe", insee_code="")
    assert errors_of(commune_a, eve, "Jouhe," + TRAILER, header="owner," + HEADER) == [
        ["Plusieurs organisations s'appellent « Jouhe » : indiquez son code INSEE (owner_insee_code)."]
    ]


def test_owner_of_another_territory_is_unknown(commune_a, eve, territory_b):
    OrganisationFactory(territory=territory_b, name="Tavaux", insee_code="39526")
    assert errors_of(commune_a, eve, "39526," + TRAILER, header="owner_insee_code," + HEADER) == [
        ["Aucune organisation du territoire n'a le code INSEE « 39526 »."]
    ]


def test_unknown_category_lists_the_territory_categories(commune_a, bob):
    [[error]] = errors_of(commune_a, bob, "Sonorisation,Enceinte")
    assert error.startswith("Catégorie « Sonorisation » inconnue dans ce territoire : Autre, Bâtiments,")


def test_missing_name_is_reported(commune_a, bob):
    assert errors_of(commune_a, bob, "Voirie,") == [["Nom : valeur manquante."]]


@pytest.mark.parametrize(
    ("column", "label"),
    [("daily_fee", "Tarif par jour (€)"), ("deposit", "Caution (€)"), ("declared_value", "Valeur d'achat (€)")],
)
def test_negative_amount_is_reported(commune_a, bob, column, label):
    assert errors_of(commune_a, bob, TRAILER + ",-5", header=f"{HEADER},{column}") == [
        [f"{label} « -5 » : un montant négatif n'est pas accepté."]
    ]


@pytest.mark.parametrize("amount", ["douze", "12.505", "1.234,50", "1e12"])
def test_malformed_amount_is_reported(commune_a, bob, amount):
    assert errors_of(commune_a, bob, f'{TRAILER},"{amount}"', header=HEADER + ",deposit") == [
        [f"Caution (€) « {amount} » : un montant en euros au centime près est attendu, par exemple 12,50."]
    ]


@pytest.mark.parametrize(("amount", "value"), [("12,50", "12.50"), ("1 200 €", "1200.00"), ("0.5", "0.50")])
def test_amount_takes_a_decimal_comma_spaces_and_the_euro_sign(commune_a, bob, amount, value):
    assert values_of(commune_a, bob, f'{TRAILER},"{amount}"', HEADER + ",daily_fee")["daily_fee"] == Decimal(value)


@pytest.mark.parametrize("quantity", ["0", "-1", "2,5", "vingt"])
def test_quantity_must_be_a_whole_number_of_at_least_one(commune_a, bob, quantity):
    assert errors_of(commune_a, bob, f'{TRAILER},"{quantity}"', header=HEADER + ",quantity") == [
        [f"Quantité « {quantity} » : un nombre entier d'au moins 1 est attendu."]
    ]


def test_operator_provided_must_be_yes_or_no(commune_a, bob):
    assert errors_of(commune_a, bob, TRAILER + ",peut-être", header=HEADER + ",operator_provided") == [
        ["Prêté avec un opérateur « peut-être » : « oui » ou « non » est attendu."]
    ]


@pytest.mark.parametrize(("text", "value"), [("oui", True), ("Non", False), ("OUI", True)])
def test_operator_provided_reads_oui_and_non(commune_a, bob, text, value):
    assert values_of(commune_a, bob, f"{TRAILER},{text}", HEADER + ",operator_provided")["operator_provided"] is value


@pytest.mark.parametrize(
    ("text", "kind", "detail"),
    [
        ("CACES R486 A", QualificationKind.CACES, "CACES R486 A"),
        ("habilitation electrique", QualificationKind.ELECTRICAL, ""),
        ("Aucune", QualificationKind.NONE, ""),
        ("Permis poids lourd", QualificationKind.OTHER, "Permis poids lourd"),
    ],
)
def test_qualification_is_read_as_a_kind_and_a_detail(commune_a, bob, text, kind, detail):
    values = values_of(commune_a, bob, f"{TRAILER},{text}", HEADER + ",qualification")
    assert (values["qualification_kind"], values["qualification"]) == (kind, detail)


def test_too_long_location_is_reported(commune_a, bob):
    assert errors_of(commune_a, bob, f"{TRAILER},{'x' * 201}", header=HEADER + ",location") == [
        ["Lieu de stockage trop long : 200 caractères au plus."]
    ]


def test_duplicate_name_for_the_same_owner_names_the_first_row_with_it(commune_a, bob):
    first, _, last = errors_of(commune_a, bob, "Voirie,remorque porte-engins", "Voirie,Tondeuse", TRAILER)
    assert first == []
    assert last == ["Matériel « Remorque porte-engins » en double pour « Jouhe » : déjà à la ligne 2."]


def test_same_name_for_two_owners_is_not_a_duplicate(commune_a, commune_b, eve):
    header = "owner_insee_code," + HEADER
    assert errors_of(commune_a, eve, "39270," + TRAILER, "39233," + TRAILER, header=header) == [[], []]


# Who may name an owner


def test_line_without_owner_belongs_to_the_import_organisation(commune_a, bob):
    assert values_of(commune_a, bob, TRAILER, HEADER)["owner"] == commune_a


def test_secretary_cannot_import_for_another_organisation(commune_a, commune_b, bob):
    assert errors_of(commune_a, bob, "Foucherans," + TRAILER, header="owner," + HEADER) == [
        ["Vous ne pouvez pas recenser le matériel de « Foucherans »."]
    ]


@pytest.mark.parametrize("persona", ["eve", "ed"])
def test_coordinator_and_equipment_manager_import_for_any_organisation(commune_a, commune_b, persona, request):
    user = request.getfixturevalue(persona)
    assert values_of(commune_a, user, "39233," + TRAILER, "owner_insee_code," + HEADER)["owner"] == commune_b


# What a valid row does


FULL_HEADER = (
    "owner_insee_code,category,name,description,location,quantity,qualification,"
    "operator_provided,daily_fee,deposit,declared_value,conditions"
)
FULL_LINE = (
    '39270,Voirie,Remorque porte-engins,Plateau basculant,Centre technique,1,Permis remorque (BE),non,"12,50",150,4200,'
    "Rendre propre"
)


def test_new_item_is_created_with_every_column(commune_a, bob):
    items_import(
        territory=commune_a.territory,
        preview=preview_of(commune_a, bob, FULL_LINE, header=FULL_HEADER),
        by=bob,
    )
    item = Item.objects.get(owner=commune_a)
    assert (item.category.name, item.name, item.description, item.storage_location, item.quantity) == (
        "Voirie",
        "Remorque porte-engins",
        "Plateau basculant",
        "Centre technique",
        1,
    )
    assert (item.qualification_kind, item.operator_provided, item.daily_fee, item.deposit, item.declared_value) == (
        QualificationKind.TRAILER,
        False,
        Decimal("12.50"),
        Decimal("150.00"),
        Decimal("4200.00"),
    )
    assert (item.conditions, item.territory) == ("Rendre propre", commune_a.territory)


def test_creation_is_recorded_in_history_with_the_user(commune_a, bob):
    items_import(territory=commune_a.territory, preview=preview_of(commune_a, bob, TRAILER), by=bob)
    assert Item.objects.get(owner=commune_a).history.get().history_user == bob


def test_item_of_the_same_owner_and_name_is_updated(commune_a, bob, item):
    preview = preview_of(commune_a, bob, "Voirie,remorque porte-engins,15", header=HEADER + ",daily_fee")
    [line] = preview.rows
    assert line.action == RowAction.UPDATE
    assert [(change.field, change.old, change.new) for change in line.changes] == [
        ("name", "Remorque porte-engins", "remorque porte-engins"),
        ("daily_fee", "12.50", "15.00"),
    ]
    items_import(territory=commune_a.territory, preview=preview, by=bob)
    item.refresh_from_db()
    assert (item.name, item.daily_fee, item.deposit) == ("remorque porte-engins", Decimal("15.00"), Decimal("150.00"))
    assert Item.objects.count() == 1


def test_update_is_recorded_in_history_with_the_user(commune_a, eve, item):
    preview = preview_of(commune_a, eve, TRAILER + ",2", header=HEADER + ",quantity")
    items_import(territory=commune_a.territory, preview=preview, by=eve)
    record = item.history.first()
    assert (record.quantity, record.history_user) == (2, eve)


def test_reimporting_the_same_line_changes_nothing(commune_a, bob, item):
    line = "Voirie,Remorque porte-engins,12.50,150,Rendre la remorque propre."
    preview = preview_of(commune_a, bob, line, header=HEADER + ",daily_fee,deposit,conditions")
    assert [row.action for row in preview.rows] == [RowAction.UNCHANGED]
    history_rows = Item.history.count()
    items_import(territory=commune_a.territory, preview=preview, by=bob)
    assert Item.history.count() == history_rows


def test_item_of_the_same_name_of_another_owner_is_not_updated(commune_a, commune_b, charlie, item):
    [line] = preview_of(commune_b, charlie, TRAILER).rows
    assert line.action == RowAction.CREATE


def test_archived_item_of_the_same_name_is_not_updated(commune_a, bob, item):
    Item.objects.filter(pk=item.pk).update(archived_at="2024-01-01T00:00Z")
    [line] = preview_of(commune_a, bob, TRAILER).rows
    assert line.action == RowAction.CREATE


def test_two_items_of_the_same_name_in_the_catalogue_are_reported(commune_a, bob, item):
    ItemFactory(owner=commune_a, category=item.category, name="REMORQUE porte-engins")
    assert errors_of(commune_a, bob, TRAILER) == [
        ["« Jouhe » a plusieurs matériels nommés « Remorque porte-engins » : renommez-les dans le catalogue."]
    ]


# All or nothing


def test_one_bad_row_writes_nothing(commune_a, bob):
    preview = preview_of(commune_a, bob, TRAILER, "Voirie,Tondeuse,-1", header=HEADER + ",deposit")
    assert not preview.is_valid
    with pytest.raises(ValidationError, match="Ligne 3 : Caution"):
        items_import(territory=commune_a.territory, preview=preview, by=bob)
    assert not Item.objects.exists()


def test_rows_are_validated_again_when_applied(commune_a, bob):
    category = CategoryFactory(territory=commune_a.territory, name="Sonorisation")
    preview = preview_of(commune_a, bob, "Sonorisation,Enceinte")
    category.delete()
    with pytest.raises(ValidationError, match="Catégorie « Sonorisation » inconnue"):
        items_import(territory=commune_a.territory, preview=preview, by=bob)
    assert not Item.objects.exists()


def test_rights_are_checked_again_when_applied(commune_a, bob):
    preview = preview_of(commune_a, bob, TRAILER)
    Membership.objects.filter(user=bob).delete()
    bob = type(bob).objects.get(pk=bob.pk)
    with pytest.raises(ValidationError, match="Vous ne pouvez pas recenser le matériel de « Jouhe »"):
        items_import(territory=commune_a.territory, preview=preview, by=bob)
    assert not Item.objects.exists()


def test_preview_of_another_territory_is_refused(commune_a, bob, territory_b):
    with pytest.raises(ValidationError, match="ne concerne pas ce territoire"):
        items_import(territory=territory_b, preview=preview_of(commune_a, bob, TRAILER), by=bob)


# Pages


def test_secretary_imports_a_file_for_their_commune(login, bob, commune_a, item):
    for name in ("Voirie", "Espaces verts"):
        Category.objects.get_or_create(territory=commune_a.territory, name=name)
    ItemFactory(owner=commune_a, category=item.category, name="Barrières")
    lines = ["Voirie,Remorque porte-engins,20", "Voirie,Barrières,", "Espaces verts,Tondeuse,", "Voirie,Cônes,"]
    response = upload_and_confirm(login(bob), commune_a, csv_file(*lines, header=HEADER + ",deposit"))
    assert response["Location"] == reverse("equipment:catalogue")
    assert sorted(Item.objects.filter(owner=commune_a).values_list("name", "deposit")) == [
        ("Barrières", Decimal("0.00")),
        ("Cônes", Decimal("0.00")),
        ("Remorque porte-engins", Decimal("20.00")),
        ("Tondeuse", Decimal("0.00")),
    ]
    assert [str(message) for message in response.wsgi_request._messages] == [
        "2 matériels créés, 1 mis à jour, 1 inchangé"
    ]


def test_preview_shows_old_and_new_values(login, bob, commune_a, item):
    response = upload(login(bob), commune_a, csv_file(TRAILER + ",20", header=HEADER + ",deposit"))
    html = response.content.decode()
    assert "Caution (€) : 150.00 → 20.00" in html
    assert "mis à jour" in html


def test_preview_with_errors_has_no_confirm_button_and_highlights_the_row(login, bob, commune_a):
    response = upload(login(bob), commune_a, csv_file(TRAILER, "Voirie,Tondeuse,-1", header=HEADER + ",deposit"))
    html = response.content.decode()
    assert reverse("equipment:import_confirm", kwargs={"pk": commune_a.pk}) not in html
    assert html.count('class="row-error"') == 1
    assert "Caution (€) « -1 »" in html


def test_confirm_after_a_preview_with_errors_is_refused(login, bob, commune_a):
    client = login(bob)
    digest = upload(client, commune_a, csv_file("Voirie,")).context["digest"]
    response = confirm(client, commune_a, digest)
    assert response["Location"] == reverse("equipment:import_upload", kwargs={"pk": commune_a.pk})
    assert not Item.objects.exists()


def test_confirm_without_preview_is_refused(login, bob, commune_a):
    response = confirm(login(bob), commune_a, "0" * 64)
    assert response["Location"] == reverse("equipment:import_upload", kwargs={"pk": commune_a.pk})
    assert not Item.objects.exists()


def test_confirm_from_another_organisation_page_is_refused(login, eve, commune_a, commune_b):
    client = login(eve)
    digest = upload(client, commune_a, csv_file(TRAILER)).context["digest"]
    confirm(client, commune_b, digest)
    assert not Item.objects.exists()


def test_refused_confirmation_says_why(login, bob, commune_a):
    client = login(bob)
    category = CategoryFactory(territory=commune_a.territory, name="Sonorisation")
    digest = upload(client, commune_a, csv_file("Sonorisation,Enceinte")).context["digest"]
    category.delete()
    response = confirm(client, commune_a, digest)
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages[0] == "Rien n'a été importé : le territoire a changé depuis l'aperçu."
    assert messages[1].startswith("Ligne 2 : Catégorie « Sonorisation » inconnue")


@pytest.mark.parametrize("persona", ["charlie", "sam"])
def test_who_may_not_declare_for_the_organisation_gets_403(login, commune_a, persona, request):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("equipment:import_upload", kwargs={"pk": commune_a.pk})).status_code == 403
    assert client.post(reverse("equipment:import_confirm", kwargs={"pk": commune_a.pk})).status_code == 403


def test_equipment_manager_may_import_for_a_commune(login, ed, commune_a):
    assert login(ed).get(reverse("equipment:import_upload", kwargs={"pk": commune_a.pk})).status_code == 200


def test_upload_page_tells_a_secretary_the_file_is_for_their_commune_only(login, bob, commune_a):
    html = login(bob).get(reverse("equipment:import_upload", kwargs={"pk": commune_a.pk})).content.decode()
    assert "seulement Jouhe" in html


def test_preview_query_count_does_not_grow_with_rows(login, eve, commune_a, commune_b, query_count):
    client = login(eve)
    header = "owner_insee_code," + HEADER + ",deposit"
    ItemFactory(owner=commune_b, category=CategoryFactory(territory=commune_a.territory, name="Voirie"), name="Cônes")
    categories_for(commune_a.territory)
    one = query_count(lambda: upload(client, commune_a, csv_file("39270,Voirie,Barrière,1", header=header)))
    lines = [f"{code},Voirie,Barrière {n},{n}" for n in range(20) for code in ("39270", "39233")]
    many = query_count(lambda: upload(client, commune_a, csv_file(*lines, "39233,Voirie,Cônes,5", header=header)))
    assert one == many
