from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.agreements.models import Adhesion
from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.digital.models import LegalBasis, ProcessingActivity, Software
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Service, Territory


class SoftwareFilterForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    archived = forms.BooleanField(label=_("Afficher les logiciels retirés"), required=False)

    def filter(self, rows):
        if not self.is_valid():
            return rows.offered()
        rows = rows.search(self.cleaned_data["q"])
        return rows if self.cleaned_data["archived"] else rows.offered()


class SoftwareForm(ModelForm):
    website = forms.URLField(label=_("Site de l'éditeur"), required=False, assume_scheme="https")

    class Meta:
        model = Software
        fields = ["name", "publisher", "purpose", "description", "website", "referent", "referent_name",
                  "acquired_on", "acquisition_cost", "share_basis"]  # fmt: skip
        widgets = {"acquired_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.territory = territory
        self.fields["referent"].queryset = (
            Membership.objects.active()
            .filter(organisation__territory=territory, organisation__kind=OrganisationKind.EPCI)
            .select_related("user", "organisation")
            .order_by("user__last_name", "user__first_name")
        )
        self.fields["referent"].label_from_instance = lambda m: (
            f"{m.user.get_full_name() or m.user.email} – {m.get_role_display()}"
        )


class UserAddForm(Form):
    organisation = forms.ModelChoiceField(label=_("Organisation utilisatrice"), queryset=Organisation.objects.none())
    start = forms.DateField(label=_("Utilise le logiciel depuis le"), widget=DateInput())

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            territory.organisations.active().exclude(kind=OrganisationKind.EPCI).order_by("search_name")
        )
        self.fields["start"].initial = timezone.localdate()


class UserWithdrawForm(Form):
    """An organisation stops using the software: its adhesion ends (schéma §4, Bureau decision once locked)."""

    adhesion = forms.ModelChoiceField(label=_("Organisation utilisatrice"), queryset=Adhesion.objects.none())
    on = forms.DateField(label=_("N'utilise plus le logiciel à partir du"), widget=DateInput())
    decided_on = forms.DateField(
        label=_("Décision favorable du Bureau du"),
        required=False,
        widget=DateInput(),
        help_text=_("Seulement si le retrait demande une décision du Bureau."),
    )
    reference = forms.CharField(label=_("Référence de la décision"), max_length=60, required=False)

    def __init__(self, *args, software: Software, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adhesion"]
        field.queryset = software.adhesions.filter(service=Service.DIGITAL).open().with_list_data()
        field.label_from_instance = lambda adhesion: adhesion.organisation.name


class MaintenanceForm(Form):
    year = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Maintenance annuelle (€)"), min_value=0, max_digits=12, decimal_places=2)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ProcessingActivityForm(ModelForm):
    class Meta:
        model = ProcessingActivity
        fields = ["name", "purposes", "legal_basis", "data_subjects", "data_categories", "sensitive_data",
                  "recipients", "transfers_outside_eu", "retention", "security_measures", "contact"]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "purposes",
                "data_subjects",
                "data_categories",
                "recipients",
                "transfers_outside_eu",
                "security_measures",
            ]  # fmt: skip
        }


class RecordFilterForm(Form):
    q = forms.CharField(label=_("Rechercher un traitement"), required=False)
    legal_basis = forms.ChoiceField(
        label=_("Base légale"), required=False, choices=[("", _("Toutes"))] + LegalBasis.choices
    )

    def filter(self, rows):
        if not self.is_valid():
            return rows
        if self.cleaned_data["q"].strip():
            rows = rows.filter(name__icontains=self.cleaned_data["q"].strip())
        if self.cleaned_data["legal_basis"]:
            rows = rows.filter(legal_basis=self.cleaned_data["legal_basis"])
        return rows
