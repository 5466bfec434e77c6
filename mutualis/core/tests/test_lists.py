"""List pages: filters that fold under "Filtrer" on a phone."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

FOLD = '{% load lists %}{% filters %}<form class="filters"></form>{% endfilters %}'


def render(query: dict) -> str:
    return Template(FOLD).render(Context({"request": RequestFactory().get("/", query)}))


def test_filters_are_rendered_open_under_a_filtrer_control():
    assert render({}) == (
        '<details class="filter-fold" open><summary>Filtrer</summary><form class="filters"></form></details>'
    )


def test_a_filter_set_keeps_them_open_on_a_phone_too():
    assert "data-active" in render({"status": "open"})


@pytest.mark.parametrize("query", [{"page": "2"}, {"format": "csv"}, {"q": ""}])
def test_a_page_number_a_format_or_an_empty_field_is_no_filter(query):
    assert "data-active" not in render(query)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["equipment:catalogue", "billing:charge_list", "territory:organisation_list"])
def test_list_pages_fold_their_filters(login, eve, url_name):
    page = login(eve).get(reverse(url_name)).content.decode()
    assert '<details class="filter-fold" open><summary>Filtrer</summary>' in page
