"""The convention and adhesion events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "agreements.convention_sent",
    subject=_("Mutualis – convention à signer : %(title)s"),
    body=_(
        "La convention « %(title)s » entre %(parties)s est prête à être signée.\n\n"
        "Signez-la dans Mutualis pour votre organisation (ou joignez le scan de l'exemplaire signé)."
    ),
    told=_(
        "les signataires des parties : le maire (ou son délégué) de chaque organisation, la coordination pour l'EPCI"
    ),
)
event(
    "agreements.party_signed",
    subject=_("Mutualis – convention signée par %(organisation)s : %(title)s"),
    body=_("%(organisation)s a signé la convention « %(title)s ».\n\nIl reste à signer pour : %(waiting)s."),
    told=_("les signataires des parties qui n'ont pas encore signé"),
)
event(
    "agreements.convention_signed",
    subject=_("Mutualis – convention signée par toutes les parties : %(title)s"),
    body=_(
        "La convention « %(title)s » entre %(parties)s est signée par toutes les parties, le %(day)s.\n\n"
        "Ce qu'elle prévoit peut commencer."
    ),
    told=_("les signataires de toutes les parties et la personne qui a créé la convention"),
)
event(
    "agreements.adhesion_created",
    subject=_("Mutualis – adhésion %(of_organisation)s : %(service)s"),
    body=_(
        "%(organisation)s adhère au service « %(service)s » à partir du %(day)s.\n\n"
        "La convention d'adhésion est préparée : à envoyer aux parties pour signature."
    ),
    told=_("la coordination et les responsables du service"),
)
event(
    "agreements.adhesion_withdrawn",
    subject=_("Mutualis – retrait %(of_organisation)s : %(service)s"),
    body=_("%(organisation)s quitte le service « %(service)s » le %(day)s."),
    told=_("la coordination, les responsables du service, le maire et les secrétaires de l'organisation"),
)
