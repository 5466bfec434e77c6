from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.files import DOCUMENT
from mutualis.core.forms import DateInput, Form, ModelForm, MultipleFileField
from mutualis.helpdesk.models import (
    MAX_ATTACHMENTS,
    Article,
    RequestQuerySet,
    RoutingRule,
    Status,
    TimeEntry,
    Topic,
)
from mutualis.territory.models import Organisation, Service


class AskForm(Form):
    topic = forms.ChoiceField(label=_("Thème"), choices=[("", "—"), *Topic.choices])
    subject = forms.CharField(label=_("Objet"), max_length=200)
    question = forms.CharField(
        label=_("Votre question"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Décrivez la situation et ce que vous souhaitez savoir ; n'indiquez pas de données personnelles."),
    )
    wished_on = forms.DateField(label=_("Réponse souhaitée pour le"), required=False, widget=DateInput())
    attachments = MultipleFileField(
        label=_("Pièces jointes"),
        required=False,
        validators=[DOCUMENT],
        help_text=_("%(max)d fichiers au plus, %(size)d Mo chacun : %(types)s.")
        % {"max": MAX_ATTACHMENTS, "size": DOCUMENT.max_mb, "types": ", ".join(DOCUMENT.extensions)},
    )

    def clean_attachments(self) -> list:
        files = self.cleaned_data["attachments"]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("%(max)d pièces jointes au plus.") % {"max": MAX_ATTACHMENTS})
        return files


class RequestFilterForm(Form):
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous")), *Status.choices])
    topic = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous")), *Topic.choices])
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none(), empty_label=_("Toutes")
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def filter(self, requests: RequestQuerySet) -> RequestQuerySet:
        if not self.is_valid():
            return requests
        data = self.cleaned_data
        if data["status"]:
            requests = requests.filter(status=data["status"])
        if data["topic"]:
            requests = requests.filter(topic=data["topic"])
        if data["organisation"]:
            requests = requests.filter(organisation=data["organisation"])
        return requests


class MessageForm(Form):
    body = forms.CharField(label=_("Votre message"), widget=forms.Textarea(attrs={"rows": 5}))


class TimeEntryForm(ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["day", "minutes", "billable", "note"]
        widgets = {"day": DateInput(), "minutes": forms.NumberInput(attrs={"step": 15, "min": 15})}


class RatingForm(Form):
    rating = forms.TypedChoiceField(
        label=_("Note"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        help_text=_("5 : très utile ; 1 : pas utile."),
    )
    comment = forms.CharField(label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ArticleForm(ModelForm):
    class Meta:
        model = Article
        fields = ["title", "topic", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class KnowledgeSearchForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    topic = forms.ChoiceField(label=_("Thème"), required=False, choices=[("", _("Tous")), *Topic.choices])


class RoutingRuleForm(ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["service", "first_response_days", "resolution_days"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [
            (s.value, s.label) for s in (Service.HELPDESK, Service.DIGITAL, Service.PREVENTION, Service.PURCHASING)
        ]


RoutingRuleFormSet = forms.modelformset_factory(RoutingRule, form=RoutingRuleForm, extra=0)


class HourlyRateForm(Form):
    valid_from = forms.DateField(label=_("En vigueur à partir du"), widget=DateInput())
    rate = forms.DecimalField(label=_("Tarif horaire (€)"), min_value=0, max_digits=8, decimal_places=2)
