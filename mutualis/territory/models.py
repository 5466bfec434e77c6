"""Tenancy: a Territory (the EPCI) groups Sectors and Organisations; people act
through Memberships (user, organisation, role)."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mutualis.core.holidays import HolidayZone, WorkingCalendar, zone_of_communes
from mutualis.territory.scopes import ScopedQuerySet, territory_wide

# Identifiers take ASCII digits only: "\d" would also take look-alikes such as "３９２７０".
insee_code_validator = RegexValidator(
    r"^([0-9]{5}|2[AB][0-9]{3})$", _("Le code INSEE compte 5 caractères (chiffres, ou 2A/2B pour la Corse).")
)
postal_code_validator = RegexValidator(r"^[0-9]{5}$", _("Le code postal compte 5 chiffres."))
# La Poste's establishments share one SIREN whose SIRETs cannot all pass the Luhn key: INSEE gave
# them another rule, the sum of the 14 digits is a multiple of 5.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    """The Luhn key of SIREN and SIRET numbers: every second digit from the right doubled, the sum a multiple of 10."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def siren_validator(value: str) -> None:
    if not re.fullmatch("[0-9]{9}", value):
        raise ValidationError(_("Le SIREN compte 9 chiffres."), code="invalid")
    if not luhn_valid(value):
        raise ValidationError(
            _("Le SIREN %(value)s n'existe pas : sa clé de contrôle est fausse, vérifiez les chiffres."),
            code="invalid_key",
            params={"value": value},
        )


def siret_validator(value: str) -> None:
    if not re.fullmatch("[0-9]{14}", value):
        raise ValidationError(_("Le SIRET compte 14 chiffres."), code="invalid")
    la_poste = value.startswith(LA_POSTE_SIREN)
    if not (sum(int(digit) for digit in value) % 5 == 0 if la_poste else luhn_valid(value)):
        raise ValidationError(
            _("Le SIRET %(value)s n'existe pas : sa clé de contrôle est fausse, vérifiez les chiffres."),
            code="invalid_key",
            params={"value": value},
        )


colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Couleur au format #rrggbb."))


def search_key(text: str) -> str:
    """Lower-case, accent-free form of a name, so that 'jouhe' finds 'Jouhé' on any database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Service(models.TextChoices):
    """The shared services of the schéma that a service manager can run."""

    EQUIPMENT = "equipment", _("Matériel partagé")
    REPLACEMENT = "replacement", _("Service de remplacement")
    PURCHASING = "purchasing", _("Club Acheteurs")
    HELPDESK = "helpdesk", _("Cellule d'expertise")
    DIGITAL = "digital", _("Numérique et RGPD")
    NETWORK = "network", _("Réseau et formations")
    PREVENTION = "prevention", _("Prévention et santé au travail")
    WORKSHOPS = "workshops", _("Ateliers numériques")
    GRANTS = "grants", _("Fonds de concours")
    COMMON_SERVICES = "commonservices", _("Services communs")
    BILLING = "billing", _("Facturation")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordination (EPCI)")
    SERVICE_MANAGER = "service_manager", _("Responsable de service")
    ORG_MANAGER = "org_manager", _("Maire, président·e ou délégué·e")
    SECRETARY = "secretary", _("Secrétaire de mairie")
    AGENT = "agent", _("Agent")


# Who handles a commune's own affairs (money, staff absences, requests to the EPCI): not its agents.
COMMUNE_STAFF = (Role.ORG_MANAGER, Role.SECRETARY)


class Territory(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("nom court"), max_length=80)
    siren = models.CharField(_("SIREN"), max_length=9, unique=True, validators=[siren_validator])
    siret = models.CharField(
        _("SIRET de l'établissement coordonnateur"),
        max_length=14,
        blank=True,
        validators=[siret_validator],
        help_text=_("Identifiant de l'acheteur dans les données essentielles de la commande publique."),
    )
    colour = models.CharField(_("couleur"), max_length=7, default="#1d5e8c", validators=[colour_validator])
    holiday_zone = models.CharField(_("jours fériés"), max_length=3, choices=HolidayZone.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved on by every committed write to the territory's rows: keys what is cached from them (versions.py).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide("id")  # a territory is seen by its own members
    history = HistoricalRecords(excluded_fields=["data_version"])

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def territory(self) -> Territory:
        return self

    def epci(self) -> Organisation:
        """The EPCI itself as an organisation: party to the conventions of the services it carries."""
        epci = self.organisations.filter(kind=OrganisationKind.EPCI).order_by("pk").first()
        if epci is None:
            raise ValidationError(_("Le territoire n'a pas d'organisation de type EPCI : créez-la d'abord."))
        return epci

    def working_zone(self) -> HolidayZone:
        """Whose public holidays its agents have off: the coordination's choice, else its communes' département."""
        if self.holiday_zone:
            return HolidayZone(self.holiday_zone)
        return zone_of_communes(
            self.organisations.filter(kind=OrganisationKind.COMMUNE).values_list("insee_code", flat=True)
        )

    def working_calendar(self) -> WorkingCalendar:
        """The calendar every deadline of the territory counts its working days on."""
        return WorkingCalendar(
            zone=self.working_zone(), closed_days=frozenset(self.closed_days.values_list("day", flat=True))
        )


class ClosedDay(models.Model):
    """A day the territory's offices are shut besides public holidays (a bridge day): no deadline counts it."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="closed_days")
    day = models.DateField(_("jour"))
    label = models.CharField(_("motif"), max_length=120, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jour de fermeture")
        verbose_name_plural = _("jours de fermeture")
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["territory", "day"], name="closed_day_unique_per_territory")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.label}".strip()


class SectorQuerySet(ScopedQuerySet):
    def with_list_data(self) -> SectorQuerySet:
        return self.annotate(
            organisation_count=Count("organisations"), population=models.Sum("organisations__population")
        ).order_by("name")


class Sector(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="sectors")
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    objects = SectorQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("secteur")
        verbose_name_plural = _("secteurs")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="sector_unique_name")]

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    EPCI = "epci", _("EPCI")
    COMMUNE = "commune", _("Commune")
    SIVU = "sivu", _("SIVU")
    SIVOM = "sivom", _("SIVOM")
    SIVOS = "sivos", _("SIVOS")
    SYNDICAT_MIXTE = "syndicat_mixte", _("Syndicat mixte")
    CCAS = "ccas", _("CCAS")
    ASSOCIATION_FONCIERE = "association_fonciere", _("Association foncière")
    OTHER = "other", _("Autre")


class OrganisationQuerySet(ScopedQuerySet):
    def of_user(self, user) -> OrganisationQuerySet:
        """Organisations where the user holds an active membership."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user, memberships__ended_at__isnull=True)

    def active(self) -> OrganisationQuerySet:
        return self.filter(is_active=True)

    def search(self, text: str) -> OrganisationQuerySet:
        key = search_key(text.strip())
        if not key:
            return self
        return self.filter(Q(search_name__contains=key) | Q(insee_code=text.strip()) | Q(siren=text.strip()))

    def with_list_data(self) -> OrganisationQuerySet:
        active_members = (
            Membership.objects.filter(organisation=OuterRef("pk"), ended_at__isnull=True)
            .order_by()
            .values("organisation")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            self.select_related("sector", "territory")
            # A subquery rather than a join and GROUP BY: the page's rows alone are counted, and
            # the paginator's count reads no membership at all.
            .annotate(member_count=Coalesce(Subquery(active_members), 0))
            .order_by("search_name", "pk")
        )

    def with_detail_data(self) -> OrganisationQuerySet:
        return self.select_related("sector", "territory").prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.active().select_related("user").order_by("role"))
        )


class Organisation(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="organisations")
    kind = models.CharField(_("type"), max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    insee_code = models.CharField(_("code INSEE"), max_length=5, blank=True, validators=[insee_code_validator])
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, validators=[siren_validator])
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True, validators=[postal_code_validator])
    population = models.PositiveIntegerField(_("population municipale"), null=True, blank=True)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("secteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    address = models.TextField(_("adresse"), blank=True)
    is_active = models.BooleanField(_("membre actif"), default=True)

    objects = OrganisationQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords(excluded_fields=["search_name"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["search_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "insee_code"],
                condition=~Q(insee_code=""),
                name="organisation_unique_insee_per_territory",
            ),
        ]
        indexes = [models.Index(fields=["territory", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = search_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        # get_kind_display() rebuilds and translates the whole choices dict on every call.
        return OrganisationKind(self.kind).label


class MembershipQuerySet(ScopedQuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A person acting for an organisation in one role; ended rather than deleted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    service = models.CharField(_("service"), max_length=20, choices=Service.choices, blank=True)
    job_title = models.CharField(_("fonction"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    scope = territory_wide("organisation__territory")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rattachement")
        verbose_name_plural = _("rattachements")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "service"],
                condition=Q(ended_at__isnull=True),
                name="membership_unique_active",
            ),
            models.CheckConstraint(
                condition=Q(role="service_manager", service__gt="") | (~Q(role="service_manager") & Q(service="")),
                name="membership_service_only_for_managers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def territory(self) -> Territory:
        return self.organisation.territory

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Body(models.TextChoices):
    """The governance bodies of the schéma (seed, section 4)."""

    BUREAU = "bureau", _("Bureau communautaire")
    COUNCIL = "council", _("Conseil communautaire")
    MAYORS_CONFERENCE = "mayors_conference", _("Conférence des maires")
    COMMISSION = "commission", _("Commission")
    TECHNICAL_COMMITTEE = "technical_committee", _("Comité technique")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepté")
    REJECTED = "rejected", _("Refusé")


class DecisionQuerySet(ScopedQuerySet):
    def with_list_data(self) -> DecisionQuerySet:
        return self.select_related("territory")


class Decision(models.Model):
    """A decision of a governance body, e.g. the Bureau allowing a withdrawal after an action's launch."""

    territory = models.ForeignKey(Territory, on_delete=models.PROTECT, related_name="decisions")
    body = models.CharField(_("instance"), max_length=30, choices=Body.choices, default=Body.BUREAU)
    decided_on = models.DateField(_("date de la décision"))
    subject = models.CharField(_("objet"), max_length=300)
    outcome = models.CharField(_("sens de la décision"), max_length=10, choices=Outcome.choices)
    reference = models.CharField(_("référence"), max_length=60, blank=True)

    objects = DecisionQuerySet.as_manager()
    scope = territory_wide()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("décision")
        verbose_name_plural = _("décisions")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_body_display()}, {self.decided_on:%d/%m/%Y} : {self.subject}"

    @property
    def is_accepted(self) -> bool:
        return self.outcome == Outcome.ACCEPTED
