"""Territorial questionnaires for the demo: the consultation of the mayors that prepared the
schéma (closed, with answers; 24 of the 28 respondents wish to join the groupements de
commandes, as the seed reports), and a draft satisfaction survey, all through the survey services."""

from __future__ import annotations

import random

from mutualis.accounts.models import User
from mutualis.surveys import services
from mutualis.surveys.models import QuestionKind, Survey
from mutualis.territory.models import Organisation, Role, Territory

CONSULTATION = "Consultation des élus : vos besoins de mutualisation"
DRAFT = "Satisfaction des communes envers le service de remplacement"
NEEDS = ["Prêt de matériel technique", "Remplacement des agents absents", "Achats groupés",
         "Expertise juridique et technique", "Formations des agents", "Informatique et RGPD",
         "Prévention et santé au travail", "Ateliers numériques pour les habitants"]  # fmt: skip
IDEAS = [
    "Un broyeur de végétaux et une nacelle à partager entre communes voisines.",
    "Être remplacés pendant les congés d'été de notre secrétaire de mairie.",
    "Un appui juridique pour les marchés publics et l'urbanisme.",
    "Mettre en conformité notre site internet et nos fichiers avec le RGPD.",
    "Des formations SST organisées près de chez nous.",
]
ANSWERS = 28
CONSULTATION_INTRODUCTION = (
    "Le Grand Dole prépare son schéma de mutualisation 2021-2026. Dites-nous ce dont votre commune a besoin : "
    "vos réponses orienteront les actions du schéma."
)
DRAFT_INTRODUCTION = "Votre commune a fait appel au service de remplacement : aidez-nous à l'améliorer."
JOINING = 24  # seed: "24 communes ont répondu favorablement"


CONSULTATION_QUESTIONS = [
    (QuestionKind.SINGLE, "Le secrétariat de votre mairie suffit-il à la charge de travail ?",
     {"choices": ["Oui", "En partie", "Non"]}),
    (QuestionKind.MULTIPLE, "Pour quels besoins la mutualisation vous serait-elle utile ?",
     {"choices": NEEDS, "help_text": "Plusieurs réponses possibles."}),
    (QuestionKind.SCALE, "Comment jugez-vous les relations entre votre commune et le Grand Dole ?",
     {"scale_min": 1, "scale_max": 5, "scale_min_label": "Très difficiles", "scale_max_label": "Excellentes"}),
    (QuestionKind.SINGLE, "Souhaitez-vous participer aux groupements de commandes entre les communes du Grand Dole ?",
     {"choices": ["Oui", "Non"]}),
    (QuestionKind.TEXT, "Quels nouveaux besoins identifiez-vous dans votre commune ?", {"required": False}),
]  # fmt: skip
DRAFT_QUESTIONS = [
    (QuestionKind.SCALE, "Êtes-vous satisfait·e du service de remplacement ?",
     {"scale_min": 1, "scale_max": 5, "scale_min_label": "Pas du tout", "scale_max_label": "Tout à fait"}),
    (QuestionKind.SINGLE, "Le délai d'intervention vous a-t-il convenu ?", {"choices": ["Oui", "Non"]}),
    (QuestionKind.TEXT, "Que faudrait-il améliorer ?", {"required": False}),
]  # fmt: skip


def _write(territory: Territory, coordinator: User, title: str, introduction: str, questions: list) -> Survey:
    survey = services.survey_create(territory=territory, title=title, introduction=introduction, by=coordinator)
    for kind, text, fields in questions:
        services.question_add(survey=survey, kind=kind, text=text, by=coordinator, **fields)
    return survey


def _answer_consultation(survey: Survey) -> None:
    draw = random.Random(2020)
    single, needs, relations, joining, ideas = survey.questions.order_by("order").prefetch_related("choices")
    choice = {q.pk: list(q.choices.all()) for q in (single, needs, joining)}
    for index, invitation in enumerate(survey.invitations.order_by("membership__organisation__insee_code")[:ANSWERS]):
        ticked = draw.sample(choice[needs.pk], k=draw.randint(1, 4))
        values = {
            single.pk: draw.choices(choice[single.pk], weights=[3, 5, 2])[0].pk,
            needs.pk: [c.pk for c in ticked],
            relations.pk: draw.choices([2, 3, 4, 5], weights=[1, 4, 6, 3])[0],
            joining.pk: choice[joining.pk][0 if index < JOINING else 1].pk,
            ideas.pk: IDEAS[index % len(IDEAS)] if index % 3 == 0 else "",
        }
        services.response_submit(invitation=invitation, values=values)


def load_surveys(territory: Territory, epci: Organisation, communes: dict[str, Organisation]) -> None:
    coordinator = User.objects.get(email="coordination@mutualis.example")
    if not Survey.objects.filter(territory=territory, title=CONSULTATION).exists():
        survey = _write(territory, coordinator, CONSULTATION, CONSULTATION_INTRODUCTION, CONSULTATION_QUESTIONS)
        services.survey_open(survey=survey, by=coordinator)
        mayors = services.recipients(territory=territory, roles=[Role.ORG_MANAGER], organisations=communes.values())
        services.invitations_send(survey=survey, memberships=mayors, by=coordinator)
        _answer_consultation(survey)
        services.survey_close(survey=survey, by=coordinator)
    if not Survey.objects.filter(territory=territory, title=DRAFT).exists():
        _write(territory, coordinator, DRAFT, DRAFT_INTRODUCTION, DRAFT_QUESTIONS)
