"""News both ways and the document library, each with its audience."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.network.models.common import MANAGED, upload_path
from mutualis.network.models.directory import Category, Profile
from mutualis.territory.models import Organisation, Role, Sector, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide


class Audience(models.TextChoices):
    ALL = "all", _("Tout le réseau")
    SECRETARIES = "secretaries", _("Les secrétaires de mairie")
    MAYORS = "mayors", _("Les maires")
    TECHNICAL = "technical", _("Les agents techniques")
    SECTOR = "sector", _("Un secteur")


class NewsStatus(models.TextChoices):
    PENDING = "pending", _("En attente de modération")
    PUBLISHED = "published", _("Publiée")
    REJECTED = "rejected", _("Refusée")


class AddressedQuerySet(ScopedQuerySet):
    def addressed_to(self, membership) -> AddressedQuerySet:
        """The rows whose audience takes in the person acting through `membership`."""
        if membership.role in (Role.COORDINATOR, Role.SERVICE_MANAGER):
            return self
        profile_categories = Profile.objects.current().filter(
            user=membership.user_id, organisation=membership.organisation_id
        )
        clauses = Q(audience=Audience.ALL) | Q(audience=Audience.SECTOR, sector=membership.organisation.sector_id)
        if membership.role == Role.SECRETARY:
            clauses |= Q(audience=Audience.SECRETARIES)
        if membership.role == Role.ORG_MANAGER:
            clauses |= Q(audience=Audience.MAYORS)
        if profile_categories.filter(category=Category.TECHNICAL).exists():
            clauses |= Q(audience=Audience.TECHNICAL)
        return self.filter(clauses)


class NewsQuerySet(AddressedQuerySet):
    def published(self) -> NewsQuerySet:
        return self.filter(status=NewsStatus.PUBLISHED)

    def unread_by(self, user) -> NewsQuerySet:
        return self.exclude(reads__user=user)

    def with_list_data(self) -> NewsQuerySet:
        return self.select_related("organisation", "sector").order_by("-published_at", "-created_at", "-pk")


class News(models.Model):
    """A piece of news to the network; a commune's post waits for the coordination's moderation."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_news")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("publiée par"), on_delete=models.PROTECT, related_name="network_news"
    )
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"))
    audience = models.CharField(_("destinataires"), max_length=12, choices=Audience.choices, default=Audience.ALL)
    sector = models.ForeignKey(
        Sector, verbose_name=_("secteur"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("état"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.PENDING)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = NewsQuerySet.as_manager()
    # Published news is the territory's; a post waiting for moderation, its author's organisation's.
    scope = Scope(readers=tuple(Role.values), when={"status": NewsStatus.PUBLISHED}, **MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actualité du réseau")
        verbose_name_plural = _("actualités du réseau")
        ordering = ["-published_at", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="sector") | Q(sector__isnull=False), name="network_news_sector_named"
            )
        ]

    def __str__(self) -> str:
        return self.title


class NewsRead(models.Model):
    """That a person read a piece of news (so that it leaves their home)."""

    news = models.ForeignKey(News, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("news")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lecture d'une actualité")
        verbose_name_plural = _("lectures d'actualités")
        constraints = [models.UniqueConstraint(fields=["news", "user"], name="network_news_read_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.news}"


class Folder(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_folders")
    name = models.CharField(_("nom du dossier"), max_length=150)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier de documents")
        verbose_name_plural = _("dossiers de documents")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="network_folder_unique_name")]

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(AddressedQuerySet):
    def with_list_data(self) -> DocumentQuerySet:
        return self.select_related("folder", "sector", "latest").order_by("folder__name", "title", "pk")


class Document(models.Model):
    """A guide, a model, minutes, a letter: the latest of its versions is the one offered."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="network_documents")
    folder = models.ForeignKey(Folder, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    audience = models.CharField(_("destinataires"), max_length=12, choices=Audience.choices, default=Audience.ALL)
    sector = models.ForeignKey(
        Sector, verbose_name=_("secteur"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latest = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = DocumentQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document du réseau")
        verbose_name_plural = _("documents du réseau")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="sector") | Q(sector__isnull=False), name="network_document_sector_named"
            )
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fichier"), upload_to=upload_path, validators=[files.DOCUMENT])
    name = models.CharField(_("nom du fichier"), max_length=200)
    note = models.CharField(_("ce qui change"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("document")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version d'un document")
        verbose_name_plural = _("versions d'un document")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="network_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
