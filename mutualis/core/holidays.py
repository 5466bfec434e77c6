"""Public holidays and working days of a French territory.

The holidays come from the `holidays` library (python-holidays, MIT), kept up to date by its
community with France's subdivisions: Alsace-Moselle's Good Friday and 26 December, and each
overseas territory's abolition of slavery day and other days. A territory's zone is the
département of its communes (their INSEE codes), unless its coordination sets one; its own closed
days (offices shut on a bridge day) count as holidays too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayZone(models.TextChoices):
    """The `holidays` library's subdivision codes for France ("FR": metropolitan France, no subdivision)."""

    METROPOLITAN = "FR", _("France métropolitaine")
    MOSELLE = "57", _("Moselle")
    ALSACE = "6AE", _("Alsace (Bas-Rhin, Haut-Rhin)")
    GUADELOUPE = "971", _("Guadeloupe")
    MARTINIQUE = "972", _("Martinique")
    GUYANE = "973", _("Guyane")
    REUNION = "974", _("La Réunion")
    MAYOTTE = "976", _("Mayotte")
    SAINT_PIERRE_ET_MIQUELON = "PM", _("Saint-Pierre-et-Miquelon")
    SAINT_BARTHELEMY = "BL", _("Saint-Barthélemy")
    SAINT_MARTIN = "MF", _("Saint-Martin")
    WALLIS_ET_FUTUNA = "WF", _("Wallis-et-Futuna")
    POLYNESIE = "PF", _("Polynésie française")
    NOUVELLE_CALEDONIE = "NC", _("Nouvelle-Calédonie")


# INSEE code prefixes whose zone is not metropolitan France: départements 57, 67, 68 and 971–976,
# collectivités 975 and 977–988 (their communes' codes start with these three digits).
ZONE_OF_PREFIX = {
    "57": HolidayZone.MOSELLE,
    "67": HolidayZone.ALSACE,
    "68": HolidayZone.ALSACE,
    "971": HolidayZone.GUADELOUPE,
    "972": HolidayZone.MARTINIQUE,
    "973": HolidayZone.GUYANE,
    "974": HolidayZone.REUNION,
    "975": HolidayZone.SAINT_PIERRE_ET_MIQUELON,
    "976": HolidayZone.MAYOTTE,
    "977": HolidayZone.SAINT_BARTHELEMY,
    "978": HolidayZone.SAINT_MARTIN,
    "986": HolidayZone.WALLIS_ET_FUTUNA,
    "987": HolidayZone.POLYNESIE,
    "988": HolidayZone.NOUVELLE_CALEDONIE,
}


def zone_of_insee(code: str) -> HolidayZone:
    return ZONE_OF_PREFIX.get(code[:3]) or ZONE_OF_PREFIX.get(code[:2]) or HolidayZone.METROPOLITAN


def zone_of_communes(insee_codes: Iterable[str]) -> HolidayZone:
    """The zone most of the communes are in (an EPCI rarely straddles two départements)."""
    zones = Counter(zone_of_insee(code) for code in insee_codes if code)
    return zones.most_common(1)[0][0] if zones else HolidayZone.METROPOLITAN


@cache
def public_holidays(year: int, zone: str = HolidayZone.METROPOLITAN) -> dict[date, str]:
    """The public holidays of a year in a zone, with their French names."""
    subdivision = None if zone == HolidayZone.METROPOLITAN else zone
    return dict(holidays.France(years=year, subdiv=subdivision, language="fr"))


@dataclass(frozen=True)
class WorkingCalendar:
    zone: str = HolidayZone.METROPOLITAN
    closed_days: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in public_holidays(day.year, self.zone) and day not in self.closed_days

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (`start` itself not counted); `start` when n is 0."""
        if n < 0:
            raise ValueError("n must be zero or positive")
        day = start
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day
