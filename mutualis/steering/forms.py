from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from mutualis.agreements.models import Instrument
from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.core.indicators import registry
from mutualis.core.params import EARLIEST, LATEST
from mutualis.steering.models import (
    Action,
    AdjustmentKind,
    CostLine,
    IndicatorDefinition,
    Milestone,
    MilestoneStatus,
    Scheme,
)
from mutualis.steering.periods import due_text
from mutualis.territory.models import Outcome, Territory

DUE_HELP = _("Par exemple 2022, T4 2021, 10/2021 ou 01/01/2022 ; vide : tout au long du schéma.")


class SchemeForm(ModelForm):
    class Meta:
        model = Scheme
        fields = ["title", "start_year", "end_year", "previous"]

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.territory = territory
        self.fields["previous"].queryset = Scheme.objects.filter(territory=territory).exclude(pk=self.instance.pk)
        for name in ("start_year", "end_year"):
            self.fields[name].validators += [MinValueValidator(EARLIEST.year), MaxValueValidator(LATEST.year)]

    def clean_start_year(self) -> int:
        # The territory is not a form field, so Django leaves the unique constraint to the database.
        year = self.cleaned_data["start_year"]
        others = Scheme.objects.filter(territory=self.instance.territory).exclude(pk=self.instance.pk)
        if others.filter(start_year=year).exists():
            raise forms.ValidationError(_("Un autre schéma du territoire commence cette année-là."))
        return year

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start_year") and data.get("end_year") and data["end_year"] < data["start_year"]:
            self.add_error("end_year", _("La dernière année suit la première."))
        return data


class ActionForm(ModelForm):
    instruments = forms.MultipleChoiceField(
        label=_("Instruments juridiques"),
        choices=Instrument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = [
            "number", "title", "context", "objectives", "perimeter", "review", "instruments",
            "service", "launched_on", "is_completed",
        ]  # fmt: skip
        widgets = {
            "launched_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in ("context", "objectives", "perimeter", "review")},
        }

    def clean_number(self) -> int:
        # The scheme is not a form field, so Django leaves the unique constraint to the database.
        number = self.cleaned_data["number"]
        if self.instance.scheme.actions.exclude(pk=self.instance.pk).filter(number=number).exists():
            raise forms.ValidationError(_("Une autre action du schéma porte ce numéro."))
        return number

    def clean_service(self) -> str:
        """One action steers a service in a schéma: its charges, adhesions and uses are that action's."""
        service = self.cleaned_data["service"]
        others = self.instance.scheme.actions.exclude(pk=self.instance.pk)
        if service and others.filter(service=service).exists():
            raise forms.ValidationError(_("Une autre action du schéma est déjà chargée de ce service."))
        return service


class MilestoneForm(Form):
    title = forms.CharField(label=_("Intitulé"), max_length=300)
    details = forms.CharField(label=_("Précisions"), max_length=300, required=False)
    due = forms.CharField(label=_("Échéance"), max_length=20, required=False, help_text=DUE_HELP)
    status = forms.ChoiceField(label=_("Statut"), choices=MilestoneStatus.choices)
    done_on = forms.DateField(label=_("Réalisée le"), required=False, widget=DateInput())

    @classmethod
    def for_milestone(cls, milestone: Milestone, data=None) -> MilestoneForm:
        initial = {
            "title": milestone.title,
            "details": milestone.details,
            "due": due_text(milestone.due_kind, milestone.due_start),
            "status": milestone.status,
            "done_on": milestone.done_on,
        }
        return cls(data, initial=initial)


class DecisionForm(Form):
    decided_on = forms.DateField(label=_("Date de la décision du Bureau"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Sens de la décision"), choices=Outcome.choices)
    reference = forms.CharField(label=_("Référence de la décision"), max_length=60, required=False)


def registry_choices() -> list[tuple[str, str]]:
    keys = sorted(registry.values(), key=lambda i: str(i.label))
    return [("", _("— valeurs saisies à la main —"))] + [(i.key, f"{i.label} ({i.key})") for i in keys]


class IndicatorForm(ModelForm):
    registry_key = forms.ChoiceField(label=_("Indicateur d'un service"), required=False, choices=registry_choices)

    class Meta:
        model = IndicatorDefinition
        fields = ["label", "unit", "registry_key"]


class YearValueForm(Form):
    year = forms.TypedChoiceField(label=_("Année"), coerce=int)
    value = forms.DecimalField(label=_("Valeur"), max_digits=14, decimal_places=2)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class TargetForm(YearValueForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].label = _("Objectif")


class ManualValueForm(YearValueForm):
    source = forms.CharField(label=_("Source"), max_length=200)


class CostForm(ModelForm):
    class Meta:
        model = CostLine
        fields = ["year", "label", "amount"]


class AdjustmentForm(Form):
    kind = forms.ChoiceField(label=_("Nature de l'ajustement"), choices=AdjustmentKind.choices)
    text = forms.CharField(label=_("Proposition du comité technique"), widget=forms.Textarea(attrs={"rows": 4}))
    proposed_on = forms.DateField(label=_("Proposé le"), widget=DateInput())


class MilestoneChangeForm(Form):
    """One row per milestone of the action: leave both fields empty for a milestone not touched."""

    change_due = forms.BooleanField(label=_("Changer l'échéance"), required=False)
    due = forms.CharField(label=_("Nouvelle échéance"), max_length=20, required=False, help_text=DUE_HELP)
    status = forms.ChoiceField(
        label=_("Nouveau statut"), choices=[("", _("— inchangé —"))] + MilestoneStatus.choices, required=False
    )

    def __init__(self, *args, milestone: Milestone, **kwargs) -> None:
        super().__init__(*args, prefix=f"m{milestone.pk}", **kwargs)
        self.milestone = milestone


class ReportForm(Form):
    """The coordinator's text on each action for the year, kept before generating."""

    def __init__(self, *args, actions: list[Action], notes: dict[int, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for action in actions:
            self.fields[f"note_{action.pk}"] = forms.CharField(
                label=str(action),
                required=False,
                initial=notes.get(action.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
