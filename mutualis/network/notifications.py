"""The network's events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

MANAGERS = _("les responsables du réseau et des formations (à défaut, la coordination)")
COMMUNE = _("le maire et les secrétaires de la commune de l'agent")

event(
    "network.news_to_moderate",
    subject=_("Mutualis – réseau : actualité à modérer %(of_organisation)s, « %(title)s »"),
    body=_("%(organisation)s propose une actualité au réseau : « %(title)s ». Publiez-la ou refusez-la."),
    told=MANAGERS,
)
event(
    "network.news_moderated",
    subject=_("Mutualis – réseau : votre actualité « %(title)s » a été modérée"),
    body=_("La coordination a modéré votre actualité « %(title)s » : voyez sa page."),
    told=_("la personne qui a proposé l'actualité"),
)
event(
    "network.seat_freed",
    subject=_("Mutualis – formation : une place s'est libérée pour %(agent)s"),
    body=_("Une place s'est libérée : %(agent)s passe de la liste d'attente aux inscrits de « %(title)s » du %(day)s."),
    told=COMMUNE,
)
event(
    "network.recycling_reminder",
    subject=_("Mutualis – formation : recyclage à prévoir pour %(agent)s avant le %(day)s"),
    body=_(
        "Le certificat « %(certificate)s » de %(agent)s n'est plus valable après le %(day)s. "
        "Inscrivez l'agent à une session de recyclage."
    ),
    told=COMMUNE,
)
