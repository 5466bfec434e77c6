from django import forms
from django.utils.translation import gettext_lazy as _

from mutualis.core.forms import Form
from mutualis.notifications.models import Frequency


class PreferenceForm(Form):
    frequency = forms.ChoiceField(
        label=_("Comment voulez-vous être prévenu·e ?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Les notifications restent toujours dans votre liste, quel que soit votre choix."),
    )
