"""The replacement service's own adhesions are carried over to `agreements.Adhesion`: none is lost."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("replacement", "0001_initial")
AFTER = ("replacement", "0002_adhesions_to_agreements")


def migrate_to(target: tuple[str, str]):
    """Migrate the replacement app to `target`, every other app staying at its latest; the apps then."""
    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "replacement"]
    executor.migrate([*others, target])
    return executor.loader.project_state([*others, target]).apps


def old_adhesions(apps) -> None:
    """Two communes in, a third that left the service: three rows, one with an end."""
    territory = apps.get_model("territory", "Territory").objects.create(name="Agglo", short_name="A", siren="200000009")
    organisations = apps.get_model("territory", "Organisation").objects
    Convention = apps.get_model("agreements", "Convention")
    Adhesion = apps.get_model("replacement", "Adhesion")
    for index, (name, ended_on) in enumerate([("Jouhe", None), ("Foucherans", None), ("Dole", date(2025, 6, 1))]):
        organisation = organisations.create(territory=territory, kind="commune", name=name, search_name=name.lower())
        convention = Convention.objects.create(territory=territory, instrument="individual_secondment",
                                               title=f"Adhésion de {name}", object="Remplacement", body="…",
                                               start=date(2025, 1, 1 + index))  # fmt: skip
        Adhesion.objects.create(territory=territory, organisation=organisation, start=convention.start,
                                ended_on=ended_on, convention=convention)  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_every_replacement_adhesion_becomes_an_agreements_adhesion():
    try:
        apps = migrate_to(BEFORE)
        old_adhesions(apps)
        old = list(apps.get_model("replacement", "Adhesion").objects.values_list(
            "organisation__name", "start", "ended_on", "convention_id"
        ).order_by("start"))  # fmt: skip
        before = apps.get_model("agreements", "Adhesion").objects.count()
        apps = migrate_to(AFTER)
        rows = apps.get_model("agreements", "Adhesion").objects.order_by("start")
        assert rows.count() == before + len(old) == 3
        assert list(rows.values_list("organisation__name", "start", "end", "convention_id")) == old
        assert set(rows.values_list("service", "instrument")) == {("replacement", "")}
        assert rows.get(organisation__name="Jouhe").territory_id == rows.get(organisation__name="Dole").territory_id
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migrating_back_restores_the_replacement_adhesions():
    try:
        apps = migrate_to(BEFORE)
        old_adhesions(apps)
        migrate_to(AFTER)
        apps = migrate_to(BEFORE)
        assert apps.get_model("replacement", "Adhesion").objects.count() == 3
        assert not apps.get_model("agreements", "Adhesion").objects.filter(service="replacement").exists()
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
