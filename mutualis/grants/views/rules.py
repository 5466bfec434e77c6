"""The years' rules of the fonds de concours, and the kinds of project they may fund."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.forms import add_service_error, post_only
from mutualis.grants import services
from mutualis.grants.forms import ProjectKindForm, RulesForm
from mutualis.grants.models import ProjectKind, Rules
from mutualis.territory.access import requires


@requires("grants.view_rules")
def rules_list(request: HttpRequest) -> HttpResponse:
    return render_rules(request)


def render_rules(request: HttpRequest, kind_form: ProjectKindForm | None = None) -> HttpResponse:
    """The years' rules and the kinds of project; `kind_form` is the kind form sent back with its error."""
    rules = Rules.objects.filter(territory=request.territory).prefetch_related("eligible_kinds")
    context = {
        "rules_list": rules,
        "kinds": ProjectKind.objects.filter(territory=request.territory),
        "kind_form": kind_form or ProjectKindForm(),
    }
    return render(request, "grants/rules_list.html", context, status=400 if kind_form else 200)


def rules_form(request: HttpRequest, rules: Rules) -> HttpResponse:
    form = RulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.rules_save(
                rules=form.save(commit=False), eligible_kinds=form.cleaned_data["eligible_kinds"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le règlement %(year)s est enregistré.") % {"year": rules.year})
            return redirect("grants:rules_list")
    return render(request, "grants/rules_form.html", {"form": form, "rules": rules}, status=400 if form.errors else 200)


@requires("grants.manage")
def rules_create(request: HttpRequest) -> HttpResponse:
    return rules_form(request, Rules(territory=request.territory))


@requires("grants.manage", model=Rules)
def rules_edit(request: HttpRequest, rules: Rules) -> HttpResponse:
    return rules_form(request, rules)


@requires("grants.manage")
@post_only
def project_kind_create(request: HttpRequest) -> HttpResponse:
    form = ProjectKindForm(request.POST)
    if form.is_valid():
        try:
            services.project_kind_create(territory=request.territory, name=form.cleaned_data["name"], by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La nature de projet est ajoutée."))
            return redirect("grants:rules_list")
    return render_rules(request, kind_form=form)
