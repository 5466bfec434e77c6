"""The schéma for the demo: the 2021-2026 scheme with its 9 actions and their milestones exactly as
the seed states them (titles and due periods), and the 2016-2020 review items as the previous
scheme. Long texts (context, objectives, perimeter, review) are read from the seed's excerpt kept
in mutualis/steering/data; titles and due periods are written out below, and
mutualis/steering/tests/test_demo.py checks them against that excerpt."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from mutualis.agreements.models import Instrument as I  # noqa: N817
from mutualis.demo.rows import upsert
from mutualis.steering.models import (
    Action,
    CostLine,
    IndicatorDefinition,
    Milestone,
    MilestoneStatus,
    Scheme,
)
from mutualis.steering.services import milestone_save, target_set
from mutualis.territory.models import Organisation, Service, Territory

SEED = Path(__file__).resolve().parents[1] / "steering" / "data" / "schema-2021-2026-sections-2-3.txt"
THROUGHOUT = "Tout au long du mandat, en fonction des besoins exprimés par les communes"

# number: (title as in the seed's list, service, instruments, launched on,
#          [(milestone title, due as parse_due reads it, details, done on)])
ACTIONS = {
    1: ("Mettre en place une cellule d'expertise technique pour les communes", Service.HELPDESK,
        [I.COMMON_SERVICE], date(2022, 1, 1), [(THROUGHOUT, "", "", None)]),
    2: ("Créer et développer un réseau d'échanges entre les agents territoriaux du Grand Dole", Service.NETWORK,
        [I.SERVICE_PROVISION], date(2021, 10, 1), [
            ("Recensement des agents territoriaux", "T4 2021", "", date(2021, 12, 10)),
            ("Organisation d'ateliers", "2022", "", date(2022, 6, 15)),
            ("Création d'un trombinoscope des agents techniques", "2022", "", date(2022, 11, 30)),
            ("Élaboration d'un plan de formation mutualisé", "2023", "", date(2023, 9, 29)),
            ("Organisation de formations mutualisées à destination des agents techniques", "2023", "", None),
        ]),
    3: ("Mettre en commun et partager le matériel technique", Service.EQUIPMENT,
        [I.POOLING_OF_RESOURCES], date(2021, 7, 1), [
            ("Recensement des besoins", "T3 2021", "", date(2021, 9, 20)),
            ("Publication de la liste des biens pouvant être mis à disposition", "T4 2021", "", date(2021, 12, 15)),
            ("Premières mises à disposition", "2022", "", date(2022, 3, 1)),
        ]),
    4: ("Optimiser les achats", Service.PURCHASING, [I.JOINT_PURCHASING, I.PURCHASING_CENTRE], date(2021, 7, 1), [
            ("Tout au long du mandat en fonction des consultations à lancer et des besoins exprimés par les "
             "adhérents du « Club Acheteurs »", "", "", None),
        ]),
    5: ("Développer un service de prévention et santé au travail", Service.PREVENTION,
        [I.SERVICE_PROVISION], date(2021, 7, 1), [
            (THROUGHOUT, "", "", None),
            ("Premières interventions pour des collectivités extérieures", "2021",
             "Rochefort sur Nenon, Communauté de Communes Jura Nord, SICTOM", date(2021, 11, 4)),
        ]),
    6: ("Poursuivre le développement du service de remplacement des agents communaux", Service.REPLACEMENT,
        [I.INDIVIDUAL_SECONDMENT], date(2021, 7, 1), [
            ("Création des services communs de la Communauté d'Agglomération du Grand Dole", "01/01/2022", "",
             date(2022, 1, 1)),
            ("Premières adhésions", "2022", "", date(2022, 2, 1)),
        ]),
    7: ("Renforcer l'ingénierie sur le territoire (création de services communs)", Service.COMMON_SERVICES,
        [I.COMMON_SERVICE], date(2022, 1, 1), [
            ("Création des services communs de la Communauté d'Agglomération du Grand Dole", "01/01/2022", "",
             date(2022, 1, 1)),
            ("Premières adhésions", "2022",
             "Ville de Dole, Syndicat Mixte Grande Tablée, Syndicat Mixte Doubs Loue ...", date(2022, 3, 1)),
        ]),
    8: ("Organiser des ateliers numériques dans les communes à destination des habitants", Service.WORKSHOPS,
        [], date(2021, 10, 1), [("Organisation de nouveaux ateliers numériques", "10/2021", "", date(2021, 10, 5))]),
    9: ("Développer une expertise informatique et numérique pour les communes", Service.DIGITAL,
        [I.POOLING_OF_RESOURCES, I.JOINT_PURCHASING], date(2022, 1, 1), [(THROUGHOUT, "", "", None)]),
}  # fmt: skip

# The 2016-2020 review (seed, section 2): (heading, completed by the end of 2020)
REVIEW = [
    ("Mise en place d'un service de remplacement de personnel", True),
    ("Organisation de formations mutualisées", True),
    ("Création d'un « Club acheteurs »", True),
    ("Renforcement de la plateforme d'assistance et de conseil aux communes", True),
    ("Développement de groupes de réflexions thématiques", True),
    ("Systèmes d'information et ressources numériques", False),
    ("Gestion des équipements sportifs", False),
    ("Mise en place d'une plateforme d'informations et d'échanges", False),
]
REVIEW_END = "Les actions en cours"
SECTION_3 = "3 | Les actions du nouveau schéma de mutualisation 2021-2026"
HEADINGS = {"Contexte": "context", "Objectifs de l'action": "objectives", "Périmètre de l'action": "perimeter"}
DUE_HEADING = "Échéances prévisionnelles de mise en œuvre"

# Indicators: (action, label, unit, registry key or "", {year: target})
INDICATORS = [
    (3, "Prêts de matériel terminés", "prêts", "equipment.loans_completed", {2025: 40, 2026: 60}),
    (6, "Missions de remplacement", "missions", "replacement.missions", {2025: 30, 2026: 35}),
    (1, "Sollicitations de la cellule d'expertise", "sollicitations", "helpdesk.requests", {2025: 120, 2026: 150}),
    (2, "Agents formés dans le cadre du plan mutualisé", "agents", "", {2025: 90, 2026: 110}),
]
COSTS = [
    (3, 2025, "Entretien du parc de matériel communautaire", Decimal("4200.00")),
    (6, 2025, "Coordination du service de remplacement (0,2 ETP)", Decimal("9500.00")),
    (6, 2026, "Coordination du service de remplacement (0,2 ETP)", Decimal("9690.00")),
    (1, 2026, "Temps des experts non facturé", Decimal("3000.00")),
]


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def paragraphs(lines: list[str]) -> str:
    return "\n".join(line.removeprefix("- ▶ ").removeprefix("- ") for line in lines if line)


def review_texts(lines: list[str]) -> dict[str, str]:
    """Heading → its paragraphs, for the review items of section 2."""
    headings = [heading for heading, _completed in REVIEW]
    texts: dict[str, list[str]] = {}
    current = None
    for line in lines[: lines.index(SECTION_3)]:
        if line in headings:
            current = line
            texts[current] = []
        elif line == REVIEW_END:
            current = None
        elif current:
            texts[current].append(line)
    return {heading: paragraphs(body) for heading, body in texts.items()}


def action_texts(lines: list[str]) -> dict[int, dict[str, str]]:
    """Context, objectives and perimeter of each action of section 3 (action 7 has no "Contexte" heading)."""
    section = lines[lines.index(SECTION_3) :]
    section = section[[line.startswith("9. ") for line in section].index(True) + 1 :]  # after the list of titles
    texts: dict[int, dict[str, list[str]]] = {}
    number, part = None, None
    for line in section:
        match = re.match(r"^(\d)\. (.+)$", line)
        if match and int(match[1]) == (number or 0) + 1:
            number, part = int(match[1]), "context"
            texts[number] = {"context": [], "objectives": [], "perimeter": []}
        elif number and line in HEADINGS:
            part = HEADINGS[line]
        elif number and line == DUE_HEADING:
            part = None
        elif number and part:
            texts[number][part].append(line)
    return {n: {key: paragraphs(body) for key, body in parts.items()} for n, parts in texts.items()}


def load_steering(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    lines = seed_lines()
    previous = upsert(
        Scheme, {"territory": territory, "start_year": 2016},
        {"title": "Schéma de mutualisation des services", "end_year": 2020},
    )  # fmt: skip
    reviews = review_texts(lines)
    for number, (heading, completed) in enumerate(REVIEW, start=1):
        upsert(Action, {"scheme": previous, "number": number},
               {"title": heading, "review": reviews[heading], "is_completed": completed})  # fmt: skip
    scheme = upsert(
        Scheme, {"territory": territory, "start_year": 2021},
        {"title": "Schéma de mutualisation des services", "end_year": 2026, "previous": previous},
    )  # fmt: skip
    texts = action_texts(lines)
    actions = {}
    for number, (title, service, instruments, launched_on, milestones) in ACTIONS.items():
        actions[number] = action = upsert(
            Action, {"scheme": scheme, "number": number},
            {"title": title, "service": service, "instruments": [str(i) for i in instruments],
             "launched_on": launched_on, **texts[number]},
        )  # fmt: skip
        if not Milestone.objects.filter(action=action).exists():
            for milestone_title, due, details, done_on in milestones:
                status = MilestoneStatus.DONE if done_on else MilestoneStatus.PLANNED
                milestone_save(action=action, title=milestone_title, due=due, details=details, status=status,
                               done_on=done_on)  # fmt: skip
    for number, label, unit, key, targets in INDICATORS:
        definition = upsert(IndicatorDefinition, {"action": actions[number], "label": label},
                            {"unit": unit, "registry_key": key})  # fmt: skip
        for year, value in targets.items():
            target_set(definition=definition, year=year, value=Decimal(value))
    for number, year, label, amount in COSTS:
        upsert(CostLine, {"action": actions[number], "year": year, "label": label}, {"amount": amount})
