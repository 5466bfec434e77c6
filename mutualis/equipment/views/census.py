from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mutualis.core.forms import add_service_error
from mutualis.equipment import services
from mutualis.equipment.forms import ItemForm, ItemPhotoForm, LendingRulesForm, UnavailabilityForm
from mutualis.equipment.models import Item, LendingRules
from mutualis.territory.access import requires
from mutualis.territory.models import Organisation


def owners_for(request: HttpRequest, organisation: Organisation) -> list[Organisation]:
    """Whom the user may declare for: every organisation of the territory for its coordinators
    and equipment managers (the given one first), else the given one."""
    if not request.user.has_perm("equipment.manage_categories", request.territory):
        return [organisation]
    others = request.territory.organisations.active().exclude(pk=organisation.pk).order_by("search_name")
    return [organisation, *others]


@requires("equipment.declare_item", model=Organisation)
def item_create(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    owners = owners_for(request, organisation)
    form = ItemForm(
        request.POST or None,
        categories=services.categories_for(organisation.territory),
        owners=owners,
        initial={"owner": organisation},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_declare(by=request.user, **form.item_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Le matériel est ajouté au catalogue."))
            return redirect("equipment:item_detail", pk=item.pk)
    can_set_rules = request.user.has_perm("equipment.change_lending_rules", organisation)
    context = {"form": form, "organisation": organisation, "can_set_rules": can_set_rules}
    return render(request, "equipment/item_form.html", context)


@requires("equipment.change_item", model=Item)
def item_edit(request: HttpRequest, item: Item) -> HttpResponse:
    form = ItemForm(
        request.POST or None,
        instance=item,
        categories=services.categories_for(item.territory),
        owners=owners_for(request, item.owner),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le matériel est enregistré."))
        return redirect("equipment:item_detail", pk=item.pk)
    return render(request, "equipment/item_form.html", {"form": form, "item": item})


@requires("equipment.change_item", model=Item)
def item_photo_add(request: HttpRequest, item: Item) -> HttpResponse:
    form = ItemPhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_photo_add(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, _photo_errors(error))
        else:
            messages.success(request, _("La photo est ajoutée."))
            return redirect("equipment:item_detail", pk=item.pk)
    return render(request, "equipment/item_photo_form.html", {"form": form, "item": item})


def _photo_errors(error: ValidationError) -> ValidationError:
    # The service names the consent rule "photos"; this form has one photo.
    if hasattr(error, "error_dict") and "photos" in error.error_dict:
        return ValidationError({"consent": error.error_dict["photos"]})
    return error


@requires("equipment.change_item", model=Item)
def unavailability_add(request: HttpRequest, item: Item) -> HttpResponse:
    form = UnavailabilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        start, end = form.period()
        try:
            services.unavailability_add(
                item=item, start=start, end=end, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_error(form, _end_as_last_day(error))
        else:
            messages.success(request, _("La période d'indisponibilité est enregistrée."))
            return redirect("equipment:item_detail", pk=item.pk)
    return render(request, "equipment/unavailability_form.html", {"form": form, "item": item})


def _end_as_last_day(error: ValidationError) -> ValidationError:
    """Services speak of `end` (excluded); forms show the last day."""
    if hasattr(error, "error_dict") and "end" in error.error_dict:
        errors = dict(error.error_dict)
        errors["last_day"] = errors.pop("end")
        return ValidationError(errors)
    return error


@requires("equipment.change_item", model=Item)
@require_POST
def item_archive(request: HttpRequest, item: Item) -> HttpResponse:
    try:
        services.item_archive(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le matériel est archivé : il ne figure plus au catalogue."))
    return redirect("equipment:item_detail", pk=item.pk)


@requires("equipment.change_lending_rules", model=Organisation)
def lending_rules_edit(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    rules = LendingRules.objects.filter(organisation=organisation).first() or LendingRules(organisation=organisation)
    form = LendingRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Les règles de prêt sont enregistrées."))
        return redirect("equipment:catalogue")
    return render(request, "equipment/lending_rules_form.html", {"form": form, "organisation": organisation})
