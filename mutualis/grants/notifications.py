"""The fonds de concours' events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

INSTRUCTORS = _("les responsables du fonds de concours (à défaut, la coordination)")
COMMUNE = _("le maire et les secrétaires de la commune")

event(
    "grants.application_submitted",
    subject=_("Mutualis – fonds de concours : dossier déposé %(of_organisation)s, « %(title)s »"),
    body=_("%(organisation)s demande %(amount)s € pour « %(title)s »."),
    told=INSTRUCTORS,
)
event(
    "grants.documents_asked",
    subject=_("Mutualis – fonds de concours : pièces demandées pour « %(title)s »"),
    body=_("Pièces à joindre au dossier : %(documents)s.\n\n%(message)s"),
    told=COMMUNE,
)
event(
    "grants.application_completed",
    subject=_("Mutualis – fonds de concours : dossier complété %(of_organisation)s, « %(title)s »"),
    body=_("%(organisation)s a joint les pièces demandées : le dossier revient en instruction."),
    told=INSTRUCTORS,
)
event(
    "grants.message",
    subject=_("Mutualis – fonds de concours : nouveau message sur « %(title)s »"),
    body=_("%(author)s a écrit :\n\n%(message)s"),
    told=_("l'autre partie au dossier : la commune, ou les responsables du fonds de concours"),
)
event(
    "grants.application_granted",
    subject=_("Mutualis – fonds de concours attribué : « %(title)s »"),
    body=_(
        "%(body)s a attribué %(amount)s € à « %(title)s ». Les travaux doivent commencer au plus tard le "
        "%(deadline)s. La lettre de notification est sur la page du dossier."
    ),
    told=COMMUNE,
)
event(
    "grants.application_refused",
    subject=_("Mutualis – fonds de concours refusé : « %(title)s »"),
    body=_("%(body)s n'a pas retenu « %(title)s ».\n\nMotif : %(reason)s"),
    told=COMMUNE,
)
event(
    "grants.payment",
    subject=_("Mutualis – fonds de concours : %(kind)s de %(amount)s € pour « %(title)s »"),
    body=_("%(kind)s de %(amount)s € enregistré pour « %(title)s »."),
    told=COMMUNE,
)
event(
    "grants.lapse_reminder",
    subject=_("Mutualis – fonds de concours : commencez les travaux de « %(title)s » avant le %(deadline)s"),
    body=_("Sans début des travaux au %(deadline)s, le fonds de concours attribué à « %(title)s » deviendra caduc."),
    told=COMMUNE,
)
event(
    "grants.application_lapsed",
    subject=_("Mutualis – fonds de concours caduc : « %(title)s »"),
    body=_("Les travaux de « %(title)s » n'ont pas commencé au %(deadline)s : le fonds de concours est caduc."),
    told=COMMUNE,
)
