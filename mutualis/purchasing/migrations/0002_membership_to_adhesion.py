"""The purchasing club's members become agreements adhesions to the purchasing service
(formula in `instrument`); the purchasing Membership model goes."""

from datetime import timedelta

from django.db import migrations

PURCHASING = "purchasing"


def copy_to_adhesions(apps, schema_editor):
    Membership = apps.get_model("purchasing", "Membership")
    Adhesion = apps.get_model("agreements", "Adhesion")
    Adhesion.objects.bulk_create(
        Adhesion(
            territory_id=membership.organisation.territory_id,
            organisation_id=membership.organisation_id,
            service=PURCHASING,
            instrument=membership.instrument,
            start=membership.joined_on,
            # A period is half-open: a withdrawal on the day of joining keeps that one day.
            end=max(membership.withdrawn_on, membership.joined_on + timedelta(days=1))
            if membership.withdrawn_on
            else None,
            convention_id=membership.convention_id,
            withdrawal_decision_id=membership.withdrawal_decision_id,
        )
        for membership in Membership.objects.select_related("organisation").order_by("pk")
    )


def copy_back(apps, schema_editor):
    Membership = apps.get_model("purchasing", "Membership")
    Adhesion = apps.get_model("agreements", "Adhesion")
    adhesions = Adhesion.objects.filter(service=PURCHASING)
    Membership.objects.bulk_create(
        Membership(
            organisation_id=adhesion.organisation_id,
            instrument=adhesion.instrument,
            joined_on=adhesion.start,
            withdrawn_on=adhesion.end,
            convention_id=adhesion.convention_id,
            withdrawal_decision_id=adhesion.withdrawal_decision_id,
        )
        for adhesion in adhesions.order_by("pk")
    )
    adhesions.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0002_adhesion"),
        ("purchasing", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_adhesions, copy_back),
        migrations.DeleteModel(name="HistoricalMembership"),
        migrations.DeleteModel(name="Membership"),
    ]
