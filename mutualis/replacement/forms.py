from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mutualis.accounts.models import User
from mutualis.core.forms import Form, ModelForm
from mutualis.replacement.models import (
    WEEKDAYS,
    Agent,
    Level,
    Motive,
    PreferenceKind,
    RequestStatus,
    ServiceRules,
    Skill,
    Tariff,
    UnavailabilityKind,
    Urgency,
)
from mutualis.territory.models import Organisation, Role, Territory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def end_after(last_day: date | None) -> date | None:
    """Forms ask for the last day, read inclusive; services take the excluded end."""
    return last_day + timedelta(days=1) if last_day else None


class PeriodForm(Form):
    start = forms.DateField(label=_("Premier jour"), widget=DATE)
    last_day = forms.DateField(label=_("Dernier jour"), widget=DATE)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("last_day") and data["last_day"] < data["start"]:
            self.add_error("last_day", _("Le dernier jour ne peut pas précéder le premier."))
        return data

    def period(self) -> dict:
        return {"start": self.cleaned_data["start"], "end": end_after(self.cleaned_data["last_day"])}


class RequestForm(PeriodForm):
    motive = forms.ChoiceField(label=_("Motif"), choices=Motive.choices)
    last_day = forms.DateField(
        label=_("Dernier jour"), widget=DATE, required=False, help_text=_("Laissez vide si la fin n'est pas connue.")
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Jours de présence"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    weekly_hours = forms.DecimalField(
        label=_("Heures par semaine"), min_value=0.5, max_value=48, decimal_places=2, localize=True
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences attendues"), choices=Skill.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    urgency = forms.TypedChoiceField(label=_("Urgence"), choices=Urgency.choices, coerce=int, initial=Urgency.NORMAL)
    notes = forms.CharField(
        label=_("Précisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Logiciels utilisés, tâches prioritaires, personne à contacter…"),
    )

    field_order = ["motive", "start", "last_day", "weekdays", "weekly_hours", "skills", "urgency", "notes"]

    def request_fields(self) -> dict:
        data = self.cleaned_data
        fields = ("motive", "weekdays", "weekly_hours", "skills", "urgency", "notes")
        return {**self.period(), **{name: data[name] for name in fields}}


class AssignForm(PeriodForm):
    agent = forms.ModelChoiceField(label=_("Agent"), queryset=Agent.objects.none())
    weekly_hours = forms.DecimalField(
        label=_("Heures par semaine"), min_value=0.5, max_value=48, decimal_places=2, localize=True
    )

    field_order = ["agent", "start", "last_day", "weekly_hours"]

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = Agent.objects.filter(territory=territory).active().order_by("name")


class AgentForm(Form):
    name = forms.CharField(label=_("Nom"), max_length=120)
    home = forms.ModelChoiceField(label=_("Commune de résidence"), queryset=Organisation.objects.none())
    working_hours = forms.DecimalField(
        label=_("Temps de travail (heures par semaine)"),
        min_value=1,
        max_value=48,
        decimal_places=2,
        initial=35,
        localize=True,
    )
    max_km = forms.IntegerField(label=_("Distance maximale de déplacement (km)"), min_value=0, initial=30)
    user = forms.ModelChoiceField(
        label=_("Compte de l'agent"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Un compte rattaché à l'EPCI avec le rôle « Agent » ; il voit ses missions et saisit ses heures."),
    )
    is_active = forms.BooleanField(label=_("En activité"), required=False, initial=True)

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home"].queryset = Organisation.objects.filter(territory=territory).active().order_by("search_name")
        self.fields["user"].queryset = User.objects.filter(
            memberships__organisation__territory=territory, memberships__role=Role.AGENT, memberships__ended_at=None
        ).distinct()
        for code, label in Skill.choices:
            self.fields[f"skill_{code}"] = forms.TypedChoiceField(
                label=label, choices=[(0, _("—")), *Level.choices], coerce=int, initial=0, required=False
            )

    @classmethod
    def initial_for(cls, agent: Agent) -> dict:
        fields = ("name", "home", "working_hours", "max_km", "user", "is_active")
        return {**{name: getattr(agent, name) for name in fields},
                **{f"skill_{code}": level for code, level in agent.skill_levels().items()}}  # fmt: skip

    def skill_fields(self) -> list:
        return [self[f"skill_{code}"] for code in Skill.values]

    def agent_fields(self) -> dict:
        data = self.cleaned_data
        skills = {code: data.get(f"skill_{code}") or 0 for code in Skill.values}
        fields = ("name", "home", "working_hours", "max_km", "user", "is_active")
        return {**{name: data[name] for name in fields}, "skills": skills}


class UnavailabilityForm(PeriodForm):
    kind = forms.ChoiceField(label=_("Type"), choices=UnavailabilityKind.choices)
    note = forms.CharField(label=_("Précision"), max_length=200, required=False)

    field_order = ["kind", "start", "last_day", "note"]


class TariffForm(ModelForm):
    class Meta:
        model = Tariff
        fields = ["valid_from", "hourly_rate", "km_allowance"]
        localized_fields = ["hourly_rate", "km_allowance"]
        widgets = {"valid_from": DATE}


class RulesForm(ModelForm):
    class Meta:
        model = ServiceRules
        fields = ["valid_from", "max_mission_months", "max_days_per_week", "small_communes_first"]
        widgets = {"valid_from": DATE}


class AdhesionForm(Form):
    start = forms.DateField(label=_("Adhère à partir du"), widget=DATE)


class PreferenceForm(Form):
    agent = forms.ModelChoiceField(label=_("Agent"), queryset=Agent.objects.none())
    kind = forms.ChoiceField(label=_("Souhait"), choices=[("", _("Aucun (oublier)")), *PreferenceKind.choices],
                             required=False)  # fmt: skip

    def __init__(self, *args, agents: QuerySet, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents


class TimesheetForm(Form):
    week = forms.DateField(label=_("Semaine du (lundi)"), widget=DATE)
    hours = forms.DecimalField(
        label=_("Heures travaillées"), min_value=0.25, max_value=48, decimal_places=2, localize=True
    )
    km = forms.DecimalField(label=_("Kilomètres parcourus"), min_value=0, decimal_places=1, initial=0, localize=True)


class DisputeForm(Form):
    reason = forms.CharField(label=_("Ce qui ne va pas"), widget=forms.Textarea(attrs={"rows": 2}))


class StatusFilterForm(Form):
    status = forms.ChoiceField(label=_("Statut"), choices=[("", _("Tous")), *RequestStatus.choices], required=False)

    def filter(self, rows: QuerySet) -> QuerySet:
        if self.is_valid() and self.cleaned_data["status"]:
            return rows.filter(status=self.cleaned_data["status"])
        return rows
