from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.network.models import (
    Category,
    CertificateKind,
    Document,
    Meeting,
    News,
    PlannedTraining,
    Profile,
    TrainingPlan,
    TrainingSession,
)
from mutualis.territory.models import Organisation, Role, Sector


class DirectoryFilterForm(Form):
    q = forms.CharField(label=_("Nom, fonction ou service"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(label=_("Commune"), queryset=Organisation.objects.none(), required=False)
    sector = forms.ModelChoiceField(label=_("Secteur"), queryset=Sector.objects.none(), required=False)
    category = forms.ChoiceField(label=_("Filière"), choices=[("", _("Toutes")), *Category.choices], required=False)

    def __init__(self, *args, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(territory=territory).order_by("search_name")
        self.fields["sector"].queryset = Sector.objects.filter(territory=territory)

    def filter(self, rows: QuerySet) -> QuerySet:
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        rows = rows.search(data["q"] or "")
        if data["organisation"]:
            rows = rows.filter(organisation=data["organisation"])
        if data["sector"]:
            rows = rows.filter(organisation__sector=data["sector"])
        if data["category"]:
            rows = rows.filter(category=data["category"])
        return rows


class SessionFilterForm(Form):
    q = forms.CharField(label=_("Formation, thème ou logiciel"), required=False, max_length=100)

    def filter(self, rows: QuerySet) -> QuerySet:
        return rows.search(self.cleaned_data["q"]) if self.is_valid() else rows


class ProfileForm(ModelForm):
    class Meta:
        model = Profile
        fields = ["organisation", "first_name", "last_name", "job_title", "department", "category", "work_phone",
                  "private_phone", "private_phone_visibility", "email", "email_visibility", "photo",
                  "photo_consent_on"]  # fmt: skip
        widgets = {"photo_consent_on": DateInput()}

    def __init__(self, *args, organisations: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["photo"].help_text = _("Seulement avec l'accord de l'agent, dont vous notez la date.")


class CensusOpenForm(Form):
    year = forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100)
    closes_on = forms.DateField(label=_("Réponses attendues avant le"), required=False, widget=DateInput())


class NameForm(Form):
    name = forms.CharField(label=_("Nom"), max_length=150)


def census_answer_form(themes, needs: dict, data=None) -> Form:
    """One number of agents and a comment per theme, filled with the organisation's earlier answer."""
    fields = {}
    for theme in themes:
        need = needs.get(theme.pk)
        fields[f"agents_{theme.pk}"] = forms.IntegerField(
            label=theme.name, min_value=0, max_value=9999, required=False, initial=need.agents if need else None
        )
        fields[f"comment_{theme.pk}"] = forms.CharField(
            label=_("Précisions : %(theme)s") % {"theme": theme.name}, max_length=300, required=False,
            initial=need.comment if need else "",
        )  # fmt: skip
    return type("CensusAnswerForm", (Form,), fields)(data)


class PlanForm(ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["title", "first_year", "last_year"]


class PlannedTrainingForm(ModelForm):
    class Meta:
        model = PlannedTraining
        fields = ["theme", "title", "provider", "provider_name", "year", "target_agents", "budget", "sharing",
                  "certificate_kind"]  # fmt: skip

    def __init__(self, *args, themes: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["certificate_kind"] = forms.ChoiceField(
            label=_("Certificat délivré"), choices=[("", _("Aucun")), *CertificateKind.choices], required=False
        )


class SessionForm(ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["planned", "starts_on", "ends_on", "start_time", "place", "trainer", "description", "seats", "cost"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, planned: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["planned"].queryset = planned


class AgentChoiceForm(Form):
    profile = forms.ModelChoiceField(label=_("Agent"), queryset=Profile.objects.none())

    def __init__(self, *args, profiles: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles


class MeetingForm(ModelForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("Rôles invités"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audience_categories = forms.MultipleChoiceField(
        label=_("Filières invitées"), choices=Category.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Meeting
        fields = ["body", "kind", "title", "starts_at", "place", "agenda", "seats", "audience_roles",
                  "audience_categories", "audience_sectors", "audience_organisations", "audience_profiles"]  # fmt: skip
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "audience_sectors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = territory.network_bodies.all()
        self.fields["audience_sectors"].queryset = Sector.objects.filter(territory=territory)
        self.fields["audience_organisations"].queryset = Organisation.objects.filter(territory=territory)
        self.fields["audience_profiles"].queryset = Profile.objects.filter(territory=territory).current()


class MeetingFilesForm(Form):
    minutes = forms.FileField(label=_("Compte rendu"), required=False)
    slides = forms.FileField(label=_("Diaporama"), required=False)


class NewsForm(ModelForm):
    class Meta:
        model = News
        fields = ["organisation", "title", "text", "audience", "sector"]

    def __init__(self, *args, organisations: QuerySet, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["sector"].queryset = Sector.objects.filter(territory=territory)


class DocumentForm(ModelForm):
    file = forms.FileField(label=_("Fichier"))

    class Meta:
        model = Document
        fields = ["folder", "title", "audience", "sector"]

    def __init__(self, *args, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = territory.network_folders.all()
        self.fields["sector"].queryset = Sector.objects.filter(territory=territory)


class VersionForm(Form):
    file = forms.FileField(label=_("Nouvelle version"))
    note = forms.CharField(label=_("Ce qui change"), max_length=300, required=False)
