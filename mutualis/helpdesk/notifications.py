"""The expertise desk's events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

EXPERTS = _("les responsables du service où le thème est orienté (à défaut, la coordination)")
ASKERS = _("la personne qui a posé la question et les membres de l'organisation qui ont écrit dans l'échange")

event(
    "helpdesk.request_created",
    subject=_("Mutualis – nouvelle sollicitation %(of_organisation)s : %(subject)s"),
    body=_("Thème : %(topic)s\n\n%(question)s\n\nPremière réponse attendue le %(first_response_due)s."),
    told=EXPERTS,
)
event(
    "helpdesk.expert_message",
    subject=_("Mutualis – nouveau message : %(subject)s"),
    body=_("%(author)s a écrit :\n\n%(message)s"),
    told=ASKERS,
)
event(
    "helpdesk.commune_message",
    subject=_("Mutualis – nouveau message %(of_organisation)s : %(subject)s"),
    body=_("%(author)s a écrit :\n\n%(message)s"),
    told=EXPERTS,
)
event(
    "helpdesk.request_resolved",
    subject=_("Mutualis – votre sollicitation a reçu sa réponse : %(subject)s"),
    body=_("Dites-nous si la réponse vous a aidé : notez-la de 1 à 5."),
    told=ASKERS,
)
event(
    "helpdesk.request_rated",
    subject=_("Mutualis – réponse notée %(rating)s/5 : %(subject)s"),
    body=_("%(organisation)s a noté la réponse %(rating)s sur 5.\n\n%(comment)s"),
    told=EXPERTS,
)
event(
    "helpdesk.request_cancelled",
    subject=_("Mutualis – sollicitation annulée : %(subject)s"),
    body=_("%(organisation)s a annulé sa sollicitation « %(subject)s »."),
    told=EXPERTS,
)
