"""The replacement events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "replacement.request_created",
    subject=_("Mutualis – demande de remplacement : %(organisation)s"),
    body=_(
        "%(organisation)s demande un remplacement (%(motive)s) à partir du %(start)s, "
        "%(hours)s h par semaine.\n\nAffectez un agent dans Mutualis."
    ),
    told=_("les responsables du service de remplacement du territoire"),
)
event(
    "replacement.assigned",
    subject=_("Mutualis – mission de remplacement : %(agent)s %(to_organisation)s"),
    body=_(
        "%(agent)s est affecté·e %(to_organisation)s du %(start)s au %(last_day)s, %(hours)s h par semaine.\n\n"
        "La convention de mise à disposition est à signer avant le premier jour de la mission."
    ),
    told=_("le maire et les secrétaires de l'organisation, et l'agent s'il a un compte"),
)
event(
    "replacement.request_cancelled",
    subject=_("Mutualis – demande de remplacement annulée : %(organisation)s"),
    body=_("La demande de remplacement %(of_organisation)s (%(motive)s, à partir du %(start)s) est annulée."),
    told=_("les responsables du remplacement, le maire et les secrétaires de l'organisation, les agents affectés"),
)
event(
    "replacement.request_ended",
    subject=_("Mutualis – remplacement terminé : %(organisation)s"),
    body=_("Le remplacement %(to_organisation)s (%(motive)s, à partir du %(start)s) est terminé."),
    told=_("les responsables du remplacement, le maire et les secrétaires de l'organisation, les agents affectés"),
)
event(
    "replacement.timesheet_recorded",
    subject=_("Mutualis – heures à valider : %(agent)s, semaine du %(week)s"),
    body=_(
        "%(agent)s a déclaré %(hours)s h et %(km)s km pour la semaine du %(week)s %(to_organisation)s.\n\n"
        "Validez ces heures (elles seront facturées) ou contestez-les."
    ),
    told=_("le maire et les secrétaires de l'organisation d'accueil"),
)
event(
    "replacement.timesheet_validated",
    subject=_("Mutualis – heures validées : %(agent)s, semaine du %(week)s"),
    body=_("%(organisation)s a validé les %(hours)s h de la semaine du %(week)s."),
    told=_("l'agent s'il a un compte et les responsables du remplacement"),
)
event(
    "replacement.timesheet_disputed",
    subject=_("Mutualis – heures contestées : %(agent)s, semaine du %(week)s"),
    body=_(
        "%(organisation)s conteste les heures de la semaine du %(week)s.\n\nMotif : %(reason)s\n\n"
        "Corrigez le relevé dans Mutualis."
    ),
    told=_("l'agent s'il a un compte et les responsables du remplacement"),
)
