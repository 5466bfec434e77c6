"""Expertise desk (actions 1 and 9 of the schéma): communes' requests, answers, knowledge base.

An organisation asks a question on a topic; the territory's routing rule for that topic names
the EPCI service in charge and the deadlines, in working days, for the first response and the
resolution (both computed once, when the request is made). The expert and the commune exchange
messages; the expert records time spent (billable time is billed at the territory's hourly rate)
and resolves; the commune rates the answer. The coordinator may turn an answer into an
anonymised knowledge-base article that every organisation of the territory can search.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.core.periods import within_days
from mutualis.territory.models import COMMUNE_STAFF, Organisation, Role, Service, Territory, search_key
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

SEARCH_CONFIG = "french_unaccent"  # created by migration 0002 on PostgreSQL
MAX_ATTACHMENTS = 5


class Topic(models.TextChoices):
    LEGAL = "legal", _("Juridique")
    FINANCE = "finance", _("Finances")
    TOWN_PLANNING = "town_planning", _("Urbanisme")
    CIVIL_STATUS = "civil_status", _("État civil")
    PUBLIC_PROCUREMENT = "public_procurement", _("Commande publique")
    HUMAN_RESOURCES = "human_resources", _("Ressources humaines")
    DIGITAL = "digital", _("Informatique et numérique")
    GDPR = "gdpr", _("RGPD")
    PREVENTION = "prevention", _("Prévention")
    SPORTS_FACILITIES = "sports_facilities", _("Équipements sportifs")
    OTHER = "other", _("Autre")


# The service each topic goes to when the coordinator has not said otherwise.
DEFAULT_SERVICE = {Topic.DIGITAL: Service.DIGITAL, Topic.GDPR: Service.DIGITAL, Topic.PREVENTION: Service.PREVENTION}
DEFAULT_FIRST_RESPONSE_DAYS = 2
DEFAULT_RESOLUTION_DAYS = 10


# ---------------------------------------------------------------- settings of the territory


class RoutingRuleQuerySet(ScopedQuerySet):
    def with_list_data(self) -> RoutingRuleQuerySet:
        return self.order_by("pk")


class RoutingRule(models.Model):
    """Which service answers a topic, and within how many working days."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="helpdesk_rules")
    topic = models.CharField(_("thème"), max_length=30, choices=Topic.choices)
    service = models.CharField(_("service chargé"), max_length=20, choices=Service.choices)
    first_response_days = models.PositiveSmallIntegerField(
        _("première réponse (jours ouvrés)"), default=DEFAULT_FIRST_RESPONSE_DAYS
    )
    resolution_days = models.PositiveSmallIntegerField(_("résolution (jours ouvrés)"), default=DEFAULT_RESOLUTION_DAYS)

    objects = RoutingRuleQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règle d'orientation")
        verbose_name_plural = _("règles d'orientation")
        constraints = [
            models.UniqueConstraint(fields=["territory", "topic"], name="helpdesk_rule_unique_topic"),
            models.CheckConstraint(
                condition=Q(resolution_days__gte=models.F("first_response_days")),
                name="helpdesk_rule_resolution_after_first_response",
                violation_error_message=_("La résolution ne peut pas précéder la première réponse."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} → {self.get_service_display()}"


class HourlyRateQuerySet(ScopedQuerySet):
    def with_list_data(self) -> HourlyRateQuerySet:
        return self.order_by("-valid_from")

    def in_force(self, territory: Territory, day: date) -> HourlyRate | None:
        return self.filter(territory=territory, valid_from__lte=day).order_by("-valid_from").first()


class HourlyRate(models.Model):
    """The price of an hour of expertise from a date on (until the next rate)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="helpdesk_rates")
    valid_from = models.DateField(_("en vigueur à partir du"))
    rate = models.DecimalField(
        _("tarif horaire (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )

    objects = HourlyRateQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tarif horaire de l'expertise")
        verbose_name_plural = _("tarifs horaires de l'expertise")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "valid_from"], name="helpdesk_rate_unique_date"),
            models.CheckConstraint(condition=Q(rate__gte=0), name="helpdesk_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.rate} € ({self.valid_from:%d/%m/%Y})"


# ---------------------------------------------------------------- requests


class Status(models.TextChoices):
    NEW = "new", _("Nouvelle")
    IN_PROGRESS = "in_progress", _("En cours")
    RESOLVED = "resolved", _("Répondue")
    CLOSED = "closed", _("Clôturée")
    CANCELLED = "cancelled", _("Annulée")


# The statuses each status may be reached from. A commune's message on an answered request reopens it.
TRANSITIONS: dict[str, set[str]] = {
    Status.IN_PROGRESS: {Status.NEW, Status.RESOLVED},
    Status.RESOLVED: {Status.NEW, Status.IN_PROGRESS},
    Status.CLOSED: {Status.RESOLVED},
    Status.CANCELLED: {Status.NEW, Status.IN_PROGRESS},
}
OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS]


class RequestQuerySet(ScopedQuerySet):
    def with_list_data(self) -> RequestQuerySet:
        return self.select_related("organisation").order_by("-created_at", "-pk")

    def with_detail_data(self) -> RequestQuerySet:
        return self.select_related("organisation", "territory", "created_by", "rated_by").prefetch_related(
            models.Prefetch("messages", queryset=Message.objects.select_related("author").order_by("created_at", "pk")),
            models.Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
            models.Prefetch("time_entries", queryset=TimeEntry.objects.select_related("expert").order_by("day", "pk")),
            models.Prefetch("articles", queryset=Article.objects.order_by("pk")),
        )

    def open(self) -> RequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def created_between(self, start: date, end: date) -> RequestQuerySet:
        return self.filter(created_on__gte=start, created_on__lt=end)

    def resolved_between(self, start: date, end: date) -> RequestQuerySet:
        return self.filter(**within_days("resolved_at", start, end))


class Request(models.Model):
    """A sollicitation: an organisation's question to the expertise desk."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="helpdesk_requests")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="helpdesk_requests"
    )
    topic = models.CharField(_("thème"), max_length=30, choices=Topic.choices)
    service = models.CharField(_("service chargé"), max_length=20, choices=Service.choices)
    subject = models.CharField(_("objet"), max_length=200)
    question = models.TextField(_("question"))
    wished_on = models.DateField(_("réponse souhaitée pour le"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posée par"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posée le"), default=timezone.now)
    created_on = models.DateField(_("date de la demande"), default=timezone.localdate)
    first_response_due = models.DateField(_("première réponse attendue le"))
    resolution_due = models.DateField(_("résolution attendue le"))
    first_response_at = models.DateTimeField(_("première réponse le"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("répondue le"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("note"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("commentaire"), blank=True)
    rated_at = models.DateTimeField(_("notée le"), null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notée par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = RequestQuerySet.as_manager()
    # The asking organisation's members, the coordinators and the managers of the service it is routed to.
    scope = Scope(organisations=("organisation",), organisation_roles=COMMUNE_STAFF, service="service")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sollicitation")
        verbose_name_plural = _("sollicitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="helpdesk_request_status"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="helpdesk_request_rating"
            ),
            models.CheckConstraint(
                condition=Q(first_response_due__gte=models.F("created_on"))
                & Q(resolution_due__gte=models.F("first_response_due")),
                name="helpdesk_request_deadlines_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "status"]),
            models.Index(fields=["territory", "service", "status"]),
            models.Index(fields=["organisation", "created_at"]),
            models.Index(fields=["territory", "created_on"]),
        ]

    def __str__(self) -> str:
        return self.subject

    def can_become(self, status: str) -> bool:
        return self.status in TRANSITIONS[status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_answered(self) -> bool:
        return self.status in (Status.RESOLVED, Status.CLOSED)

    @property
    def can_be_rated(self) -> bool:
        return self.status == Status.RESOLVED and self.rating is None

    def first_response_on_time(self) -> bool | None:
        """None while the request awaits its first response."""
        if self.first_response_at is None:
            return None
        return timezone.localdate(self.first_response_at) <= self.first_response_due

    def resolution_on_time(self) -> bool | None:
        if self.resolved_at is None:
            return None
        return timezone.localdate(self.resolved_at) <= self.resolution_due

    def is_late(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        due = self.first_response_due if self.first_response_at is None else self.resolution_due
        return self.is_open and today > due


def attachment_path(instance: models.Model, filename: str) -> str:
    # A random folder: one file's address must not let anyone guess another's.
    return f"helpdesk/{uuid4().hex}/{filename}"


class AttachmentQuerySet(ScopedQuerySet):
    def with_list_data(self) -> AttachmentQuerySet:
        return self.order_by("pk")


class Attachment(models.Model):
    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(
        _("fichier"),
        upload_to=attachment_path,
        validators=[files.DOCUMENT],
    )
    name = models.CharField(_("nom"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AttachmentQuerySet.as_manager()
    scope = Through("request")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self) -> str:
        return self.name


class MessageQuerySet(ScopedQuerySet):
    def with_list_data(self) -> MessageQuerySet:
        return self.select_related("author").order_by("created_at", "pk")


class Message(models.Model):
    """One message of the thread; `from_expert` tells which side wrote it."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_expert = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = MessageQuerySet.as_manager()
    scope = Through("request")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def territory(self) -> Territory:
        return self.request.territory


class TimeEntryQuerySet(ScopedQuerySet):
    def with_list_data(self) -> TimeEntryQuerySet:
        return self.select_related("expert").order_by("day", "pk")

    def billable(self) -> TimeEntryQuerySet:
        return self.filter(billable=True)


class TimeEntry(models.Model):
    """Time an expert spent on a request, in quarter hours so that hours bill to the cent."""

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="time_entries")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert·e"), on_delete=models.PROTECT, related_name="+"
    )
    day = models.DateField(_("date"), default=timezone.localdate)
    minutes = models.PositiveIntegerField(
        _("durée (minutes)"), validators=[MinValueValidator(15)], help_text=_("Par quarts d'heure : 15, 30, 45, 60…")
    )
    billable = models.BooleanField(_("facturable"), default=True)
    note = models.CharField(_("travail effectué"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TimeEntryQuerySet.as_manager()
    scope = Through("request")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("temps passé")
        verbose_name_plural = _("temps passés")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=15) & Q(minutes__lte=24 * 60), name="helpdesk_time_entry_minutes"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} – {self.minutes} min"

    @property
    def territory(self) -> Territory:
        return self.request.territory


# ---------------------------------------------------------------- knowledge base


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")


class ArticleQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def with_detail_data(self) -> ArticleQuerySet:
        return self.select_related("territory", "request")

    def published(self) -> ArticleQuerySet:
        return self.filter(status=ArticleStatus.PUBLISHED)

    def search(self, text: str) -> ArticleQuerySet:
        """Articles matching any word of `text`, the most relevant first.

        PostgreSQL: full text with French stemming and no accents ("marché public" finds
        "marchés publics"), ranked with the title weighing more. Elsewhere: accent-free word
        match, ranked by the number of words found, a trailing plural mark ignored."""
        words = [word for word in search_key(text).split() if len(word) >= 3][:30]
        if not words:
            return self.none()
        if connection.vendor == "postgresql":
            vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
                "body", weight="B", config=SEARCH_CONFIG
            )
            query = SearchQuery(words[0], config=SEARCH_CONFIG)
            for word in words[1:]:
                query |= SearchQuery(word, config=SEARCH_CONFIG)
            return (
                self.annotate(rank=SearchRank(vector, query))
                .filter(rank__gt=0)
                .order_by("-rank", "-published_at", "-pk")
            )
        stems = {word.rstrip("sx") if len(word) > 3 else word for word in words}
        score = sum(
            (Case(When(search_text__contains=stem, then=Value(1)), default=Value(0), output_field=IntegerField())
             for stem in stems),
            Value(0),
        )  # fmt: skip
        return self.annotate(rank=score).filter(rank__gt=0).order_by("-rank", "-published_at", "-pk")


class Article(models.Model):
    """A knowledge-base answer, anonymised, shared with every organisation of the territory."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="helpdesk_articles")
    topic = models.CharField(_("thème"), max_length=30, choices=Topic.choices)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("réponse"))
    search_text = models.TextField(editable=False, default="")
    request = models.ForeignKey(
        Request,
        verbose_name=_("sollicitation d'origine"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    status = models.CharField(_("statut"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ArticleQuerySet.as_manager()
    # Published articles to every member of the territory; drafts too to coordinators and to every service manager.
    scope = Scope(readers=tuple(Role.values), when={"status": ArticleStatus.PUBLISHED}, overseers=tuple(Service.values))
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("article de la base de connaissances")
        verbose_name_plural = _("articles de la base de connaissances")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ArticleStatus.values), name="helpdesk_article_status"),
            models.CheckConstraint(
                condition=~Q(status=ArticleStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="helpdesk_article_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["territory", "status", "topic"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Derived column for the accent-free match off PostgreSQL, like Organisation.search_name.
        self.search_text = search_key(f"{self.title}\n{self.body}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED
