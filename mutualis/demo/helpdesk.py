"""The expertise desk for the demo (action 1): questions from communes on the seed's main topics
(legal, town planning, civil status, public procurement), some answered and rated, and the
knowledge-base articles drawn from them; all through the helpdesk services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.helpdesk.models import Request, Topic
from mutualis.helpdesk.services import (
    article_draft,
    article_publish,
    hourly_rate_set,
    message_post,
    request_create,
    request_rate,
    request_resolve,
    time_record,
)
from mutualis.territory.models import Organisation, Territory

HOURLY_RATE = Decimal("45.00")

# (asker's email, topic, subject, question, answer or None, minutes billed, rating or None, published)
REQUESTS = [
    ("secretaire.jouhe@mutualis.example", Topic.TOWN_PLANNING,
     "Abri de jardin de 15 m² en zone UB",
     "Un habitant de Jouhe veut construire un abri de jardin de 15 m² en zone UB du PLUi. "
     "Faut-il un permis de construire ou une déclaration préalable suffit-elle ?",
     "Entre 5 et 20 m² d'emprise au sol, une déclaration préalable suffit (art. R421-9 du code de "
     "l'urbanisme), sous réserve du règlement de la zone UB. Le délai d'instruction est d'un mois.",
     45, 5, True),
    ("secretary.39233@mutualis.example", Topic.PUBLIC_PROCUREMENT,
     "Publicité d'un marché de travaux de voirie de 60 000 € HT",
     "Foucherans doit refaire la voirie de la rue des Vignes pour environ 60 000 € HT. "
     "Quelle publicité et quelle procédure ?",
     "Sous 100 000 € HT pour des travaux, la commune peut passer un marché sans publicité ni mise en "
     "concurrence préalables, mais doit choisir une offre pertinente et ne pas contracter "
     "systématiquement avec le même opérateur. Une consultation de trois entreprises reste conseillée.",
     90, 4, True),
    ("secretary.39526@mutualis.example", Topic.CIVIL_STATUS,
     "Publication des bans pour un mariage avec un ressortissant étranger",
     "Un mariage est prévu à Tavaux entre une Française et un ressortissant marocain. "
     "Quelles pièces demander et faut-il auditionner les futurs époux ?",
     "Demandez l'acte de naissance de moins de six mois (traduit), un certificat de coutume et de "
     "célibat, un justificatif de domicile. L'audition est possible en cas de doute sur le "
     "consentement (art. 63 du code civil) ; la publication des bans se fait dix jours avant.",
     60, 5, True),
    ("org-manager.39189@mutualis.example", Topic.LEGAL,
     "Délibération adoptée sans quorum",
     "Lors du conseil municipal de Damparis, le quorum n'était pas atteint mais une délibération a "
     "été votée. Est-elle valable ?",
     "Non : sans la majorité des membres en exercice présents, la délibération est illégale. Le "
     "conseil doit être convoqué à nouveau à trois jours au moins d'intervalle ; il délibère alors "
     "valablement sans condition de quorum (art. L2121-17 du CGCT).",
     30, None, True),
    ("org-manager.39189@mutualis.example", Topic.HUMAN_RESOURCES,
     "Compte épargne-temps d'un agent à temps non complet",
     "Un adjoint technique à 20 heures par semaine peut-il ouvrir un compte épargne-temps ?",
     "Oui, s'il est titulaire ou contractuel employé depuis au moins un an de façon continue "
     "(décret 2004-878). Les jours épargnés sont proportionnels à sa quotité de travail.",
     30, 3, True),
    ("secretary.39198@mutualis.example", Topic.LEGAL,
     "Mise à disposition d'une salle communale à une association",
     "Une association sportive demande l'usage gratuit d'une salle communale chaque semaine. "
     "Faut-il une convention et une délibération ?",
     "Une convention d'occupation est recommandée ; la gratuité doit être justifiée par l'intérêt "
     "général (art. L2125-1 du CG3P). Nous vous envoyons un modèle.",
     30, None, False),
    ("maire.jouhe@mutualis.example", Topic.LEGAL,
     "Responsabilité du maire en cas de chute sur un trottoir verglacé",
     "Un administré a glissé sur le trottoir devant la mairie de Jouhe. La commune est-elle "
     "responsable, et que faire auprès de l'assureur ?",
     None, 0, None, False),
    ("secretaire.jouhe@mutualis.example", Topic.GDPR,
     "Durée de conservation des images de vidéoprotection",
     "Combien de temps pouvons-nous garder les images des caméras du parking de la salle des fêtes ?",
     None, 0, None, False),
]  # fmt: skip


def load_helpdesk(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    coordinator = User.objects.get(email="coordination@mutualis.example")
    expert = User.objects.get(email="expertise@mutualis.example")
    hourly_rate_set(territory=territory, valid_from=date(2021, 1, 1), rate=HOURLY_RATE, by=coordinator)
    if Request.objects.filter(territory=territory).exists():
        return
    today = timezone.localdate()
    for index, (email, topic, subject, question, answer, minutes, rating, published) in enumerate(REQUESTS):
        asker = User.objects.get(email=email)
        organisation = asker.memberships.active().get().organisation
        received_on = today - timedelta(days=len(REQUESTS) - index)
        request = request_create(
            organisation=organisation, topic=topic, subject=subject, question=question, by=asker,
            received_on=received_on,
        )  # fmt: skip
        if answer is None:
            continue
        message_post(request=request, author=expert, body=answer, from_expert=True)
        time_record(request=request, expert=expert, minutes=minutes, billable=True, day=today)
        if not published:
            continue
        request = request_resolve(request=request, by=expert)
        if rating is not None:
            request = request_rate(request=request, rating=rating, comment="", by=asker)
        article_publish(article=article_draft(request=request, by=coordinator), by=coordinator)
