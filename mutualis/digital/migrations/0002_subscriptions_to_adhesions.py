"""Who uses a shared software becomes an agreements.Adhesion to the digital service, with the
software as subject; the conventions and charges that pointed to a subscription point to its
adhesion. Then digital.Subscription goes. Reversible: the adhesions become subscriptions again."""

from django.db import migrations

DIGITAL = "digital"


def content_type(apps, app_label: str, model: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def repoint_sources(apps, old_type, new_type, new_ids: dict[int, int]) -> None:
    """Conventions and charges whose `source` was an old row now name its new row."""
    for model in (apps.get_model("agreements", "Convention"), apps.get_model("billing", "Charge")):
        for old_id, new_id in new_ids.items():
            model.objects.filter(source_type=old_type, source_id=old_id).update(source_type=new_type, source_id=new_id)


def subscriptions_to_adhesions(apps, schema_editor) -> None:
    Subscription = apps.get_model("digital", "Subscription")
    Adhesion = apps.get_model("agreements", "Adhesion")
    software_type = content_type(apps, "digital", "software")
    new_ids = {}
    for subscription in Subscription.objects.select_related("software").order_by("pk"):
        adhesion = Adhesion.objects.create(
            territory_id=subscription.software.territory_id,
            organisation_id=subscription.organisation_id,
            service=DIGITAL,
            subject_type=software_type,
            subject_id=subscription.software_id,
            start=subscription.start,
            end=subscription.end,
            convention_id=subscription.convention_id,
            created_by_id=subscription.created_by_id,
            created_at=subscription.created_at,
        )
        new_ids[subscription.pk] = adhesion.pk
    repoint_sources(apps, content_type(apps, "digital", "subscription"), content_type(apps, "agreements", "adhesion"),
                    new_ids)  # fmt: skip


def adhesions_to_subscriptions(apps, schema_editor) -> None:
    Subscription = apps.get_model("digital", "Subscription")
    Adhesion = apps.get_model("agreements", "Adhesion")
    software_type = content_type(apps, "digital", "software")
    adhesions = Adhesion.objects.filter(service=DIGITAL, subject_type=software_type).order_by("pk")
    new_ids = {}
    for adhesion in adhesions:
        subscription = Subscription.objects.create(
            software_id=adhesion.subject_id,
            organisation_id=adhesion.organisation_id,
            start=adhesion.start,
            end=adhesion.end,
            convention_id=adhesion.convention_id,
            created_by_id=adhesion.created_by_id,
            created_at=adhesion.created_at,
        )
        new_ids[adhesion.pk] = subscription.pk
    repoint_sources(apps, content_type(apps, "agreements", "adhesion"), content_type(apps, "digital", "subscription"),
                    new_ids)  # fmt: skip
    adhesions.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("digital", "0001_initial"),
        ("agreements", "0002_adhesion"),
        ("billing", "0004_amount_within_a_cent_on_postgresql"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(subscriptions_to_adhesions, adhesions_to_subscriptions),
        migrations.DeleteModel(name="HistoricalSubscription"),
        migrations.DeleteModel(name="Subscription"),
    ]
