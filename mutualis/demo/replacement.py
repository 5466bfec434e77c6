"""The replacement service for the demo (action 6): the seed's pool of 11 agents (10 secretaries
and a technical agent who looks after community halls), the tariff, the adhesions of the
organisations that use it (every one with a request among them) and three requests (received,
assigned, in progress with validated weeks), all through the services. The conventions of the
adhesions and of the missions under way or to come are signed, a fortnight before they start
(or today, for one starting sooner): a mission starts, and hours are billed, only then."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.agreements.models import Adhesion, Convention, Status
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.demo.digital import signed_scan
from mutualis.replacement.models import Agent, Assignment, Request, Tariff
from mutualis.replacement.services import (
    adhesion_create,
    agent_save,
    assignment_create,
    monday_of,
    preference_set,
    request_create,
    tariff_set,
    timesheet_record,
    timesheet_validate,
)
from mutualis.territory.models import Organisation, Service, Territory

# (name, home INSEE code, hours a week, max km, skills {skill: level}); the first one logs in.
POOL = [
    ("Claire Vuillemin", "39233", "35", 30, {"civil_status": 3, "elections": 3, "accounting": 2, "reception": 3}),
    ("Sophie Bourgeois", "39198", "35", 40, {"accounting": 3, "payroll": 3, "procurement": 2}),
    ("Nathalie Girardot", "39526", "28", 25, {"civil_status": 2, "planning": 3, "reception": 2}),
    ("Isabelle Jeunet", "39189", "35", 30, {"accounting": 2, "payroll": 2, "civil_status": 2}),
    ("Valérie Monnier", "39405", "17.5", 20, {"reception": 3, "civil_status": 2, "elections": 2}),
    ("Marion Cretin", "39101", "35", 35, {"procurement": 3, "accounting": 3}),
    ("Céline Perrot", "39476", "35", 30, {"civil_status": 3, "planning": 2, "elections": 2}),
    ("Aurélie Lambert", "39150", "28", 25, {"payroll": 3, "accounting": 2}),
    ("Sandrine Faivre", "39030", "35", 40, {"civil_status": 2, "accounting": 2, "reception": 2}),
    ("Émilie Chevalier", "39501", "35", 30, {"planning": 3, "procurement": 2, "civil_status": 1}),
    ("Julien Roussel", "39198", "35", 30, {"hall_upkeep": 3, "reception": 1}),
]
# From 2025, so that the weeks worked before any demo day are in the service and billed at a tariff.
ADHERED_ON = date(2025, 1, 1)
TARIFF = {"valid_from": ADHERED_ON, "hourly_rate": Decimal("24.50"), "km_allowance": Decimal("0.35")}


def sign(convention: Convention, start: date, by: User) -> None:
    """Send and sign the convention, a fortnight before `start` (or today, if it starts sooner)."""
    if convention.status == Status.DRAFT:
        convention_send(convention=convention, by=by)
    if convention.status == Status.SENT:
        signed_on = min(start - timedelta(days=14), timezone.localdate())
        convention_sign(convention=convention, signed_on=signed_on, signed_scan=signed_scan(convention), by=by)


def sign_all(territory: Territory, by: User) -> None:
    """The conventions of the adhesions in force or to come, and of the missions not yet over."""
    adhesions = Adhesion.objects.filter(territory=territory, service=Service.REPLACEMENT).open()
    missions = Assignment.objects.filter(territory=territory, end__gt=timezone.localdate()).active()
    for rows in (adhesions, missions):
        for row in rows.filter(convention__isnull=False).select_related("convention"):
            sign(row.convention, row.start, by)


def load_replacement(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="remplacement@mutualis.example")
    if not Tariff.objects.filter(territory=territory).exists():
        tariff_set(territory=territory, by=manager, **TARIFF)
    agents = {}
    for index, (name, home, hours, max_km, skills) in enumerate(POOL):
        user = User.objects.get(email="remplacante@mutualis.example") if index == 0 else None
        agents[name] = Agent.objects.filter(territory=territory, name=name).first() or agent_save(
            territory=territory, name=name, home=communes[home], working_hours=Decimal(hours), max_km=max_km,
            skills=skills, user=user, by=manager,
        )  # fmt: skip
    by_name = {o.name: o for o in territory.organisations.all()}
    jouhe, foucherans, sivos = communes["39270"], communes["39233"], by_name["SIVOS du Val des Anges"]
    for organisation in (jouhe, foucherans, communes["39014"], sivos, by_name["Syndicat Mixte de la Grande Tablée"]):
        if not organisation.adhesions.of_service(Service.REPLACEMENT).open().exists():
            adhesion_create(organisation=organisation, start=ADHERED_ON, by=manager)
    sign_all(territory, manager)
    if Request.objects.filter(territory=territory).exists():
        return
    preference_set(organisation=jouhe, agent=agents["Claire Vuillemin"], kind="preferred", by=manager)
    today = timezone.localdate()
    mayor = User.objects.get(email="maire.jouhe@mutualis.example")
    secretary = User.objects.get(email="secretaire.jouhe@mutualis.example")
    # In progress: Jouhe's secretary on sick leave for six weeks, three weeks ago.
    start = monday_of(today) - timedelta(weeks=3)
    sick = request_create(
        organisation=jouhe, motive="sick_leave", start=start, end=start + timedelta(weeks=6), weekdays=[0, 1, 3],
        weekly_hours=Decimal("18"), skills=["civil_status", "accounting"], urgency=3,
        notes="Mairie ouverte lundi, mardi et jeudi. Logiciels Berger-Levrault (état civil, comptabilité M57).",
        created_by=secretary,
    )  # fmt: skip
    claire = agents["Claire Vuillemin"]
    mission = assignment_create(request=sick, agent=claire, start=sick.start, end=sick.end,
                                weekly_hours=Decimal("18"), by=manager)  # fmt: skip
    sign(mission.convention, mission.start, manager)
    for week, hours, km in ((0, "18", "42"), (1, "17.5", "42"), (2, "18", "56")):
        timesheet = timesheet_record(assignment=mission, week=start + timedelta(weeks=week), hours=Decimal(hours),
                                     km=Decimal(km), by=claire.user or manager)  # fmt: skip
        if week < 2:
            timesheet_validate(timesheet=timesheet, by=mayor)
    # Assigned: the SIVOS's secretary on union release one day a week, from next month.
    release_start = monday_of(today) + timedelta(weeks=2)
    release = request_create(
        organisation=sivos, motive="union_release", start=release_start, end=release_start + timedelta(weeks=12),
        weekdays=[4], weekly_hours=Decimal("7"), skills=["payroll"], created_by=manager,
    )  # fmt: skip
    release_mission = assignment_create(request=release, agent=agents["Aurélie Lambert"], start=release.start,
                                        end=release.end, weekly_hours=Decimal("7"), by=manager)  # fmt: skip
    sign(release_mission.convention, release_mission.start, manager)
    # Received: Foucherans for the summer leave of its secretary, end not yet known.
    request_create(
        organisation=foucherans, motive="annual_leave", start=monday_of(today) + timedelta(weeks=5), end=None,
        weekdays=[0, 1, 2, 3, 4], weekly_hours=Decimal("35"), skills=["civil_status", "elections"],
        notes="Préparation des élections municipales.",
        created_by=User.objects.get(email="secretary.39233@mutualis.example"),
    )  # fmt: skip
