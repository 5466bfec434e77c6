"""Shared software and RGPD records (action 9 of the schéma).

The EPCI acquires software and makes it available to the organisations of its territory
(a convention of *mise en commun de moyens*, CGCT L5211-4-3); the users pay only the annual
maintenance, shared among them by `services.maintenance_post`. The EPCI trains the users in
sessions of the network's training module (their planned training is titled with the software's name).
Each organisation also keeps its record of processing activities (RGPD art. 30).

Who uses which software is an `agreements.Adhesion` to the digital service whose subject is
the software (docs/architecture.md, "Adhesions"); the software reaches them as `adhesions`.
Catalogue, adhesions and maintenance costs are territory-wide; the RGPD record is private to
the organisation, its EPCI's coordinators and the managers of the digital service.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.agreements.models import Adhesion
from mutualis.territory.models import Membership, Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, territory_wide

# An organisation's own rows: its members, its territory's coordinators and digital managers.
PRIVATE_TO_ORGANISATION = Scope(
    territory="organisation__territory", organisations=("organisation",), overseers=(Service.DIGITAL,)
)


# ---------------------------------------------------------------- software


class ShareBasis(models.TextChoices):
    EQUAL = "equal", _("À parts égales entre les utilisateurs")
    POPULATION = "population", _("Au prorata de la population des utilisateurs")


class SoftwareQuerySet(ScopedQuerySet):
    def offered(self) -> SoftwareQuerySet:
        return self.filter(archived_at__isnull=True)

    def search(self, text: str) -> SoftwareQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(publisher__icontains=text) | Q(purpose__icontains=text))

    def with_list_data(self) -> SoftwareQuerySet:
        today = timezone.localdate()
        in_force = Q(adhesions__service=Service.DIGITAL, adhesions__start__lte=today) & (
            Q(adhesions__end__isnull=True) | Q(adhesions__end__gt=today)
        )
        return (
            self.select_related("referent__user")
            .annotate(user_count=Count("adhesions", filter=in_force))
            .order_by("name", "pk")
        )

    def with_detail_data(self) -> SoftwareQuerySet:
        return self.select_related("territory", "referent__user", "referent__organisation").prefetch_related(
            Prefetch(
                "adhesions",
                queryset=Adhesion.objects.of_service(Service.DIGITAL).with_list_data(),
                to_attr="uses",
            ),
            Prefetch("maintenance_costs", queryset=MaintenanceCost.objects.order_by("-year")),
        )


class Software(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="software")
    name = models.CharField(_("nom"), max_length=120)
    publisher = models.CharField(_("éditeur"), max_length=120, blank=True)
    purpose = models.CharField(_("usage"), max_length=200, help_text=_("En une ligne : à quoi sert le logiciel."))
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site de l'éditeur"), blank=True)
    referent = models.ForeignKey(
        Membership,
        verbose_name=_("référent à l'EPCI"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    referent_name = models.CharField(
        _("autre référent"),
        max_length=120,
        blank=True,
        help_text=_("Nom et coordonnées, si le référent n'a pas de compte."),
    )
    acquired_on = models.DateField(_("acquis le"), null=True, blank=True)
    acquisition_cost = models.DecimalField(
        _("coût d'acquisition (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    share_basis = models.CharField(
        _("répartition de la maintenance"), max_length=20, choices=ShareBasis.choices, default=ShareBasis.EQUAL
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(_("retiré du catalogue le"), null=True, blank=True)
    # Its users: adhesions to the digital service with the software as subject (not a column).
    adhesions = GenericRelation(Adhesion, content_type_field="subject_type", object_id_field="subject_id")

    objects = SoftwareQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("logiciel partagé")
        verbose_name_plural = _("logiciels partagés")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="digital_software_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def referent_label(self) -> str:
        if self.referent_id:
            return self.referent.user.get_full_name() or self.referent.user.email
        return self.referent_name


# ---------------------------------------------------------------- maintenance


class MaintenanceCostQuerySet(ScopedQuerySet):
    def with_list_data(self) -> MaintenanceCostQuerySet:
        return self.select_related("software").order_by("software__name", "-year")

    def with_detail_data(self) -> MaintenanceCostQuerySet:
        return self.select_related("software__territory")


class MaintenanceCost(models.Model):
    """The annual maintenance of one software for one year, shared once among its users."""

    software = models.ForeignKey(Software, on_delete=models.PROTECT, related_name="maintenance_costs")
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(2000)])
    amount = models.DecimalField(
        _("maintenance annuelle (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    posted_at = models.DateTimeField(_("répartie le"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    charges = models.ManyToManyField("billing.Charge", blank=True, related_name="+")

    objects = MaintenanceCostQuerySet.as_manager()
    scope = territory_wide("software__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("maintenance annuelle")
        verbose_name_plural = _("maintenances annuelles")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["software", "year"], name="digital_maintenance_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="digital_maintenance_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.software} – {self.year}"

    @property
    def territory(self) -> Territory:
        return self.software.territory

    @property
    def is_posted(self) -> bool:
        return self.posted_at is not None


# ---------------------------------------------------------------- RGPD record


class LegalBasis(models.TextChoices):
    """The lawful bases of RGPD article 6.1."""

    CONSENT = "consent", _("Consentement de la personne")
    CONTRACT = "contract", _("Exécution d'un contrat")
    LEGAL_OBLIGATION = "legal_obligation", _("Obligation légale")
    VITAL_INTERESTS = "vital_interests", _("Sauvegarde des intérêts vitaux")
    PUBLIC_TASK = "public_task", _("Mission d'intérêt public ou exercice de l'autorité publique")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("Intérêts légitimes")


class ProcessingActivityQuerySet(ScopedQuerySet):
    def current(self) -> ProcessingActivityQuerySet:
        return self.filter(archived_at__isnull=True)

    def with_list_data(self) -> ProcessingActivityQuerySet:
        return self.select_related("organisation").order_by("name", "pk")

    def with_detail_data(self) -> ProcessingActivityQuerySet:
        return self.select_related("organisation__territory")


class ProcessingActivity(models.Model):
    """One row of an organisation's record of processing activities (RGPD art. 30)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="processing_activities")
    name = models.CharField(_("traitement"), max_length=200)
    purposes = models.TextField(_("finalité(s)"))
    legal_basis = models.CharField(_("base légale"), max_length=30, choices=LegalBasis.choices)
    data_subjects = models.TextField(_("catégories de personnes concernées"))
    data_categories = models.TextField(_("catégories de données personnelles"))
    sensitive_data = models.BooleanField(
        _("données sensibles"),
        default=False,
        help_text=_("Santé, opinions, origine, religion, condamnations… (articles 9 et 10 du RGPD)."),
    )
    recipients = models.TextField(_("destinataires"))
    transfers_outside_eu = models.TextField(
        _("transferts hors de l'Union européenne"), blank=True, help_text=_("Laisser vide s'il n'y en a aucun.")
    )
    retention = models.CharField(_("durée de conservation"), max_length=300)
    security_measures = models.TextField(_("mesures de sécurité"))
    contact = models.CharField(
        _("responsable du traitement (contact)"), max_length=200, help_text=_("Service ou personne à contacter.")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)

    objects = ProcessingActivityQuerySet.as_manager()
    scope = PRIVATE_TO_ORGANISATION
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activité de traitement")
        verbose_name_plural = _("activités de traitement")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=Q(archived_at__isnull=True),
                name="digital_processing_unique_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def territory(self) -> Territory:
        return self.organisation.territory
