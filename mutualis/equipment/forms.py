"""Forms of the equipment screens. Periods are shown as first day / last day and handed to
the services half-open: `end` is the day after the last day."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.accounts.models import User
from mutualis.core.forms import DateInput, Form, ModelForm, MultipleFileField
from mutualis.equipment.models import (
    Category,
    Handover,
    Item,
    ItemQuerySet,
    LendingRules,
    RequestQuerySet,
    RequestStatus,
)
from mutualis.territory.models import Organisation, Sector, Territory


class PeriodForm(Form):
    """A first and a last day, both included; `period()` gives the half-open [start, end)."""

    start = forms.DateField(label=_("Premier jour"), widget=DateInput())
    last_day = forms.DateField(label=_("Dernier jour (inclus)"), widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("last_day") and data["last_day"] < data["start"]:
            self.add_error("last_day", _("Le dernier jour ne peut pas précéder le premier."))
        return data

    def period(self) -> tuple[date, date]:
        return self.cleaned_data["start"], self.cleaned_data["last_day"] + timedelta(days=1)


# ---------------------------------------------------------------- catalogue


class CatalogueFilterForm(Form):
    q = forms.CharField(label=_("Rechercher"), required=False)
    category = forms.ModelChoiceField(
        label=_("Catégorie"), required=False, queryset=Category.objects.none(), empty_label=_("Toutes")
    )
    sector = forms.ModelChoiceField(
        label=_("Secteur"), required=False, queryset=Sector.objects.none(), empty_label=_("Tous")
    )
    owner = forms.ModelChoiceField(
        label=_("Propriétaire"), required=False, queryset=Organisation.objects.none(), empty_label=_("Tous")
    )
    free_from = forms.DateField(label=_("Libre du"), required=False, widget=DateInput())
    free_to = forms.DateField(label=_("au (inclus)"), required=False, widget=DateInput())

    def __init__(self, *args, territory: Territory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(territory=territory)
        self.fields["sector"].queryset = territory.sectors.all()
        self.fields["owner"].queryset = territory.organisations.order_by("search_name")

    def clean(self) -> dict:
        data = super().clean()
        start, last = data.get("free_from"), data.get("free_to")
        if (start is None) != (last is None):
            self.add_error("free_to" if start else "free_from", _("Indiquez les deux dates, ou aucune."))
        elif start and last and last < start:
            self.add_error("free_to", _("Le dernier jour ne peut pas précéder le premier."))
        return data

    def filter(self, items: ItemQuerySet) -> ItemQuerySet:
        if not self.is_valid():
            return items
        data = self.cleaned_data
        items = items.search(data["q"])
        if data["category"]:
            items = items.filter(category=data["category"])
        if data["sector"]:
            items = items.filter(owner__sector=data["sector"])
        if data["owner"]:
            items = items.filter(owner=data["owner"])
        if data["free_from"] and data["free_to"]:
            items = items.available_between(data["free_from"], data["free_to"] + timedelta(days=1))
        return items


# ---------------------------------------------------------------- census


class ItemForm(ModelForm):
    class Meta:
        model = Item
        fields = [
            "owner",
            "name",
            "category",
            "description",
            "storage_location",
            "quantity",
            "qualification_kind",
            "qualification",
            "operator_provided",
            "daily_fee",
            "deposit",
            "declared_value",
            "conditions",
            "contact",
            "contact_phone",
            "contact_email",
            "buffer_days",
            "max_days",
            "horizon_days",
            "notice_days",
            "is_lendable",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "conditions": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "buffer_days": _("Laissez vide pour appliquer les règles de prêt du propriétaire."),
        }

    def __init__(self, *args, categories, owners, **kwargs):
        """`owners`: the organisations the user may declare for; with one only, no choice is offered."""
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        if len(owners) == 1:
            del self.fields["owner"]
            self.instance.owner = owners[0]
        else:
            self.fields["owner"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in owners])
        self.fields["contact"].queryset = User.objects.filter(
            memberships__organisation__in=owners, memberships__ended_at__isnull=True
        ).distinct()

    def item_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.setdefault("owner", self.instance.owner)
        return data


class ItemPhotoForm(Form):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG ou WebP, 5 Mo au plus."))
    caption = forms.CharField(label=_("Légende"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_("Les personnes visibles sur la photo ont donné leur accord (ou personne n'est visible)"),
        required=False,
    )


class UnavailabilityForm(PeriodForm):
    reason = forms.CharField(label=_("Motif"), max_length=200)


class LendingRulesForm(ModelForm):
    class Meta:
        model = LendingRules
        fields = ["buffer_days", "max_days", "horizon_days", "notice_days", "secretaries_may_decide"]


# ---------------------------------------------------------------- requests


class RequestForm(PeriodForm):
    purpose = forms.CharField(label=_("Usage prévu"), widget=forms.Textarea(attrs={"rows": 3}))
    handover = forms.ChoiceField(label=_("Remise"), choices=Handover.choices, widget=forms.RadioSelect)
    contact = forms.ModelChoiceField(label=_("Personne à contacter"), queryset=User.objects.none())
    qualification_declared = forms.BooleanField(label=_("Nous détenons la qualification requise"), required=False)
    qualification_holder = forms.CharField(label=_("Titulaire de la qualification"), max_length=200, required=False)

    def __init__(self, *args, borrower: Organisation, item: Item | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = User.objects.filter(
            memberships__organisation=borrower, memberships__ended_at__isnull=True
        ).distinct()
        if item is None or not item.requires_qualification:
            del self.fields["qualification_declared"]
            del self.fields["qualification_holder"]
        else:
            self.fields["qualification_declared"].help_text = item.get_qualification_kind_display() + (
                f" – {item.qualification}" if item.qualification else ""
            )

    def request_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("start", "last_day")}
        start, end = self.period()
        return {**data, "start": start, "end": end}


class NeedForm(RequestForm):
    category = forms.ModelChoiceField(label=_("Catégorie de matériel"), queryset=Category.objects.none())
    field_order = ["category", "start", "last_day", "purpose", "handover", "contact"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["purpose"].label = _("Besoin (nature, usage prévu)")


class RequestFilterForm(Form):
    status = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous"))] + RequestStatus.choices)

    def filter(self, requests: RequestQuerySet) -> RequestQuerySet:
        if self.is_valid() and self.cleaned_data["status"]:
            return requests.filter(status=self.cleaned_data["status"])
        return requests


class RefuseForm(Form):
    reason = forms.CharField(label=_("Motif du refus"), widget=forms.Textarea(attrs={"rows": 3}))


class ProposeForm(Form):
    item = forms.ModelChoiceField(label=_("Matériel proposé"), queryset=Item.objects.none())
    note = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, items: ItemQuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class ProposalAcceptForm(Form):
    proposal = forms.IntegerField(widget=forms.HiddenInput)
    qualification_declared = forms.BooleanField(label=_("Nous détenons la qualification requise"), required=False)
    qualification_holder = forms.CharField(label=_("Titulaire de la qualification"), max_length=200, required=False)


# ---------------------------------------------------------------- handover


class CheckoutForm(Form):
    date = forms.DateField(label=_("Date de remise"), widget=DateInput())
    notes = forms.CharField(label=_("État au départ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleFileField(label=_("Photos"), required=False)
    photos_consent = forms.BooleanField(
        label=_("Les personnes visibles sur les photos ont donné leur accord (ou personne n'est visible)"),
        required=False,
    )


class CheckinForm(CheckoutForm):
    damage = forms.BooleanField(label=_("Dommages constatés"), required=False)
    damage_description = forms.CharField(
        label=_("Description des dommages"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    damage_amount = forms.DecimalField(
        label=_("Montant des dommages (€)"), required=False, min_value=0, max_digits=10, decimal_places=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].label = _("Date de retour")
        self.fields["notes"].label = _("État au retour")


class DashboardForm(Form):
    days = forms.IntegerField(
        label=_("Demandes sans réponse depuis (jours)"), min_value=0, max_value=3660, initial=7, required=False
    )


class CategoryForm(ModelForm):
    class Meta:
        model = Category
        fields = ["name"]

    def validate_unique(self) -> None:
        # territory is not a form field: check the unique name here, for a message next to the field.
        same_name = Category.objects.filter(
            territory=self.instance.territory, name__iexact=self.cleaned_data.get("name")
        )
        if same_name.exclude(pk=self.instance.pk).exists():
            self.add_error("name", _("Une catégorie porte déjà ce nom."))
