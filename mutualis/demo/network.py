"""The agents' network for the demo.

2019 and 2020 reproduce the seed's bilan of action 2: in 2019, the Sauveteurs Secouristes du
Travail trained 90 agents from 8 communes (9 sessions of 10), and two CNFPT "UNION" trainings
gathered 23 secretaries on état civil and 20 on administrative formalities; in 2020 the sanitary
crisis left 2 SST sessions (one initial, one recycling). The Conférence des secrétaires de mairie
met 7 times from 2018, on the seed's themes. The other bodies of the seed are there too (the
Conférence des maires, the PLUi, PLH and water-and-sanitation working groups).

The current year holds the directory (a secretary for every commune, the technical agents of the
SST communes, photos with consent in Jouhe), an open census with answers, the plan for three years,
a coming SST session with registrations and a waiting list, an information meeting for technical
agents, news (one waiting for moderation) and the document library. Loading twice gives the same state.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from faker import Faker

from mutualis.accounts.models import User
from mutualis.core.periods import current_year
from mutualis.demo.digital import CEMETERY, one_page_pdf
from mutualis.demo.rows import upsert
from mutualis.network import services
from mutualis.network.models import (
    Audience,
    Body,
    Category,
    Census,
    CertificateKind,
    Document,
    Enrolment,
    Folder,
    Meeting,
    MeetingKind,
    MeetingStatus,
    News,
    NewsStatus,
    PlannedTraining,
    Profile,
    Provider,
    Registration,
    SessionStatus,
    Sharing,
    TrainingPlan,
    TrainingSession,
    TrainingTheme,
)
from mutualis.territory.models import Membership, Organisation, Role, Territory

PARIS = ZoneInfo("Europe/Paris")
MANAGER = "reseau@mutualis.example"
SECRETARIES = "Conférence des secrétaires de mairie"
BODIES = [
    (SECRETARIES, "Créée en 2018 : échanger avec toutes les secrétaires sur les décisions et projets du territoire."),
    ("Conférence des maires", "Les maires des 47 communes et le président de l'agglomération."),
    ("Groupe de travail PLUi", "Élaboration puis mise en application du plan local d'urbanisme intercommunal."),
    ("Groupe de travail PLH", "Programme local de l'habitat."),
    ("Groupe de travail transfert eau et assainissement", "Préparation du transfert de la compétence."),
]
# The seed's 7 conferences of secretaries (bilan of action 2).
CONFERENCES = [
    (date(2018, 10, 11), "Élections : préparation des scrutins et tenue des listes électorales"),
    (date(2019, 3, 14), "Mise en application du PLUi (approuvé en décembre 2019)"),
    (date(2019, 11, 21), "Présentation du dispositif « hors les murs » des médiathèques du Grand Dole"),
    (date(2020, 9, 24), "Organisation des instances intercommunales suite au renouvellement des exécutifs"),
    (date(2020, 12, 10), "Élaboration du Pacte territorial 2021-2026"),
    (date(2021, 3, 18), "Présentation du groupement de commandes permanent (« Club Acheteurs »)"),
    (date(2021, 6, 17), "Dématérialisation des autorisations d'urbanisme"),
]
# SST 2019: 90 agents of 8 communes (INSEE code, agents).
SST_2019 = [
    ("39198", 25),
    ("39526", 16),
    ("39189", 12),
    ("39233", 10),
    ("39476", 9),
    ("39101", 7),
    ("39270", 6),
    ("39150", 5),
]
SST_DAYS_2019 = [
    date(2019, 3, 11),
    date(2019, 3, 25),
    date(2019, 4, 8),
    date(2019, 5, 13),
    date(2019, 6, 3),
    date(2019, 9, 16),
    date(2019, 10, 7),
    date(2019, 11, 4),
    date(2019, 11, 25),
]
UNION_2019 = [
    ("UNION – État civil", date(2019, 2, 5), 23),
    ("UNION – Formalités administratives", date(2019, 10, 15), 20),
]
SST_2020 = [
    (date(2020, 2, 10), "Sauveteur secouriste du travail – formation initiale", 8),
    (date(2020, 9, 28), "Sauveteur secouriste du travail – maintien et actualisation (recyclage)", 9),
]
SAFETY, CIVIL = (
    "Hygiène, santé et sécurité au travail",
    "Citoyenneté, population, affaires administratives et vie associative",
)
WORKS = "Génie technique (voirie, bâtiments, espaces verts)"
SOFTWARE_THEME = "Logiciels mutualisés"  # as the migration of the digital app's trainings names it


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=PARIS)


def load_network(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    manager = User.objects.get(email=MANAGER)
    services.themes_seed(territory=territory)
    bodies = {
        name: upsert(Body, {"territory": territory, "name": name}, {"description": text}) for name, text in BODIES
    }
    secretaries = load_directory(territory, communes)
    load_conferences(territory, bodies[SECRETARIES], secretaries, manager)
    load_trainings_2019_2020(territory, communes, secretaries, manager)
    load_current_year(territory, epci, communes, bodies, manager)
    load_software_training(territory, secretaries["39270"], manager)
    load_news_and_documents(territory, epci, communes, manager)


# ---------------------------------------------------------------- directory


def _profile(organisation: Organisation, first_name: str, last_name: str, **values) -> Profile:
    lookup = {
        "territory": organisation.territory,
        "organisation": organisation,
        "first_name": first_name,
        "last_name": last_name,
    }
    return upsert(Profile, lookup, {"created_at": at(date(2019, 1, 7)), **values})


def load_directory(territory: Territory, communes: dict[str, Organisation]) -> dict[str, Profile]:
    """A secretary for every commune (linked to her account), the agents of the SST communes."""
    secretaries = {}
    accounts = Membership.objects.filter(organisation__territory=territory, role=Role.SECRETARY).select_related("user")
    account_of = {m.organisation_id: m.user for m in accounts}
    for code, commune in sorted(communes.items()):
        user = account_of.get(commune.pk)
        first, last = (user.first_name, user.last_name) if user else ("Secrétaire", commune.name)
        secretaries[code] = _profile(
            commune,
            first,
            last,
            user=user,
            job_title="Secrétaire de mairie",
            category=Category.ADMINISTRATIVE,
            work_phone="03 84 00 00 00",
            email=f"mairie@{code}.grand-dole.example",
        )
    fake = Faker("fr_FR")
    fake.seed_instance(2019)
    for code, count in SST_2019:
        for number in range(count):
            job = "Agent technique polyvalent" if number % 3 else "Agent d'entretien des espaces verts"
            _profile(
                communes[code],
                fake.first_name(),
                f"{fake.last_name()}-{code[-2:]}{number:02d}",
                job_title=job,
                category=Category.TECHNICAL,
                department="Services techniques",
            )
    return secretaries


def _agents(organisation: Organisation, count: int) -> list[Profile]:
    rows = Profile.objects.filter(organisation=organisation, category=Category.TECHNICAL).order_by("pk")
    return list(rows[:count])


# ---------------------------------------------------------------- meetings


def load_conferences(territory: Territory, body: Body, secretaries: dict[str, Profile], manager: User) -> None:
    profiles = list(secretaries.values())
    for number, (day, title) in enumerate(CONFERENCES):
        meeting = upsert(
            Meeting,
            {"territory": territory, "body": body, "title": title},
            {
                "kind": MeetingKind.CONFERENCE,
                "starts_at": at(day, 14),
                "place": "Salle du conseil communautaire, Dole",
                "status": MeetingStatus.HELD,
                "audience_roles": [Role.SECRETARY],
                "created_by": manager,
                "created_at": at(day - timedelta(days=30)),
            },
        )
        if meeting.seats_taken.exists():
            continue
        # Between 24 and 36 secretaries came to each conference.
        for index, profile in enumerate(profiles[: 24 + 2 * number]):
            Registration.objects.create(
                meeting=meeting,
                profile=profile,
                registered_by=manager,
                attended=True,
                created_at=at(day - timedelta(days=10 - index % 5)),
            )


# ---------------------------------------------------------------- 2019 and 2020


def _plan(territory: Territory, title: str, first: int, last: int, manager: User) -> TrainingPlan:
    return upsert(
        TrainingPlan,
        {"territory": territory, "title": title},
        {"first_year": first, "last_year": last, "created_by": manager},
    )


def _planned(plan: TrainingPlan, title: str, theme: str, **values) -> PlannedTraining:
    theme_row = TrainingTheme.objects.get(territory=plan.territory, name=theme)
    return upsert(PlannedTraining, {"plan": plan, "title": title}, {"theme": theme_row, **values})


def _held(planned: PlannedTraining, day: date, agents: list[Profile], manager: User, **values) -> TrainingSession:
    """A session held that day, every agent present, its certificates issued; its cost billed outside Mutualis."""
    session = upsert(
        TrainingSession,
        {"territory": planned.plan.territory, "planned": planned, "starts_on": day},
        {
            "ends_on": day + timedelta(days=1) if planned.certificate_kind else day,
            "status": SessionStatus.HELD,
            "charged_on": day + timedelta(days=30),
            "created_by": manager,
            **values,
        },
    )
    if session.seats_taken.exists():
        return session
    for agent in agents:
        Enrolment.objects.create(
            session=session,
            profile=agent,
            registered_by=manager,
            attended=True,
            created_at=at(day - timedelta(days=20)),
        )
        if planned.certificate_kind:
            services.certificate_issue(
                profile=agent, kind=planned.certificate_kind, issued_on=session.ends_on, session=session, by=manager
            )
    return session


def load_trainings_2019_2020(
    territory: Territory, communes: dict[str, Organisation], secretaries: dict[str, Profile], manager: User
) -> None:
    plan = _plan(territory, "Formations mutualisées 2019-2020", 2019, 2020, manager)
    sst = _planned(
        plan,
        "Sauveteur secouriste du travail",
        SAFETY,
        provider=Provider.PRIVATE,
        provider_name="Organisme de formation SST (fictif)",
        year=2019,
        target_agents=90,
        budget=Decimal("10800"),
        sharing=Sharing.BY_ATTENDEE,
        certificate_kind=CertificateKind.SST,
    )
    agents = [agent for code, count in SST_2019 for agent in _agents(communes[code], count)]
    for number, day in enumerate(SST_DAYS_2019):
        _held(
            sst,
            day,
            agents[number * 10 : number * 10 + 10],
            manager,
            seats=10,
            cost=Decimal("1200"),
            place="Salle des fêtes de Tavaux",
            trainer="Organisme de formation SST (fictif)",
        )
    codes = sorted(secretaries)
    for index, (title, day, count) in enumerate(UNION_2019):
        union = _planned(
            plan,
            title,
            CIVIL,
            provider=Provider.CNFPT,
            provider_name="CNFPT Bourgogne-Franche-Comté",
            year=2019,
            target_agents=count,
            budget=Decimal("0"),
            sharing=Sharing.NONE,
        )
        chosen = codes[index * 5 :][:count]
        _held(
            union,
            day,
            [secretaries[code] for code in chosen],
            manager,
            seats=25,
            cost=Decimal("0"),
            place="Maison de l'intercommunalité, Dole",
            trainer="CNFPT",
        )
    for day, title, count in SST_2020:
        training = _planned(
            plan,
            title,
            SAFETY,
            provider=Provider.PRIVATE,
            year=2020,
            target_agents=count,
            provider_name="Organisme de formation SST (fictif)",
            budget=Decimal("1200"),
            sharing=Sharing.BY_ATTENDEE,
            certificate_kind=CertificateKind.SST,
        )
        if "recyclage" in title:
            chosen = agents[:count]  # agents trained in 2019
        else:
            chosen = [
                _profile(
                    communes["39198"],
                    f"Agent{n}",
                    "Nouveau-2020",
                    job_title="Agent technique",
                    category=Category.TECHNICAL,
                    department="Voirie",
                )
                for n in range(count)
            ]
        _held(
            training,
            day,
            chosen,
            manager,
            seats=10,
            cost=Decimal("1200"),
            place="Salle des fêtes de Tavaux",
            trainer="Organisme de formation SST (fictif)",
        )


# ---------------------------------------------------------------- the current year


def load_current_year(
    territory: Territory, epci: Organisation, communes: dict[str, Organisation], bodies: dict[str, Body], manager: User
) -> None:
    year, today = current_year(), timezone.localdate()
    census = Census.objects.filter(territory=territory, year=year).first() or services.census_open(
        territory=territory, year=year, closes_on=date(year, 12, 31), by=manager
    )
    if not census.answers.exists():
        themes = {t.name: t for t in TrainingTheme.objects.filter(territory=territory)}
        codes = ["39198", "39526", "39189", "39233", "39101", "39150", "39051", "39449", "39476"]
        for number, code in enumerate(codes):
            secretary = Membership.objects.filter(organisation=communes[code], role=Role.SECRETARY).first()
            answers = {
                themes[SAFETY]: (3 + number % 4, "SST initial et recyclage"),
                themes[WORKS]: (1 + number % 3, ""),
            }
            no_need = code == codes[-1]  # one commune answers that it has no need this year
            services.census_answer(census=census, organisation=communes[code], answers={} if no_need else answers,
                                   no_need=no_need, by=secretary.user if secretary else manager)  # fmt: skip
    plan = _plan(territory, f"Plan de formation mutualisé {year}-{year + 2}", year, year + 2, manager)
    sst = _planned(
        plan,
        "Sauveteur secouriste du travail – recyclage",
        SAFETY,
        provider=Provider.PRIVATE,
        provider_name="Organisme de formation SST (fictif)",
        year=year,
        target_agents=30,
        budget=Decimal("3600"),
        sharing=Sharing.BY_ATTENDEE,
        certificate_kind=CertificateKind.SST,
    )
    _planned(
        plan,
        "Habilitation électrique BS/BE manœuvre",
        WORKS,
        provider=Provider.PRIVATE,
        year=year + 1,
        provider_name="Organisme privé (fictif)",
        target_agents=12,
        budget=Decimal("2900"),
        sharing=Sharing.BY_COMMUNE,
        certificate_kind=CertificateKind.ELECTRICAL,
    )
    _planned(
        plan,
        "Accueil du public et état civil",
        CIVIL,
        provider=Provider.CNFPT,
        year=year + 1,
        provider_name="CNFPT Bourgogne-Franche-Comté",
        target_agents=20,
        budget=Decimal("0"),
        sharing=Sharing.NONE,
    )
    starts_on = today + timedelta(days=21)
    session = TrainingSession.objects.filter(planned=sst).first() or services.session_save(
        session=TrainingSession(
            planned=sst,
            starts_on=starts_on,
            ends_on=starts_on,
            place="Salle des fêtes de Jouhe",
            trainer="Organisme de formation SST (fictif)",
            seats=10,
            cost=Decimal("1200"),
        ),
        by=manager,
    )
    if not session.seats_taken.exists():
        for code, count in (("39198", 6), ("39270", 3), ("39526", 3)):
            secretary = Membership.objects.filter(organisation=communes[code], role=Role.SECRETARY).first()
            for agent in _agents(communes[code], count):
                services.enrol(session=session, profile=agent, by=secretary.user)
    # Certificates of the last recycling end soon: Jouhe's secretary sees them on her home.
    for agent in _agents(communes["39270"], 2):
        services.certificate_issue(
            profile=agent, kind=CertificateKind.SST, issued_on=today - timedelta(days=700), by=manager
        )
    upsert(
        Meeting,
        {
            "territory": territory,
            "body": bodies["Conférence des maires"],
            "title": "Bilan annuel du schéma de mutualisation",
        },
        {
            "kind": MeetingKind.CONFERENCE,
            "starts_at": at(today + timedelta(days=28), 18),
            "place": "Salle du conseil communautaire, Dole",
            "audience_roles": [Role.ORG_MANAGER],
            "created_by": manager,
        },
    )
    meeting = upsert(
        Meeting,
        {"territory": territory, "body": bodies[SECRETARIES], "title": "Le recensement des besoins de formation"},
        {
            "kind": MeetingKind.INFORMATION,
            "starts_at": at(today + timedelta(days=14), 14),
            "seats": 40,
            "place": "Maison de l'intercommunalité, Dole",
            "created_by": manager,
            "agenda": "1. Le plan de formation mutualisé\n2. Les sessions SST de l'année\n3. Questions diverses",
            "audience_roles": [Role.SECRETARY],
            "audience_categories": [Category.TECHNICAL],
        },
    )
    if not meeting.seats_taken.exists():
        for code in ("39270", "39198", "39526"):
            secretary = Membership.objects.filter(organisation=communes[code], role=Role.SECRETARY).first()
            profile = Profile.objects.filter(organisation=communes[code], job_title="Secrétaire de mairie").first()
            services.meeting_register(meeting=meeting, profile=profile, by=secretary.user)


def load_software_training(territory: Territory, secretary: Profile, manager: User) -> None:
    """The cemetery software's training, a session titled with its name (its page links to it);
    Jouhe's secretary registered herself."""
    year, today = current_year(), timezone.localdate()
    upsert(TrainingTheme, {"territory": territory, "name": SOFTWARE_THEME}, {})
    plan = _plan(territory, f"Formations aux logiciels mutualisés {year}", year, year, manager)
    planned = _planned(plan, f"{CEMETERY} – Prise en main", SOFTWARE_THEME, provider=Provider.EPCI, year=year,
                       target_agents=10, budget=Decimal("0"), sharing=Sharing.NONE)  # fmt: skip
    starts_on = today + timedelta(days=21)
    session = TrainingSession.objects.filter(planned=planned).first() or services.session_save(
        session=TrainingSession(planned=planned, starts_on=starts_on, ends_on=starts_on, start_time=time(9, 30),
                                place="Siège de l'Agglomération, Dole", seats=10,
                                description="Plans, concessions, registre ; une demi-journée, sur poste."),
        by=manager,
    )  # fmt: skip
    if not session.seats_taken.exists():
        services.enrol(session=session, profile=secretary, by=secretary.user)


def load_news_and_documents(
    territory: Territory, epci: Organisation, communes: dict[str, Organisation], manager: User
) -> None:
    news = [
        (
            epci,
            "Sessions SST de l'année : inscrivez vos agents",
            Audience.TECHNICAL,
            NewsStatus.PUBLISHED,
            "La prochaine session de recyclage SST se tient à Jouhe. Les secrétaires inscrivent leurs agents dans "
            "Mutualis, rubrique Réseau et formations.",
        ),
        (
            epci,
            "Recensement des besoins de formation",
            Audience.SECRETARIES,
            NewsStatus.PUBLISHED,
            "Le recensement annuel des besoins de formation est ouvert jusqu'au 31 décembre.",
        ),
        (
            epci,
            "Conférence des maires : bilan du schéma",
            Audience.MAYORS,
            NewsStatus.PUBLISHED,
            "Le bilan annuel du schéma de mutualisation sera présenté en Conférence des maires.",
        ),
        (
            communes["39270"],
            "Jouhe prête sa salle des fêtes pour les formations",
            Audience.ALL,
            NewsStatus.PENDING,
            "La commune de Jouhe accueille les sessions de formation mutualisées dans sa salle des fêtes.",
        ),
    ]
    for number, (organisation, title, audience, status, text) in enumerate(news):
        published = at(timezone.localdate() - timedelta(days=3 + number)) if status == NewsStatus.PUBLISHED else None
        upsert(
            News,
            {"territory": territory, "title": title},
            {
                "organisation": organisation,
                "text": text,
                "audience": audience,
                "status": status,
                "published_at": published,
                "created_by": manager,
            },
        )
    documents = [
        ("Prévention", "Courrier de prévention : les obligations de l'employeur en santé et sécurité"),
        ("Guides", "Guide des élections municipales pour les secrétaires de mairie"),
        ("Modèles", "Modèle d'arrêté de voirie"),
        ("Comptes rendus", "Compte rendu de la Conférence des secrétaires : autorisations d'urbanisme"),
    ]
    for folder_name, title in documents:
        folder = upsert(Folder, {"territory": territory, "name": folder_name}, {})
        if not Document.objects.filter(territory=territory, title=title).exists():
            services.document_add(
                document=Document(folder=folder, title=title),
                by=manager,
                upload=one_page_pdf(title, f"{folder_name.lower().replace(' ', '-')}.pdf"),
            )
