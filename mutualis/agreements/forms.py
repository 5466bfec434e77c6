from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.agreements.models import (
    ConventionQuerySet,
    ConventionTemplate,
    Instrument,
    Status,
)
from mutualis.core.files import SCAN
from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.territory.models import Organisation, Territory


class ConventionFilterForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False, help_text=_("Dans le titre"))
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous"))] + Status.choices)
    instrument = forms.ChoiceField(
        label=_("Instrument"), required=False, choices=[("", _("Tous"))] + Instrument.choices
    )
    organisation = forms.ModelChoiceField(
        label=_("Partie"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = territory.organisations.order_by("search_name")

    def filter(self, queryset: ConventionQuerySet) -> ConventionQuerySet:
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        queryset = queryset.search(data["q"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["instrument"]:
            queryset = queryset.filter(instrument=data["instrument"])
        if data["organisation"]:
            queryset = queryset.for_organisation(data["organisation"])
        return queryset


class ConventionForm(Form):
    instrument = forms.ChoiceField(label=_("Instrument juridique"), choices=Instrument.choices)
    title = forms.CharField(
        label=_("Titre"), max_length=200, required=False, help_text=_("Laissez vide pour reprendre le titre du modèle.")
    )
    object = forms.CharField(
        label=_("Objet"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Ce que la convention couvre.")
    )
    start = forms.DateField(label=_("Premier jour"), widget=DateInput())
    last_day = forms.DateField(
        label=_("Dernier jour"),
        required=False,
        widget=DateInput(),
        help_text=_("Laissez vide pour une durée indéterminée."),
    )
    amount = forms.DecimalField(label=_("Montant (€)"), required=False, min_value=0, max_digits=12, decimal_places=2)
    amount_description = forms.CharField(
        label=_("Description du montant"), max_length=255, required=False, help_text=_("Par exemple : forfait annuel.")
    )
    notice_months = forms.IntegerField(
        label=_("Préavis de retrait (mois)"),
        required=False,
        min_value=0,
        max_value=24,
        initial=0,
        help_text=_("0 : le retrait prend effet à la date demandée."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("last_day") and data["last_day"] < data["start"]:
            self.add_error("last_day", _("Le dernier jour ne peut pas précéder le premier."))
        return data

    def convention_fields(self) -> dict:
        """The arguments of convention_create; the period is stored half-open, [start, end)."""
        data = dict(self.cleaned_data)
        last_day = data.pop("last_day")
        data["end"] = last_day + timedelta(days=1) if last_day else None
        data["notice_months"] = data["notice_months"] or 0
        return data


class PartyForm(Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.CharField(label=_("Qualité"), max_length=80)

    def __init__(self, *args, territory: Territory, choices: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = territory.organisations.order_by("search_name")
        if choices is not None:  # the formset's, read once for all its parties
            field.choices = choices


class BasePartyFormSet(forms.BaseFormSet):
    def __init__(self, *args, territory: Territory, **kwargs):
        field = PartyForm(territory=territory).fields["organisation"]
        choices = [(value, label) for value, label in field.choices]
        super().__init__(*args, form_kwargs={"territory": territory, "choices": choices}, **kwargs)

    def clean(self) -> None:
        organisations = [
            form.cleaned_data["organisation"] for form in self.forms if "organisation" in form.cleaned_data
        ]
        if len(set(organisations)) != len(organisations):
            raise forms.ValidationError(_("Une organisation ne peut être partie qu'une fois."))

    def parties(self) -> list[tuple[Organisation, str]]:
        return [
            (form.cleaned_data["organisation"], form.cleaned_data["role"]) for form in self.forms if form.cleaned_data
        ]


PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=2, min_num=2, validate_min=True)


class SignForm(Form):
    signed_on = forms.DateField(label=_("Date de signature"), widget=DateInput(), initial=timezone.localdate)
    signed_scan = forms.FileField(
        label=_("Convention signée"),
        validators=[SCAN],
        help_text=_("Scan en PDF, PNG ou JPEG, 10 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": SCAN.accept}),
    )


class PartySignForm(Form):
    """One party's signature: the signatory as typed, or the scan of its signed copy, or both."""

    signed_on = forms.DateField(label=_("Date de signature"), widget=DateInput(), initial=timezone.localdate)
    signatory = forms.CharField(
        label=_("Signataire (nom et qualité)"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : Alice Martin, maire. Laissez vide si vous joignez l'exemplaire signé."),
    )
    signed_scan = forms.FileField(
        label=_("Exemplaire signé (facultatif)"),
        required=False,
        validators=[SCAN],
        help_text=_("Scan en PDF, PNG ou JPEG, 10 Mo au plus."),
        widget=forms.FileInput(attrs={"accept": SCAN.accept}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("signatory", "").strip() and not data.get("signed_scan") and "signed_scan" not in self.errors:
            self.add_error("signatory", _("Indiquez le nom et la qualité du signataire, ou joignez le scan signé."))
        return data


class WaiverForm(Form):
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Pourquoi le service peut commencer avant la signature (par exemple : délibération prévue le 12 mai)."
        ),
    )


class EndForm(Form):
    ended_on = forms.DateField(label=_("Date de fin"), widget=DateInput(), initial=timezone.localdate)


class ConventionTemplateForm(ModelForm):
    class Meta:
        model = ConventionTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30})}
