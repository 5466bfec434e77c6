"""Meetings of the network's bodies: conferences, information meetings, working groups."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.network.models.common import upload_path
from mutualis.network.models.directory import Profile, ProfileQuerySet
from mutualis.network.models.seats import SeatQuerySet, SeatStatus, seat_counts
from mutualis.territory.models import Organisation, Sector, Territory
from mutualis.territory.scopes import ScopedQuerySet, Through, territory_wide


class Body(models.Model):
    """A body of the network: the Conférence des secrétaires de mairie, a working group…"""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_bodies")
    name = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instance du réseau")
        verbose_name_plural = _("instances du réseau")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="network_body_unique_name")]

    def __str__(self) -> str:
        return self.name


class MeetingKind(models.TextChoices):
    CONFERENCE = "conference", _("Conférence")
    INFORMATION = "information", _("Réunion d'information")
    WORKING_GROUP = "working_group", _("Groupe de travail")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")


class MeetingQuerySet(ScopedQuerySet):
    def with_list_data(self) -> MeetingQuerySet:
        return self.select_related("body").annotate(**seat_counts()).order_by("-starts_at", "-pk")


class Meeting(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_meetings")
    body = models.ForeignKey(Body, verbose_name=_("instance"), on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("type de réunion"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("thème"), max_length=200)
    starts_at = models.DateTimeField(_("date et heure"))
    place = models.CharField(_("lieu"), max_length=200)
    agenda = models.TextField(_("ordre du jour"), blank=True)
    seats = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Vide : sans limite."))
    status = models.CharField(_("état"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    # The audience: anyone matching one of these.
    audience_roles = models.JSONField(_("rôles invités"), default=list, blank=True)
    audience_categories = models.JSONField(_("filières invitées"), default=list, blank=True)
    audience_sectors = models.ManyToManyField(Sector, verbose_name=_("secteurs invités"), blank=True, related_name="+")
    audience_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("communes invitées"), blank=True, related_name="+"
    )
    audience_profiles = models.ManyToManyField(
        Profile, verbose_name=_("personnes invitées"), blank=True, related_name="invited_to"
    )
    minutes = models.FileField(_("compte rendu"), upload_to=upload_path, validators=[files.DOCUMENT], blank=True)
    slides = models.FileField(_("diaporama"), upload_to=upload_path, validators=[files.DOCUMENT], blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réunion du réseau")
        verbose_name_plural = _("réunions du réseau")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def invitees(self) -> ProfileQuerySet:
        """The current profiles of the territory the audience names (by role, filière, sector, commune or name)."""
        clauses = Q(pk__in=self.audience_profiles.values("pk"))
        if self.audience_roles:
            clauses |= Q(
                user__memberships__role__in=self.audience_roles,
                user__memberships__ended_at__isnull=True,
                user__memberships__organisation=models.F("organisation"),
            )
        if self.audience_categories:
            clauses |= Q(category__in=self.audience_categories)
        clauses |= Q(organisation__sector__in=self.audience_sectors.values("pk"))
        clauses |= Q(organisation__in=self.audience_organisations.values("pk"))
        rows = Profile.objects.current().filter(territory=self.territory_id).filter(clauses)
        return Profile.objects.filter(pk__in=rows.values("pk")).with_list_data()


class Registration(models.Model):
    """A person's seat at a meeting, or their place on its waiting list; attendance on the day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="seats_taken")
    profile = models.ForeignKey(Profile, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("état"), max_length=10, choices=SeatStatus.choices, default=SeatStatus.REGISTERED)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SeatQuerySet.as_manager()
    scope = Through("meeting")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inscription à une réunion")
        verbose_name_plural = _("inscriptions à une réunion")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "profile"], condition=~Q(status="cancelled"), name="network_one_seat_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.meeting}"

    @property
    def territory(self) -> Territory:
        return self.meeting.territory

    @property
    def organisation_id(self) -> int:
        return self.profile.organisation_id
