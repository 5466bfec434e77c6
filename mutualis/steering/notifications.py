"""The steering events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "steering.adjustment_proposed",
    subject=_("Mutualis – ajustement proposé : action %(action)s"),
    body=_("Un ajustement de l'action « %(action)s » est proposé au Bureau :\n\n%(text)s"),
    told=_("la coordination et les responsables du service chargé de l'action"),
)
event(
    "steering.adjustment_decided",
    subject=_("Mutualis – décision du Bureau sur l'ajustement : action %(action)s"),
    body=_("Le Bureau a statué le %(day)s sur l'ajustement de l'action « %(action)s » : %(outcome)s."),
    told=_("la coordination et les responsables du service chargé de l'action"),
)
