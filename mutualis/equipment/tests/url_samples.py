from mutualis.core.tests.uploads import upload
from mutualis.equipment.models import Category, Item, ItemPhoto, Loan, LoanPhoto, PhotoStage, Request
from mutualis.equipment.tests.factories import ItemFactory, LoanFactory, RequestFactory


def url_samples(base: dict) -> dict:
    item = ItemFactory(owner=base["commune_a"])
    loan = LoanFactory(request__item=item, request__borrower=base["commune_b"])
    return {
        Item: item,
        Category: item.category,
        Request: RequestFactory(item=item, borrower=base["commune_b"]),
        Loan: loan,
        ItemPhoto: ItemPhoto.objects.create(item=item, image=upload("remorque.png"), consent=True),
        LoanPhoto: LoanPhoto.objects.create(
            loan=loan, image=upload("depart.jpg"), consent=True, stage=PhotoStage.CHECKOUT
        ),
    }
