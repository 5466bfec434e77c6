"""The directory of the territory's agents (the trombinoscope)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.network.models.common import upload_path
from mutualis.territory.models import Organisation, Role, Territory, search_key
from mutualis.territory.permissions import seats_of
from mutualis.territory.scopes import ScopedQuerySet, territory_wide


class Category(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administratif")
    TECHNICAL = "technical", _("Technique")
    SCHOOL = "school", _("Scolaire et périscolaire")
    CULTURAL = "cultural", _("Culture, sport et animation")
    OTHER = "other", _("Autre")


class Visibility(models.TextChoices):
    NOBODY = "nobody", _("Personne (seulement ma commune pour la gestion)")
    ORGANISATION = "organisation", _("Les membres de mon organisation")
    TERRITORY = "territory", _("Tout le territoire")


class ProfileQuerySet(ScopedQuerySet):
    def current(self) -> ProfileQuerySet:
        return self.filter(archived_at__isnull=True)

    def search(self, text: str) -> ProfileQuerySet:
        """By name, job or service; accents and case ignored for names."""
        text = text.strip()
        if not text:
            return self
        key = search_key(text)
        return self.filter(
            Q(search_name__contains=key)
            | Q(job_title__icontains=text)
            | Q(department__icontains=text)
            | Q(organisation__search_name__contains=key)
        )

    def with_list_data(self) -> ProfileQuerySet:
        return self.select_related("organisation__sector").order_by("search_name", "pk")


class Profile(models.Model):
    """One agent in the directory (the trombinoscope); archived when they leave, never deleted."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_profiles")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="network_profiles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_profiles",
    )
    first_name = models.CharField(_("prénom"), max_length=80)
    last_name = models.CharField(_("nom"), max_length=80)
    search_name = models.CharField(max_length=170, editable=False, db_index=True)
    job_title = models.CharField(_("fonction"), max_length=120)
    department = models.CharField(_("service"), max_length=120, blank=True)
    category = models.CharField(_("filière"), max_length=20, choices=Category.choices, default=Category.ADMINISTRATIVE)
    work_phone = models.CharField(_("téléphone professionnel"), max_length=20, blank=True)
    private_phone = models.CharField(_("téléphone personnel"), max_length=20, blank=True)
    private_phone_visibility = models.CharField(
        _("téléphone personnel visible par"), max_length=12, choices=Visibility.choices, default=Visibility.NOBODY
    )
    email = models.EmailField(_("courriel"), blank=True)
    email_visibility = models.CharField(
        _("courriel visible par"), max_length=12, choices=Visibility.choices, default=Visibility.TERRITORY
    )
    photo = models.FileField(_("photo"), upload_to=upload_path, validators=[files.PHOTO], blank=True)
    photo_consent_on = models.DateField(_("consentement à la photo recueilli le"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProfileQuerySet.as_manager()
    scope = territory_wide()
    # The photo's path stays out of history: a withdrawn consent leaves no trace of the file.
    history = HistoricalRecords(excluded_fields=["search_name", "photo"])

    class Meta:
        verbose_name = _("agent de l'annuaire")
        verbose_name_plural = _("agents de l'annuaire")
        ordering = ["search_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "user"], condition=Q(user__isnull=False), name="network_profile_one_per_user"
            ),
            models.CheckConstraint(
                condition=Q(photo="") | Q(photo_consent_on__isnull=False), name="network_photo_needs_consent"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(f"{self.last_name} {self.first_name}")
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def _shown_to(self, user, visibility: str) -> bool:
        seats = seats_of(user)
        keepers = (Role.COORDINATOR, Role.ORG_MANAGER, Role.SECRETARY)
        if self.user_id is not None and self.user_id == user.pk:
            return True
        if any(s.organisation_id == self.organisation_id and s.role in keepers for s in seats):
            return True  # who keeps the directory of the organisation
        if visibility == Visibility.TERRITORY:
            return any(s.territory_id == self.territory_id for s in seats)
        if visibility == Visibility.ORGANISATION:
            return any(s.organisation_id == self.organisation_id for s in seats)
        return False

    def private_phone_for(self, user) -> str:
        """The private phone if the agent allows this person to see it, else ""."""
        return self.private_phone if self._shown_to(user, self.private_phone_visibility) else ""

    def email_for(self, user) -> str:
        return self.email if self._shown_to(user, self.email_visibility) else ""
