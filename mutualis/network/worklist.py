"""The network on the home (see core/worklist.py): a commune's mayor and secretaries see the census
to answer and their agents' certificates to renew; the coordination and the network's managers see
the news waiting for moderation; everyone sees the network's news they have not read. One query each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutualis.core.worklist import Found, Item, found, news, waiting
from mutualis.network.models import Census, CensusAnswer, CensusStatus, Certificate, News, NewsStatus
from mutualis.network.services import REMINDER_DAYS
from mutualis.territory.models import COMMUNE_STAFF, Role, Service


def _is_manager(membership) -> bool:
    return membership.role == Role.COORDINATOR or (
        membership.role == Role.SERVICE_MANAGER and membership.service == Service.NETWORK
    )


@waiting("network.census_to_answer", gettext_lazy("Recensement des besoins de formation à remplir"))
def census_to_answer(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    answered = CensusAnswer.objects.filter(census=OuterRef("pk"), organisation=membership.organisation_id)
    rows = (
        Census.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status=CensusStatus.OPEN)
        .exclude(Exists(answered))
        .order_by("year")
    )

    def item(census: Census) -> Item:
        return Item(_("Besoins de formation %(year)s") % {"year": census.year},
                    reverse("network:census_answer", args=[census.pk]), census.closes_on,
                    when_label=_("avant le"))  # fmt: skip

    return found(rows, item, reverse("network:census_list"))


@waiting("network.recycling_due", gettext_lazy("Certificats d'agents à renouveler (recyclage)"))
def recycling_due(membership, today: date) -> Found | None:
    if membership.role not in COMMUNE_STAFF:
        return None
    renewed = Certificate.objects.filter(profile=OuterRef("profile"), kind=OuterRef("kind"),
                                         issued_on__gt=OuterRef("issued_on"))  # fmt: skip
    rows = (
        Certificate.objects.visible_to(membership.user)
        .filter(
            organisation=membership.organisation_id,
            profile__archived_at__isnull=True,
            valid_until__gt=today,
            valid_until__lte=today + timedelta(days=REMINDER_DAYS),
        )  # fmt: skip
        .exclude(Exists(renewed))
        .select_related("profile")
        .order_by("valid_until", "pk")
    )

    def item(certificate: Certificate) -> Item:
        label = f"{certificate.profile.full_name} – {certificate.get_kind_display()}"
        return Item(label, reverse("network:certificate_list"), certificate.valid_until,
                    when_label=_("valable jusqu'au"))  # fmt: skip

    return found(rows, item, reverse("network:certificate_list"))


@waiting("network.news_to_moderate", gettext_lazy("Actualités des communes à modérer"))
def news_to_moderate(membership, today: date) -> Found | None:
    if not _is_manager(membership):
        return None
    rows = (
        News.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id, status=NewsStatus.PENDING)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )

    def item(row: News) -> Item:
        return Item(f"{row.title} ({row.organisation.name})", reverse("network:news_detail", args=[row.pk]))

    return found(rows, item, reverse("network:news_list"))


@news("network.unread_news", gettext_lazy("Actualités du réseau non lues"))
def unread_news(membership, today: date) -> Found | None:
    rows = (
        News.objects.visible_to(membership.user)
        .filter(territory=membership.organisation.territory_id)
        .published()
        .addressed_to(membership)
        .unread_by(membership.user)
        .order_by("-published_at", "-pk")
    )

    def item(row: News) -> Item:
        return Item(row.title, reverse("network:news_detail", args=[row.pk]), row.published_at.date())

    return found(rows, item, reverse("network:news_list"))
