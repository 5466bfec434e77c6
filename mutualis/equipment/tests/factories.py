from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutualis.agreements.services import convention_sign
from mutualis.equipment.models import Category, Item, Loan, Request, RequestStatus
from mutualis.territory.tests.factories import OrganisationFactory, UserFactory


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("territory", "name")

    territory = factory.SubFactory("mutualis.territory.tests.factories.TerritoryFactory")
    name = "Espaces verts"


class ItemFactory(factory.django.DjangoModelFactory):
    """A lendable item; its category belongs to the owner's territory."""

    class Meta:
        model = Item

    owner = factory.SubFactory(OrganisationFactory)
    category = factory.SubFactory(CategoryFactory, territory=factory.SelfAttribute("..owner.territory"))
    name = factory.Sequence(lambda n: f"Tondeuse autoportée n° {n}")
    quantity = 1
    daily_fee = Decimal("0.00")
    deposit = Decimal("0.00")


class RequestFactory(factory.django.DjangoModelFactory):
    """A pending request for an item, from another organisation of its territory, next week."""

    class Meta:
        model = Request

    item = factory.SubFactory(ItemFactory)
    borrower = factory.SubFactory(OrganisationFactory, territory=factory.SelfAttribute("..item.owner.territory"))
    territory = factory.SelfAttribute("borrower.territory")
    owner = factory.SelfAttribute("item.owner")
    category = factory.SelfAttribute("item.category")
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda request: request.start + timedelta(days=3))
    purpose = "Fête du village"
    contact = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("contact")


class LoanFactory(factory.django.DjangoModelFactory):
    """A scheduled loan, from an accepted request (no convention)."""

    class Meta:
        model = Loan

    request = factory.SubFactory(RequestFactory, status=RequestStatus.ACCEPTED)
    territory = factory.SelfAttribute("request.territory")
    item = factory.SelfAttribute("request.item")
    owner = factory.SelfAttribute("request.owner")
    borrower = factory.SelfAttribute("request.borrower")
    start = factory.SelfAttribute("request.start")
    end = factory.SelfAttribute("request.end")
    blocked_until = factory.SelfAttribute("end")
    daily_fee = factory.SelfAttribute("item.daily_fee")
    deposit = factory.SelfAttribute("item.deposit")


def sign_convention(loan: Loan) -> Loan:
    """Record the loan's convention (sent on acceptance) as signed by both parties on a scanned
    paper copy, as they must before the item is handed over."""
    scan = SimpleUploadedFile("convention-signee.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    convention_sign(convention=loan.convention, signed_on=timezone.localdate(), signed_scan=scan)
    return loan
