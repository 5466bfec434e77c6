"""News both ways (the agglomeration's, and the communes' once moderated) and the document library."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.network import services
from mutualis.network.forms import DocumentForm, NameForm, NewsForm, VersionForm
from mutualis.network.models import Document, News, NewsStatus
from mutualis.network.views.directory import kept_organisations
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, OrganisationKind


@requires("network.view_directory")
def news_list(request: HttpRequest) -> HttpResponse:
    """The news addressed to the person, and the posts waiting for moderation they may see."""
    visible = News.objects.visible_to(request.user).filter(territory=request.territory)
    published = visible.published().addressed_to(request.membership).with_list_data()
    pending = visible.filter(status=NewsStatus.PENDING).with_list_data()
    unread = set(published.unread_by(request.user).values_list("pk", flat=True))
    context = {"pending": pending, "unread": unread, **paginated(request, published)}
    return render(request, "network/news_list.html", context)


@requires("network.post_news")
def news_create(request: HttpRequest) -> HttpResponse:
    organisations = kept_organisations(request)
    if request.user.has_perm("network.manage", request.territory):
        organisations = organisations | Organisation.objects.filter(
            territory=request.territory, kind=OrganisationKind.EPCI
        )
    form = NewsForm(request.POST or None, organisations=organisations, territory=request.territory,
                    initial={"organisation": request.membership.organisation_id})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            news = services.news_post(news=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            published = news.status == NewsStatus.PUBLISHED
            messages.success(request, _("L'actualité est publiée.") if published else
                             _("L'actualité est transmise à la coordination, qui la publiera."))  # fmt: skip
            return redirect("network:news_detail", pk=news.pk)
    context = {"form": form, "title": _("Publier une actualité au réseau"), "submit": _("Publier"),
               "intro": _("L'actualité d'une commune est publiée après la relecture de la coordination.")}  # fmt: skip
    return render(request, "network/form.html", context, status=400 if form.errors else 200)


@requires("network.view_news", model=News)
def news_detail(request: HttpRequest, news: News) -> HttpResponse:
    if news.status == NewsStatus.PUBLISHED:
        services.news_mark_read(news=news, user=request.user)
    return render(request, "network/news_detail.html", {"news": news})


@requires("network.moderate_news", model=News)
@post_only
def news_moderate(request: HttpRequest, news: News) -> HttpResponse:
    accept = request.POST.get("decision") == "publish"
    run_and_tell(request, lambda: services.news_moderate(news=news, accept=accept, by=request.user),
                 _("L'actualité est publiée.") if accept else _("L'actualité est refusée."))  # fmt: skip
    return redirect("network:news_list")


@requires("network.view_directory")
def library(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.visible_to(request.user).filter(territory=request.territory)
    documents = documents.addressed_to(request.membership).with_list_data()
    context = {"documents": documents, "folder_form": NameForm(), "form": DocumentForm(territory=request.territory)}
    return render(request, "network/library.html", context)


@requires("network.manage")
@post_only
def folder_create(request: HttpRequest) -> HttpResponse:
    form = NameForm(request.POST)
    if form.is_valid():
        run_and_tell(request, lambda: services.folder_create(territory=request.territory,
                                                             name=form.cleaned_data["name"], by=request.user),
                     _("Le dossier est créé."))  # fmt: skip
    return redirect("network:library")


@requires("network.manage")
def document_create(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None, territory=request.territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(document=form.save(commit=False), upload=form.cleaned_data["file"],
                                  by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le document est ajouté à la bibliothèque."))
            return redirect("network:library")
    context = {"form": form, "title": _("Ajouter un document à la bibliothèque"), "submit": _("Ajouter")}
    return render(request, "network/form.html", context, status=400 if form.errors else 200)


@requires("network.change_document", model=Document)
def version_add(request: HttpRequest, document: Document) -> HttpResponse:
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_add(document=document, upload=form.cleaned_data["file"], note=form.cleaned_data["note"],
                                 by=request.user)  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La nouvelle version est en ligne."))
            return redirect("network:library")
    versions = document.versions.select_related("uploaded_by")
    context = {"form": form, "versions": versions, "submit": _("Mettre en ligne"),
               "title": _("Nouvelle version de « %(title)s »") % {"title": document.title}}  # fmt: skip
    return render(request, "network/form.html", context, status=400 if form.errors else 200)
