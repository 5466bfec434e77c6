"""Training: the census of needs and its consolidation, the mutualised plan, the sessions with
their registrations, attendance, charges, and the agents' certificates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.network import services
from mutualis.network.forms import (
    AgentChoiceForm,
    CensusOpenForm,
    NameForm,
    PlanForm,
    PlannedTrainingForm,
    SessionFilterForm,
    SessionForm,
    census_answer_form,
)
from mutualis.network.indicators import sst_by_commune
from mutualis.network.models import (
    Census,
    Certificate,
    Enrolment,
    PlannedTraining,
    Profile,
    SeatStatus,
    SessionStatus,
    TrainingNeed,
    TrainingPlan,
    TrainingSession,
    TrainingTheme,
)
from mutualis.network.views.directory import kept_organisations
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation


def _form_page(request, context: dict, form, template: str = "network/form.html") -> HttpResponse:
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


# ---------------------------------------------------------------- census


@requires("network.view_training")
def census_list(request: HttpRequest) -> HttpResponse:
    # The agents in a subquery: summed over a join with the answers, they would be counted once per answer.
    agents = TrainingNeed.objects.filter(census=OuterRef("pk")).order_by().values("census").annotate(
        total=Sum("agents")).values("total")  # fmt: skip
    censuses = Census.objects.visible_to(request.user).filter(territory=request.territory).annotate(
        communes=Count("answers", distinct=True), agents=Subquery(agents))  # fmt: skip
    form = CensusOpenForm(initial={"year": timezone.localdate().year})
    themes = TrainingTheme.objects.visible_to(request.user).filter(territory=request.territory)
    return render(request, "network/census_list.html", {"censuses": censuses, "form": form, "themes": themes,
                                                        "theme_form": NameForm()})  # fmt: skip


@requires("network.manage")
@post_only
def census_open(request: HttpRequest) -> HttpResponse:
    form = CensusOpenForm(request.POST)
    if form.is_valid():
        run_and_tell(request, lambda: services.census_open(territory=request.territory, by=request.user,
                                                           **form.cleaned_data),
                     _("Le recensement est ouvert : les communes peuvent répondre."))  # fmt: skip
    else:
        messages.error(request, _("Indiquez une année valable."))
    return redirect("network:census_list")


@requires("network.manage")
@post_only
def theme_create(request: HttpRequest) -> HttpResponse:
    form = NameForm(request.POST)
    if form.is_valid():
        run_and_tell(request, lambda: services.theme_create(territory=request.territory, name=form.cleaned_data["name"],
                                                            by=request.user), _("Le thème est ajouté."))  # fmt: skip
    return redirect("network:census_list")


@requires("network.answer_census", model=Census)
def census_answer(request: HttpRequest, census: Census) -> HttpResponse:
    """The acting organisation's needs, theme by theme."""
    organisation = request.membership.organisation
    themes = list(TrainingTheme.objects.filter(territory=census.territory_id, is_active=True))
    needs = {need.theme_id: need for need in census.needs.filter(organisation=organisation)}
    form = census_answer_form(themes, needs, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data, no_need = form.cleaned_data, "no_need" in request.POST
        answers = {t: (data[f"agents_{t.pk}"] or 0, data[f"comment_{t.pk}"]) for t in themes}
        try:
            total = services.census_answer(census=census, organisation=organisation, answers=answers,
                                           no_need=no_need, by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            done = _("Réponse enregistrée : aucun besoin cette année.") if no_need else _(
                "Réponse enregistrée : %(total)s besoins d'agents.") % {"total": total}  # fmt: skip
            messages.success(request, done)
            return redirect("network:census_list")
    rows = [(theme, form[f"agents_{theme.pk}"], form[f"comment_{theme.pk}"]) for theme in themes]
    answer = census.answers.filter(organisation=organisation).first()
    context = {"census": census, "rows": rows, "organisation": organisation, "answer": answer}
    return _form_page(request, context, form, "network/census_answer.html")


@requires("network.manage_census", model=Census)
def census_consolidation(request: HttpRequest, census: Census) -> HttpResponse:
    """The needs added up by theme, by sector and by commune."""
    needs = TrainingNeed.objects.filter(census=census)
    answers = list(census.answers.select_related("organisation"))
    context = {
        "census": census,
        "answered": len(answers),
        "no_need": [answer.organisation.name for answer in answers if answer.no_need],
        "by_theme": needs.values("theme__name").annotate(agents=Sum("agents"), communes=Count("organisation",
                                                         distinct=True)).order_by("-agents", "theme__name"),
        "by_sector": needs.values("organisation__sector__name").annotate(agents=Sum("agents")).order_by(
            "organisation__sector__name"),
        "by_commune": needs.values("organisation__name").annotate(agents=Sum("agents"), themes=Count("theme"))
        .order_by("organisation__name"),
    }  # fmt: skip
    return render(request, "network/census_consolidation.html", context)


@requires("network.close_census", model=Census)
@post_only
def census_close(request: HttpRequest, census: Census) -> HttpResponse:
    run_and_tell(request, lambda: services.census_close(census=census, by=request.user), _("Le recensement est clos."))
    return redirect("network:census_consolidation", pk=census.pk)


# ---------------------------------------------------------------- plan


@requires("network.view_training")
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = TrainingPlan.objects.visible_to(request.user).filter(territory=request.territory).annotate(
        count=Count("trainings"), budget=Sum("trainings__budget"))  # fmt: skip
    return render(request, "network/plan_list.html", {"plans": plans})


@requires("network.manage")
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.territory = request.territory
        try:
            plan = services.plan_save(plan=plan, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("network:plan_detail", pk=plan.pk)
    return _form_page(request, {"title": _("Nouveau plan de formation mutualisé"), "submit": _("Créer le plan")}, form)


@requires("network.view_plan", model=TrainingPlan)
def plan_detail(request: HttpRequest, trainingplan: TrainingPlan) -> HttpResponse:
    trainings = trainingplan.trainings.select_related("theme").annotate(session_count=Count("sessions"))
    themes = TrainingTheme.objects.filter(territory=trainingplan.territory_id)
    form = PlannedTrainingForm(themes=themes, initial={"year": trainingplan.first_year})
    return render(request, "network/plan_detail.html", {"plan": trainingplan, "trainings": trainings, "form": form})


@requires("network.change_plan", model=TrainingPlan)
def planned_training_add(request: HttpRequest, trainingplan: TrainingPlan) -> HttpResponse:
    themes = TrainingTheme.objects.filter(territory=trainingplan.territory_id)
    form = PlannedTrainingForm(request.POST or None, themes=themes, initial={"year": trainingplan.first_year})
    if request.method == "POST" and form.is_valid():
        training = form.save(commit=False)
        training.plan = trainingplan
        try:
            services.planned_training_save(training=training, by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La formation est inscrite au plan."))
            return redirect("network:plan_detail", pk=trainingplan.pk)
    title = _("Inscrire une formation au plan « %(plan)s »") % {"plan": trainingplan.title}
    return _form_page(request, {"title": title, "submit": _("Inscrire au plan")}, form)


# ---------------------------------------------------------------- sessions


@requires("network.view_training")
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionFilterForm(request.GET or None)
    sessions = TrainingSession.objects.visible_to(request.user).filter(territory=request.territory)
    sessions = form.filter(sessions).with_list_data()
    return render(request, "network/session_list.html", {"form": form, **paginated(request, sessions)})


@requires("network.manage")
def session_create(request: HttpRequest) -> HttpResponse:
    planned = PlannedTraining.objects.filter(plan__territory=request.territory).select_related("plan")
    form = SessionForm(request.POST or None, planned=planned, initial={"planned": request.GET.get("formation")})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(session=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La session est programmée : les secrétaires peuvent inscrire leurs agents."))
            return redirect("network:session_detail", pk=session.pk)
    return _form_page(request, {"title": _("Programmer une session de formation"), "submit": _("Programmer")}, form)


@requires("network.view_session", model=TrainingSession)
def session_detail(request: HttpRequest, trainingsession: TrainingSession) -> HttpResponse:
    session = trainingsession
    enrolments = session.seats_taken.active().select_related("profile__organisation").order_by("status", "created_at")
    mine = Profile.objects.filter(organisation__in=kept_organisations(request)).current()
    context = {
        "session": session,
        "enrolments": enrolments,
        "registered": sum(1 for e in enrolments if e.status == SeatStatus.REGISTERED),
        "form": AgentChoiceForm(profiles=mine.exclude(pk__in=[e.profile_id for e in enrolments]).with_list_data()),
        "shares": _named(services.cost_shares(session)) if session.status == SessionStatus.HELD else [],
    }
    return render(request, "network/session_detail.html", context)


def _named(shares: dict) -> list[tuple[str, object]]:
    names = dict(Organisation.objects.filter(pk__in=shares).values_list("pk", "name"))
    return [(names[pk], amount) for pk, amount in shares.items()]


@requires("network.enrol", model=TrainingSession)
@post_only
def enrol(request: HttpRequest, trainingsession: TrainingSession) -> HttpResponse:
    form = AgentChoiceForm(request.POST, profiles=Profile.objects.filter(organisation__in=kept_organisations(request)))
    if form.is_valid():
        try:
            enrolment = services.enrol(session=trainingsession, profile=form.cleaned_data["profile"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if enrolment.status == SeatStatus.WAITING:
                messages.warning(request, _("La session est complète : l'agent est sur la liste d'attente."))
            else:
                messages.success(request, _("L'agent est inscrit."))
    else:
        messages.error(request, _("Choisissez un agent de votre commune."))
    return redirect("network:session_detail", pk=trainingsession.pk)


@requires("network.cancel_seat", model=Enrolment)
@post_only
def enrolment_cancel(request: HttpRequest, enrolment: Enrolment) -> HttpResponse:
    run_and_tell(request, lambda: services.enrolment_cancel(enrolment=enrolment, by=request.user),
                 _("L'inscription est annulée."))  # fmt: skip
    return redirect("network:session_detail", pk=enrolment.session_id)


@requires("network.run_session", model=TrainingSession)
def session_attendance(request: HttpRequest, trainingsession: TrainingSession) -> HttpResponse:
    enrolments = trainingsession.seats_taken.registered().select_related("profile__organisation")
    if request.method == "POST":
        present = [int(pk) for pk in request.POST.getlist("present") if pk.isdigit()]
        if run_and_tell(request, lambda: services.session_attendance_record(session=trainingsession, present=present,
                                                                            by=request.user),
                        _("Les présences sont enregistrées ; les certificats sont délivrés.")):  # fmt: skip
            return redirect("network:session_detail", pk=trainingsession.pk)
    return render(request, "network/attendance.html", {"object": trainingsession, "rows": enrolments})


@requires("network.charge_session", model=TrainingSession)
@post_only
def session_charge(request: HttpRequest, trainingsession: TrainingSession) -> HttpResponse:
    run_and_tell(request, lambda: services.session_charge(session=trainingsession, by=request.user),
                 _("Le coût de la session est refacturé aux communes."))  # fmt: skip
    return redirect("network:session_detail", pk=trainingsession.pk)


@requires("network.view_certificates")
def certificate_list(request: HttpRequest) -> HttpResponse:
    """The certificates of the agents one keeps (all of them for the managers), the nearest end first."""
    today = timezone.localdate()
    certificates = Certificate.objects.visible_to(request.user).filter(territory=request.territory).valid_on(today)
    manager = request.user.has_perm("network.manage", request.territory)
    by_commune = sst_by_commune(request.territory, today) if manager else {}
    context = {"today": today, "by_commune": by_commune, **paginated(request, certificates.with_list_data())}
    return render(request, "network/certificate_list.html", context)
