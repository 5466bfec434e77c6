from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.french import de
from mutualis.core.history import history_entries
from mutualis.core.lists import paginated
from mutualis.territory.access import requires
from mutualis.territory.forms import OrganisationContactForm, OrganisationFilterForm, OrganisationForm
from mutualis.territory.models import Membership, Organisation
from mutualis.territory.panels import render_panels

HISTORY_PREVIEW = 8


@requires("territory.view_territory")
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None, territory=request.territory)
    organisations = form.filter(
        Organisation.objects.visible_to(request.user).filter(territory=request.territory).with_list_data()
    )
    if "format" in request.GET:
        return export_response(organisations_dataset(organisations), request.GET["format"], "organisations")
    context = {"form": form, **paginated(request, organisations)}
    template = "territory/organisation_list.html#results" if request.htmx else "territory/organisation_list.html"
    return render(request, template, context)


def organisations_dataset(organisations):
    headers = [_("Nom"), _("Type"), _("Code INSEE"), _("SIREN"), _("Code postal"), _("Population"), _("Secteur"),
               _("Courriel"), _("Téléphone"), _("Membres actifs")]  # fmt: skip
    rows = (
        [
            o.name,
            o.kind_label,
            o.insee_code,
            o.siren,
            o.postal_code,
            o.population,
            o.sector.name if o.sector else "",
            o.email,
            o.phone,
            o.member_count,
        ]  # fmt: skip
        for o in organisations
    )
    return export_dataset(headers, rows, title=_("Organisations"))


@requires("territory.view_organisation", model=Organisation, detail=True)
def organisation_detail(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    can_see_history = request.user.has_perm("territory.view_organisation_history", organisation)
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.all(),
        "history": organisation_history_entries(organisation)[:HISTORY_PREVIEW] if can_see_history else None,
        "panels": render_panels(request, organisation),
    }
    return render(request, "territory/organisation_detail.html", context)


@requires("territory.view_organisation_history", model=Organisation)
def organisation_history(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    entries = organisation_history_entries(organisation)
    context = {"organisation": organisation, **paginated(request, entries)}
    return render(request, "territory/organisation_history.html", context)


def organisation_history_entries(organisation: Organisation):
    """Changes to the organisation and to its memberships, newest first."""
    own = organisation.history.select_related("history_user", "sector")
    members = Membership.history.filter(organisation_id=organisation.pk).select_related("history_user", "user")
    entries = history_entries(list(own), subject=lambda r: organisation.name) + history_entries(
        list(members),
        subject=lambda r: (
            _("Rattachement %(of_person)s (%(role)s)") % {"of_person": de(r.user), "role": r.get_role_display()}
        ),  # fmt: skip
    )
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


@requires("territory.change_organisation", model=Organisation)
def organisation_edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    can_edit_identity = request.user.has_perm("territory.change_organisation_identity", organisation)
    form_class = OrganisationForm if can_edit_identity else OrganisationContactForm
    form = form_class(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Les informations de l'organisation sont enregistrées."))
        return redirect("territory:organisation_detail", pk=organisation.pk)
    return render(request, "territory/organisation_edit.html", {"organisation": organisation, "form": form})
