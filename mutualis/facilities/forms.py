"""Forms of the sports-facility screens."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mutualis.accounts.models import User
from mutualis.core.forms import DateInput, Form, ModelForm, MultipleFileField
from mutualis.facilities.models import (
    UPCOMING_DAYS,
    Compliance,
    Facility,
    FacilityKind,
    FacilityQuerySet,
    FacilityStatus,
    InspectionKind,
    InspectionPlan,
    InspectionPlanQuerySet,
)
from mutualis.territory.models import Organisation, Role, Service

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class FacilityForm(ModelForm):
    class Meta:
        model = Facility
        fields = ["owner", "kind", "name", "address", "location_details", "latitude", "longitude",
                  "manufacturer", "installer", "installed_on", "standard"]  # fmt: skip
        widgets = {"installed_on": DateInput(), "location_details": TEXTAREA}

    def __init__(self, *args, owners: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners]).order_by(
            "search_name"
        )
        self.fields["owner"].empty_label = None


class Due(models.TextChoices):
    OVERDUE = "overdue", _("Contrôle en retard")
    SOON = "soon", _("En retard ou prévu d'ici 30 jours")


class FacilityFilterForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    owner = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Tous"))] + FacilityKind.choices)
    status = forms.ChoiceField(
        label=_("État"), required=False, choices=[("", _("En service ou hors service"))] + FacilityStatus.choices
    )
    due = forms.ChoiceField(label=_("Contrôles"), required=False, choices=[("", _("Tous"))] + Due.choices)

    def __init__(self, *args, owners: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners]).order_by(
            "search_name"
        )

    def filter(self, facilities: FacilityQuerySet, today: date) -> FacilityQuerySet:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            text = data["q"].strip()
            facilities = facilities.filter(Q(name__icontains=text) | Q(address__icontains=text))
        if data.get("owner"):
            facilities = facilities.filter(owner=data["owner"])
        if data.get("kind"):
            facilities = facilities.filter(kind=data["kind"])
        facilities = facilities.filter(status=data["status"]) if data.get("status") else facilities.current()
        if data.get("due"):
            horizon = today if data["due"] == Due.OVERDUE else today + timedelta(days=UPCOMING_DAYS + 1)
            late = InspectionPlan.objects.filter(next_due_on__lt=horizon).values("facility_id")
            facilities = facilities.filter(pk__in=late)
        return facilities


class DueFilterForm(Form):
    owner = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    days = forms.IntegerField(
        label=_("Prévus dans les (jours)"), min_value=0, max_value=366, initial=UPCOMING_DAYS, required=False
    )

    def __init__(self, *args, owners: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners]).order_by(
            "search_name"
        )

    @property
    def horizon_days(self) -> int:
        days = self.cleaned_data.get("days") if self.is_valid() else None
        return UPCOMING_DAYS if days is None else days

    def filter(self, plans: InspectionPlanQuerySet, today: date) -> InspectionPlanQuerySet:
        plans = plans.due(today, self.horizon_days)
        owner = self.cleaned_data.get("owner") if self.is_valid() else None
        return plans.filter(facility__owner=owner) if owner else plans


class PlanForm(ModelForm):
    class Meta:
        model = InspectionPlan
        fields = ["kind", "every", "unit", "starts_on", "done_by"]
        widgets = {"starts_on": DateInput()}


class InspectionForm(Form):
    kind = forms.ChoiceField(label=_("Type de contrôle"), choices=InspectionKind.choices)
    inspected_on = forms.DateField(label=_("Date du contrôle"), widget=DateInput())
    inspector = forms.ModelChoiceField(label=_("Contrôleur"), queryset=User.objects.none(), empty_label=None)
    findings = forms.CharField(label=_("Constats"), widget=TEXTAREA)
    compliance = forms.ChoiceField(label=_("Conformité"), choices=Compliance.choices, widget=forms.RadioSelect)
    actions_required = forms.CharField(
        label=_("Actions à mener"), required=False, widget=TEXTAREA,
        help_text=_("Obligatoire en cas de défaut : réparation, remplacement, mise hors service…"),
    )  # fmt: skip
    photos = MultipleFileField(label=_("Photos"), required=False)
    photos_consent = forms.BooleanField(
        label=_("Les personnes visibles sur les photos ont donné leur accord (ou personne n'est visible)"),
        required=False,
    )

    def __init__(self, *args, facility: Facility, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors_of(facility)


def inspectors_of(facility: Facility):
    """Who may be named inspector: the territory's expertise desk managers and the owner's members."""
    return (
        User.objects.filter(
            Q(memberships__organisation=facility.owner)
            | Q(
                memberships__organisation__territory_id=facility.territory_id,
                memberships__role=Role.SERVICE_MANAGER,
                memberships__service=Service.HELPDESK,
            ),
            memberships__ended_at__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class MaintenanceForm(Form):
    done_on = forms.DateField(label=_("Date de l'intervention"), widget=DateInput())
    description = forms.CharField(label=_("Intervention réalisée"), widget=TEXTAREA)
    done_by = forms.CharField(label=_("Réalisée par"), max_length=200, help_text=_("Service technique ou entreprise."))
