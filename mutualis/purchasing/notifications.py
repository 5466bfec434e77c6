"""The purchasing club's events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

MEMBERS = _("le maire et les secrétaires des adhérents à la formule de la consultation")

event(
    "purchasing.census_opened",
    subject=_("Mutualis – besoins à déclarer : %(title)s"),
    body=_(
        "Le recensement des besoins de la consultation « %(title)s » est ouvert jusqu'au %(deadline)s.\n\n"
        "Déclarez les besoins de votre organisation en ligne ou avec le tableau à compléter ; "
        "sans besoin, répondez quand même, sans quantité."
    ),
    told=MEMBERS,
)
event(
    "purchasing.census_reminder",
    subject=_("Mutualis – recensement des besoins : %(title)s"),
    body=_(
        "Votre organisation n'a pas encore déclaré ses besoins pour la consultation « %(title)s ».\n\n"
        "Les réponses sont attendues avant le %(deadline)s, en ligne ou avec le tableau à compléter.\n\n"
        "Sans besoin pour ce dossier, répondez quand même, sans quantité : vous ne serez plus relancé."
    ),
    told=_(
        "le maire et les secrétaires (et l'adresse de l'organisation) des adhérents qui n'ont pas répondu,"
        " quelques jours avant la date limite (remind_census)"
    ),
)
event(
    "purchasing.consultation_launched",
    subject=_("Mutualis – consultation lancée : %(title)s"),
    body=_(
        "Le recensement est clos et la consultation « %(title)s » est lancée le %(day)s.\n\n"
        "Désormais, un adhérent ne se retire qu'avec l'accord du Bureau."
    ),
    told=MEMBERS,
)
event(
    "purchasing.consultation_cancelled",
    subject=_("Mutualis – consultation abandonnée : %(title)s"),
    body=_("La consultation « %(title)s » est abandonnée."),
    told=MEMBERS,
)
event(
    "purchasing.award_published",
    subject=_("Mutualis – marché attribué : %(lot)s"),
    body=_(
        "Le lot « %(lot)s » de la consultation « %(title)s » est attribué %(to_supplier)s, "
        "à partir du %(start)s.\n\nVos engagements sont dans « Mes achats »."
    ),
    told=_("le maire et les secrétaires des organisations qui ont déclaré des besoins sur le lot"),
)
