from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import Form, ModelForm
from mutualis.surveys.models import Question, QuestionKind, Survey
from mutualis.territory.models import Organisation, Role, Sector, Territory


class SurveyForm(ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "introduction", "closes_on"]
        widgets = {"closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class QuestionForm(ModelForm):
    choices = forms.CharField(
        label=_("Choix proposés"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Un choix par ligne, pour une question à choix unique ou multiples."),
    )

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["choices"] = "\n".join(choice.label for choice in self.instance.choices.all())

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["choices"] = data["choices"].splitlines()
        return data


class RecipientsForm(Form):
    roles = forms.MultipleChoiceField(
        label=_("Rôles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Secteurs"), queryset=Sector.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Aucune sélection : toutes les organisations retenues par les autres critères."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, territory: Territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = territory.sectors.order_by("name")
        self.fields["organisations"].queryset = territory.organisations.active().order_by("search_name")


class AnswerForm(Form):
    """One field per question, named `q<pk>`; choice and scale questions render as fieldsets."""

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self.field_for(question)

    @staticmethod
    def field_for(question: Question) -> forms.Field:
        common = {"label": question.text, "required": question.required, "help_text": question.help_text}
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
        if question.kind == QuestionKind.SCALE:
            labels = {question.scale_min: question.scale_min_label, question.scale_max: question.scale_max_label}
            choices = [(v, f"{v} – {labels[v]}" if labels.get(v) else str(v)) for v in question.scale_values]
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
        choices = [(choice.pk, choice.label) for choice in question.choices.all()]
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)

    def values(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}

    def rows(self) -> list[tuple[Question, forms.BoundField]]:
        return [(question, self[f"q{question.pk}"]) for question in self.questions]
