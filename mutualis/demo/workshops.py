"""The digital workshops for the demo.

2020 reproduces the seed's experimental phase exactly: 8 communes, Biarne, Rainans, Jouhe and
Menotey (North sector) with the town-hall secretaries and the agglomeration's agents, Villette-
lès-Dole, Parcey, Le Deschaux and Villers-Robert (South) with an independent body; 48 workshops
programmed, 6 a commune, of which only 16 were held (2 a commune, before the lockdown) and 32
cancelled because of the sanitary crisis; 39 people came, 23 from the North sector and 16 from the
South, 17 women and 22 men, 67 years old on average. Their names were erased a year later (the
purge), their gender, age and sector stay for the statistics.

The current year has a programme in Jouhe and two other communes, a few registrations, and a
workshop held last week with its attendance. Loading twice gives the same state.
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.demo.rows import upsert
from mutualis.territory.models import Organisation, Territory
from mutualis.workshops import services
from mutualis.workshops.models import (
    Gender,
    Participant,
    RegistrationStatus,
    RunBy,
    Series,
    Session,
    Status,
    Theme,
    Visit,
)

PARIS = ZoneInfo("Europe/Paris")
STAFF_COMMUNES = ["39051", "39449", "39270", "39323"]  # Biarne, Rainans, Jouhe, Menotey
PROVIDER_COMMUNES = ["39573", "39405", "39193", "39571"]  # Villette-lès-Dole, Parcey, Le Deschaux, Villers-Robert
PROVIDER = "Organisme indépendant de médiation numérique (fictif)"
THEMES_2020 = [Theme.TOOLS, Theme.HEALTH, Theme.DAILY_LIFE, Theme.EMPLOYMENT]
# Two workshops held a commune in January and February 2020, four cancelled from March.
HELD_DAYS = [(1, 14), (2, 11)]
CANCELLED_DAYS = [(3, 17), (4, 14), (5, 12), (6, 9)]
# (people, women) of each sector, and the 39 ages (67 on average).
NORTH, SOUTH = (23, 10), (16, 7)
AGES = [58, 74, 72, 62, 69, 55, 77, 71, 64, 60, 83, 66, 59, 72, 68, 75, 63, 70, 52, 79, 67, 61, 73,
        65, 78, 57, 69, 62, 84, 66, 71, 48, 76, 64, 70, 60, 68, 56, 69]  # fmt: skip


def at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=PARIS)


def load_workshops(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email="ateliers@mutualis.example")
    load_2020(territory, communes, manager)
    load_programme(territory, communes, manager)


def load_2020(territory: Territory, communes: dict[str, Organisation], manager: User) -> None:
    held: dict[str, list[Session]] = {"North": [], "South": []}
    for index, code in enumerate(STAFF_COMMUNES + PROVIDER_COMMUNES):
        by_provider = code in PROVIDER_COMMUNES
        series = upsert(
            Series,
            {"territory": territory, "organisation": communes[code], "title": "Ateliers numériques 2020"},
            {"theme": THEMES_2020[index % 4], "place": "Mairie", "created_by": manager,
             "created_at": at(2019, 12, 2, 9), "run_by": RunBy.PROVIDER if by_provider else RunBy.STAFF,
             "provider": PROVIDER if by_provider else ""},
        )  # fmt: skip
        for month, day in HELD_DAYS:
            session = _session(series, at(2020, month, day, 14), Status.HELD)
            held["South" if by_provider else "North"].append(session)
        for month, day in CANCELLED_DAYS:
            _session(series, at(2020, month, day, 14), Status.CANCELLED, "Crise sanitaire : confinement")
    if Visit.objects.filter(session__series__territory=territory, session__starts_at__year=2020).exists():
        return
    sector = {"North": communes[STAFF_COMMUNES[0]].sector, "South": communes[PROVIDER_COMMUNES[0]].sector}
    ages = iter(AGES)
    for name, (people, women) in (("North", NORTH), ("South", SOUTH)):
        sessions = held[name]
        for number in range(people):
            person = Participant.objects.create(
                territory=territory, gender=Gender.WOMAN if number < women else Gender.MAN, age=next(ages),
                sector=sector[name], created_at=at(2020, 1, 6, 9), purged_at=at(2021, 6, 10, 2),
            )  # fmt: skip
            # Everyone came once; the first third of each sector came back to the next workshop.
            visited = [sessions[number % len(sessions)]]
            if number < people // 3:
                visited.append(sessions[(number + 1) % len(sessions)])
            for session in visited:
                Visit.objects.create(session=session, participant=person, walk_in=True, recorded_by=manager,
                                     created_at=session.starts_at)  # fmt: skip


def _session(series: Series, starts_at: datetime, status: str, reason: str = "") -> Session:
    return upsert(
        Session,
        {"series": series, "starts_at": starts_at},
        {"ends_at": starts_at + timedelta(hours=2), "seats": 8, "status": status, "cancel_reason": reason},
    )


# (commune, theme, title, place, run by a provider, days from today of each workshop)
PROGRAMME = [
    ("39270", Theme.HEALTH, "Mon espace santé et Ameli pas à pas", "Salle du conseil, mairie de Jouhe", False,
     [6, 20, 34]),
    ("39270", Theme.TOOLS, "Premiers pas avec son smartphone", "Salle des fêtes de Jouhe", False, [13, 27]),
    ("39405", Theme.EMPLOYMENT, "France Travail : s'inscrire et suivre son dossier", "Mairie de Parcey", True,
     [9, 23]),
    ("39051", Theme.DAILY_LIFE, "Impôts, carte grise, CAF : les démarches du quotidien", "Mairie de Biarne",
     False, [16]),
]  # fmt: skip
REGISTERED = [("Monique Bernard", "06 11 22 33 44", ""), ("Gérard Petit", "", "gerard.petit@example.org"),
              ("Josiane Roux", "03 84 70 12 34", "")]  # fmt: skip


def load_programme(territory: Territory, communes: dict[str, Organisation], manager: User) -> None:
    today = timezone.localdate()
    for code, theme, title, place, by_provider, days in PROGRAMME:
        series = Series.objects.filter(territory=territory, organisation=communes[code], title=title).first()
        if series is None:
            series = services.series_save(
                series=Series(organisation=communes[code], theme=theme, title=title, place=place,
                              run_by=RunBy.PROVIDER if by_provider else RunBy.STAFF,
                              provider=PROVIDER if by_provider else ""),
                by=manager,
            )  # fmt: skip
        for days_ahead in days:
            starts_at = datetime.combine(today + timedelta(days=days_ahead), time(14), tzinfo=PARIS)
            if series.sessions.filter(starts_at=starts_at).exists():
                continue
            session = services.session_add(series=series, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
                                           seats=8, by=manager)  # fmt: skip
            services.session_publish(session=session, by=manager)
            if days_ahead == days[0]:
                for name, phone, email in REGISTERED:
                    services.registration_create(session=session, name=name, phone=phone, email=email)
    _held_last_week(territory, communes, manager)


def _held_last_week(territory: Territory, communes: dict[str, Organisation], manager: User) -> None:
    """A workshop in Jouhe last week, with who came (written as it was recorded then)."""
    series = Series.objects.get(territory=territory, organisation=communes["39270"],
                                title="Premiers pas avec son smartphone")  # fmt: skip
    starts_at = datetime.combine(timezone.localdate() - timedelta(days=5), time(14), tzinfo=PARIS)
    session = _session(series, starts_at, Status.HELD)
    if session.visits.exists():
        return
    jouhe = communes["39270"]
    for number, (name, gender, age) in enumerate([("Lucienne Girard", Gender.WOMAN, 78),
                                                  ("Bernard Faure", Gender.MAN, 69),
                                                  ("Sandrine Morel", Gender.WOMAN, 44)]):  # fmt: skip
        person = Participant.objects.create(territory=territory, name=name, phone=f"06 20 30 40 5{number}",
                                            gender=gender, age=age, sector=jouhe.sector)  # fmt: skip
        registration = session.registrations.create(participant=person, status=RegistrationStatus.REGISTERED,
                                                    token=secrets.token_urlsafe(32))  # fmt: skip
        Visit.objects.create(session=session, participant=registration.participant, recorded_by=manager)
