"""The surveys' events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "surveys.invited",
    subject=_("Mutualis – questionnaire à remplir : %(title)s"),
    body=_("Vous êtes invité·e à répondre au questionnaire « %(title)s »%(closes)s."),
    told=_(
        "chaque personne invitée, dans sa liste de notifications (le lien personnel lui est envoyé"
        " par son propre courriel « Questionnaire : … »)"
    ),
    email=False,
)
event(
    "surveys.closed",
    subject=_("Mutualis – résultats du questionnaire : %(title)s"),
    body=_("Le questionnaire « %(title)s » est clos : ses résultats sont consultables dans Mutualis."),
    told=_("les personnes invitées qui ont un compte"),
)
