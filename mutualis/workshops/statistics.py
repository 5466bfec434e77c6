"""Statistics of the digital workshops, without names: by year, then for one year by host
commune, sector of the host commune, theme and way of running; and who came, by gender, age band
and home sector. Built from two queries (the sessions, the visits) whatever the number of rows.

Public figures hide every count of people below the territory's minimum (`Policy.public_minimum`),
and the average age of a line about fewer people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.exports import export_dataset
from mutualis.territory.models import Territory
from mutualis.workshops.models import Gender, RunBy, Session, Status, Theme, Visit

AGE_BANDS = [
    (0, 25, gettext_lazy("moins de 25 ans")),
    (25, 45, gettext_lazy("25 à 44 ans")),
    (45, 60, gettext_lazy("45 à 59 ans")),
    (60, 75, gettext_lazy("60 à 74 ans")),
    (75, 200, gettext_lazy("75 ans et plus")),
]


def band_of(age: int) -> int:
    return next(index for index, (low, high, _label) in enumerate(AGE_BANDS) if low <= age < high)


@dataclass
class Line:
    label: object
    programmed: int = 0
    held: int = 0
    cancelled: int = 0
    visits: int = 0
    people: dict[int, tuple[str, int | None]] = field(default_factory=dict)  # participant: (gender, age)

    def count(self, gender: str) -> int:
        return sum(1 for person_gender, _age in self.people.values() if person_gender == gender)

    def bands(self) -> list[int]:
        counts = [0] * len(AGE_BANDS)
        for _gender, age in self.people.values():
            if age is not None:
                counts[band_of(age)] += 1
        return counts

    @property
    def average_age(self) -> Decimal | None:
        ages = [age for _gender, age in self.people.values() if age is not None]
        return (Decimal(sum(ages)) / len(ages)).quantize(Decimal("1"), rounding=ROUND_HALF_UP) if ages else None

    def cells(self, minimum: int = 0) -> list:
        """The line's figures; with a `minimum`, counts of people below it become "< minimum"."""
        hidden = f"< {minimum}"

        def people(value: int) -> int | str:
            return hidden if 0 < value < minimum else value

        few = len(self.people) < minimum
        return [self.programmed, self.held, self.cancelled, people(len(self.people)),
                hidden if few and self.visits else self.visits, people(self.count(Gender.WOMAN)),
                people(self.count(Gender.MAN)), "" if few else self.average_age,
                *(people(value) for value in self.bands())]  # fmt: skip


def headers() -> list[str]:
    return [_("Programmés"), _("Tenus"), _("Annulés"), _("Personnes"), _("Passages"), _("Femmes"), _("Hommes"),
            _("Âge moyen"), *(str(label) for _low, _high, label in AGE_BANDS)]  # fmt: skip


@dataclass
class Table:
    key: str
    title: str
    heading: str
    lines: list[Line]
    total: Line | None = None


@dataclass
class Data:
    """The territory's sessions and visits, read once."""

    sessions: list[dict]
    visits: list[dict]

    @classmethod
    def of(cls, territory: Territory) -> Data:
        sessions = list(
            Session.objects.filter(series__territory=territory).values(
                "pk", "status", "starts_at", "series__organisation__name", "series__organisation__sector__name",
                "series__theme", "series__run_by",
            )
        )  # fmt: skip
        for session in sessions:
            session["year"] = timezone.localtime(session["starts_at"]).year
        visits = list(
            Visit.objects.filter(session__series__territory=territory).values(
                "session_id", "participant_id", "participant__gender", "participant__age", "participant__sector__name"
            )
        )
        return cls(sessions, visits)

    def tally(self, group: Callable[[dict], object], year: int | None = None, by_person: Callable | None = None):
        """Lines keyed by `group(session)` (or, for people, `by_person(visit)`), and their total."""
        lines: dict[object, Line] = {}
        total = Line(_("Total"))
        session_of = {}
        for session in self.sessions:
            if year is not None and session["year"] != year:
                continue
            session_of[session["pk"]] = session
            targets = [total] if by_person else [total, lines.setdefault(group(session), Line(group(session)))]
            for line in targets:
                line.programmed += 1
                line.held += session["status"] == Status.HELD
                line.cancelled += session["status"] == Status.CANCELLED
        for visit in self.visits:
            session = session_of.get(visit["session_id"])
            if session is None:
                continue
            key = by_person(visit) if by_person else group(session)
            for line in (total, lines.setdefault(key, Line(key))):
                line.visits += 1
                line.people[visit["participant_id"]] = (visit["participant__gender"], visit["participant__age"])
        return sorted(lines.values(), key=lambda line: str(line.label)), total


def tables(territory: Territory, year: int) -> list[Table]:
    data = Data.of(territory)
    years, _total = data.tally(lambda session: session["year"])
    builders = [
        ("communes", _("Par commune d'accueil"), _("Commune"), lambda s: s["series__organisation__name"]),
        ("sectors", _("Par secteur de la commune d'accueil"), _("Secteur"),
         lambda s: s["series__organisation__sector__name"] or _("Sans secteur")),
        ("themes", _("Par thème"), _("Thème"), lambda s: str(Theme(s["series__theme"]).label)),
        ("run_by", _("Par mode d'animation"), _("Animé par"), lambda s: str(RunBy(s["series__run_by"]).label)),
    ]  # fmt: skip
    result = [
        Table("years", _("Année par année"), _("Année"), sorted(years, key=lambda line: line.label, reverse=True))
    ]
    for key, title, heading, group in builders:
        lines, total = data.tally(group, year)
        result.append(Table(key, title, heading, lines, total))
    lines, total = data.tally(
        None, year, by_person=lambda visit: visit["participant__sector__name"] or _("Secteur non renseigné")
    )
    result.append(Table("homes", _("Personnes venues, par secteur de résidence"), _("Secteur de résidence"), lines,
                        total))  # fmt: skip
    return result


def dataset(table: Table, minimum: int) -> tablib.Dataset:
    lines = [*table.lines, *([table.total] if table.total else [])]
    return export_dataset([table.heading, *headers()], [[str(line.label), *line.cells(minimum)] for line in lines],
                          title=table.title)  # fmt: skip
