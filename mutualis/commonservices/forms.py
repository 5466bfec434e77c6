from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutualis.accounts.models import User
from mutualis.commonservices.models import CommissionMeeting, CommonService, CostKind, CostSheet
from mutualis.core import files, workunits
from mutualis.core.forms import DateInput, Form, ModelForm
from mutualis.territory.models import Organisation

UNITS = {"max_digits": 12, "decimal_places": 3, "min_value": Decimal("0.001")}


def year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(label=_("Année"), min_value=2000, max_value=2100, **kwargs)


class ServiceForm(ModelForm):
    class Meta:
        model = CommonService
        fields = [
            "name",
            "description",
            "audience",
            "unit",
            "settlement",
            "rhythm",
            "convention_model",
            "notice_months",
            "feed",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "convention_model": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["feed"] = forms.ChoiceField(
            label=self.fields["feed"].label,
            help_text=self.fields["feed"].help_text,
            choices=[("", _("— saisie ou import —")), *workunits.choices()],
            required=False,
        )


class OrganisationChoiceForm(Form):
    """A form naming an organisation among those given (the user's own, or every member for a manager)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]


class JoinForm(OrganisationChoiceForm):
    start = forms.DateField(label=_("Adhérer à partir du"), widget=DateInput())
    expected_units = forms.DecimalField(
        label=_("Volume prévu pour cette année"),
        help_text=_("En unités d'œuvre du service ; il fonde les appels provisionnels."),
        **UNITS,
    )


class VolumeForm(OrganisationChoiceForm):
    year = year_field()
    units = forms.DecimalField(label=_("Volume prévu"), **UNITS)


class CostSheetForm(ModelForm):
    class Meta:
        model = CostSheet
        fields = ["year", "source", "total_units"]


class CostLineForm(Form):
    kind = forms.ChoiceField(label=_("Nature"), choices=CostKind.choices)
    label = forms.CharField(label=_("Libellé"), max_length=200)
    amount = forms.DecimalField(label=_("Montant (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0"))


class UnitUseForm(OrganisationChoiceForm):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    units = forms.DecimalField(label=_("Unités"), **UNITS)
    note = forms.CharField(label=_("Précision"), max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label = _("Adhérent")
        self.fields["day"].initial = timezone.localdate()


class PeriodForm(Form):
    year = year_field()
    period = forms.IntegerField(label=_("Période"), min_value=1, max_value=4)


class FeedForm(Form):
    year = year_field()
    quarter = forms.TypedChoiceField(
        label=_("Trimestre"), coerce=int, choices=[(q, _("T%(quarter)s") % {"quarter": q}) for q in range(1, 5)]
    )


class SettlementForm(Form):
    year = year_field()


class CommissionMemberForm(Form):
    user = forms.ModelChoiceField(label=_("Personne"), queryset=User.objects.none())
    quality = forms.CharField(label=_("Qualité"), max_length=120, help_text=_("Maire de…, vice-président·e…"))

    def __init__(self, *args, territory, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        users = User.objects.filter(memberships__organisation__territory=territory).distinct()
        self.fields["user"].queryset = users.order_by("last_name", "first_name")


class MeetingForm(ModelForm):
    class Meta:
        model = CommissionMeeting
        fields = ["day", "agenda", "minutes"]
        widgets = {"day": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs["accept"] = files.DOCUMENT.accept
