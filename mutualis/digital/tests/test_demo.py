"""The demo loader (mutualis/demo/digital.py) goes through the services and can run twice."""

import io

from django.core.management import call_command

from mutualis.billing.models import Charge
from mutualis.demo.digital import CEMETERY, load_digital
from mutualis.digital.models import ProcessingActivity, Registration, Software, Subscription
from mutualis.territory.models import Organisation, OrganisationKind, Territory


def load_twice() -> Territory:
    call_command("load_demo", stdout=io.StringIO())
    territory = Territory.objects.get(siren="200010650")
    epci = territory.organisations.get(kind=OrganisationKind.EPCI)
    communes = {
        o.insee_code: o for o in Organisation.objects.filter(territory=territory, kind=OrganisationKind.COMMUNE)
    }
    load_digital(territory, epci, communes)
    load_digital(territory, epci, communes)
    return territory


def test_demo_shares_the_cemetery_software_with_nine_communes_once(db):
    territory = load_twice()
    cemetery = Software.objects.get(territory=territory, name=CEMETERY)
    assert Subscription.objects.filter(software=cemetery).count() == 9
    assert cemetery.maintenance_costs.get(year=2025).is_posted
    billed = Charge.objects.filter(service="digital", date__year=2025)
    assert billed.count() == 8  # Biarne joined in 2026
    assert sum(c.amount for c in billed) == cemetery.maintenance_costs.get(year=2025).amount
    assert Registration.objects.filter(training__software=cemetery).count() == 1


def test_demo_gives_jouhe_an_rgpd_record(db):
    territory = load_twice()
    jouhe = territory.organisations.get(insee_code="39270")
    assert ProcessingActivity.objects.filter(organisation=jouhe).count() == 4
