"""The agglomeration instructs a file: asks for missing documents, records its services' opinions,
proposes an amount within every limit, and records the deciding body's decision."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from mutualis.core.forms import post_only
from mutualis.grants import services
from mutualis.grants.forms import DecisionForm, DocumentsRequestForm, OpinionForm, ProposalForm
from mutualis.grants.models import Application
from mutualis.grants.views.applications import handle
from mutualis.territory.access import requires


@requires("grants.instruct", model=Application)
@post_only
def documents_request(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        DocumentsRequestForm(request.POST),
        "request_form",
        lambda data: services.documents_request(application=application, by=request.user, **data),
        _("Les pièces sont demandées à la commune."),
    )


@requires("grants.instruct", model=Application)
@post_only
def opinion_record(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        OpinionForm(request.POST),
        "opinion_form",
        lambda data: services.opinion_record(application=application, by=request.user, **data),
        _("L'avis est enregistré."),
    )


@requires("grants.instruct", model=Application)
@post_only
def amount_propose(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        ProposalForm(request.POST),
        "proposal_form",
        lambda data: services.amount_propose(application=application, by=request.user, **data),
        _("Le montant est proposé et le dossier inscrit à l'ordre du jour."),
    )


@requires("grants.decide", model=Application)
@post_only
def decision_record(request: HttpRequest, application: Application) -> HttpResponse:
    return handle(
        request,
        application,
        DecisionForm(request.POST),
        "decision_form",
        lambda data: services.decision_record(application=application, by=request.user, **data),
        _("La décision est enregistrée ; la commune en est informée."),
    )
