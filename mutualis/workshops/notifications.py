"""The workshops' events staff are told about (see mutualis/notifications/events.py); the
inhabitants registered are emailed by the services themselves, having no account."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "workshops.session_cancelled",
    subject=_("Mutualis – atelier numérique annulé : « %(title)s », %(organisation)s, %(when)s"),
    body=_("L'atelier « %(title)s » du %(when)s est annulé. Motif : %(reason)s\n\nLes personnes inscrites qui ont "
           "laissé une adresse électronique sont prévenues ; appelez les autres."),
    told=_("les responsables des ateliers numériques (à défaut, la coordination), le maire et les secrétaires "
           "de la commune d'accueil"),
)  # fmt: skip
