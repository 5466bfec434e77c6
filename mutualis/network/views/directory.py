"""The directory of the territory's agents (the trombinoscope): search, export, the printable
trombinoscope per sector, and each commune's keeping of its agents."""

from __future__ import annotations

import base64
import mimetypes
from itertools import groupby

import tablib
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.core.exports import export_dataset, export_response
from mutualis.core.files import download_url
from mutualis.core.forms import add_service_error, post_only, run_and_tell
from mutualis.core.lists import paginated
from mutualis.core.pdf import pdf_response, unstored_pdf
from mutualis.network import services
from mutualis.network.forms import DirectoryFilterForm, ProfileForm
from mutualis.network.models import Profile
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation, Role
from mutualis.territory.permissions import seats_of

KEEPERS = (Role.ORG_MANAGER, Role.SECRETARY)


def directory_rows(request: HttpRequest, form: DirectoryFilterForm):
    rows = Profile.objects.visible_to(request.user).filter(territory=request.territory).current()
    return form.filter(rows).with_list_data()


@requires("network.view_directory")
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, territory=request.territory)
    profiles = directory_rows(request, form)
    if "format" in request.GET:
        return export_response(directory_dataset(request, profiles), request.GET["format"], "annuaire-des-agents")
    context = {"form": form, **paginated(request, profiles)}
    template = "network/directory.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def directory_dataset(request: HttpRequest, profiles) -> tablib.Dataset:
    user = request.user
    headers = [_("Nom"), _("Prénom"), _("Organisation"), _("Secteur"), _("Fonction"), _("Service"), _("Filière"),
               _("Téléphone professionnel"), _("Téléphone personnel"), _("Courriel"), _("Photo")]  # fmt: skip
    rows = (
        [
            p.last_name,
            p.first_name,
            p.organisation.name,
            p.organisation.sector.name if p.organisation.sector else "",
            p.job_title,
            p.department,
            p.get_category_display(),
            p.work_phone,
            p.private_phone_for(user),
            p.email_for(user),
            request.build_absolute_uri(download_url(p, "photo")) if p.photo else "",
        ]  # fmt: skip
        for p in profiles
    )
    return export_dataset(headers, rows, title=_("Annuaire des agents"))


def _photo_data(profile: Profile) -> str:
    """The photo inlined in the PDF (WeasyPrint fetches nothing from the site)."""
    content_type = mimetypes.guess_type(profile.photo.name)[0] or "image/jpeg"
    with profile.photo.open("rb") as file:
        return f"data:{content_type};base64," + base64.b64encode(file.read()).decode()


def _sector_name(profile: Profile) -> str:
    return profile.organisation.sector.name if profile.organisation.sector else ""


@requires("network.view_directory")
def trombinoscope_pdf(request: HttpRequest) -> HttpResponse:
    """The agents grouped by sector, then by commune, with their photos (only those consented)."""
    form = DirectoryFilterForm(request.GET or None, territory=request.territory)
    profiles = list(directory_rows(request, form).order_by("organisation__sector__name", "organisation__search_name",
                                                            "search_name"))  # fmt: skip
    for profile in profiles:
        profile.photo_data = _photo_data(profile) if profile.photo else ""
    sectors = [
        (sector, list(agents))
        for sector, agents in groupby(
            profiles, key=lambda p: p.organisation.sector.name if p.organisation.sector else ""
        )
    ]
    # Laid out on each request, never stored: it depends on the viewer and the filter, and carries
    # photos whose consent can be withdrawn.
    content = unstored_pdf("network/trombinoscope_pdf.html", {"sectors": sectors, "territory": request.territory})
    return pdf_response(content, "trombinoscope")


def kept_organisations(request: HttpRequest):
    """The organisations whose agents the person keeps: all for the coordination, else hers."""
    if request.user.has_perm("network.manage", request.territory) and request.membership.role == Role.COORDINATOR:
        return Organisation.objects.filter(territory=request.territory).order_by("search_name")
    ids = [seat.organisation_id for seat in seats_of(request.user) if seat.role in KEEPERS]
    return Organisation.objects.filter(pk__in=ids, territory=request.territory).order_by("search_name")


def _save(request: HttpRequest, form: ProfileForm) -> HttpResponse | None:
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.profile_save(profile=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("La fiche de %(name)s est enregistrée.") % {"name": profile.full_name})
            return redirect("network:profile_detail", pk=profile.pk)
    return None


@requires("network.add_profile")
def profile_create(request: HttpRequest) -> HttpResponse:
    initial = {"organisation": request.membership.organisation_id}
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial,
                       organisations=kept_organisations(request))  # fmt: skip
    context = {"form": form, "title": _("Ajouter un agent à l'annuaire"), "submit": _("Enregistrer")}
    return _save(request, form) or render(request, "network/form.html", context, status=400 if form.errors else 200)


@requires("network.change_profile", model=Profile)
def profile_edit(request: HttpRequest, profile: Profile) -> HttpResponse:
    organisations = Organisation.objects.filter(pk=profile.organisation_id) | kept_organisations(request)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile, organisations=organisations)
    context = {"form": form, "title": _("Fiche de %(name)s") % {"name": profile.full_name}, "submit": _("Enregistrer")}
    return _save(request, form) or render(request, "network/form.html", context, status=400 if form.errors else 200)


@requires("network.view_profile", model=Profile)
def profile_detail(request: HttpRequest, profile: Profile) -> HttpResponse:
    context = {
        "profile": profile,
        "private_phone": profile.private_phone_for(request.user),
        "email": profile.email_for(request.user),
        "certificates": profile.certificates.order_by("-issued_on") if request.user.has_perm(
            "network.change_profile", profile) else [],
    }  # fmt: skip
    return render(request, "network/profile_detail.html", context)


@requires("network.change_profile", model=Profile)
@post_only
def photo_withdraw(request: HttpRequest, profile: Profile) -> HttpResponse:
    run_and_tell(request, lambda: services.photo_consent_withdraw(profile=profile, by=request.user),
                 _("Le consentement est retiré : la photo est effacée."))  # fmt: skip
    return redirect("network:profile_detail", pk=profile.pk)


@requires("network.change_profile", model=Profile)
@post_only
def profile_archive(request: HttpRequest, profile: Profile) -> HttpResponse:
    run_and_tell(request, lambda: services.profile_archive(profile=profile, by=request.user),
                 _("L'agent est retiré de l'annuaire ; sa fiche est archivée."))  # fmt: skip
    return redirect("network:directory")


@requires("network.invite_profile", model=Profile)
@post_only
def profile_invite(request: HttpRequest, profile: Profile) -> HttpResponse:
    run_and_tell(request, lambda: services.profile_invite(profile=profile, by=request.user),
                 _("La fiche est liée au compte %(email)s, invité s'il n'est pas encore membre de %(organisation)s.")
                 % {"email": profile.email, "organisation": profile.organisation})  # fmt: skip
    return redirect("network:profile_detail", pk=profile.pk)
