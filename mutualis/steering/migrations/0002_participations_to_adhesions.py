"""Steering's participations become adhesions to the service the action steers.

Each participation of an organisation in an action that names a service becomes an
`agreements.Adhesion` to that service over the same dates, with its withdrawal decision, unless
an adhesion of the organisation to that service already overlaps those dates (the service kept
its own record: nothing to add). Participations in an action naming no service are not carried:
nothing would read them, as "took part in the action" is now computed from the service's
adhesions and use. The Grand Dole demo has none (its participations were in actions 3, 4 and 6,
which name equipment, purchasing and replacement); the migration test counts both kinds.

Going back recreates a participation for each adhesion to a service an action steers, over the
dates the adhesion and the action's schéma share; adhesions are never deleted.
"""

from datetime import date

from django.db import migrations
from django.db.models import Q


def overlapping(queryset, start, end, start_field, end_field):
    """Rows of [row.start, row.end) that share a day with [start, end); None ends are open."""
    condition = Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": start})
    if end is not None:
        condition &= Q(**{f"{start_field}__lt": end})
    return queryset.filter(condition)


def participations_to_adhesions(apps, schema_editor):
    Participation = apps.get_model("steering", "Participation")
    Adhesion = apps.get_model("agreements", "Adhesion")
    rows = Participation.objects.exclude(action__service="").select_related("action__scheme").order_by("since", "pk")
    for row in rows:
        service = row.action.service
        existing = Adhesion.objects.filter(organisation_id=row.organisation_id, service=service)
        if overlapping(existing, row.since, row.until, "start", "end").exists():
            continue
        Adhesion.objects.create(
            territory_id=row.action.scheme.territory_id,
            organisation_id=row.organisation_id,
            service=service,
            start=row.since,
            end=row.until,
            withdrawal_decision_id=row.withdrawal_decision_id,
        )


def adhesions_to_participations(apps, schema_editor):
    Participation = apps.get_model("steering", "Participation")
    Adhesion = apps.get_model("agreements", "Adhesion")
    Action = apps.get_model("steering", "Action")
    for action in Action.objects.exclude(service="").select_related("scheme"):
        scheme_start, scheme_end = date(action.scheme.start_year, 1, 1), date(action.scheme.end_year + 1, 1, 1)
        adhesions = Adhesion.objects.filter(territory_id=action.scheme.territory_id, service=action.service)
        for adhesion in overlapping(adhesions, scheme_start, scheme_end, "start", "end").order_by("start", "pk"):
            since = max(adhesion.start, scheme_start)
            until = min(adhesion.end, scheme_end) if adhesion.end else None
            taken = Participation.objects.filter(action=action, organisation_id=adhesion.organisation_id)
            if overlapping(taken, since, until, "since", "until").exists():
                continue
            Participation.objects.create(
                action=action,
                organisation_id=adhesion.organisation_id,
                since=since,
                until=until,
                withdrawal_decision_id=adhesion.withdrawal_decision_id,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0001_initial"),
        ("agreements", "0002_adhesion"),
    ]

    operations = [migrations.RunPython(participations_to_adhesions, adhesions_to_participations)]
