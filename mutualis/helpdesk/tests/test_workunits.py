from datetime import date
from decimal import Decimal

import pytest

from mutualis.core import workunits
from mutualis.helpdesk.models import TimeEntry
from mutualis.helpdesk.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def test_the_desk_feeds_its_billable_hours_per_organisation_to_the_services_communs(commune_a, commune_b, eve):
    asked_by_a = RequestFactory(organisation=commune_a)
    for day, minutes, billable in (
        (date(2026, 1, 5), 90, True),
        (date(2026, 2, 2), 45, True),
        (date(2026, 2, 3), 60, False),
    ):
        TimeEntry.objects.create(request=asked_by_a, expert=eve, day=day, minutes=minutes, billable=billable)
    TimeEntry.objects.create(
        request=RequestFactory(organisation=commune_b), expert=eve, day=date(2026, 4, 1), minutes=30
    )
    hours = workunits.units("helpdesk.hours", commune_a.territory, date(2026, 1, 1), date(2026, 4, 1))
    assert hours == {commune_a.pk: Decimal("2.25")}
