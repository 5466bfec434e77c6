"""Forms of the adhesion screens: the list's filters, asking to adhere, withdrawing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, AdhesionQuerySet, Instrument
from mutualis.core.forms import DateInput, Form
from mutualis.territory.models import Organisation, OrganisationKind, Outcome, Service, Territory


@dataclass(frozen=True)
class Offer:
    """One way to join a service from the generic screen: the service and, if it has several, a formula."""

    service: str
    instrument: str = ""

    @property
    def key(self) -> str:
        return f"{self.service}:{self.instrument}"

    @property
    def label(self) -> str:
        if self.instrument:
            return f"{Service(self.service).label} – {Instrument(self.instrument).label}"
        return str(Service(self.service).label)


def offers() -> list[Offer]:
    """The services that can be joined from the generic screen (those registering `adhere`),
    one offer per formula."""
    registered = terms.registered()
    return [
        Offer(service, instrument)
        for service in Service.values  # in the schéma's usual order
        if service in registered and registered[service].adhere is not None
        for instrument in registered[service].formulas or ("",)
    ]


class AdhesionFilterForm(Form):
    ACTIVE, WITHDRAWN = "active", "withdrawn"

    service = forms.ChoiceField(label=_("Service"), required=False, choices=[("", _("Tous"))] + Service.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    state = forms.ChoiceField(
        label=_("État"),
        required=False,
        choices=[("", _("Toutes")), (ACTIVE, _("En vigueur aujourd'hui")), (WITHDRAWN, _("Retirées"))],
    )

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = territory.organisations.exclude(kind=OrganisationKind.EPCI).order_by(
            "search_name"
        )

    def filter(self, queryset: AdhesionQuerySet, today: date) -> AdhesionQuerySet:
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["service"]:
            queryset = queryset.of_service(data["service"])
        if data["organisation"]:
            queryset = queryset.filter(organisation=data["organisation"])
        if data["state"] == self.ACTIVE:
            queryset = queryset.active_on(today)
        elif data["state"] == self.WITHDRAWN:
            queryset = queryset.filter(end__lte=today)
        return queryset


class AdhesionRequestForm(Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    offer = forms.ChoiceField(label=_("Service"))
    start = forms.DateField(
        label=_("Adhère à compter du"),
        widget=DateInput(),
        initial=timezone.localdate,
    )

    def __init__(self, *args, user, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = territory.organisations.active().exclude(kind=OrganisationKind.EPCI).order_by("search_name")
        allowed = [o.pk for o in candidates if user.has_perm("agreements.request_adhesion", o)]
        self.fields["organisation"].queryset = candidates.filter(pk__in=allowed)
        if len(allowed) == 1:
            self.fields["organisation"].initial = allowed[0]
        self.fields["offer"].choices = [("", "---------")] + [(offer.key, offer.label) for offer in offers()]

    def adhesion_fields(self) -> dict:
        """The arguments of `terms.adhere`."""
        offer = next(offer for offer in offers() if offer.key == self.cleaned_data["offer"])
        return {
            "service": offer.service,
            "organisation": self.cleaned_data["organisation"],
            "start": self.cleaned_data["start"],
            "instrument": offer.instrument,
        }


class AdhesionWithdrawForm(Form):
    """The Bureau's decision is asked for only when a withdrawal lock holds on the chosen day."""

    on = forms.DateField(
        label=_("Retrait à compter du"),
        help_text=_("Premier jour sans adhésion."),
        widget=DateInput(),
        initial=timezone.localdate,
    )
    decided_on = forms.DateField(
        label=_("Date de la décision du Bureau"),
        required=False,
        widget=DateInput(),
    )
    outcome = forms.ChoiceField(
        label=_("Sens de la décision"), required=False, choices=[("", "---------")] + Outcome.choices
    )
    reference = forms.CharField(label=_("Référence de la décision"), max_length=60, required=False)

    def __init__(self, *args, adhesion: Adhesion, **kwargs):
        super().__init__(*args, **kwargs)
        self.adhesion = adhesion
        self.locked = terms.withdrawal_locked(adhesion, timezone.localdate())

    def clean(self) -> dict:
        data = super().clean()
        if "on" not in data:
            return data
        self.locked = terms.withdrawal_locked(self.adhesion, data["on"])
        if self.locked:
            if not data.get("decided_on"):
                self.add_error("decided_on", _("L'action est lancée : ce retrait demande une décision du Bureau."))
            if not data.get("outcome"):
                self.add_error("outcome", _("Indiquez le sens de la décision."))
        return data

    def withdrawal_fields(self) -> dict:
        """The arguments of `services.adhesion_withdraw_with_decision`; no decision unless locked."""
        data = self.cleaned_data
        if not self.locked:
            return {"on": data["on"], "decided_on": None}
        return {key: data[key] for key in ("on", "decided_on", "outcome", "reference")}
