from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.billing import actions
from mutualis.billing.models import BILLABLE_SERVICES, ChargeQuerySet, ChargeStatus
from mutualis.core.forms import Form
from mutualis.territory.models import Organisation, Territory


def month_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "AAAA-MM"}, format="%Y-%m"),
    )


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class ChargeFilterForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    service = forms.ChoiceField(label=_("Service"), required=False, choices=[("", _("Tous"))] + BILLABLE_SERVICES)
    action = forms.TypedChoiceField(label=_("Action du schéma"), required=False, coerce=int, empty_value=None)
    month_from = month_field(_("Du mois (AAAA-MM)"))
    month_to = month_field(_("Au mois inclus (AAAA-MM)"))
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous"))] + ChargeStatus.choices)

    def __init__(self, *args, charges: ChargeQuerySet, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.territory = territory
        # Offer only the organisations the user may see charges of.
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=charges.values("organisation_id"))
        self.fields["action"].choices = [("", _("Toutes")), *actions.numbered_actions(territory.pk)]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("month_from") and data.get("month_to") and data["month_from"] > data["month_to"]:
            self.add_error("month_to", _("Le mois de fin précède le mois de début."))
        return data

    def filter(self, charges: ChargeQuerySet) -> ChargeQuerySet:
        if not self.is_valid():
            return charges
        data = self.cleaned_data
        if data["organisation"]:
            charges = charges.filter(organisation=data["organisation"])
        if data["service"]:
            charges = charges.filter(service=data["service"])
        if data["action"]:
            charges = charges.filter(actions.under_action(self.territory.pk, data["action"]))
        if data["month_from"]:
            charges = charges.filter(date__gte=data["month_from"])
        if data["month_to"]:
            charges = charges.filter(date__lt=next_month(data["month_to"]))
        if data["status"]:
            charges = charges.filter(status=data["status"])
        return charges


class ChargeForm(Form):
    """A charge typed by hand, for a service not yet run in Mutualis."""

    organisation = forms.ModelChoiceField(label=_("Organisation facturée"), queryset=Organisation.objects.none())
    service = forms.ChoiceField(label=_("Service"), choices=[("", "---------")] + BILLABLE_SERVICES)
    label = forms.CharField(label=_("Libellé"), max_length=200)
    # Localized: a French user types "12,35".
    quantity = forms.DecimalField(
        label=_("Quantité"),
        max_digits=10,
        decimal_places=3,
        min_value=Decimal("0.001"),
        initial=Decimal("1"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit_price = forms.DecimalField(
        label=_("Prix unitaire (€)"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Un prix négatif enregistre un avoir."),
    )
    date = forms.DateField(
        label=_("Date du service"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = territory.organisations.active()


class ChargeCancelForm(Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le motif est conservé et visible de l'organisation facturée."),
    )


class StatementForm(Form):
    """The month (and optionally the service) of an organisation's statement."""

    month = month_field(_("Mois"))
    service = forms.ChoiceField(label=_("Service"), choices=[("", _("Tous")), *BILLABLE_SERVICES], required=False)

    def period(self, today: date) -> tuple[date, date]:
        """[first day of the month, first day of the next); the current month by default."""
        month = (self.cleaned_data.get("month") if self.is_valid() else None) or today
        start = month.replace(day=1)
        return start, next_month(start)

    def filter(self, charges: ChargeQuerySet) -> ChargeQuerySet:
        service = self.cleaned_data.get("service") if self.is_valid() else ""
        return charges.filter(service=service) if service else charges
