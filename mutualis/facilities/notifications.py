"""The sports facilities' events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "facilities.out_of_service",
    subject=_("Mutualis – équipement mis hors service : %(facility)s"),
    body=_(
        "Le contrôle du %(day)s a relevé un défaut majeur sur « %(facility)s » (%(address)s).\n\n"
        "L'équipement doit être rendu inaccessible aux usagers jusqu'à sa remise en conformité.\n\n"
        "Actions à mener : %(actions)s"
    ),
    told=_("le maire et les secrétaires du propriétaire"),
)
event(
    "facilities.inspections_due",
    subject=_("Mutualis – contrôles d'équipements sportifs à prévoir"),
    body=_("Contrôles des équipements sportifs %(of_owner)s en retard ou prévus d'ici 30 jours :\n%(plans)s"),
    told=_("le maire et les secrétaires du propriétaire, au plus une fois par jour (notify_due_inspections)"),
)
event(
    "facilities.inspections_due_all",
    subject=_("Mutualis – contrôles d'équipements sportifs du territoire à prévoir"),
    body=_("Contrôles d'équipements sportifs en retard ou prévus d'ici 30 jours :\n%(plans)s"),
    told=_("les responsables de la cellule d'expertise, qui font les contrôles (notify_due_inspections)"),
)
