"""The demo's services communs: from 1 January 2022 with the seed's first adherents, every past year
settled to the cent, and the expertise cell billed on the helpdesk's hours."""

from decimal import Decimal

import pytest

from mutualis.commonservices import costs
from mutualis.commonservices.models import CommonService, CostSheet, Instalment, Origin, Source, UnitUse
from mutualis.core.periods import current_year
from mutualis.demo.commonservices import EXPERTISE

pytestmark = pytest.mark.django_db


def test_services_communs_start_in_2022_with_the_seeds_first_adherents(grand_dole):
    adherents = set()
    for service in CommonService.objects.filter(territory=grand_dole):
        adhesions = service.adhesions()
        assert {a.start.isoformat() for a in adhesions} == {"2022-01-01"}
        assert all(a.convention.is_signed for a in adhesions)
        adherents |= set(adhesions.values_list("organisation__name", flat=True))
    assert {"Dole", "Syndicat Mixte de la Grande Tablée", "Syndicat Mixte Doubs Loue"} <= adherents


def test_every_past_year_is_settled_and_the_dues_add_up_to_the_reimbursable_cost(grand_dole):
    for service in CommonService.objects.filter(territory=grand_dole):
        for year in range(2022, current_year()):
            sheet = CostSheet.objects.with_totals().get(service=service, year=year, source=Source.ACCOUNTS)
            used = UnitUse.objects.filter(service=service, day__year=year).by_organisation()
            paid = Instalment.objects.filter(service=service, year=year)
            assert paid.settlements().count() == service.adhesions().count()
            assert paid.total() == costs.reimbursable(used, sheet.exact_unit_cost)


def test_the_expertise_cell_is_billed_on_the_helpdesks_hours(grand_dole):
    expertise = CommonService.objects.get(territory=grand_dole, name=EXPERTISE)
    fed = UnitUse.objects.filter(service=expertise, origin=Origin.FEED, day__year=current_year())
    assert fed.exists()
    assert Instalment.objects.filter(service=expertise, year=current_year(), charge__isnull=False).exists()
    assert sum(fed.values_list("units", flat=True)) > Decimal("0")
