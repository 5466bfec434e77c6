"""The equipment events people are told about (see mutualis/notifications/events.py)."""

from django.utils.translation import gettext_lazy as _

from mutualis.notifications.events import event

event(
    "equipment.request_created",
    subject=_("Mutualis – demande de prêt : %(item)s"),
    body=_(
        "%(borrower)s demande à emprunter « %(item)s » %(period)s.\n\n"
        "Usage prévu : %(purpose)s\n\nContact : %(contact)s <%(email)s>"
    ),
    told=_("le contact du matériel (son compte et son adresse), sinon le maire et les secrétaires du prêteur"),
)
event(
    "equipment.need_created",
    subject=_("Mutualis – besoin de matériel : %(category)s"),
    body=_("%(borrower)s cherche du matériel « %(category)s » %(period)s.\n\nBesoin : %(purpose)s"),
    told=_("les responsables du matériel partagé du territoire"),
)
event(
    "equipment.request_accepted",
    subject=_("Mutualis – prêt accepté : %(item)s"),
    body=_(
        "%(owner)s accepte de prêter « %(item)s » %(to_borrower)s %(period)s.\n\n"
        "La convention de prêt est à signer dans Mutualis par le maire de chaque commune (ou son délégué) :"
        " le matériel est remis une fois qu'elles ont signé."
    ),
    told=_("la personne à contacter de la demande"),
)
event(
    "equipment.request_refused",
    subject=_("Mutualis – prêt refusé : %(item)s"),
    body=_("%(owner)s ne peut pas prêter « %(item)s » %(period)s.\n\nMotif : %(reason)s"),
    told=_("la personne à contacter de la demande"),
)
event(
    "equipment.request_cancelled",
    subject=_("Mutualis – demande annulée : %(item)s"),
    body=_("%(borrower)s annule sa demande pour « %(item)s » %(period)s."),
    told=_("le contact du matériel (son compte et son adresse), sinon le maire et les secrétaires du prêteur"),
)
event(
    "equipment.proposal_made",
    subject=_("Mutualis – matériel proposé : %(item)s"),
    body=_("%(owner)s propose « %(item)s » pour votre besoin %(period)s.\n\n%(note)s"),
    told=_("la personne à contacter du besoin"),
)
event(
    "equipment.loan_checked_out",
    subject=_("Mutualis – matériel remis : %(item)s"),
    body=_(
        "%(owner)s a remis « %(item)s » %(to_borrower)s le %(day)s.\n\nRetour attendu au plus tard le %(last_day)s."
    ),
    told=_("la personne à contacter de la demande"),
)
event(
    "equipment.loan_checked_in",
    subject=_("Mutualis – matériel rendu : %(item)s"),
    body=_(
        "%(owner)s a enregistré le retour de « %(item)s » le %(day)s.\n\n%(damage)s\n\n"
        "Les frais du prêt figurent dans la facturation %(of_borrower)s."
    ),
    told=_("la personne à contacter de la demande"),
)
event(
    "equipment.loan_overdue",
    subject=_("Mutualis – retour en retard : %(item)s"),
    body=_(
        "« %(item)s », prêté par %(owner)s %(to_borrower)s %(period)s, n'est pas encore rendu.\n\n"
        "Merci de convenir ensemble de la date de retour."
    ),
    told=_(
        "la personne à contacter de la demande et le contact du matériel (sinon le maire et les secrétaires du prêteur)"
    ),
)
