"""Fonds de concours: the agglomeration's contribution to a commune's investment in an équipement.

Each year the coordination sets the rules (`Rules`): eligible kinds of project, the rate and the
ceiling per file, an optional envelope per commune or per sector, the minimum, the documents to
join, how long the commune has to start the works and how the grant is paid. A commune files an
`Application` (draft, then submitted); the agglomeration instructs it (asks for missing documents,
records its services' opinions, proposes an amount within every limit, `limits.py`), the deciding
body grants or refuses it, and the grant is paid: an advance once the works started, the balance
on proof of expenses, recomputed on the actual cost. A grant whose works do not start in time lapses.

CGCT L5216-5 VI: the fonds de concours may not exceed the share of the project the beneficiary
finances itself, other subsidies deducted (`limits.legal_ceiling`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.core.money import to_cents
from mutualis.core.periods import add_months
from mutualis.territory.models import Body, Organisation, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide

EUROS = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
}


class DocumentKind(models.TextChoices):
    DELIBERATION = "deliberation", _("Délibération du conseil municipal")
    QUOTES = "quotes", _("Devis")
    FINANCING_PLAN = "financing_plan", _("Plan de financement")
    DESCRIPTION = "description", _("Descriptif ou plans du projet")
    PROOF_OF_EXPENSES = "proof_of_expenses", _("Justificatifs de dépenses")
    OTHER = "other", _("Autre pièce")


class EnvelopeScope(models.TextChoices):
    NONE = "", _("Pas d'enveloppe")
    COMMUNE = "commune", _("Par commune")
    SECTOR = "sector", _("Par secteur")


class ProjectKind(models.Model):
    """A kind of project the territory's fonds de concours may fund (a list the coordination edits)."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="grant_project_kinds")
    name = models.CharField(_("nature du projet"), max_length=120)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nature de projet")
        verbose_name_plural = _("natures de projet")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="grants_kind_unique_name")]

    def __str__(self) -> str:
        return self.name


class RulesQuerySet(ScopedQuerySet):
    def of_year(self, territory: Territory, year: int) -> Rules | None:
        return self.filter(territory=territory, year=year).first()


class Rules(models.Model):
    """The rules of one year's fonds de concours, voted by the community council."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="grant_rules")
    year = models.PositiveSmallIntegerField(_("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    eligible_kinds = models.ManyToManyField(ProjectKind, verbose_name=_("natures de projet éligibles"), blank=True)
    rate = models.DecimalField(_("taux maximal du coût HT (%)"), default=Decimal("50"), **PERCENT)
    file_ceiling = models.DecimalField(_("plafond par dossier (€)"), **EUROS)
    minimum_amount = models.DecimalField(_("montant minimal (€)"), default=Decimal("0"), **EUROS)
    envelope_scope = models.CharField(
        _("enveloppe"), max_length=10, choices=EnvelopeScope.choices, blank=True, default=EnvelopeScope.NONE
    )
    envelope_amount = models.DecimalField(_("montant de l'enveloppe (€)"), null=True, blank=True, **EUROS)
    required_documents = models.JSONField(_("pièces à joindre"), default=list, blank=True)
    filing_closes_on = models.DateField(_("date limite de dépôt"), null=True, blank=True)
    works_start_months = models.PositiveSmallIntegerField(
        _("délai pour commencer les travaux (mois après la décision)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    advance_rate = models.DecimalField(
        _("avance au démarrage des travaux (% du montant attribué)"), default=Decimal("30"), **PERCENT
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("rappel avant caducité (jours)"), default=60, validators=[MaxValueValidator(365)]
    )

    objects = RulesQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("règlement annuel du fonds de concours")
        verbose_name_plural = _("règlements annuels du fonds de concours")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="grants_rules_unique_year"),
            models.CheckConstraint(
                condition=Q(envelope_scope="") | Q(envelope_amount__isnull=False), name="grants_rules_envelope_amount"
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def required_document_labels(self) -> list[str]:
        return [DocumentKind(kind).label for kind in self.required_documents]


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé, en instruction")
    INCOMPLETE = "incomplete", _("Pièces demandées")
    SCHEDULED = "scheduled", _("Inscrit à l'ordre du jour")
    GRANTED = "granted", _("Attribué")
    REFUSED = "refused", _("Refusé")
    PAID = "paid", _("Soldé")
    LAPSED = "lapsed", _("Caduc")
    WITHDRAWN = "withdrawn", _("Retiré")


# The commune may still change its file; the agglomeration instructs; the grant is decided.
EDITABLE = (Status.DRAFT, Status.INCOMPLETE)
UNDER_INSTRUCTION = (Status.SUBMITTED, Status.INCOMPLETE, Status.SCHEDULED)
DECIDED_GRANTS = (Status.GRANTED, Status.PAID)


class ApplicationQuerySet(ScopedQuerySet):
    def filed_between(self, start: date, end: date) -> ApplicationQuerySet:
        """Submitted (not drafts) within the half-open period [start, end)."""
        return self.filter(submitted_on__gte=start, submitted_on__lt=end)

    def granted_between(self, start: date, end: date) -> ApplicationQuerySet:
        """Granted (then maybe paid or lapsed) by a decision within [start, end)."""
        return self.filter(
            status__in=(*DECIDED_GRANTS, Status.LAPSED), granted_amount__isnull=False, decided_on__gte=start
        ).filter(decided_on__lt=end)

    def committing(self) -> ApplicationQuerySet:
        """The files that take from an envelope: proposed on an agenda, granted or paid."""
        return self.filter(status__in=(Status.SCHEDULED, *DECIDED_GRANTS))

    def committed_cents(self) -> int:
        """What these files take from an envelope: the amount paid in the end, else granted, else proposed."""
        totals = self.aggregate(
            granted=Sum("granted_amount", filter=Q(status=Status.GRANTED)),
            proposed=Sum("proposed_amount", filter=Q(status=Status.SCHEDULED)),
        )
        totals["paid"] = Payment.objects.filter(application__in=self.filter(status=Status.PAID)).aggregate(
            total=Sum("amount")
        )["total"]
        return sum(to_cents(value or Decimal("0")) for value in totals.values())

    def with_list_data(self) -> ApplicationQuerySet:
        return self.select_related("organisation", "kind", "rules").order_by("-submitted_on", "-pk")

    def with_detail_data(self) -> ApplicationQuerySet:
        return self.select_related("organisation__sector", "kind", "rules", "created_by", "territory").prefetch_related(
            "documents__uploaded_by", "messages__author", "opinions__author", "payments"
        )


def document_path(instance: models.Model, filename: str) -> str:
    # A random folder: one file's address must not let anyone guess another's.
    return f"grants/{uuid4().hex}/{filename}"


class Application(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="grant_applications")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="grant_applications"
    )
    rules = models.ForeignKey(Rules, verbose_name=_("année"), on_delete=models.PROTECT, related_name="applications")
    title = models.CharField(_("intitulé du projet"), max_length=200)
    equipment = models.CharField(
        _("équipement concerné"),
        max_length=200,
        help_text=_("Le fonds de concours finance un équipement (CGCT L5216-5 VI)."),
    )
    kind = models.ForeignKey(ProjectKind, verbose_name=_("nature du projet"), on_delete=models.PROTECT)
    description = models.TextField(_("description"), blank=True)
    cost_ht = models.DecimalField(_("coût du projet HT (€)"), **EUROS)
    other_subsidies = models.DecimalField(_("autres subventions (€)"), default=Decimal("0"), **EUROS)
    amount_asked = models.DecimalField(_("montant demandé (€)"), **EUROS)
    works_start_planned = models.DateField(_("début des travaux prévu"))
    works_end_planned = models.DateField(_("fin des travaux prévue"))
    status = models.CharField(_("état"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_on = models.DateField(_("déposé le"), null=True, blank=True)
    # Instruction and decision.
    proposed_amount = models.DecimalField(_("montant proposé (€)"), null=True, blank=True, **EUROS)
    agenda_body = models.CharField(_("instance"), max_length=20, choices=Body.choices, blank=True)
    agenda_date = models.DateField(_("séance du"), null=True, blank=True)
    decided_on = models.DateField(_("décidé le"), null=True, blank=True)
    decision_reference = models.CharField(_("référence de la délibération"), max_length=100, blank=True)
    granted_amount = models.DecimalField(_("montant attribué (€)"), null=True, blank=True, **EUROS)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    # Works and payment.
    works_started_on = models.DateField(_("travaux commencés le"), null=True, blank=True)
    actual_cost = models.DecimalField(_("coût réel HT (€)"), null=True, blank=True, **EUROS)
    lapse_reminded_on = models.DateField(_("rappel de caducité envoyé le"), null=True, blank=True)
    lapsed_on = models.DateField(_("caduc le"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()
    scope = Scope(organisations=("organisation",), overseers=(Service.GRANTS,))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier de fonds de concours")
        verbose_name_plural = _("dossiers de fonds de concours")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(other_subsidies__lte=models.F("cost_ht")), name="grants_subsidies_within_cost"
            ),
            models.CheckConstraint(
                condition=Q(works_end_planned__gte=models.F("works_start_planned")), name="grants_works_end_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED_GRANTS) | Q(granted_amount__isnull=False),
                name="grants_granted_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def own_funds(self) -> Decimal:
        """The commune's own share in the financing plan: cost less other subsidies and the amount asked."""
        return self.cost_ht - self.other_subsidies - self.amount_asked

    @property
    def works_deadline(self) -> date | None:
        """The day by which the works must have started, or the grant lapses."""
        return add_months(self.decided_on, self.rules.works_start_months) if self.decided_on else None

    @property
    def leverage(self) -> Decimal | None:
        """Euros of investment for one euro of fonds de concours."""
        return (self.cost_ht / self.granted_amount).quantize(Decimal("0.1")) if self.granted_amount else None

    def missing_documents(self) -> list[str]:
        """The kinds the year's rules require that the file does not hold yet (documents prefetched or not)."""
        present = {document.kind for document in self.documents.all()}
        return [kind for kind in self.rules.required_documents if kind not in present]


class Document(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("pièce"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("fichier"), upload_to=document_path, validators=[files.DOCUMENT])
    name = models.CharField(_("nom"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("application")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pièce du dossier")
        verbose_name_plural = _("pièces du dossier")
        ordering = ["kind", "created_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """One message of the file's thread between the commune and the agglomeration."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"))
    documents_asked = models.JSONField(_("pièces demandées"), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("application")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def documents_asked_labels(self) -> list[str]:
        return [DocumentKind(kind).label for kind in self.documents_asked]


class Opinion(models.Model):
    """The opinion of one of the agglomeration's services on the project (its technical expertise)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="opinions")
    service = models.CharField(_("service"), max_length=120)
    favourable = models.BooleanField(_("avis favorable"))
    text = models.TextField(_("avis"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("application")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avis technique")
        verbose_name_plural = _("avis techniques")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.service


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Avance")
    BALANCE = "balance", _("Solde")


class Payment(models.Model):
    """A payment of the grant; a negative balance is an advance the commune pays back."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    kind = models.CharField(_("versement"), max_length=10, choices=PaymentKind.choices)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("versé le"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope = Through("application")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versement")
        verbose_name_plural = _("versements")
        ordering = ["paid_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="grants_one_payment_of_each_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} €"
