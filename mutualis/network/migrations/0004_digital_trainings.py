"""The digital app's software trainings become sessions of the network's training module.

Per territory, a plan "Formations aux logiciels mutualisés" under the theme "Logiciels mutualisés"
holds one planned training per digital training (titled with the software's name, so that the
software's page finds its sessions); each training becomes a session on its day and hour, with its
place, seats and programme. Each registration becomes an enrolment of the attendee's entry in the
directory: the organisation's current agent of that name, else a new entry. A training already
held is a held session whose attendees (registered, not cancelled) count as present, as the
digital app counted them as trained. digital's migration 0003 then deletes the old models.
"""

from django.db import migrations
from django.utils import timezone

from mutualis.territory.models import search_key

THEME = "Logiciels mutualisés"
PLAN = "Formations aux logiciels mutualisés"


def acting_user(apps, territory_id: int, registrations) -> int:
    """Who the copied rows are recorded as created by: a coordinator of the territory, else
    someone who registered people, else a superuser."""
    Membership = apps.get_model("territory", "Membership")
    User = apps.get_model("accounts", "User")
    coordinator = (
        Membership.objects.filter(organisation__territory_id=territory_id, role="coordinator")
        .order_by("ended_at", "pk")
        .values_list("user_id", flat=True)
        .first()
    )
    registrant = next((r.registered_by_id for r in registrations if r.registered_by_id), None)
    user_id = coordinator or registrant or User.objects.filter(is_superuser=True).values_list("pk", flat=True).first()
    if user_id is None:
        raise RuntimeError(f"Territory {territory_id}: no coordinator, registrant or superuser to own the sessions.")
    return user_id


def split_name(attendee: str) -> tuple[str, str]:
    first, _, last = attendee.strip().partition(" ")
    return (first, last) if last else ("", first)


def profile_for(apps, territory_id: int, organisation_id: int, attendee: str) -> int:
    Profile = apps.get_model("network", "Profile")
    first, last = split_name(attendee)
    keys = {search_key(f"{last} {first}"), search_key(f"{first} {last}"), search_key(attendee)}
    current = Profile.objects.filter(organisation_id=organisation_id, archived_at__isnull=True)
    found = current.filter(search_name__in=keys).order_by("pk").values_list("pk", flat=True).first()
    if found:
        return found
    return Profile.objects.create(
        territory_id=territory_id,
        organisation_id=organisation_id,
        first_name=first,
        last_name=last,
        search_name=search_key(f"{last} {first}"),
        job_title="À préciser",
    ).pk


def trainings_to_sessions(apps, schema_editor) -> None:
    Training = apps.get_model("digital", "Training")
    Registration = apps.get_model("digital", "Registration")
    TrainingTheme = apps.get_model("network", "TrainingTheme")
    TrainingPlan = apps.get_model("network", "TrainingPlan")
    PlannedTraining = apps.get_model("network", "PlannedTraining")
    TrainingSession = apps.get_model("network", "TrainingSession")
    Enrolment = apps.get_model("network", "Enrolment")
    now = timezone.now()
    trainings = list(Training.objects.select_related("software").order_by("software__territory_id", "starts_at", "pk"))
    for territory_id in dict.fromkeys(t.software.territory_id for t in trainings):
        mine = [t for t in trainings if t.software.territory_id == territory_id]
        registrations = list(Registration.objects.filter(training__in=mine).order_by("created_at", "pk"))
        user_id = acting_user(apps, territory_id, registrations)
        theme = TrainingTheme.objects.get_or_create(territory_id=territory_id, name=THEME)[0]
        years = [timezone.localtime(t.starts_at).year for t in mine]
        plan = TrainingPlan.objects.create(territory_id=territory_id, title=PLAN, first_year=min(years),
                                           last_year=max(years), created_by_id=user_id)  # fmt: skip
        for training in mine:
            starts_at = timezone.localtime(training.starts_at)
            name = training.software.name
            title = training.title if name.casefold() in training.title.casefold() else f"{name} – {training.title}"
            planned = PlannedTraining.objects.create(plan=plan, theme=theme, title=title[:200], provider="epci",
                                                     year=starts_at.year, target_agents=training.seats, budget=0,
                                                     sharing="none")  # fmt: skip
            held = training.starts_at <= now
            session = TrainingSession.objects.create(
                territory_id=territory_id,
                planned=planned,
                starts_on=starts_at.date(),
                ends_on=starts_at.date(),
                start_time=starts_at.time(),
                place=training.place,
                description=training.description,
                seats=training.seats,
                status="held" if held else "planned",
                created_by_id=user_id,
            )
            for registration in (r for r in registrations if r.training_id == training.pk):
                cancelled = registration.cancelled_at is not None
                Enrolment.objects.create(
                    session=session,
                    profile_id=profile_for(apps, territory_id, registration.organisation_id, registration.attendee),
                    status="cancelled" if cancelled else "registered",
                    attended=True if held and not cancelled else None,
                    registered_by_id=registration.registered_by_id or user_id,
                    created_at=registration.created_at,
                )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_session_programme"),
        ("digital", "0002_subscriptions_to_adhesions"),
        ("territory", "0004_working_calendar"),
    ]

    operations = [
        # Backwards, nothing is undone here: digital's 0003, reversed first, gives back empty
        # training tables, and the copied sessions stay in the network, where they now live.
        migrations.RunPython(trainings_to_sessions, migrations.RunPython.noop),
    ]
