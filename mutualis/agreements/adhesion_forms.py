"""Forms of the adhesion screens: the list's filters, asking to adhere, withdrawing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.agreements import terms
from mutualis.agreements.models import Adhesion, AdhesionQuerySet, Instrument
from mutualis.core.forms import DateInput
from mutualis.territory.models import Organisation, OrganisationKind, Outcome, Service, Territory


@dataclass(frozen=True)
class Offer:
    """One way to adhere to a service from the generic screen, and the convention it drafts."""

    service: str
    convention_instrument: str
    object: str  # the convention's object, in French like every convention
    instrument: str = ""  # the formula, when a service has several

    @property
    def key(self) -> str:
        return f"{self.service}:{self.instrument}"

    @property
    def label(self) -> str:
        if self.instrument:
            return f"{Service(self.service).label} – {Instrument(self.instrument).label}"
        return str(Service(self.service).label)


# Services whose adhesion names a subject (digital: one per shared software) are asked for
# from their own app's screens, which know the subject; they are not offered here.
OFFERS = (
    Offer(
        Service.REPLACEMENT,
        Instrument.INDIVIDUAL_SECONDMENT,
        "Mise à disposition d'agents du service de remplacement de l'EPCI, à la demande de l'organisation",
    ),
    Offer(
        Service.PURCHASING,
        Instrument.JOINT_PURCHASING,
        "Adhésion au groupement de commandes « Club Acheteurs » : recensement des besoins, consultations "
        "et exécution des marchés attribués pour le compte des membres",
        instrument=Instrument.JOINT_PURCHASING,
    ),
    Offer(
        Service.PURCHASING,
        Instrument.PURCHASING_CENTRE,
        "Adhésion à la centrale d'achat territoriale : achats passés par l'EPCI pour le compte des membres",
        instrument=Instrument.PURCHASING_CENTRE,
    ),
)


def offers() -> list[Offer]:
    """The offers of the services registered as needing an adhesion."""
    return [offer for offer in OFFERS if terms.terms_of(offer.service).needs_adhesion]


class AdhesionFilterForm(forms.Form):
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


class AdhesionRequestForm(forms.Form):
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
        """The arguments of `services.adhesion_create`."""
        offer = next(offer for offer in offers() if offer.key == self.cleaned_data["offer"])
        return {
            "organisation": self.cleaned_data["organisation"],
            "service": offer.service,
            "instrument": offer.instrument,
            "start": self.cleaned_data["start"],
            "convention_instrument": offer.convention_instrument,
            "object": offer.object,
        }


class AdhesionWithdrawForm(forms.Form):
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
