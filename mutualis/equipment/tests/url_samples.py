from mutualis.equipment.models import Category, Item, Loan, Request
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory


def url_samples(base: dict) -> dict:
    item = ItemFactory(owner=base["commune_a"])
    return {
        Item: item,
        Category: item.category,
        Request: RequestFactory(item=item, borrower=base["commune_b"]),
        Loan: LoanFactory(request__item=item, request__borrower=base["commune_b"]),
    }
