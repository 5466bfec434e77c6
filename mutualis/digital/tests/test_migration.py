"""Migration 0002 carries every subscription over to an agreements.Adhesion, nothing lost."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mutualis.agreements.models import Adhesion, Convention
from mutualis.agreements.tests.factories import ConventionFactory
from mutualis.billing.models import Charge
from mutualis.billing.tests.factories import ChargeFactory
from mutualis.territory.models import OrganisationKind, Service
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory

BEFORE = [("digital", "0001_initial")]
AFTER = [("digital", "0002_subscriptions_to_adhesions")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    """The database as it was before the migration; put back to the latest state afterwards."""
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def subscriptions(old_apps):
    """Three uses of two software by two communes (one ended), written with the old models."""
    Software = old_apps.get_model("digital", "Software")
    Subscription = old_apps.get_model("digital", "Subscription")
    territory = TerritoryFactory()
    epci = OrganisationFactory(territory=territory, kind=OrganisationKind.EPCI, insee_code="")
    jouhe, foucherans = OrganisationFactory.create_batch(2, territory=territory)
    cemetery = Software.objects.create(territory_id=territory.pk, name="Cart@CIM", purpose="Cimetières")
    finance = Software.objects.create(territory_id=territory.pk, name="Finances", purpose="Finances")
    convention = ConventionFactory(territory=territory, parties=[epci, jouhe])
    rows = [
        Subscription.objects.create(software=cemetery, organisation_id=jouhe.pk, start=date(2024, 1, 1),
                                    end=date(2025, 7, 1), convention_id=convention.pk),
        Subscription.objects.create(software=cemetery, organisation_id=foucherans.pk, start=date(2025, 1, 1)),
        Subscription.objects.create(software=finance, organisation_id=jouhe.pk, start=date(2026, 3, 1)),
    ]  # fmt: skip
    subscription_type = ContentType.objects.get_or_create(app_label="digital", model="subscription")[0]
    Convention.objects.filter(pk=convention.pk).update(source_type=subscription_type, source_id=rows[0].pk)
    ChargeFactory(organisation=jouhe, source_type=subscription_type, source_id=rows[0].pk)
    return rows


@pytest.mark.django_db(transaction=True)
def test_every_subscription_becomes_a_digital_adhesion_to_its_software(subscriptions):
    adhesions_before = Adhesion.objects.count()
    migrate(AFTER)
    assert Adhesion.objects.count() == adhesions_before + len(subscriptions)
    copied = Adhesion.objects.filter(service=Service.DIGITAL).order_by("pk")
    assert [(a.organisation_id, a.subject.name, a.start, a.end) for a in copied] == [
        (s.organisation_id, s.software.name, s.start, s.end) for s in subscriptions
    ]
    assert {a.territory_id for a in copied} == {subscriptions[0].software.territory_id}
    assert copied[0].convention_id == subscriptions[0].convention_id


@pytest.mark.django_db(transaction=True)
def test_conventions_and_charges_of_a_subscription_now_come_from_its_adhesion(subscriptions):
    migrate(AFTER)
    first = Adhesion.objects.filter(service=Service.DIGITAL).order_by("pk").first()
    assert Convention.objects.get().source == first
    assert Charge.objects.get().source == first


@pytest.mark.django_db(transaction=True)
def test_migrating_back_gives_the_subscriptions_again(subscriptions):
    migrate(AFTER)
    old = migrate(BEFORE)
    assert old.get_model("digital", "Subscription").objects.count() == len(subscriptions)
    assert not Adhesion.objects.filter(service=Service.DIGITAL).exists()
