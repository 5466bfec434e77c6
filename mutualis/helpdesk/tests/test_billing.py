"""Billable time is billed to the asking organisation at the hourly rate in force on its day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutualis.billing.models import Charge
from mutualis.helpdesk.models import HourlyRate, Status, Topic
from mutualis.helpdesk.services import hourly_rate_set, time_record
from mutualis.helpdesk.tests.factories import RequestFactory


@pytest.fixture
def legal(commune_a, bob):
    return RequestFactory(organisation=commune_a, created_by=bob, status=Status.IN_PROGRESS)


def test_billable_time_posts_a_charge_to_the_commune(legal, xavier, rate_a, commune_a):
    entry = time_record(request=legal, expert=xavier, minutes=90, billable=True, note="Recherche de jurisprudence")
    charge = Charge.objects.get()
    assert (charge.organisation, charge.service) == (commune_a, "helpdesk")
    assert (charge.quantity, charge.unit_price, charge.amount) == (Decimal("1.5"), Decimal("60.00"), Decimal("90.00"))
    assert charge.source == entry


def test_time_not_billable_posts_nothing(legal, xavier, rate_a):
    time_record(request=legal, expert=xavier, minutes=30, billable=False)
    assert not Charge.objects.exists()


def test_the_rate_in_force_on_the_day_of_the_work_applies(legal, xavier, rate_a, territory_a, eve):
    today = timezone.localdate()
    hourly_rate_set(territory=territory_a, valid_from=today, rate=Decimal("70.00"), by=eve)
    time_record(request=legal, expert=xavier, minutes=60, billable=True, day=today - timedelta(days=1))
    time_record(request=legal, expert=xavier, minutes=60, billable=True, day=today)
    assert sorted(Charge.objects.values_list("unit_price", flat=True)) == [Decimal("60.00"), Decimal("70.00")]


def test_billable_time_needs_a_rate(legal, xavier):
    with pytest.raises(ValidationError) as error:
        time_record(request=legal, expert=xavier, minutes=60, billable=True)
    assert "billable" in error.value.error_dict


@pytest.mark.parametrize("minutes", [0, 10, 20, 50])
def test_time_is_recorded_in_quarter_hours(legal, xavier, rate_a, minutes):
    with pytest.raises(ValidationError):
        time_record(request=legal, expert=xavier, minutes=minutes, billable=True)


def test_time_cannot_be_recorded_in_the_future(legal, xavier, rate_a):
    with pytest.raises(ValidationError):
        time_record(request=legal, expert=xavier, minutes=15, billable=True, day=timezone.localdate() + timedelta(1))


def test_time_cannot_be_recorded_on_a_closed_request(commune_a, xavier, rate_a):
    closed = RequestFactory(organisation=commune_a, status=Status.CLOSED)
    with pytest.raises(ValidationError):
        time_record(request=closed, expert=xavier, minutes=15, billable=True)


def test_digital_expertise_is_billed_to_the_digital_service(commune_a, nina, rate_a):
    request = RequestFactory(organisation=commune_a, topic=Topic.DIGITAL, service="digital")
    time_record(request=request, expert=nina, minutes=15, billable=True)
    assert Charge.objects.get().service == "digital"


def test_setting_a_rate_again_for_the_same_day_replaces_it(territory_a, eve):
    hourly_rate_set(territory=territory_a, valid_from=date(2026, 1, 1), rate=Decimal("55"), by=eve)
    hourly_rate_set(territory=territory_a, valid_from=date(2026, 1, 1), rate=Decimal("58"), by=eve)
    assert list(HourlyRate.objects.values_list("rate", flat=True)) == [Decimal("58.00")]
