"""Steering's participations are carried over to `agreements.Adhesion`: every participation in an
action that names a service is an adhesion afterwards (a new one, or the one that already covered
it); those in an action naming no service are counted as not carried."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("steering", "0001_initial")
AFTER = ("steering", "0003_participation_and_scheme_action_removed")


def migrate_to(target: tuple[str, str]):
    """Migrate steering to `target`, every other app staying at its latest; the apps then."""
    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "steering"]
    executor.migrate([*others, target])
    return executor.loader.project_state([*others, target]).apps


def old_participations(apps) -> None:
    """Action 6 (replacement): Jouhe in, Dole out after a Bureau decision, Aumur already adhering on
    its own; action 7 (no service): Jouhe, which nothing will read."""
    territory = apps.get_model("territory", "Territory").objects.create(name="Agglo", short_name="A", siren="200000009")
    organisations = apps.get_model("territory", "Organisation").objects
    jouhe, dole, aumur = (
        organisations.create(territory=territory, kind="commune", name=name, search_name=name.lower())
        for name in ("Jouhe", "Dole", "Aumur")
    )
    decision = apps.get_model("territory", "Decision").objects.create(
        territory=territory, body="bureau", decided_on=date(2022, 12, 12), subject="Retrait", outcome="accepted",
        reference="B-2022-17",
    )  # fmt: skip
    scheme = apps.get_model("steering", "Scheme").objects.create(
        territory=territory, title="Schéma", start_year=2021, end_year=2026
    )
    Action = apps.get_model("steering", "Action")
    replacement = Action.objects.create(scheme=scheme, number=6, title="Remplacement", service="replacement")
    engineering = Action.objects.create(scheme=scheme, number=7, title="Ingénierie", service="")
    apps.get_model("agreements", "Adhesion").objects.create(
        territory=territory, organisation=aumur, service="replacement", start=date(2021, 3, 1)
    )
    Participation = apps.get_model("steering", "Participation")
    Participation.objects.create(action=replacement, organisation=jouhe, since=date(2022, 1, 1))
    Participation.objects.create(action=replacement, organisation=dole, since=date(2022, 1, 1),
                                 until=date(2023, 1, 1), withdrawal_decision=decision)  # fmt: skip
    Participation.objects.create(action=replacement, organisation=aumur, since=date(2022, 1, 1))
    Participation.objects.create(action=engineering, organisation=jouhe, since=date(2022, 1, 1))


@pytest.mark.django_db(transaction=True)
def test_every_participation_in_an_action_with_a_service_is_an_adhesion_afterwards():
    try:
        apps = migrate_to(BEFORE)
        old_participations(apps)
        participations = apps.get_model("steering", "Participation").objects
        carried = participations.exclude(action__service="").count()
        not_carried = participations.filter(action__service="").count()
        before = apps.get_model("agreements", "Adhesion").objects.count()
        assert (carried, not_carried, before) == (3, 1, 1)
        apps = migrate_to(AFTER)
        rows = apps.get_model("agreements", "Adhesion").objects.order_by("organisation__name")
        assert rows.count() == 3  # Jouhe and Dole are new; Aumur's own adhesion already covered it
        fields = ("organisation__name", "service", "start", "end", "withdrawal_decision__reference")
        assert list(rows.values_list(*fields)) == [
            ("Aumur", "replacement", date(2021, 3, 1), None, None),
            ("Dole", "replacement", date(2022, 1, 1), date(2023, 1, 1), "B-2022-17"),
            ("Jouhe", "replacement", date(2022, 1, 1), None, None),
        ]  # fmt: skip
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migrating_back_gives_each_adhesion_its_participation_within_the_scheme():
    try:
        apps = migrate_to(BEFORE)
        old_participations(apps)
        migrate_to(AFTER)
        apps = migrate_to(BEFORE)
        rows = apps.get_model("steering", "Participation").objects.order_by("organisation__name")
        assert list(rows.values_list("organisation__name", "action__number", "since", "until")) == [
            ("Aumur", 6, date(2021, 3, 1), None),
            ("Dole", 6, date(2022, 1, 1), date(2023, 1, 1)),
            ("Jouhe", 6, date(2022, 1, 1), None),
        ]
        assert apps.get_model("agreements", "Adhesion").objects.count() == 3
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
