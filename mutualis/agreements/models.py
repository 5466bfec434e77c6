"""Conventions: the legal agreements between organisations of a territory.

A domain app never builds a convention itself: it calls `services.convention_create`,
which renders the body from the territory's template for the instrument and attaches
the convention to the object it covers (a loan, a mission…) through `source`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import uuid4

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.template import Template, TemplateSyntaxError
from django.template.base import TextNode, Variable, VariableNode
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core import files
from mutualis.core.periods import meeting
from mutualis.territory.models import Decision, Organisation, OrganisationKind, Service, Territory
from mutualis.territory.scopes import Scope, ScopedQuerySet, Through, territory_wide


class Instrument(models.TextChoices):
    """The legal instruments of the schéma (docs/architecture.md, "Conventions"); each convention names one."""

    INDIVIDUAL_SECONDMENT = "individual_secondment", _("Mise à disposition individuelle")
    SERVICE_SECONDMENT = "service_secondment", _("Mise à disposition de service")
    COMMON_SERVICE = "common_service", _("Service commun")
    POOLING_OF_RESOURCES = "pooling_of_resources", _("Mise en commun de moyens")
    FACILITY_MANAGEMENT = "facility_management", _("Création ou gestion d'équipements ou de services")
    COMPETENCE_TRANSFER = "competence_transfer", _("Transfert de compétences")
    SERVICE_PROVISION = "service_provision", _("Prestation de service")
    JOINT_PURCHASING = "joint_purchasing", _("Groupement de commandes")
    PURCHASING_CENTRE = "purchasing_centre", _("Centrale d'achat")


LEGAL_REFERENCES: dict[str, str] = {
    Instrument.INDIVIDUAL_SECONDMENT: "loi 84-53 art. 61 à 63, décret 2008-580",
    Instrument.SERVICE_SECONDMENT: "CGCT L5211-4-1, D5211-16",
    Instrument.COMMON_SERVICE: "CGCT L5211-4-2",
    Instrument.POOLING_OF_RESOURCES: "CGCT L5211-4-3",
    Instrument.FACILITY_MANAGEMENT: "CGCT L5215-27, L5216-7-1",
    Instrument.COMPETENCE_TRANSFER: "CGCT L5211-17",
    Instrument.SERVICE_PROVISION: "CGCT L5111-1, L5211-56",
    Instrument.JOINT_PURCHASING: "Code de la commande publique L2113-6",
    Instrument.PURCHASING_CENTRE: "Code de la commande publique L2113-2",
}

PLACEHOLDERS: dict[str, str] = {
    "parties": _("les parties et leur qualité"),
    "object": _("l'objet de la convention"),
    "period": _("la période, en toutes lettres (« du … au … inclus »)"),
    "start": _("la date de début"),
    "end": _("le dernier jour couvert (ou « sans date de fin »)"),
    "amounts": _("le montant et sa description"),
    "territory": _("le nom du territoire"),
    "instrument": _("l'instrument juridique"),
    "reference": _("la référence légale de l'instrument"),
}


def validate_template_body(body: str) -> None:
    """A template body is plain text with `{{ placeholder }}` variables and nothing else.

    Tags (`{% … %}`) are refused: a coordinator edits a letter, not a program, and tags
    such as include or debug would reach beyond the convention.
    """
    try:
        nodes = Template(body).nodelist
    except TemplateSyntaxError as error:
        raise ValidationError(_("Syntaxe incorrecte : %(error)s"), params={"error": error}) from None
    for node in nodes:
        if isinstance(node, TextNode):
            if "{{" in node.s or "{%" in node.s:
                raise ValidationError(_("Une variable ou une balise n'est pas fermée (« }} » ou « %} » manquant)."))
            continue
        if not isinstance(node, VariableNode):
            raise ValidationError(_("Seules les variables entre {{ et }} sont permises, pas les balises {% %}."))
        variable = node.filter_expression.var
        if isinstance(variable, Variable) and variable.var not in PLACEHOLDERS:
            raise ValidationError(
                _("Variable inconnue : {{ %(name)s }}. Variables disponibles : %(names)s."),
                params={"name": variable.var, "names": ", ".join(PLACEHOLDERS)},
            )


class ConventionTemplateQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ConventionTemplateQuerySet:
        return self.select_related("territory").order_by("instrument")


class ConventionTemplate(models.Model):
    """The territory's wording for one instrument; edited by the coordination team."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="convention_templates")
    instrument = models.CharField(_("instrument"), max_length=40, choices=Instrument.choices)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), validators=[validate_template_body])
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConventionTemplateQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("modèle de convention")
        verbose_name_plural = _("modèles de convention")
        constraints = [
            models.UniqueConstraint(fields=["territory", "instrument"], name="convention_template_unique_instrument")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return LEGAL_REFERENCES[self.instrument]


class GatedStep(models.TextChoices):
    """The steps of the services that a convention governs: none happens before it is signed."""

    LOAN_HANDOVER = "loan_handover", _("remise du matériel prêté")
    MISSION_START = "mission_start", _("début d'une mission de remplacement")
    BILLING = "billing", _("facturation du service")


# Which steps wait for the signature, per instrument: every step of every instrument, since a
# convention binds the parties only once signed. Kept in code rather than in a territory setting:
# the rule comes from the law, not from local policy; a territory that must go ahead before the
# signature records a `SignatureWaiver` for that one convention, with who allowed it and why.
SIGNATURE_REQUIRED: dict[str, frozenset[str]] = {
    instrument: frozenset(GatedStep.values) for instrument in Instrument.values
}


def signature_required(instrument: str, step: str) -> bool:
    return step in SIGNATURE_REQUIRED.get(instrument, frozenset())


class Status(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SENT = "sent", _("Envoyée pour signature")
    SIGNED = "signed", _("Signée")
    ENDED = "ended", _("Terminée")
    CANCELLED = "cancelled", _("Annulée")


# The statuses each status may be reached from; cancelling is possible until signature.
TRANSITIONS: dict[str, set[str]] = {
    Status.SENT: {Status.DRAFT},
    Status.SIGNED: {Status.SENT},
    Status.ENDED: {Status.SIGNED},
    Status.CANCELLED: {Status.DRAFT, Status.SENT},
}


def scan_path(convention: Convention, filename: str) -> str:
    # A random folder: the file name alone must not let anyone guess another convention's scan.
    return f"conventions/{uuid4().hex}/{filename}"


class ConventionQuerySet(ScopedQuerySet):
    def for_organisation(self, organisation: Organisation) -> ConventionQuerySet:
        return self.filter(pk__in=ConventionParty.objects.filter(organisation=organisation).values("convention_id"))

    def for_source(self, source: models.Model) -> ConventionQuerySet:
        """The conventions covering an object of a domain app (a loan, a mission…)."""
        return self.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)

    def during(self, start: date, end: date) -> ConventionQuerySet:
        """Whose period meets the half-open [start, end)."""
        return self.filter(meeting(start, end))

    def search(self, text: str) -> ConventionQuerySet:
        return self.filter(title__icontains=text.strip()) if text.strip() else self

    def with_list_data(self) -> ConventionQuerySet:
        return (
            self.select_related("territory")
            .prefetch_related(Prefetch("convention_parties", queryset=ConventionParty.objects.with_list_data()))
            .order_by("-start", "-pk")
        )

    def with_detail_data(self) -> ConventionQuerySet:
        """Parties with their signatures and the waivers: what the detail page and the gate read."""
        return (
            self.with_list_data()
            .select_related("created_by")
            .prefetch_related(
                Prefetch(
                    "signature_waivers", queryset=SignatureWaiver.objects.select_related("granted_by", "revoked_by")
                )
            )
        )

    def signed_between(self, start: date, end: date) -> ConventionQuerySet:
        return self.filter(signed_on__gte=start, signed_on__lt=end)


class Convention(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="conventions")
    instrument = models.CharField(_("instrument"), max_length=40, choices=Instrument.choices)
    title = models.CharField(_("titre"), max_length=200)
    object = models.TextField(_("objet"))
    parties = models.ManyToManyField(
        Organisation, through="ConventionParty", related_name="conventions", verbose_name=_("parties")
    )
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (exclue)"), null=True, blank=True)
    amount = models.DecimalField(_("montant (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(_("description du montant"), max_length=255, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    body = models.TextField(_("texte"))
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    signed_on = models.DateField(_("signée le"), null=True, blank=True)
    signed_scan = models.FileField(
        _("convention signée (scan)"),
        upload_to=scan_path,
        blank=True,
        validators=[files.SCAN],
    )
    ended_on = models.DateField(_("terminée le"), null=True, blank=True)
    notice_months = models.PositiveSmallIntegerField(
        _("préavis de retrait (mois)"), default=0, help_text=_("0 : le retrait prend effet à la date demandée.")
    )
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConventionQuerySet.as_manager()
    scope = Scope(organisations=("convention_parties__organisation",))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="convention_end_after_start",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
            # The scan is optional: each party may have recorded its own signature instead.
            models.CheckConstraint(
                condition=~Q(status__in=[Status.SIGNED, Status.ENDED]) | Q(signed_on__isnull=False),
                name="convention_signed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["territory", "status"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return LEGAL_REFERENCES[self.instrument]

    @property
    def number(self) -> str:
        """The number printed on the document: year of creation and id."""
        return f"{self.created_at:%Y}-{self.pk:05d}"

    @property
    def last_day(self) -> date | None:
        """The last day covered: the period is half-open, people read it inclusive."""
        return self.end - timedelta(days=1) if self.end else None

    def can_become(self, status: str) -> bool:
        return self.status in TRANSITIONS[status]

    @property
    def can_be_sent(self) -> bool:
        return self.can_become(Status.SENT)

    @property
    def can_be_signed(self) -> bool:
        return self.can_become(Status.SIGNED)

    @property
    def can_be_ended(self) -> bool:
        return self.can_become(Status.ENDED)

    @property
    def can_be_cancelled(self) -> bool:
        return self.can_become(Status.CANCELLED)

    @property
    def is_awaiting_signature(self) -> bool:
        return self.status in (Status.DRAFT, Status.SENT)

    @property
    def is_signed(self) -> bool:
        return self.status in (Status.SIGNED, Status.ENDED)

    def organisation_ids(self) -> set[int]:
        return {party.organisation_id for party in self.convention_parties.all()}

    def unsigned_parties(self) -> list[ConventionParty]:
        """The parties whose signature is still missing, in order (reads the prefetched parties)."""
        return [party for party in self.convention_parties.all() if not party.has_signed]

    def active_waiver(self) -> SignatureWaiver | None:
        """The coordination's leave to go ahead before the signature, if one is in force."""
        return next((waiver for waiver in self.signature_waivers.all() if waiver.is_active), None)

    def status_changes(self) -> list[StatusChange]:
        """Each change of status with who made it and when, oldest first."""
        changes: list[StatusChange] = []
        for record in self.history.select_related("history_user").order_by("history_date", "history_id"):
            if not changes or changes[-1].status != record.status:
                changes.append(StatusChange(record.history_date, record.history_user, record.status))
        return changes


@dataclass
class StatusChange:
    date: datetime
    user: object
    status: str

    @property
    def label(self) -> str:
        return Status(self.status).label


class ConventionPartyQuerySet(ScopedQuerySet):
    def with_list_data(self) -> ConventionPartyQuerySet:
        return self.select_related("organisation", "signed_by")


class ConventionParty(models.Model):
    """An organisation signing a convention, in a role (« prêteur », « emprunteur », « EPCI »…)."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="convention_parties")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="convention_parties", verbose_name=_("organisation")
    )
    role = models.CharField(_("qualité"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    signed_on = models.DateField(_("signée le"), null=True, blank=True)
    signatory = models.CharField(
        _("signataire"), max_length=200, blank=True, help_text=_("Nom et qualité, par exemple : Alice Martin, maire.")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_scan = models.FileField(
        _("exemplaire signé (scan)"),
        upload_to=scan_path,
        blank=True,
        validators=[files.SCAN],
    )

    objects = ConventionPartyQuerySet.as_manager()
    scope = Through("convention")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "organisation"], name="convention_party_unique"),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | ~Q(signatory="") | ~Q(signed_scan=""),
                name="convention_party_signature_named_or_scanned",
                violation_error_message=_("Une signature porte le nom du signataire ou joint l'exemplaire signé."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"

    @property
    def territory(self) -> Territory:
        return self.convention.territory

    @property
    def has_signed(self) -> bool:
        return self.signed_on is not None

    @property
    def is_epci(self) -> bool:
        return self.organisation.kind == OrganisationKind.EPCI

    @property
    def signer(self) -> str:
        """Who signs for this party: the coordination countersigns for the EPCI, the mayor (or
        president, or their delegate) for any other organisation."""
        if self.is_epci:
            return _("la coordination de l'EPCI")
        return _("le maire, le président ou son délégué")


class SignatureWaiverQuerySet(ScopedQuerySet):
    def active(self) -> SignatureWaiverQuerySet:
        return self.filter(revoked_at__isnull=True)


class SignatureWaiver(models.Model):
    """The territory lets the steps a convention governs go ahead while its signature is pending
    (`services.convention_gate`): an explicit exception, granted by the coordination, with a reason.
    Revoked rather than deleted; a signed convention no longer needs it."""

    convention = models.ForeignKey(Convention, on_delete=models.CASCADE, related_name="signature_waivers")
    reason = models.TextField(_("motif"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accordée par"), on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(_("accordée le"), default=timezone.now)
    revoked_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retirée par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SignatureWaiverQuerySet.as_manager()
    scope = Through("convention")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dérogation « signature en attente »")
        verbose_name_plural = _("dérogations « signature en attente »")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["convention"], condition=Q(revoked_at__isnull=True), name="signature_waiver_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.convention} – {self.reason[:50]}"

    @property
    def territory(self) -> Territory:
        return self.convention.territory

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AdhesionQuerySet(ScopedQuerySet):
    def of_service(self, service: str) -> AdhesionQuerySet:
        return self.filter(service=service)

    def open(self) -> AdhesionQuerySet:
        """Not withdrawn (some may start later)."""
        return self.filter(end__isnull=True)

    def active_on(self, day: date) -> AdhesionQuerySet:
        return self.filter(Q(end__isnull=True) | Q(end__gt=day), start__lte=day)

    def during(self, start: date, end: date) -> AdhesionQuerySet:
        """In force some day of the half-open [start, end)."""
        return self.filter(meeting(start, end))

    def for_subject(self, subject: models.Model) -> AdhesionQuerySet:
        return self.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)

    def with_list_data(self) -> AdhesionQuerySet:
        return self.select_related("territory", "organisation", "convention", "withdrawal_decision").order_by(
            "organisation__search_name", "start", "pk"
        )

    def with_subjects(self) -> AdhesionQuerySet:
        """Each adhesion's subject (a software…) loaded in one query per kind of subject."""
        return self.prefetch_related("subject")

    def with_detail_data(self) -> AdhesionQuerySet:
        return self.select_related("organisation__territory", "territory", "convention", "withdrawal_decision")


class Adhesion(models.Model):
    """An organisation takes part in a service of its territory's schéma over [start, end), under a
    convention; it leaves under the schéma's rule (`services.adhesion_withdraw`).

    The one record every service reads (docs/architecture.md, "Adhesions"): who may request a
    replacement, who is in the purchasing club, who uses a shared software (`subject`), who took
    part in an action. `instrument` tells apart two ways of taking part in one service (the
    purchasing club's groupement de commandes and centrale d'achat).
    """

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="adhesions")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="adhesions"
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    instrument = models.CharField(_("formule"), max_length=40, choices=Instrument.choices, blank=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    start = models.DateField(_("adhère depuis le"))
    end = models.DateField(_("jusqu'au (exclu)"), null=True, blank=True)
    convention = models.ForeignKey(
        Convention,
        verbose_name=_("convention"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adhesions",
    )
    withdrawal_decision = models.ForeignKey(
        Decision,
        verbose_name=_("décision du Bureau"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AdhesionQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        ordering = ["organisation__search_name", "service", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="agreements_adhesion_period",
                violation_error_message=_("La fin doit être postérieure au début."),
            ),
            models.CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id__isnull=True)
                | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="agreements_adhesion_subject_complete",
            ),
            models.UniqueConstraint(
                fields=["organisation", "service", "instrument"],
                condition=Q(end__isnull=True, subject_id__isnull=True),
                name="agreements_adhesion_one_open",
            ),
            models.UniqueConstraint(
                fields=["organisation", "service", "instrument", "subject_type", "subject_id"],
                condition=Q(end__isnull=True, subject_id__isnull=False),
                name="agreements_adhesion_one_open_per_subject",
            ),
        ]
        indexes = [models.Index(fields=["territory", "service", "start"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_service_display()}"

    @property
    def last_day(self) -> date | None:
        return self.end - timedelta(days=1) if self.end else None

    @property
    def is_withdrawn(self) -> bool:
        return self.end is not None

    def is_active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def days_in(self, start: date, end: date) -> int:
        """Days of the half-open [start, end) during which the adhesion is in force."""
        first, after = max(self.start, start), min(self.end or end, end)
        return max(0, (after - first).days)
