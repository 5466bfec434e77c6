"""The migration that turns the club's memberships into agreements adhesions loses no row."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("purchasing", "0001_initial")
AFTER = ("purchasing", "0002_membership_to_adhesion")


def migrate(target: tuple[str, str]):
    """Migrate the purchasing app to `target`, every other app staying at its latest; the apps then."""
    executor = MigrationExecutor(connection)
    targets = [*(node for node in executor.loader.graph.leaf_nodes() if node[0] != "purchasing"), target]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_every_membership_becomes_a_purchasing_adhesion_and_back(back_to_latest):
    old = migrate(BEFORE)
    territory = old.get_model("territory", "Territory").objects.create(
        name="Agglo M", short_name="M", siren="200000099"
    )
    Organisation = old.get_model("territory", "Organisation")
    jouhe, dole = (
        Organisation.objects.create(territory=territory, name=name, search_name=name.lower(), kind="commune")
        for name in ("Jouhe", "Dole")
    )
    Convention = old.get_model("agreements", "Convention")
    convention = Convention.objects.create(
        territory=territory,
        instrument="joint_purchasing",
        title="Club",
        object="Club",
        body="…",
        start=date(2020, 1, 1),
    )
    decision = old.get_model("territory", "Decision").objects.create(
        territory=territory, body="bureau", decided_on=date(2024, 5, 2), subject="Retrait", outcome="accepted"
    )
    Membership = old.get_model("purchasing", "Membership")
    Membership.objects.create(organisation=jouhe, instrument="joint_purchasing", joined_on=date(2020, 1, 1),
                              convention=convention)  # fmt: skip
    Membership.objects.create(organisation=dole, instrument="joint_purchasing", joined_on=date(2020, 1, 1),
                              withdrawn_on=date(2024, 6, 1), withdrawal_decision=decision)  # fmt: skip
    Membership.objects.create(organisation=dole, instrument="purchasing_centre", joined_on=date(2022, 3, 1))
    Adhesion = old.get_model("agreements", "Adhesion")
    adhesions_before = Adhesion.objects.count()

    new = migrate(AFTER)

    Adhesion = new.get_model("agreements", "Adhesion")
    assert Adhesion.objects.count() == adhesions_before + 3
    rows = Adhesion.objects.filter(service="purchasing").order_by("organisation__name", "instrument")
    assert [
        (a.organisation.name, a.territory_id, a.instrument, a.start, a.end, a.convention_id, a.withdrawal_decision_id)
        for a in rows
    ] == [
        ("Dole", territory.pk, "joint_purchasing", date(2020, 1, 1), date(2024, 6, 1), None, decision.pk),
        ("Dole", territory.pk, "purchasing_centre", date(2022, 3, 1), None, None, None),
        ("Jouhe", territory.pk, "joint_purchasing", date(2020, 1, 1), None, convention.pk, None),
    ]
    assert "purchasing_membership" not in connection.introspection.table_names()

    old = migrate(BEFORE)  # and back: the memberships return, the adhesions go
    assert old.get_model("purchasing", "Membership").objects.count() == 3
    assert not old.get_model("agreements", "Adhesion").objects.filter(service="purchasing").exists()
