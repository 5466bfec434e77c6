"""The results of a survey, read in a fixed number of queries whatever the number of answers.

Percentages of a single choice or a scale are shares of the respondents to that question;
they are rounded to one decimal by the largest remainder method, so that they add up to
exactly 100. A multiple choice question's percentages are the share of its respondents who
ticked each choice: one person may tick several, so they do not add up to 100.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from mutualis.surveys.models import Answer, Invitation, Question, QuestionKind, Response, Survey

TENTH = Decimal("0.1")


def largest_remainder(counts: list[int], decimals: int = 1) -> list[Decimal]:
    """Percentages of `counts` rounded to `decimals` that add up to exactly 100 (none when all are 0)."""
    total = sum(counts)
    if not total:
        return [Decimal(0) for _ in counts]
    unit = 10**decimals
    exact = [Decimal(count * 100 * unit) / total for count in counts]
    floors = [int(value) for value in exact]
    missing = 100 * unit - sum(floors)
    # Largest remainders first; ties go to the larger count, then to the first listed.
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), -counts[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return [Decimal(value) / unit for value in floors]


def share(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part * 100) / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class Row:
    label: str
    count: int
    percent: Decimal = Decimal(0)


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def sums_to_100(self) -> bool:
        return self.question.kind in (QuestionKind.SINGLE, QuestionKind.SCALE)


@dataclass
class SurveyResults:
    survey: Survey
    invited: int
    answered: int
    questions: list[QuestionResult]

    @property
    def response_rate(self) -> Decimal:
        return share(self.answered, self.invited)


def _scale_label(question: Question, value: int) -> str:
    label = {question.scale_min: question.scale_min_label, question.scale_max: question.scale_max_label}.get(value)
    return f"{value} – {label}" if label else str(value)


def question_result(
    question: Question, respondents: int, counts: Counter, texts: list[str], with_texts: bool
) -> QuestionResult:
    result = QuestionResult(question, respondents, texts=texts if with_texts else [])
    if question.kind == QuestionKind.TEXT:
        return result
    if question.kind == QuestionKind.SCALE:
        values = list(question.scale_values)
        result.rows = [Row(_scale_label(question, v), counts[v]) for v in values]
        total = sum(counts[v] for v in values)
        if total:
            mean = Decimal(sum(v * counts[v] for v in values)) / total
            result.mean = mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    else:
        result.rows = [Row(choice.label, counts[choice.pk]) for choice in question.choices.all()]
    if question.kind == QuestionKind.MULTIPLE:
        for row in result.rows:
            row.percent = share(row.count, respondents)
    else:
        for row, percent in zip(result.rows, largest_remainder([row.count for row in result.rows]), strict=True):
            row.percent = percent
    return result


def survey_results(survey: Survey, with_texts: bool = True) -> SurveyResults:
    """Counts, percentages, means and (for the coordination) the free texts of every question."""
    questions = list(survey.questions.prefetch_related("choices").order_by("order", "pk"))
    answers = Answer.objects.filter(response__survey=survey)
    respondents = dict(answers.values_list("question_id").annotate(n=Count("response_id", distinct=True)).order_by())
    counts: dict[int, Counter] = defaultdict(Counter)
    for question_id, choice_id, number, n in (
        answers.exclude(question__kind=QuestionKind.TEXT)
        .values_list("question_id", "choice_id", "number")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[question_id][choice_id if choice_id is not None else number] += n
    texts: dict[int, list[str]] = defaultdict(list)
    if with_texts:
        for question_id, text in answers.filter(question__kind=QuestionKind.TEXT).values_list("question_id", "text"):
            texts[question_id].append(text)
    return SurveyResults(
        survey=survey,
        invited=Invitation.objects.filter(survey=survey).count(),
        answered=Response.objects.filter(survey=survey).count(),
        questions=[
            question_result(q, respondents.get(q.pk, 0), counts[q.pk], texts[q.pk], with_texts) for q in questions
        ],
    )


def summary_table(results: SurveyResults) -> tuple[list[str], list[list]]:
    """The aggregate table: one row per choice or scale value of each question."""
    headers = [_("Question"), _("Réponse"), _("Nombre"), _("Pourcentage"), _("Répondants à la question")]
    rows = [
        [result.question.text, row.label, row.count, row.percent, result.respondents]
        for result in results.questions
        for row in result.rows
    ]
    return headers, rows


def responses_table(survey: Survey) -> tuple[list[str], list[list]]:
    """One row per response, one column per question (choices of a multiple choice joined by ' ; ')."""
    questions = list(survey.questions.order_by("order", "pk"))
    headers = [_("Reçue le"), _("Organisation"), _("Rôle")] + [q.text for q in questions]
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("invitation__membership__organisation")
        .prefetch_related("answers__choice")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for response in responses:
        by_question: dict[int, list[str]] = defaultdict(list)
        for answer in response.answers.all():
            value = (
                answer.choice.label if answer.choice else answer.number if answer.number is not None else answer.text
            )
            by_question[answer.question_id].append(str(value))
        membership = response.invitation.membership
        rows.append(
            [localtime(response.submitted_at).strftime("%d/%m/%Y %H:%M"), membership.organisation.name,
             membership.get_role_display()] + [" ; ".join(by_question[q.pk]) for q in questions]
        )  # fmt: skip
    return headers, rows
