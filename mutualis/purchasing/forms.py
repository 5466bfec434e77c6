"""Forms of the purchasing screens. Per-article fields are named after the article's id."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.purchasing.models import INSTRUMENTS, PRICE, Article, Consultation, ConsultationStatus, Need, Procedure
from mutualis.purchasing.services import NeedLine
from mutualis.territory.models import Body, Decision, Organisation, Territory, siret_validator


class ProgrammeFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=[("", _("Tous"))] + ConsultationStatus.choices
    )
    q = forms.CharField(label=_("Domaine ou intitulé"), required=False)


class ConsultationForm(ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "title",
            "domain",
            "instrument",
            "cpv_code",
            "priority",
            "estimated_amount",
            "duration_months",
            "target_launch",
            "target_award",
            "description",
        ]
        localized_fields = ["estimated_amount"]
        widgets = {
            "target_launch": DateInput(),
            "target_award": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class LotForm(Form):
    number = forms.IntegerField(label=_("Numéro du lot"), min_value=1)
    title = forms.CharField(label=_("Intitulé du lot"), max_length=200)
    articles = forms.CharField(
        label=_("Articles"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Un article par ligne : désignation | unité (par exemple « Ramette A4 80 g | ramette »)."),
    )

    def clean_articles(self) -> list[tuple[str, str]]:
        articles = []
        for line in self.cleaned_data["articles"].splitlines():
            if not line.strip():
                continue
            name, separator, unit = line.partition("|")
            if not separator or not name.strip() or not unit.strip():
                raise forms.ValidationError(_("Ligne « %(line)s » : désignation | unité attendu.") % {"line": line})
            articles.append((name.strip()[:200], unit.strip()[:40]))
        return articles


class CensusOpenForm(Form):
    deadline = forms.DateField(label=_("Date limite des réponses"), widget=DateInput())


def _price_field(label: str, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=required, min_value=Decimal("0.0001"), localize=True, **PRICE)


class NeedsForm(Form):
    """One group of fields per article of the consultation, filled with the member's answer."""

    def __init__(self, *args, articles: list[Article], needs: dict[int, Need], **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = articles
        for article in articles:
            need = needs.get(article.pk)
            unit = article.unit
            self.fields[f"quantity_{article.pk}"] = forms.DecimalField(
                label=_("Quantité par an (%(unit)s)") % {"unit": unit},
                required=False,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                localize=True,
                initial=need.quantity if need else None,
            )
            self.fields[f"price_{article.pk}"] = _price_field(_("Prix unitaire actuel (€ HT)"))
            self.fields[f"price_{article.pk}"].initial = need.current_unit_price if need else None
            self.fields[f"end_{article.pk}"] = forms.DateField(
                label=_("Fin du contrat actuel"),
                required=False,
                widget=DateInput(),
                initial=need.contract_end if need else None,
            )
            self.fields[f"comments_{article.pk}"] = forms.CharField(
                label=_("Commentaires"), required=False, initial=need.comments if need else ""
            )

    def groups(self) -> list[tuple[Article, list[forms.BoundField]]]:
        return [
            (article, [self[f"{name}_{article.pk}"] for name in ("quantity", "price", "end", "comments")])
            for article in self.articles
        ]

    def lines(self) -> list[NeedLine]:
        data = self.cleaned_data
        return [
            NeedLine(
                article=article,
                quantity=data[f"quantity_{article.pk}"] or None,
                current_unit_price=data[f"price_{article.pk}"],
                contract_end=data[f"end_{article.pk}"],
                comments=data[f"comments_{article.pk}"],
            )
            for article in self.articles
        ]


class AwardForm(Form):
    supplier_name = forms.CharField(label=_("Titulaire"), max_length=200)
    supplier_siret = forms.CharField(label=_("SIRET du titulaire"), validators=[siret_validator])
    procedure = forms.ChoiceField(label=_("Procédure"), choices=Procedure.choices)
    offers_received = forms.IntegerField(label=_("Offres reçues"), min_value=1)
    notified_on = forms.DateField(label=_("Notifié le"), widget=DateInput())
    start = forms.DateField(label=_("Début"), widget=DateInput())
    end = forms.DateField(label=_("Fin de la période initiale (exclue)"), widget=DateInput())
    renewals = forms.IntegerField(label=_("Reconductions possibles"), min_value=0, initial=0)

    def __init__(self, *args, articles: list[Article], **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = articles
        for article in articles:
            self.fields[f"price_{article.pk}"] = _price_field(
                _("Prix attribué : %(article)s (€ HT)") % {"article": article}, required=True
            )

    def price_fields(self) -> list[forms.BoundField]:
        return [self[f"price_{article.pk}"] for article in self.articles]

    def award_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["prices"] = {article.pk: data.pop(f"price_{article.pk}") for article in self.articles}
        return data


class ModificationForm(Form):
    notified_on = forms.DateField(label=_("Notifiée le"), widget=DateInput())
    reason = forms.CharField(label=_("Objet de la modification"), max_length=300)
    duration_months = forms.IntegerField(label=_("Nouvelle durée (mois)"), required=False, min_value=1)
    amount = forms.DecimalField(
        label=_("Nouveau montant HT (€)"), required=False, min_value=1, max_digits=14, decimal_places=2, localize=True
    )
    supplier_siret = forms.CharField(
        label=_("SIRET du nouveau titulaire"), required=False, validators=[siret_validator]
    )


class MemberFilterForm(Form):
    q = forms.CharField(label=_("Organisation"), required=False)
    instrument = forms.ChoiceField(label=_("Formule"), required=False, choices=[("", _("Toutes")), *INSTRUMENTS])
    ended = forms.BooleanField(label=_("Afficher aussi les adhésions terminées"), required=False)

    def filter(self, adhesions):
        if not self.is_valid():
            return adhesions.open()
        data = self.cleaned_data
        if data["q"].strip():
            adhesions = adhesions.filter(organisation__in=Organisation.objects.search(data["q"]))
        if data["instrument"]:
            adhesions = adhesions.filter(instrument=data["instrument"])
        return adhesions if data["ended"] else adhesions.open()


class JoinForm(Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    instrument = forms.ChoiceField(label=_("Formule"), choices=INSTRUMENTS)
    joined_on = forms.DateField(label=_("Adhésion le"), widget=DateInput())

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = territory.organisations.active().order_by("search_name")


class WithdrawForm(Form):
    on = forms.DateField(label=_("Retrait le"), widget=DateInput())
    decision = forms.ModelChoiceField(
        label=_("Décision du Bureau"),
        required=False,
        queryset=Decision.objects.none(),
        help_text=_("Nécessaire si l'organisation participe à une consultation déjà lancée."),
    )

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(territory=territory, body=Body.BUREAU)
