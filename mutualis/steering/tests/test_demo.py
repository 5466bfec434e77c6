"""The demo's schéma against the seed's own words (mutualis/steering/data, copied from the seed):
every action title and every milestone with its due period, read from the text independently."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from mutualis.agreements.models import Adhesion
from mutualis.demo.steering import load_steering
from mutualis.helpdesk.models import Request as HelpdeskRequest
from mutualis.steering.models import Action, DueKind, Milestone, Scheme
from mutualis.steering.report import annual_report
from mutualis.territory.models import Organisation, OrganisationKind, Service, Territory

SEED = Path(__file__).resolve().parents[1] / "data" / "schema-2021-2026-sections-2-3.txt"
LIST_HEADING = "NOUVELLES ACTIONS DU SCHÉMA DE MUTUALISATION 2021 - 2026"
DUE_HEADING = "Échéances prévisionnelles de mise en œuvre"
MONTHS = {"janvier": 1, "octobre": 10}


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def seed_titles() -> dict[int, str]:
    lines = seed_lines()
    start = lines.index(LIST_HEADING) + 1
    return {int(m[1]): m[2] for line in lines[start : start + 12] if (m := re.match(r"^(\d)\. (.+)$", line))}


def seed_due(text: str) -> tuple[str, date | None]:
    """The seed's own ways of writing a due period: "2021 (4^e trimestre)", "octobre 2021", "1^{er} janvier 2022"."""
    if m := re.fullmatch(r"(\d{4}) \((\d)\^e trimestre\)", text):
        return DueKind.QUARTER, date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := re.fullmatch(r"1\^\{er\} (\w+) (\d{4})", text):
        return DueKind.DAY, date(int(m[2]), MONTHS[m[1]], 1)
    if m := re.fullmatch(r"(\w+) (\d{4})", text):
        return DueKind.MONTH, date(int(m[2]), MONTHS[m[1]], 1)
    assert re.fullmatch(r"\d{4}", text), text
    return DueKind.YEAR, date(int(text), 1, 1)


def seed_milestones() -> dict[int, list[tuple[str, str, str, date | None]]]:
    """(title, details, kind, start) per action, from the "Échéances prévisionnelles" of each action."""
    lines = seed_lines()
    lines = lines[lines.index(LIST_HEADING) :]
    lines = lines[[line.startswith("9. ") for line in lines].index(True) + 1 :]  # after the list of titles
    result: dict[int, list] = {}
    number, in_due = 0, False
    for line in lines:
        if re.match(rf"^{number + 1}\. ", line):
            number, in_due = number + 1, False
            result[number] = []
        elif line == DUE_HEADING:
            in_due = True
        elif in_due and line.startswith("4 | "):
            break
        elif in_due and line:
            text = line.removeprefix("- ▶ ")
            if " : " not in text:
                result[number].append((text, "", DueKind.SCHEME, None))
                continue
            title, due = text.split(" : ", 1)
            details = ""
            if m := re.fullmatch(r"(\d{4}) \((?!\d\^e)(.+)\)", due):
                due, details = m[1], m[2]
            result[number].append((title, details, *seed_due(due)))
    return result


@pytest.fixture
def demo(territory_a, epci_a, commune_a):
    communes = {commune_a.insee_code: commune_a}
    for name, kind in [("SIVOS du Val des Anges", OrganisationKind.SIVOS), ("CCAS de Dole", OrganisationKind.CCAS)]:
        Organisation.objects.create(territory=territory_a, name=name, kind=kind)
    load_steering(territory_a, epci_a, communes)
    return Scheme.objects.get(territory=territory_a, start_year=2021)


def test_the_seed_excerpt_has_nine_actions_and_their_milestones():
    assert len(seed_titles()) == 9
    assert sum(len(m) for m in seed_milestones().values()) == 18


def test_the_demo_has_the_seeds_nine_actions(demo):
    assert dict(demo.actions.values_list("number", "title")) == seed_titles()


def test_the_demo_has_each_milestone_with_the_seeds_due_period(demo):
    for number, expected in seed_milestones().items():
        milestones = Milestone.objects.filter(action__scheme=demo, action__number=number).order_by("pk")
        loaded = [
            (m.title, m.details, m.due_kind, None if m.due_kind == DueKind.SCHEME else m.due_start) for m in milestones
        ]
        assert loaded == expected, f"action {number}"


def test_the_previous_scheme_holds_the_2016_2020_review(demo):
    previous = demo.previous
    assert (previous.start_year, previous.end_year) == (2016, 2020)
    titles = list(previous.actions.values_list("title", "is_completed"))
    assert titles[0] == ("Mise en place d'un service de remplacement de personnel", True)
    assert titles[-1] == ("Mise en place d'une plateforme d'informations et d'échanges", False)
    assert "14 communes, 2 associations foncières" in previous.actions.get(number=1).review


def test_loading_the_demo_twice_gives_the_same_state(demo, territory_a, epci_a, commune_a):
    counts = (Action.objects.count(), Milestone.objects.count())
    load_steering(territory_a, epci_a, {commune_a.insee_code: commune_a})
    assert (Action.objects.count(), Milestone.objects.count()) == counts


def test_the_demo_bilan_lists_who_adheres_to_or_uses_each_service(db):
    """Action 6: the communes adhering to replacement (Jouhe among them); action 1: those that
    asked the expertise desk, without any adhesion; the same organisations as the services say."""
    call_command("load_demo", stdout=io.StringIO())
    territory = Territory.objects.get(siren="200010650")
    scheme = Scheme.objects.get(territory=territory, start_year=2021)
    year = HelpdeskRequest.objects.latest("created_on").created_on.year  # 2026, or 2025 on 1 January
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    report = {part.action.number: part for part in annual_report(scheme, year, end).actions}
    replacement = {p.organisation.name for p in report[6].participants}
    assert "Jouhe" in replacement
    assert replacement >= set(
        Adhesion.objects.filter(territory=territory, service=Service.REPLACEMENT)
        .during(start, end)
        .values_list("organisation__name", flat=True)
    )
    askers = set(
        HelpdeskRequest.objects.filter(territory=territory, service=Service.HELPDESK)
        .created_between(start, end)
        .values_list("organisation__name", flat=True)
    )
    assert askers
    assert {p.organisation.name for p in report[1].participants} == askers
    assert {p.how for p in report[1].participants} == {"utilisation du service"}
