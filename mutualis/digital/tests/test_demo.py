"""The demo loader (mutualis/demo/digital.py) goes through the services and can run twice."""

import pytest

from mutualis.agreements.models import Adhesion, Status
from mutualis.billing.models import Charge
from mutualis.demo.digital import CEMETERY, load_digital
from mutualis.demo.tests.reload import load_again
from mutualis.digital.models import ProcessingActivity, Software
from mutualis.territory.models import Service


@pytest.fixture
def grand_dole(grand_dole):
    """The demo with its part loaded once more: the loader leaves the same state."""
    return load_again(grand_dole, load_digital)


def test_demo_shares_the_cemetery_software_with_nine_communes_once(grand_dole):
    territory = grand_dole
    cemetery = Software.objects.get(territory=territory, name=CEMETERY)
    assert Adhesion.objects.of_service(Service.DIGITAL).for_subject(cemetery).count() == 9
    assert cemetery.maintenance_costs.get(year=2025).is_posted
    billed = Charge.objects.filter(service="digital", date__year=2025)
    assert billed.count() == 8  # Biarne joined in 2026
    assert sum(c.amount for c in billed) == cemetery.maintenance_costs.get(year=2025).amount


def test_demo_gives_jouhe_an_rgpd_record(grand_dole):
    territory = grand_dole
    jouhe = territory.organisations.get(insee_code="39270")
    assert ProcessingActivity.objects.filter(organisation=jouhe).count() == 4


def test_demo_signs_the_conventions_of_the_adhesions_in_force(grand_dole):
    territory = grand_dole
    adhesions = Adhesion.objects.of_service(Service.DIGITAL).filter(territory=territory).open()
    assert adhesions.count() == 11
    assert {a.convention.status for a in adhesions.select_related("convention")} == {Status.SIGNED}
