from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.files import DOCUMENT
from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.grants.models import Application, ApplicationQuerySet, DocumentKind, ProjectKind, Rules, Status
from mutualis.territory.models import Body, Organisation, Sector

YES_NO = [(True, _("Oui")), (False, _("Non"))]


def _boolean(value: str | bool) -> bool:
    return value in (True, "True")


class ApplicationFilterForm(Form):
    year = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)
    organisation = forms.ModelChoiceField(
        label=_("Commune"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )
    sector = forms.ModelChoiceField(
        label=_("Secteur"), required=False, queryset=Sector.objects.none(), empty_label=_("Tous")
    )
    status = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("Tous")), *Status.choices])

    def __init__(self, *args, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = Rules.objects.filter(territory=territory).values_list("year", flat=True)
        self.fields["year"].choices = [("", _("Toutes")), *((year, str(year)) for year in years)]
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(territory=territory, grant_applications__isnull=False)
            .distinct()
            .order_by("search_name")
        )
        self.fields["sector"].queryset = Sector.objects.filter(territory=territory).order_by("name")

    def filter(self, applications: ApplicationQuerySet) -> ApplicationQuerySet:
        if not self.is_valid():
            return applications
        data = self.cleaned_data
        if data["year"]:
            applications = applications.filter(rules__year=data["year"])
        if data["organisation"]:
            applications = applications.filter(organisation=data["organisation"])
        if data["sector"]:
            applications = applications.filter(organisation__sector=data["sector"])
        if data["status"]:
            applications = applications.filter(status=data["status"])
        return applications


class ApplicationForm(ModelForm):
    """The commune's file; `rules` is the year it is filed for, `organisations` the communes the
    person may file for."""

    class Meta:
        model = Application
        fields = [
            "organisation", "title", "equipment", "kind", "description", "cost_ht", "other_subsidies",
            "amount_asked", "works_start_planned", "works_end_planned",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "works_start_planned": DateInput(),
            "works_end_planned": DateInput(),
        }

    def __init__(self, *args, rules: Rules, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.rules = rules
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
        self.fields["kind"].queryset = rules.eligible_kinds.all()

    def _post_clean(self) -> None:
        organisation = self.cleaned_data.get("organisation")
        if organisation is not None:
            self.instance.territory_id = organisation.territory_id
        super()._post_clean()


class DocumentForm(Form):
    kind = forms.ChoiceField(label=_("Pièce"), choices=[("", "—"), *DocumentKind.choices])
    upload = forms.FileField(
        label=_("Fichier"),
        validators=[DOCUMENT],
        help_text=_("%(size)d Mo au plus : %(types)s.")
        % {"size": DOCUMENT.max_mb, "types": ", ".join(DOCUMENT.extensions)},
    )


class MessageForm(Form):
    text = forms.CharField(label=_("Votre message"), widget=forms.Textarea(attrs={"rows": 4}))


class DocumentsRequestForm(Form):
    kinds = forms.MultipleChoiceField(
        label=_("Pièces à demander"), choices=DocumentKind.choices, widget=forms.CheckboxSelectMultiple
    )
    text = forms.CharField(label=_("Message à la commune"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class OpinionForm(Form):
    service = forms.CharField(label=_("Service"), max_length=120)
    favourable = forms.TypedChoiceField(
        label=_("Avis favorable"), choices=YES_NO, coerce=_boolean, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Avis"), widget=forms.Textarea(attrs={"rows": 3}))


class ProposalForm(Form):
    amount = forms.DecimalField(label=_("Montant proposé (€)"), min_value=0, max_digits=12, decimal_places=2)
    body = forms.ChoiceField(label=_("Instance"), choices=Body.choices, initial=Body.BUREAU)
    meeting_on = forms.DateField(label=_("Séance du"), widget=DateInput())


class DecisionForm(Form):
    granted = forms.TypedChoiceField(
        label=_("Décision"),
        choices=[(True, _("Attribué")), (False, _("Refusé"))],
        coerce=_boolean,
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Date de la délibération"), widget=DateInput())
    reference = forms.CharField(label=_("Référence de la délibération"), max_length=100)
    amount = forms.DecimalField(
        label=_("Montant attribué (€)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    refusal_reason = forms.CharField(
        label=_("Motif du refus"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WorksStartForm(Form):
    started_on = forms.DateField(label=_("Travaux commencés le"), widget=DateInput())


class AdvanceForm(Form):
    paid_on = forms.DateField(label=_("Avance versée le"), widget=DateInput())


class BalanceForm(Form):
    actual_cost = forms.DecimalField(label=_("Coût réel HT (€)"), min_value=0, max_digits=12, decimal_places=2)
    paid_on = forms.DateField(label=_("Solde versé le"), widget=DateInput())


class RulesForm(ModelForm):
    required_documents = forms.MultipleChoiceField(
        label=_("Pièces à joindre"), required=False, choices=DocumentKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Rules
        fields = [
            "year", "eligible_kinds", "rate", "file_ceiling", "minimum_amount", "envelope_scope", "envelope_amount",
            "required_documents", "filing_closes_on", "works_start_months", "advance_rate", "reminder_days",
        ]  # fmt: skip
        widgets = {"eligible_kinds": forms.CheckboxSelectMultiple, "filing_closes_on": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eligible_kinds"].queryset = ProjectKind.objects.filter(territory=self.instance.territory)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        others = Rules.objects.filter(territory=self.instance.territory, year=year).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Le règlement de cette année existe déjà."))
        return year


class ProjectKindForm(Form):
    name = forms.CharField(label=_("Nouvelle nature de projet"), max_length=120)
