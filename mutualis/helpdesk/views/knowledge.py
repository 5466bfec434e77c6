"""The knowledge base: searched by every organisation of the territory, written by the coordinator."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.forms import post_only
from mutualis.core.lists import paginated
from mutualis.helpdesk import services
from mutualis.helpdesk.forms import ArticleForm, KnowledgeSearchForm
from mutualis.helpdesk.models import Article, ArticleQuerySet, Request
from mutualis.territory.access import requires


@requires("helpdesk.view_knowledge_base")
def article_list(request: HttpRequest) -> HttpResponse:
    form = KnowledgeSearchForm(request.GET or None)
    articles = Article.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    if form.is_valid():
        if form.cleaned_data["topic"]:
            articles = articles.filter(topic=form.cleaned_data["topic"])
        if form.cleaned_data["q"].strip():
            articles = articles.search(form.cleaned_data["q"])
    if "format" in request.GET:
        return export_response(articles_dataset(articles), request.GET["format"], "base-de-connaissances")
    context = {"form": form, **paginated(request, articles)}
    template = "helpdesk/article_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def articles_dataset(articles: ArticleQuerySet) -> tablib.Dataset:
    headers = [_("Titre"), _("Thème"), _("Statut"), _("Publié le"), _("Réponse")]
    rows = (
        [
            a.title,
            a.get_topic_display(),
            a.get_status_display(),
            a.published_at.date() if a.published_at else None,
            a.body,
        ]  # fmt: skip
        for a in articles
    )
    return export_dataset(headers, rows, title=_("Base de connaissances"))


@requires("helpdesk.view_article", model=Article, detail=True)
def article_detail(request: HttpRequest, article: Article) -> HttpResponse:
    return render(request, "helpdesk/article_detail.html", {"article": article})


@requires("helpdesk.draft_article", model=Request)
@post_only
def article_draft(http: HttpRequest, request: Request) -> HttpResponse:
    article = services.article_draft(request=request, by=http.user)
    messages.success(
        http, _("Brouillon créé : relisez-le et retirez tout ce qui permettrait de reconnaître la commune.")
    )
    return redirect("helpdesk:article_edit", pk=article.pk)


@requires("helpdesk.change_article", model=Article)
def article_edit(request: HttpRequest, article: Article) -> HttpResponse:
    form = ArticleForm(request.POST or None, instance=article)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.article_save(article=article, by=request.user, title=data["title"], topic=data["topic"],
                              body=data["body"])  # fmt: skip
        if "publish" in request.POST:
            services.article_publish(article=article, by=request.user)
            messages.success(request, _("L'article est publié pour toutes les organisations du territoire."))
        else:
            messages.success(request, _("L'article est enregistré."))
        return redirect("helpdesk:article_detail", pk=article.pk)
    return render(request, "helpdesk/article_form.html", {"form": form, "article": article})


@requires("helpdesk.change_article", model=Article)
@post_only
def article_unpublish(request: HttpRequest, article: Article) -> HttpResponse:
    services.article_publish(article=article, by=request.user, published=False)
    messages.success(request, _("L'article est retiré de la base de connaissances."))
    return redirect("helpdesk:article_detail", pk=article.pk)
