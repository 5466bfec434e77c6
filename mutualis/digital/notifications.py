"""The digital service's events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "digital.registration_confirmed",
    subject=_("Mutualis – inscription confirmée : %(training)s"),
    body=_("%(attendee)s (%(organisation)s) est inscrit·e à la formation « %(training)s », le %(when)s, %(place)s."),
    told=_(
        "la personne qui a fait l'inscription (même si c'est elle qui agit),"
        " le maire et les secrétaires de l'organisation"
    ),
)
event(
    "digital.registration_cancelled",
    subject=_("Mutualis – inscription annulée : %(training)s"),
    body=_("L'inscription %(of_attendee)s (%(organisation)s) à la formation « %(training)s » du %(when)s est annulée."),
    told=_("la personne qui a fait l'inscription, les responsables du service numérique"),
)
