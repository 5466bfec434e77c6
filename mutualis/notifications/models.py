"""What a person was told (their in-app list) and how they want to be emailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.territory.scopes import Personal, ScopedQuerySet


class NotificationQuerySet(ScopedQuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def with_list_data(self) -> NotificationQuerySet:
        return self.order_by("-created_at", "-pk")


class Notification(models.Model):
    """One event told to one person; `url` is the page where they act (a path on this site)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    territory = models.ForeignKey("territory.Territory", on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("événement"), max_length=80)
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("message"))
    url = models.CharField(_("lien"), max_length=500)
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyée par courriel le"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()
    scope = Personal(person="user")
    history = HistoricalRecords(excluded_fields=["body"])

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Un courriel à chaque événement")
    DAILY = "daily", _("Un résumé par jour")


class PreferenceQuerySet(ScopedQuerySet):
    def frequency_of(self, user) -> str:
        """The person's chosen frequency; at once when they never chose."""
        return self.filter(user=user).values_list("frequency", flat=True).first() or Frequency.IMMEDIATE


class Preference(models.Model):
    """How a person wants to be emailed; without a row, at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    frequency = models.CharField(_("courriels"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)

    objects = PreferenceQuerySet.as_manager()
    scope = Personal(person="user")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
