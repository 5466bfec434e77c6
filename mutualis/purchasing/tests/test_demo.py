import io

from django.core.management import call_command

from mutualis.agreements.models import Adhesion, Status
from mutualis.demo.purchasing import load_purchasing
from mutualis.purchasing.consolidation import total_savings
from mutualis.purchasing.models import Award, Consultation, ConsultationStatus, Need
from mutualis.territory.models import Organisation, OrganisationKind, Service, Territory


def load_twice() -> Territory:
    call_command("load_demo", stdout=io.StringIO())
    territory = Territory.objects.get(siren="200010650")
    epci = Organisation.objects.get(territory=territory, kind=OrganisationKind.EPCI)
    communes = {c.insee_code: c for c in territory.organisations.filter(kind=OrganisationKind.COMMUNE)}
    load_purchasing(territory, epci, communes)
    load_purchasing(territory, epci, communes)
    return territory


def test_demo_club_has_the_seeds_members_a_programme_an_open_census_and_savings(db):
    territory = load_twice()
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
