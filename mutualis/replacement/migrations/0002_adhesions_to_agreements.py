"""The replacement service's own adhesions become `agreements.Adhesion` rows (service
"replacement"), with their territory, organisation, start, end and convention; then the old
model goes. Its history is not carried over."""

from django.db import migrations

SERVICE = "replacement"


def to_agreements(apps, schema_editor):
    Old = apps.get_model("replacement", "Adhesion")
    New = apps.get_model("agreements", "Adhesion")
    New.objects.bulk_create(
        New(
            territory_id=old.territory_id,
            organisation_id=old.organisation_id,
            service=SERVICE,
            start=old.start,
            end=old.ended_on,
            convention_id=old.convention_id,
        )
        for old in Old.objects.order_by("pk")
    )


def to_replacement(apps, schema_editor):
    Old = apps.get_model("replacement", "Adhesion")
    New = apps.get_model("agreements", "Adhesion")
    # The old model needs a convention and has no formula nor subject.
    rows = New.objects.filter(service=SERVICE, instrument="", subject_id__isnull=True, convention__isnull=False)
    Old.objects.bulk_create(
        Old(
            territory_id=new.territory_id,
            organisation_id=new.organisation_id,
            start=new.start,
            ended_on=new.end,
            convention_id=new.convention_id,
        )
        for new in rows.order_by("pk")
    )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("replacement", "0001_initial"),
        ("agreements", "0002_adhesion"),
    ]

    operations = [
        migrations.RunPython(to_agreements, to_replacement),
        migrations.DeleteModel(name="HistoricalAdhesion"),
        migrations.DeleteModel(name="Adhesion"),
    ]
