from __future__ import annotations

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.core.periods import day_start
from mutualis.territory.models import Organisation, OrganisationKind, Sector, Territory
from mutualis.workshops.models import Gender, Policy, Registration, RegistrationStatus, Series, SessionQuerySet, Theme

PHONE = re.compile(r"^\+?[0-9]{10,14}$")


class ProgrammeFilterForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    sector = forms.ModelChoiceField(label=_("Secteur"), required=False, queryset=Sector.objects.none(),
                                    empty_label=_("Tous"))  # fmt: skip
    theme = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous")), *Theme.choices])
    after = forms.DateField(label=_("À partir du"), required=False, widget=DateInput())

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            territory=territory, kind=OrganisationKind.COMMUNE, workshop_series__isnull=False
        ).distinct().order_by("search_name")  # fmt: skip
        self.fields["sector"].queryset = Sector.objects.filter(territory=territory).order_by("name")

    def filter(self, sessions: SessionQuerySet) -> SessionQuerySet:
        if not self.is_valid():
            return sessions
        data = self.cleaned_data
        if data["organisation"]:
            sessions = sessions.filter(series__organisation=data["organisation"])
        if data["sector"]:
            sessions = sessions.filter(series__organisation__sector=data["sector"])
        if data["theme"]:
            sessions = sessions.filter(series__theme=data["theme"])
        if data["after"]:
            sessions = sessions.filter(starts_at__gte=day_start(data["after"]))
        return sessions


class RegistrationForm(Form):
    """The least an inhabitant gives: a name, and a phone number or an email address."""

    name = forms.CharField(
        label=_("Nom et prénom"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("10 chiffres, par exemple 06 12 34 56 78."),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Cette adresse électronique n'est pas valide, par exemple : nom@exemple.fr.")},
        help_text=_("Pour recevoir la confirmation, le lien d'annulation et un rappel la veille."),
    )
    # Left empty by people; robots fill every field. Hidden from view and from screen readers.
    website = forms.CharField(label=_("Ne pas remplir"), required=False)

    def clean_phone(self) -> str:
        phone = re.sub(r"[\s.\-]", "", self.cleaned_data["phone"])
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Ce numéro de téléphone n'est pas valide : 10 chiffres, par exemple 06 12 34 56 78.")
            )
        return phone

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise ValidationError(_("Indiquez un numéro de téléphone ou une adresse électronique pour être prévenu·e."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class SeriesForm(ModelForm):
    class Meta:
        model = Series
        fields = ["organisation", "theme", "title", "description", "place", "run_by", "provider", "cost"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "run_by": forms.RadioSelect}

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            territory=territory, kind=OrganisationKind.COMMUNE
        ).order_by("search_name")


class SessionForm(Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Début"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Fin"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    seats = forms.IntegerField(label=_("Places"), min_value=1, max_value=200, initial=8)

    def moments(self) -> tuple[datetime, datetime]:
        day: date = self.cleaned_data["day"]
        return (timezone.make_aware(datetime.combine(day, self.cleaned_data["start"])),
                timezone.make_aware(datetime.combine(day, self.cleaned_data["end"])))  # fmt: skip


class CancelForm(Form):
    reason = forms.CharField(label=_("Motif de l'annulation"), max_length=200)


class PhoneRegistrationForm(RegistrationForm):
    """The town hall registers a caller: the same data, no honeypot."""

    website = None


class AttendanceForm(Form):
    """Who came: a registered person from the list, or a walk-in by name; for statistics only,
    gender, age and home sector."""

    registration = forms.ModelChoiceField(
        label=_("Personne inscrite"), required=False, queryset=Registration.objects.none(),
        empty_label=_("— venue sans inscription —"),
    )  # fmt: skip
    name = forms.CharField(label=_("Nom (venue sans inscription)"), max_length=150, required=False)
    gender = forms.ChoiceField(label=_("Genre"), required=False, choices=[("", "—"), *Gender.choices])
    age = forms.IntegerField(label=_("Âge"), required=False, min_value=10, max_value=120)
    sector = forms.ModelChoiceField(label=_("Secteur de résidence"), required=False, queryset=Sector.objects.none())

    def __init__(self, *args, session, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = (
            session.registrations.filter(status=RegistrationStatus.REGISTERED)
            .exclude(participant__visits__session=session)
            .select_related("participant")
        )
        self.fields["registration"].label_from_instance = lambda registration: registration.participant.name
        self.fields["sector"].queryset = Sector.objects.filter(territory_id=session.series.territory_id)


class PolicyForm(ModelForm):
    class Meta:
        model = Policy
        fields = ["retention_months", "public_minimum"]
