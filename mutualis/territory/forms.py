from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.core.holidays import HolidayZone
from mutualis.territory.models import ClosedDay, Organisation, OrganisationKind, Role, Sector, Service, Territory


class OrganisationFilterForm(Form):
    q = forms.CharField(label=_("Rechercher (nom, code INSEE, SIREN)"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Tous"))] + OrganisationKind.choices)
    sector = forms.ModelChoiceField(
        label=_("Secteur"), required=False, queryset=Sector.objects.none(), empty_label=_("Tous")
    )

    def __init__(self, *args, territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = territory.sectors.all()

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["sector"]:
            queryset = queryset.filter(sector=data["sector"])
        return queryset


class OrganisationContactForm(ModelForm):
    """What an organisation's own staff may change."""

    class Meta:
        model = Organisation
        fields = ["email", "phone", "address"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class OrganisationForm(OrganisationContactForm):
    """What the EPCI's coordination may change."""

    class Meta(OrganisationContactForm.Meta):
        fields = ["name", "kind", "insee_code", "siren", "postal_code", "population", "sector", "is_active"] + (
            OrganisationContactForm.Meta.fields
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = self.instance.territory.sectors.all()


class InviteForm(Form):
    email = forms.EmailField(label=_("Adresse électronique"))
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("Aucun"))] + Service.choices,
        help_text=_("Seulement pour un responsable de service."),
    )
    job_title = forms.CharField(label=_("Fonction"), max_length=120, required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation.kind != OrganisationKind.EPCI:
            # Territory-wide roles belong to the EPCI's own staff.
            self.fields["role"].choices = [
                c for c in Role.choices if c[0] not in (Role.COORDINATOR, Role.SERVICE_MANAGER)
            ]
            del self.fields["service"]


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.sector.name})" if obj.sector else obj.name


class SectorForm(ModelForm):
    organisations = OrganisationChoiceField(
        label=_("Organisations du secteur"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cocher une commune la déplace dans ce secteur."),
    )

    class Meta:
        model = Sector
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        territory = self.instance.territory
        self.fields["organisations"].queryset = territory.organisations.active().select_related("sector")
        if self.instance.pk:
            self.fields["organisations"].initial = list(self.instance.organisations.values_list("pk", flat=True))

    def validate_unique(self):
        # territory is not a form field: check the unique name ourselves for a message next to the field.
        duplicate = Sector.objects.filter(territory=self.instance.territory, name=self.cleaned_data.get("name"))
        if duplicate.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("Un secteur porte déjà ce nom."))


class HolidayZoneForm(ModelForm):
    class Meta:
        model = Territory
        fields = ["holiday_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = self.fields["holiday_zone"]
        zones.choices = [("", _("Ceux du département des communes"))] + HolidayZone.choices
        zones.help_text = ""


class ClosedDayForm(ModelForm):
    class Meta:
        model = ClosedDay
        fields = ["day", "label"]
        widgets = {"day": DateInput()}
