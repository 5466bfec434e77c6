from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mutualis.equipment import services
from mutualis.equipment.forms import CategoryForm
from mutualis.equipment.models import Category
from mutualis.territory.access import requires


@requires("equipment.manage_categories")
def category_list(request: HttpRequest) -> HttpResponse:
    return category_form(request, Category(territory=request.territory))


@requires("equipment.manage_categories", model=Category)
def category_edit(request: HttpRequest, category: Category) -> HttpResponse:
    return category_form(request, category)


def category_form(request: HttpRequest, category: Category) -> HttpResponse:
    """The territory's categories, with a form to add one or rename the one being edited."""
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La catégorie « %(name)s » est enregistrée.") % {"name": category.name})
        return redirect("equipment:category_list")
    categories = services.categories_for(request.territory).annotate(item_count=Count("items"))
    return render(
        request, "equipment/category_list.html", {"form": form, "category": category, "categories": categories}
    )
