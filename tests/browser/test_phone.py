"""The app on a phone (390×844) and on a desktop (1280×800): the header folds behind a menu
button, long lists become cards without horizontal scrolling, filters fold under "Filtrer",
and axe-core finds no serious or critical violation. Screenshots under test-artifacts/phone-*."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from mutualis.billing.tests.factories import ChargeFactory
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory
from mutualis.replacement.tests.factories import RequestFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ROWS = 25


@pytest.fixture
def long_lists(epci_a, commune_a, eve):
    today = timezone.localdate()
    category = CategoryFactory(territory=epci_a.territory, name="Espaces verts et voirie communale")
    items = [
        ItemFactory(owner=epci_a, category=category, name=f"Débroussailleuse thermique à dos n° {n}")
        for n in range(ROWS)
    ]
    for n in range(ROWS):
        RequestFactory(organisation=commune_a, created_by=eve, start=today + timedelta(days=7 + n))
        ChargeFactory(organisation=commune_a, date=today - timedelta(days=n), label=f"Prêt de matériel n° {n}")
    return items


def lists() -> dict[str, str]:
    return {
        "catalogue": reverse("equipment:catalogue"),
        "replacement-requests": reverse("replacement:request_list"),
        "charges": reverse("billing:charge_list"),
        "organisations": reverse("territory:organisation_list"),
    }


def fits_the_screen(page) -> bool:
    return page.evaluate("() => document.scrollingElement.scrollWidth") <= page.viewport_size["width"]


def visit(page, check_a11y, screenshot, url: str, name: str) -> None:
    """The page at 1280 px; `screenshot` takes it at 390 px too, checks it does not scroll sideways
    there and runs axe-core on it (tests/browser/conftest.py)."""
    page.set_viewport_size(DESKTOP)
    page.goto(url)
    page.wait_for_load_state()
    assert fits_the_screen(page), f"{url} scrolls sideways at 1280 px"
    check_a11y(page)
    screenshot(page, f"phone-{name}")


def test_on_a_phone_the_menu_folds_behind_a_button_that_escape_closes(page, login_as, check_a11y, screenshot, eve):
    page.set_viewport_size(PHONE)
    login_as(page, eve)
    button = page.get_by_role("button", name="Menu")
    menu = page.locator("#main-menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Facturation")).to_be_visible()
    menu.locator("details.dropdown summary").first.click()
    check_a11y(page)
    screenshot(page, "phone-menu-open-390")

    page.keyboard.press("Escape")  # closes the drop-down first
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()

    page.set_viewport_size(DESKTOP)
    expect(button).to_be_hidden()
    expect(menu.get_by_role("link", name="Facturation")).to_be_visible()


def test_escape_closes_a_drop_down_menu(page, login_as, eve):
    page.set_viewport_size(DESKTOP)
    login_as(page, eve)
    services = page.locator("#main-menu details.dropdown").first
    services.locator("summary").click()
    expect(services).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(services).not_to_have_attribute("open", "")


def test_long_lists_fit_a_phone_and_their_filters_fold(page, login_as, check_a11y, screenshot, eve, long_lists):
    login_as(page, eve)
    for name, url in lists().items():
        visit(page, check_a11y, screenshot, url, name)
        page.set_viewport_size(PHONE)
        page.goto(url)
        fold = page.locator("details.filter-fold")
        expect(fold).not_to_have_attribute("open", "")
        fold.locator("summary").click()
        expect(fold.locator("form")).to_be_visible()


def test_a_list_row_becomes_a_card_that_names_each_value(page, login_as, eve, long_lists):
    page.set_viewport_size(PHONE)
    login_as(page, eve)
    page.goto(reverse("billing:charge_list"))
    cell = page.locator("main table.stackable tbody td[data-label]").first
    expect(cell).to_be_visible()
    label = page.evaluate("(cell) => getComputedStyle(cell, '::before').content", cell.element_handle())
    assert label.strip('"')


def test_a_filter_set_keeps_the_filters_open_on_a_phone(page, login_as, eve, long_lists):
    page.set_viewport_size(PHONE)
    login_as(page, eve)
    page.goto(reverse("equipment:catalogue") + "?q=thermique")
    expect(page.locator("details.filter-fold")).to_have_attribute("open", "")


def test_home_detail_form_and_help_pages_fit_a_phone(page, login_as, check_a11y, screenshot, eve, long_lists):
    login_as(page, eve)
    pages = {
        "home": reverse("portal:home"),
        "item-detail": reverse("equipment:item_detail", args=[long_lists[0].pk]),
        "charge-form": reverse("billing:charge_create"),
        "help": reverse("portal:help"),
    }
    for name, url in pages.items():
        visit(page, check_a11y, screenshot, url, name)


def test_the_focus_ring_is_drawn(page, login_as, eve):
    page.set_viewport_size(DESKTOP)
    login_as(page, eve)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_a_download_says_it_is_being_prepared(page, login_as, eve, long_lists):
    page.set_viewport_size(DESKTOP)
    login_as(page, eve)
    page.goto(reverse("billing:charge_list"))
    with page.expect_download():
        page.get_by_role("link", name="CSV").click()
    expect(page.locator("#busy-status")).to_have_text("Préparation en cours…")
