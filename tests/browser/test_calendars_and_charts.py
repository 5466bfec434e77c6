"""Calendars and charts in Chromium, at 1280 and 390 px wide: Bob makes a link to his commune's
loans and copies it (the feed it names parses); eve and the service managers look at the charts
of the schéma and of the dashboards. The page fixture fails on any CSP violation, axe on each page."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mutualis.calendars.models import FeedToken
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory
from mutualis.steering.models import CostLine, IndicatorDefinition
from mutualis.steering.services import manual_value_set, target_set
from mutualis.steering.tests.factories import ActionFactory, SchemeFactory
from mutualis.territory.models import Service

pytestmark = pytest.mark.browser

WIDTHS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}


def look(page, check_a11y, screenshot, name: str) -> None:
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)
        check_a11y(page)
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size(WIDTHS["1280"])


def test_bob_subscribes_to_his_communes_loans(page, live_server, login_as, check_a11y, screenshot, client, bob,
                                              commune_a, commune_b):  # fmt: skip
    start = timezone.localdate() + timedelta(days=6)
    request = RequestFactory(item=ItemFactory(owner=commune_b, name="Barnum 6 × 3 m"), borrower=commune_a,
                             start=start, end=start + timedelta(days=2))  # fmt: skip
    LoanFactory(request=request)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login_as(page, bob)
    page.goto(reverse("calendars:list"))
    page.get_by_role("button", name="Créer un lien").first.click()
    expect(page.get_by_text("Le lien est prêt")).to_be_visible()
    page.get_by_role("button", name="Copier le lien").click()
    expect(page.get_by_text("Lien copié.")).to_be_visible()
    link = FeedToken.objects.get(user=bob)
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"/calendriers/{link.token}.ics")
    look(page, check_a11y, screenshot, "calendars")

    calendar = Calendar.from_ical(client.get(reverse("calendars:feed", kwargs={"token": link.token})).content)
    [event] = calendar.walk("VEVENT")
    assert "Barnum 6 × 3 m" in str(event["SUMMARY"])

    page.get_by_role("button", name="Révoquer ce lien").click()
    expect(page.get_by_text("Le lien est révoqué")).to_be_visible()
    assert client.get(reverse("calendars:feed", kwargs={"token": link.token})).status_code == 410


def test_the_charts_of_the_scheme_and_the_dashboards(page, live_server, login_as, check_a11y, screenshot, eve,
                                                     territory_a, commune_a, commune_b):  # fmt: skip
    scheme = SchemeFactory(territory=territory_a)
    action = ActionFactory(scheme=scheme, number=3, service=Service.EQUIPMENT, title="Partager le matériel")
    definition = IndicatorDefinition.objects.create(action=action, label="Communes équipées", unit="communes")
    for year, target, value in ((2021, 2, 1), (2022, 4, 5), (2023, 6, 6), (2024, 8, 7), (2026, 12, None)):
        target_set(definition=definition, year=year, value=target)
        if value is not None:
            manual_value_set(definition=definition, year=year, value=Decimal(value), source="Enquête")
    for year, amount in ((2022, 900), (2023, 1500), (2024, 1250)):
        CostLine.objects.create(action=action, year=year, label="Entretien", amount=Decimal(amount))
    today = timezone.localdate()
    for days in (5, 40, 40, 100, 160, 220):
        start = today - timedelta(days=days)
        request = RequestFactory(item=ItemFactory(owner=commune_b), borrower=commune_a, start=start,
                                 end=start + timedelta(days=2))  # fmt: skip
        LoanFactory(request=request)
    login_as(page, eve)

    page.goto(reverse("steering:indicator_detail", args=[definition.pk]))
    expect(page.locator("figure.chart svg[role=img]")).to_be_visible()
    look(page, check_a11y, screenshot, "chart-indicator")

    page.goto(reverse("steering:action_detail", args=[action.pk]) + f"?year={date(2024, 1, 1).year}")
    expect(page.get_by_text("Action 3 : coûts et recettes par année").first).to_be_visible()
    page.get_by_text("Voir les données").first.click()
    expect(page.locator("figure.chart table")).to_contain_text(re.compile(r"1\s500,00\s€"))
    look(page, check_a11y, screenshot, "chart-action")

    page.goto(reverse("equipment:dashboard"))
    expect(page.locator("figure.chart svg[role=img]")).to_be_visible()
    look(page, check_a11y, screenshot, "chart-equipment-dashboard")

    page.goto(reverse("replacement:dashboard"))
    expect(page.locator("figure.chart svg[role=img]")).to_be_visible()
    look(page, check_a11y, screenshot, "chart-replacement-dashboard")
