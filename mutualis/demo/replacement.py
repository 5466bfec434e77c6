"""The replacement service for the demo (action 6): the seed's pool of 11 agents (10 secretaries
and a technical agent who looks after community halls), the tariff, a few adhesions and three
requests (received, assigned, in progress with validated weeks), all through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.replacement.models import Agent, Request, Tariff
from mutualis.replacement.services import (
    active_adhesion,
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
from mutualis.territory.models import Organisation, Territory

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
TARIFF = {"valid_from": date(2026, 1, 1), "hourly_rate": Decimal("24.50"), "km_allowance": Decimal("0.35")}


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
        if active_adhesion(organisation) is None:
            adhesion_create(organisation=organisation, start=date(2026, 1, 1), by=manager)
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
    assignment_create(request=release, agent=agents["Aurélie Lambert"], start=release.start, end=release.end,
                      weekly_hours=Decimal("7"), by=manager)  # fmt: skip
    # Received: Foucherans for the summer leave of its secretary, end not yet known.
    request_create(
        organisation=foucherans, motive="annual_leave", start=monday_of(today) + timedelta(weeks=5), end=None,
        weekdays=[0, 1, 2, 3, 4], weekly_hours=Decimal("35"), skills=["civil_status", "elections"],
        notes="Préparation des élections municipales.",
        created_by=User.objects.get(email="secretary.39233@mutualis.example"),
    )  # fmt: skip
