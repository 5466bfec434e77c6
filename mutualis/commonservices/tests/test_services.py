from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from mutualis.agreements.models import Instrument
from mutualis.agreements.services import adhesion_withdraw
from mutualis.billing.models import Charge
from mutualis.commonservices import services
from mutualis.commonservices.models import CommonService, CostKind, Instalment, Origin, Settlement, Source, UnitUse
from mutualis.commonservices.tests.conftest import join, sheet
from mutualis.territory.models import Service

pytestmark = pytest.mark.django_db


def use(service, organisation, units, day=date(2025, 6, 1)):
    return services.unit_use_record(service=service, organisation=organisation, day=day, units=Decimal(units))


def test_joining_drafts_a_service_commun_convention_and_keeps_the_expected_volume(permits, commune_a, alice):
    adhesion = services.service_join(
        service=permits, organisation=commune_a, start=date(2026, 4, 1), expected_units=Decimal("25"), by=alice
    )
    assert adhesion.service == Service.COMMON_SERVICES and adhesion.subject == permits
    assert adhesion.convention.instrument == Instrument.COMMON_SERVICE
    assert "occupation des sols" in adhesion.convention.object
    assert adhesion.expected_volumes.get().units == Decimal("25")
    assert adhesion.expected_volumes.get().year == 2026
    assert adhesion.convention.notice_months == permits.notice_months == 3


def test_an_adherent_leaves_under_the_services_notice(permits, commune_a, alice, frozen_clock):
    frozen_clock.move_to(datetime(2026, 3, 18, 10, tzinfo=ZoneInfo("Europe/Paris")))
    adhesion = services.service_join(
        service=permits, organisation=commune_a, start=date(2026, 1, 1), expected_units=Decimal("25"), by=alice
    )
    with pytest.raises(ValidationError, match="préavis de 3 mois"):
        adhesion_withdraw(adhesion=adhesion, on=date(2026, 6, 1), by=alice)
    assert adhesion_withdraw(adhesion=adhesion, on=date(2026, 7, 1), by=alice).end == date(2026, 7, 1)


def test_one_cannot_join_a_closed_service(permits, commune_a):
    permits.active = False
    permits.save()
    with pytest.raises(ValidationError, match="plus ouvert"):
        join(permits, commune_a, 10)


def test_a_financial_charges_line_is_refused_with_the_rule(budget_2025):
    with pytest.raises(ValidationError, match="D5211-16"):
        services.cost_line_add(sheet=budget_2025, kind=CostKind.FINANCIAL, label="Intérêts", amount=Decimal("900"))


def test_the_unit_cost_is_kept_per_year_and_source(budget_2025, accounts_2025):
    assert budget_2025.unit_cost == Decimal("200.0000")
    assert accounts_2025.unit_cost == Decimal("200.6849")
    assert budget_2025.total == Decimal("140000") and accounts_2025.total == Decimal("146500")


def test_units_are_refused_for_an_organisation_that_did_not_adhere(permits, commune_a):
    with pytest.raises(ValidationError, match="n'adhère pas"):
        use(permits, commune_a, 3)


def test_units_cannot_be_recorded_in_the_future(permits, commune_a):
    join(permits, commune_a, 10)
    with pytest.raises(ValidationError, match="futur"):
        use(permits, commune_a, 3, day=date(2030, 1, 1))


def test_provisional_calls_bill_a_quarter_of_the_expected_volume_at_the_budget_cost(
    permits, budget_2025, commune_a, commune_b
):
    join(permits, commune_a, 60)
    join(permits, commune_b, 40)
    result = services.provisional_post(service=permits, year=2025, period=1)
    assert sorted(i.amount for i in result.posted) == [Decimal("2000.00"), Decimal("3000.00")]
    charge = Charge.objects.get(organisation=commune_a)
    assert charge.amount == Decimal("3000.00") and charge.service == Service.COMMON_SERVICES
    assert charge.date == date(2025, 1, 1)


def test_posting_the_same_period_twice_bills_nothing_more(permits, budget_2025, commune_a):
    join(permits, commune_a, 60)
    services.provisional_post(service=permits, year=2025, period=2)
    again = services.provisional_post(service=permits, year=2025, period=2)
    assert again.posted == [] and again.already == 1
    assert Charge.objects.count() == 1


def test_calls_wait_for_the_signed_convention(permits, budget_2025, commune_a):
    join(permits, commune_a, 60, signed=False)
    result = services.provisional_post(service=permits, year=2025, period=1)
    assert result.posted == []
    assert "n'est pas signée" in result.refused[0]
    assert not Charge.objects.exists()


def test_calls_need_a_budget(permits, commune_a):
    join(permits, commune_a, 60)
    with pytest.raises(ValidationError, match="au budget"):
        services.provisional_post(service=permits, year=2025, period=1)


def test_the_previous_years_accounts_price_the_calls_when_there_is_no_budget(permits, accounts_2025, commune_a):
    join(permits, commune_a, 10, start=date(2026, 1, 1))
    result = services.provisional_post(service=permits, year=2026, period=1)
    assert result.posted[0].amount == Decimal("501.72")  # 2,006.85 € (10 acts × 200.684931… €) / 4, first part


def test_an_adherent_joining_in_july_is_called_over_the_quarters_it_adheres(permits, budget_2025, commune_a):
    join(permits, commune_a, 20, start=date(2025, 7, 1))
    assert services.provisional_post(service=permits, year=2025, period=2).posted == []
    assert services.provisional_post(service=permits, year=2025, period=3).posted[0].amount == Decimal("2000.00")


def test_the_settlement_posts_each_difference_and_the_dues_add_up_to_the_reimbursable_cost(
    permits, budget_2025, accounts_2025, commune_a, commune_b
):
    """The worked example of test_costs, through the services and billing."""
    join(permits, commune_a, 60)
    join(permits, commune_b, 40)
    for period in range(1, 5):
        services.provisional_post(service=permits, year=2025, period=period)
    use(permits, commune_a, 40)
    use(permits, commune_a, 24, day=date(2025, 11, 3))
    use(permits, commune_b, 31)
    result = services.settlement_post(service=permits, year=2025)
    by_commune = {i.organisation: i.amount for i in result.posted}
    assert by_commune == {commune_a: Decimal("843.84"), commune_b: Decimal("-1778.77")}
    billed = {o: sum(c.amount for c in Charge.objects.filter(organisation=o)) for o in (commune_a, commune_b)}
    assert billed == {commune_a: Decimal("12843.84"), commune_b: Decimal("6221.23")}
    assert sum(billed.values()) == Decimal("19065.07")
    credit = Charge.objects.get(organisation=commune_b, date=date(2025, 12, 31))
    assert credit.unit_price == Decimal("-1778.77")


def test_settling_twice_posts_nothing_more(permits, budget_2025, accounts_2025, commune_a):
    join(permits, commune_a, 60)
    use(permits, commune_a, 10)
    services.settlement_post(service=permits, year=2025)
    assert services.settlement_post(service=permits, year=2025).already == 1
    assert Instalment.objects.settlements().count() == 1


def test_a_settled_year_is_closed_to_new_units(permits, accounts_2025, commune_a):
    join(permits, commune_a, 60)
    services.settlement_post(service=permits, year=2025)
    with pytest.raises(ValidationError, match="régularisée"):
        use(permits, commune_a, 1)


def test_the_year_under_way_is_not_settled(permits, commune_a):
    with pytest.raises(ValidationError, match="pas terminée"):
        services.settlement_post(service=permits, year=2026)


def test_more_units_used_than_produced_are_refused(permits, commune_a):
    sheet(permits, 2025, Source.ACCOUNTS, 5, {CostKind.STAFF: "1000"})
    join(permits, commune_a, 60)
    use(permits, commune_a, 6)
    with pytest.raises(ValidationError, match="plus d'unités"):
        services.settlement_post(service=permits, year=2025)


def test_a_billed_cost_can_no_longer_change(permits, budget_2025, commune_a):
    join(permits, commune_a, 60)
    services.provisional_post(service=permits, year=2025, period=1)
    with pytest.raises(ValidationError, match="déjà servi"):
        services.cost_line_add(sheet=budget_2025, kind=CostKind.STAFF, label="Prime", amount=Decimal("10"))


def test_a_service_settled_by_deduction_posts_no_charge(permits, budget_2025, commune_a):
    permits.settlement = Settlement.AC_DEDUCTION
    permits.save()
    join(permits, commune_a, 60)
    result = services.provisional_post(service=permits, year=2025, period=1)
    assert result.posted[0].amount == Decimal("3000.00") and result.posted[0].charge is None
    assert not Charge.objects.exists()


def test_the_feed_records_each_adherents_units_once_per_period(permits, commune_a, commune_b, monkeypatch):
    from mutualis.core import workunits

    workunits.register("tests.acts", "Actes", lambda territory, start, end: {commune_a.pk: 7, commune_b.pk: 2})
    monkeypatch.setitem(workunits.registry, "tests.acts", workunits.registry["tests.acts"])
    permits.feed = "tests.acts"
    services.service_save(service=permits)
    join(permits, commune_a, 10)
    result = services.units_feed(service=permits, start=date(2025, 1, 1), end=date(2025, 4, 1))
    services.units_feed(service=permits, start=date(2025, 1, 1), end=date(2025, 4, 1))
    assert result.recorded == 1 and result.skipped == [commune_b.name]
    assert UnitUse.objects.get().units == Decimal("7") and UnitUse.objects.get().origin == Origin.FEED


def test_service_names_are_unique_in_a_territory(permits, territory_a):
    with pytest.raises(ValidationError):
        services.service_save(
            service=CommonService(
                territory=territory_a, name=permits.name, description="x", audience="x", unit="x", convention_model="x"
            )
        )
