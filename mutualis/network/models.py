"""The agents' network (action 2 of the schéma): who works where, how they meet, what they read,
and how they are trained together.

- The directory (`Profile`): every agent of every organisation, kept by the organisation's
  secretary; phone and email shown only as the agent allows, a photo only with recorded consent.
- Meetings of the network's bodies (`Body`, `Meeting`): conferences, information meetings and
  working groups, with an audience, registrations within the seats and attendance.
- News and a document library (`News`, `Folder`, `Document`, `DocumentVersion`).
- Training: a yearly `Census` of needs by theme (`TrainingNeed`), a multi-year `TrainingPlan`,
  its `TrainingSession`s with `Enrolment`s within the seats, and the `Certificate`s they give.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.core.periods import add_months
from mutualis.territory.models import Organisation, Role, Sector, Service, Territory, search_key
from mutualis.territory.permissions import seats_of
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

EUROS = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
YEAR = {"validators": [MinValueValidator(2000), MaxValueValidator(2100)]}
# The network's rows of an organisation: its members, the coordination and the network's managers.
MANAGED = {"organisations": ("organisation",), "overseers": (Service.NETWORK,)}


def upload_path(instance: models.Model, filename: str) -> str:
    # A random folder: one file's address must not let anyone guess another's.
    return f"network/{uuid4().hex}/{filename}"


# ---------------------------------------------------------------- directory


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


# ---------------------------------------------------------------- seats (meetings and trainings)


class SeatStatus(models.TextChoices):
    REGISTERED = "registered", _("Inscrit·e")
    WAITING = "waiting", _("Liste d'attente")
    CANCELLED = "cancelled", _("Annulé")


class SeatQuerySet(ScopedQuerySet):
    def active(self):
        return self.exclude(status=SeatStatus.CANCELLED)

    def registered(self):
        return self.filter(status=SeatStatus.REGISTERED)


def seat_counts() -> dict:
    """Annotations of a meeting's or a session's registered and waiting people (related name `seats_taken`)."""
    return {
        "registered_count": Count("seats_taken", filter=Q(seats_taken__status=SeatStatus.REGISTERED), distinct=True),
        "waiting_count": Count("seats_taken", filter=Q(seats_taken__status=SeatStatus.WAITING), distinct=True),
    }


# ---------------------------------------------------------------- meetings


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


# ---------------------------------------------------------------- news and documents


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


# ---------------------------------------------------------------- training


class TrainingTheme(models.Model):
    """A training domain the census asks about (seeded from the CNFPT catalogue's domains; the territory edits it)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_themes")
    name = models.CharField(_("thème"), max_length=150)
    is_active = models.BooleanField(_("proposé au recensement"), default=True)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thème de formation")
        verbose_name_plural = _("thèmes de formation")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="network_theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class CensusStatus(models.TextChoices):
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Census(models.Model):
    """The year's census of training needs: each commune says, theme by theme, how many agents need it."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_censuses")
    year = models.PositiveSmallIntegerField(_("année"), **YEAR)
    closes_on = models.DateField(_("réponses attendues avant le"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=CensusStatus.choices, default=CensusStatus.OPEN)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recensement des besoins de formation")
        verbose_name_plural = _("recensements des besoins de formation")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["territory", "year"], name="network_census_unique_year")]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def is_open(self) -> bool:
        return self.status == CensusStatus.OPEN


class TrainingNeed(models.Model):
    census = models.ForeignKey(Census, on_delete=models.PROTECT, related_name="needs")
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey(TrainingTheme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="needs")
    agents = models.PositiveIntegerField(_("nombre d'agents"), validators=[MinValueValidator(1)])
    comment = models.CharField(_("précisions"), max_length=300, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Scope(**MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin de formation")
        verbose_name_plural = _("besoins de formation")
        ordering = ["theme__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["census", "organisation", "theme"], name="network_need_unique_theme")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.theme} ({self.agents})"


class TrainingPlan(models.Model):
    """The territory's multi-year mutualised training plan."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_plans")
    title = models.CharField(_("intitulé"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("de"), **YEAR)
    last_year = models.PositiveSmallIntegerField(_("à"), **YEAR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan de formation mutualisé")
        verbose_name_plural = _("plans de formation mutualisés")
        ordering = ["-first_year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="network_plan_years")
        ]

    def __str__(self) -> str:
        return self.title


class Provider(models.TextChoices):
    CNFPT = "cnfpt", _("CNFPT")
    PRIVATE = "private", _("Organisme privé")
    EPCI = "epci", _("Agglomération (formateur interne)")


class Sharing(models.TextChoices):
    BY_ATTENDEE = "by_attendee", _("Partagé entre les communes par agent présent")
    BY_COMMUNE = "by_commune", _("Partagé à parts égales entre les communes présentes")
    NONE = "none", _("Pris en charge (agglomération ou CNFPT)")


class PlannedTraining(models.Model):
    plan = models.ForeignKey(TrainingPlan, on_delete=models.PROTECT, related_name="trainings")
    theme = models.ForeignKey(TrainingTheme, verbose_name=_("thème"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("formation"), max_length=200)
    provider = models.CharField(_("organisme"), max_length=10, choices=Provider.choices)
    provider_name = models.CharField(_("nom de l'organisme"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("année prévue"), **YEAR)
    target_agents = models.PositiveIntegerField(_("agents visés"))
    budget = models.DecimalField(_("budget (€)"), **EUROS)
    sharing = models.CharField(_("coût"), max_length=12, choices=Sharing.choices, default=Sharing.BY_ATTENDEE)
    certificate_kind = models.CharField(_("certificat délivré"), max_length=20, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = Through("plan")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("formation du plan")
        verbose_name_plural = _("formations du plan")
        ordering = ["year", "title", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Programmée")
    HELD = "held", _("Tenue")
    CANCELLED = "cancelled", _("Annulée")


class TrainingSessionQuerySet(ScopedQuerySet):
    def held_between(self, start: date, end: date) -> TrainingSessionQuerySet:
        return self.filter(status=SessionStatus.HELD, starts_on__gte=start, starts_on__lt=end)

    def with_list_data(self) -> TrainingSessionQuerySet:
        return self.select_related("planned__theme").annotate(**seat_counts()).order_by("-starts_on", "-pk")


class TrainingSession(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="training_sessions")
    planned = models.ForeignKey(
        PlannedTraining, verbose_name=_("formation du plan"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_on = models.DateField(_("du"))
    ends_on = models.DateField(_("au"))
    place = models.CharField(_("lieu"), max_length=200)
    trainer = models.CharField(_("formateur"), max_length=150, blank=True)
    seats = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    cost = models.DecimalField(_("coût de la session (€)"), default=Decimal("0"), **EUROS)
    status = models.CharField(_("état"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    charged_on = models.DateField(_("coût refacturé le"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = TrainingSessionQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="network_session_dates")
        ]

    def __str__(self) -> str:
        return f"{self.planned.title}, {self.starts_on:%d/%m/%Y}"


class Enrolment(models.Model):
    """An agent registered to a session by their secretary, or waiting for a seat; attendance afterwards."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="seats_taken")
    profile = models.ForeignKey(Profile, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("état"), max_length=10, choices=SeatStatus.choices, default=SeatStatus.REGISTERED)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SeatQuerySet.as_manager()
    scope = Through("session")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inscription à une formation")
        verbose_name_plural = _("inscriptions à une formation")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "profile"], condition=~Q(status="cancelled"), name="network_one_seat_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.session}"

    @property
    def territory(self) -> Territory:
        return self.session.territory

    @property
    def organisation_id(self) -> int:
        return self.profile.organisation_id


class CertificateKind(models.TextChoices):
    SST = "sst", _("Sauveteur secouriste du travail (SST)")
    ELECTRICAL = "electrical", _("Habilitation électrique")
    CACES = "caces", _("CACES")
    AIPR = "aipr", _("AIPR")
    FIRST_AID = "psc1", _("Prévention et secours civiques (PSC1)")


# Months a certificate holds (SST: recycling every 24 months); 0 = no end.
VALIDITY_MONTHS = {
    CertificateKind.SST: 24,
    CertificateKind.ELECTRICAL: 36,
    CertificateKind.CACES: 60,
    CertificateKind.AIPR: 60,
    CertificateKind.FIRST_AID: 0,
}


class CertificateQuerySet(ScopedQuerySet):
    def valid_on(self, day: date) -> CertificateQuerySet:
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=day), issued_on__lte=day)

    def with_list_data(self) -> CertificateQuerySet:
        return self.select_related("profile__organisation").order_by("valid_until", "pk")


class Certificate(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    profile = models.ForeignKey(Profile, verbose_name=_("agent"), on_delete=models.PROTECT, related_name="certificates")
    kind = models.CharField(_("certificat"), max_length=20, choices=CertificateKind.choices)
    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_on = models.DateField(_("délivré le"))
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    reminded_on = models.DateField(_("rappel de recyclage envoyé le"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()
    scope = Scope(**MANAGED)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificat")
        verbose_name_plural = _("certificats")
        ordering = ["valid_until", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind", "issued_on"], name="network_certificate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.profile}"

    @staticmethod
    def validity_end(kind: str, issued_on: date) -> date | None:
        months = VALIDITY_MONTHS[CertificateKind(kind)]
        return add_months(issued_on, months) if months else None
