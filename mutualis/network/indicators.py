"""Figures of the agents' network for steering and the bilan; periods are half-open [start, end).

An agent counts in the directory if listed before the period's end and not archived by then; a
census counts in its year; a training counts in the period its session started, once held; a
certificate counts if valid on the period's last day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mutualis.core.indicators import indicator
from mutualis.core.periods import day_start
from mutualis.core.received import Received, received
from mutualis.network.models import CensusAnswer, Certificate, CertificateKind, Enrolment, Profile, TrainingSession
from mutualis.territory.models import Territory


def attended(territory: Territory, start: date, end: date) -> QuerySet:
    sessions = TrainingSession.objects.filter(territory=territory).held_between(start, end)
    return Enrolment.objects.filter(session__in=sessions, attended=True)


def valid_sst(territory: Territory, start: date, end: date) -> QuerySet:
    last_day = end - timedelta(days=1)
    return Certificate.objects.filter(territory=territory, kind=CertificateKind.SST).valid_on(last_day)


def sst_by_commune(territory: Territory, day: date) -> dict[str, int]:
    """Agents holding a valid SST certificate on `day`, by organisation name."""
    rows = Certificate.objects.filter(territory=territory, kind=CertificateKind.SST).valid_on(day)
    counts = rows.values("organisation__name").annotate(agents=Count("profile", distinct=True))
    return dict(counts.order_by("organisation__name").values_list("organisation__name", "agents"))


@indicator("network.agents", _("Agents dans l'annuaire"))
def agents(territory: Territory, start: date, end: date) -> int:
    listed = Profile.objects.filter(territory=territory, created_at__lt=day_start(end))
    return listed.filter(Q(archived_at__isnull=True) | Q(archived_at__gte=day_start(end))).count()


@indicator("network.census_communes", _("Communes ayant répondu au recensement des besoins de formation"))
def census_communes(territory: Territory, start: date, end: date) -> int:
    answers = CensusAnswer.objects.filter(territory=territory, census__year__gte=start.year, census__year__lt=end.year)
    return answers.values("organisation").distinct().count()


@indicator("network.agents_trained", _("Agents formés (formations mutualisées)"))
def agents_trained(territory: Territory, start: date, end: date) -> int:
    return attended(territory, start, end).values("profile").distinct().count()


@indicator("network.communes_trained", _("Organisations dont des agents ont été formés"))
def communes_trained(territory: Territory, start: date, end: date) -> int:
    return attended(territory, start, end).values("profile__organisation").distinct().count()


@indicator("network.sst_trained", _("Agents formés aux premiers secours (SST)"))
def sst_trained(territory: Territory, start: date, end: date) -> int:
    sst = attended(territory, start, end).filter(session__planned__certificate_kind=CertificateKind.SST)
    return sst.values("profile").distinct().count()


@indicator("network.sessions_held", _("Sessions de formation tenues"))
def sessions_held(territory: Territory, start: date, end: date) -> int:
    return TrainingSession.objects.filter(territory=territory).held_between(start, end).count()


@indicator("network.seats_filled", _("Places occupées en formation (agents présents)"))
def seats_filled(territory: Territory, start: date, end: date) -> int:
    return attended(territory, start, end).count()


@indicator("network.sst_valid", _("Certificats SST valides en fin de période"))
def sst_valid(territory: Territory, start: date, end: date) -> int:
    return valid_sst(territory, start, end).values("profile").distinct().count()


@indicator("network.sst_communes", _("Organisations ayant au moins un agent SST valide en fin de période"))
def sst_communes(territory: Territory, start: date, end: date) -> int:
    return valid_sst(territory, start, end).values("organisation").distinct().count()


@received("network", _("Formations mutualisées"))
def trained_agents(organisation, start: date, end: date):
    """The organisation's seats taken at sessions held in the period (the shared software's trainings too)."""
    count = attended(organisation.territory, start, end).filter(profile__organisation=organisation).count()
    yield Received(_("Places en formation"), count, ngettext("agent présent", "agents présents", count))
