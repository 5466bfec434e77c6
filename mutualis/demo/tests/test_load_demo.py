import io

from django.core.management import call_command

from mutualis.accounts.models import User
from mutualis.agreements.models import Convention
from mutualis.billing.actions import with_actions
from mutualis.billing.models import Charge
from mutualis.demo.territory import DEMO_ACCOUNTS, DEMO_PASSWORD
from mutualis.equipment.models import Item, Loan
from mutualis.equipment.models import Request as EquipmentRequest
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Sector, Service, Territory


def test_demo_loads_the_grand_dole(grand_dole):
    territory = Territory.objects.get(siren="200010650")
    communes = Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE)
    assert communes.count() == 47
    assert sum(communes.values_list("population", flat=True)) == 54685
    assert communes.get(insee_code="39198").name == "Dole"
    assert Sector.objects.filter(territory=territory).count() == 6
    assert not communes.filter(sector__isnull=True).exists()
    names = set(Organisation.objects.filter(territory=territory).values_list("name", flat=True))
    assert {"Syndicat Mixte de la Grande Tablée", "SIVOS du Val des Anges", "Syndicat Mixte Doubs Loue",
            "CCAS de Dole"} <= names  # fmt: skip
    assert Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION_FONCIERE).exists()


def test_every_role_has_a_demo_account_with_the_demo_password(grand_dole):
    roles = set()
    for email, *_ in DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.check_password(DEMO_PASSWORD)
        roles |= set(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == set(Role.values)


def state() -> list[int]:
    models = [Organisation, User, Membership, Convention, Charge, Item, EquipmentRequest, Loan]
    return [m.objects.count() for m in models] + [m.history.count() for m in models if m is not User]


def test_loading_twice_gives_the_same_state(grand_dole):
    first = state()
    call_command("load_demo", stdout=io.StringIO())
    assert state() == first


def test_demo_has_conventions_and_charges_posted_through_the_services(grand_dole):
    jouhe = Organisation.objects.get(insee_code="39270")
    assert Convention.objects.for_organisation(jouhe).exists()
    replacement = Charge.objects.of_organisation(jouhe).posted().filter(service=Service.REPLACEMENT)
    assert replacement.exists()
    # Billed from the hours the mayor validated, not written directly.
    assert {charge.source_type.model for charge in replacement} == {"timesheet"}
    assert {charge.scheme_action.number for charge in with_actions(replacement)} == {6}


def test_demo_lends_equipment_with_a_convention(grand_dole):
    loan = Loan.objects.get()
    assert loan.item.name == "Barrières de police"
    assert loan.convention.instrument == "pooling_of_resources"
    # Signed by each party (Jouhe's mayor, the coordination for the EPCI): the barriers may be handed over.
    assert loan.convention.status == "signed"
    assert all(party.signatory for party in loan.convention.convention_parties.all())
    assert Item.objects.count() == 6
