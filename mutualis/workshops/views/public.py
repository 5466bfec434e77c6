"""The pages inhabitants use, without an account: the territory's programme (from the SIREN in
the address), a workshop's page with the registration form, the personal page a registration's
token opens (confirmation and cancel link), the data protection notice and the places as open
data (the public statistics are in `statistics.py`).

They never show who else registered: a workshop's page gives only the seats left.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.accounts.security import client_ip
from mutualis.core.forms import add_service_error
from mutualis.territory.models import Territory
from mutualis.workshops import mediation, services
from mutualis.workshops.forms import ProgrammeFilterForm, RegistrationForm
from mutualis.workshops.models import Policy, Registration, RegistrationStatus, Session, Theme

# Registrations a client address may send in the window, before being asked to wait.
RATE_LIMIT = 5
RATE_WINDOW = 10 * 60


def public_context(territory: Territory, **context) -> dict:
    return {"territory": territory, "territory_name": territory.short_name, "territory_colour": territory.colour,
            **context}  # fmt: skip


def territory_of(siren: str) -> Territory:
    return get_object_or_404(Territory, siren=siren)


def programme(request: HttpRequest, siren: str) -> HttpResponse:
    territory = territory_of(siren)
    form = ProgrammeFilterForm(request.GET or None, territory=territory)
    sessions = form.filter(Session.objects.public(territory)).with_list_data()
    return render(request, "workshops/public/programme.html", public_context(territory, form=form, sessions=sessions,
                                                                      themes=Theme))  # fmt: skip


def too_many(request: HttpRequest) -> bool:
    """Count one more registration from the client's address; True past the limit."""
    key = f"workshops:register:{client_ip(request)}"
    cache.add(key, 0, RATE_WINDOW)
    try:
        return cache.incr(key) > RATE_LIMIT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW)
        return False


def session_page(request: HttpRequest, siren: str, number: int) -> HttpResponse:
    territory = territory_of(siren)
    session = get_object_or_404(Session.objects.public(territory).with_list_data(), pk=number)
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        if too_many(request):
            context = public_context(territory, session=session, minutes=RATE_WINDOW // 60)
            return render(request, "workshops/public/too_many.html", context, status=429)
        if form.is_valid() and not form.is_robot:
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    session=session, name=data["name"], phone=data["phone"], email=data["email"]
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return redirect("workshops:registration", token=registration.token)
        elif form.is_robot:
            # A robot is shown the same confirmation-less page as a person with errors: nothing is saved.
            form.add_error(None, _("Votre inscription n'a pas pu être enregistrée."))
    context = public_context(territory, session=session, form=form)
    return render(request, "workshops/public/session.html", context)


def registration(request: HttpRequest, token: str) -> HttpResponse:
    """The personal page of a registration: what it is, and the button that cancels it."""
    registration = get_object_or_404(
        Registration.objects.select_related("session__series__organisation", "session__series__territory",
                                            "participant"),
        token=token,
    )  # fmt: skip
    territory = registration.session.series.territory
    context = public_context(territory, registration=registration, session=registration.session,
                      statuses=RegistrationStatus)  # fmt: skip
    return render(request, "workshops/public/registration.html", context)


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("session"), token=token)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Votre inscription est annulée. Merci de nous avoir prévenus."))
    return redirect("workshops:registration", token=token)


def privacy(request: HttpRequest, siren: str) -> HttpResponse:
    territory = territory_of(siren)
    policy = Policy.of(territory)
    return render(request, "workshops/public/privacy.html", public_context(territory, policy=policy))


def places(request: HttpRequest, siren: str) -> HttpResponse:
    """The places of the workshops, as open data in the national format of digital mediation places."""
    territory = territory_of(siren)
    response = HttpResponse(
        mediation.csv_content(territory, timezone.localdate()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{siren}_lieux_mediation_numerique.csv"'
    return response
