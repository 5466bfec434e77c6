import pytest

from mutualis.agreements.models import Adhesion, Status
from mutualis.demo.purchasing import load_purchasing
from mutualis.demo.tests.reload import load_again
from mutualis.purchasing.consolidation import total_savings
from mutualis.purchasing.models import Award, Consultation, ConsultationStatus, Need
from mutualis.territory.models import OrganisationKind, Service


@pytest.fixture
def grand_dole(grand_dole):
    """The demo with its part loaded once more: the loader leaves the same state."""
    return load_again(grand_dole, load_purchasing)


def test_demo_club_has_the_seeds_members_a_programme_an_open_census_and_savings(grand_dole):
    territory = grand_dole
    members = Adhesion.objects.of_service(Service.PURCHASING).filter(territory=territory).open()
    assert members.filter(organisation__kind=OrganisationKind.COMMUNE).count() == 29
    assert members.count() == 32
    assert set(members.values_list("convention__status", flat=True)) == {Status.SIGNED}
    assert set(Consultation.objects.values_list("domain", flat=True)) >= {
        "Blanchisserie", "Produits d'entretien", "Dératisation", "Fournitures administratives", "Téléphonie",
        "Copieurs et imprimantes",
    }  # fmt: skip
    assert Consultation.objects.filter(status=ConsultationStatus.CENSUS).count() == 1
    assert Award.objects.filter(published_on__isnull=False).count() == 1
    assert total_savings(Need.objects.all()) > 0
