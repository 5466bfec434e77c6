from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutualis.agreements.models import Convention
from mutualis.agreements.services import convention_send, convention_sign
from mutualis.replacement.models import Agent, Assignment, Request, Tariff, Timesheet
from mutualis.territory.tests.factories import OrganisationFactory, UserFactory


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def signed(convention: Convention) -> Convention:
    """The convention sent, then signed today on a scanned copy: the one place that signs in
    the replacement tests (and the browser journey)."""
    convention_send(convention=convention)
    scan = SimpleUploadedFile("c.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    return convention_sign(convention=convention, signed_on=timezone.localdate(), signed_scan=scan)


class AgentFactory(factory.django.DjangoModelFactory):
    """A full-time agent living in a factory commune."""

    class Meta:
        model = Agent

    home = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("home.territory")
    name = factory.Sequence(lambda n: f"Agent {n:03d}")
    working_hours = Decimal("35")
    max_km = 30


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    valid_from = factory.LazyFunction(lambda: in_days(-400))
    hourly_rate = Decimal("25.00")
    km_allowance = Decimal("0.35")


class RequestFactory(factory.django.DjangoModelFactory):
    """A received request, Monday to Thursday, 20 hours a week, for a month from next week."""

    class Meta:
        model = Request

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    motive = "sick_leave"
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda request: request.start + timedelta(days=28))
    weekdays = [0, 1, 2, 3]
    weekly_hours = Decimal("20")
    created_by = factory.SubFactory(UserFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    """An active assignment over the whole request (no convention)."""

    class Meta:
        model = Assignment

    request = factory.SubFactory(RequestFactory, status="assigned")
    territory = factory.SelfAttribute("request.territory")
    organisation = factory.SelfAttribute("request.organisation")
    agent = factory.SubFactory(AgentFactory, home=factory.SelfAttribute("..request.organisation"))
    start = factory.SelfAttribute("request.start")
    end = factory.SelfAttribute("request.end")
    weekly_hours = factory.SelfAttribute("request.weekly_hours")
    created_by = factory.SelfAttribute("request.created_by")


class TimesheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Timesheet

    assignment = factory.SubFactory(AssignmentFactory)
    week = factory.SelfAttribute("assignment.start")
    hours = Decimal("20")
    recorded_by = factory.SelfAttribute("assignment.created_by")
