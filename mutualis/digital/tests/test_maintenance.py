"""Sharing the annual maintenance among a software's users, and billing it."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mutualis.agreements.models import Adhesion
from mutualis.billing.models import Charge
from mutualis.core import money
from mutualis.digital.models import ShareBasis
from mutualis.digital.services import maintenance_post, maintenance_set, maintenance_shares, software_user_add
from mutualis.digital.tests.factories import SoftwareAdhesionFactory, SoftwareFactory
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory


@pytest.fixture
def users(software, commune_a, commune_b):
    """Jouhe (531 inhabitants) and Foucherans (2,284) use the software all year 2026."""
    for organisation in (commune_a, commune_b):
        SoftwareAdhesionFactory(software=software, organisation=organisation, start=date(2025, 3, 1))
    return commune_a, commune_b


def shares_of(software, year=2026) -> dict[str, Decimal]:
    cost = software.maintenance_costs.get(year=year)
    return {o.name: share for o, (share, _days, _s) in maintenance_shares(cost).items()}


def test_equal_shares_split_the_amount_between_full_year_users(software, users, nina):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    assert shares_of(software) == {"Jouhe": Decimal("500.00"), "Foucherans": Decimal("500.00")}


def test_the_last_cent_goes_to_the_largest_remainder_and_shares_sum_to_the_amount(software, users, nina):
    third = SoftwareAdhesionFactory(
        software=software, organisation=OrganisationFactory(territory=software.territory, name="Aumur")
    )
    maintenance_set(software=software, year=2026, amount=Decimal("100.00"), by=nina)
    shares = shares_of(software)
    assert sum(shares.values()) == Decimal("100.00")
    assert sorted(shares.values()) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert shares[third.organisation.name] == Decimal("33.34")  # ties go by name: Aumur first


def test_population_basis_weighs_each_user_by_its_population(software, users, nina):
    software.share_basis = ShareBasis.POPULATION
    software.save()
    maintenance_set(software=software, year=2026, amount=Decimal("2815.00"), by=nina)
    assert shares_of(software) == {"Jouhe": Decimal("531.00"), "Foucherans": Decimal("2284.00")}


def test_population_basis_refuses_users_without_population(software, users, nina, commune_b):
    software.share_basis = ShareBasis.POPULATION
    software.save()
    commune_b.population = None
    commune_b.save()
    maintenance_set(software=software, year=2026, amount=Decimal("100.00"), by=nina)
    with pytest.raises(ValidationError, match="Foucherans"):
        maintenance_post(software=software, year=2026, by=nina)


def test_a_user_joining_on_1_july_pays_pro_rata_temporis(software, commune_a, commune_b, nina):
    SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2026, 1, 1))
    SoftwareAdhesionFactory(software=software, organisation=commune_b, start=date(2026, 7, 1))  # 184 days of 365
    maintenance_set(software=software, year=2026, amount=Decimal("549.00"), by=nina)
    assert shares_of(software) == {"Jouhe": Decimal("365.00"), "Foucherans": Decimal("184.00")}


def test_an_adhesion_ended_before_the_year_pays_nothing(software, commune_a, commune_b, nina):
    SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2025, 1, 1))
    SoftwareAdhesionFactory(software=software, organisation=commune_b, start=date(2024, 1, 1), end=date(2026, 1, 1))
    maintenance_set(software=software, year=2026, amount=Decimal("300.00"), by=nina)
    assert shares_of(software) == {"Jouhe": Decimal("300.00")}


def test_posting_bills_each_user_for_the_digital_service_from_its_adhesion(software, users, nina):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    charges = maintenance_post(software=software, year=2026, by=nina)
    assert {(c.organisation.name, c.amount) for c in charges} == {
        ("Jouhe", Decimal("500.00")),
        ("Foucherans", Decimal("500.00")),
    }
    assert {c.service for c in charges} == {Service.DIGITAL}
    assert charges[0].label == "Maintenance 2026 du logiciel Cart@CIM"


def test_a_partial_year_is_said_in_the_label(software, commune_a, nina):
    SoftwareAdhesionFactory(software=software, organisation=commune_a, start=date(2026, 7, 1))
    maintenance_set(software=software, year=2026, amount=Decimal("100.00"), by=nina)
    [charge] = maintenance_post(software=software, year=2026, by=nina)
    assert charge.label == "Maintenance 2026 du logiciel Cart@CIM (184 jours sur 365)"
    assert charge.date == date(2026, 7, 1)


def test_posting_twice_bills_once(software, users, nina, commune_a):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    first = maintenance_post(software=software, year=2026, by=nina)
    SoftwareAdhesionFactory(software=software, organisation=OrganisationFactory(territory=software.territory))
    again = maintenance_post(software=software, year=2026, by=nina)
    assert {c.pk for c in again} == {c.pk for c in first}
    assert Charge.objects.count() == 2


def test_the_amount_of_a_shared_out_year_can_no_longer_change(software, users, nina):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    maintenance_post(software=software, year=2026, by=nina)
    with pytest.raises(ValidationError, match="déjà répartie"):
        maintenance_set(software=software, year=2026, amount=Decimal("1200.00"), by=nina)


def test_the_amount_can_be_corrected_before_it_is_shared_out(software, users, nina):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    cost = maintenance_set(software=software, year=2026, amount=Decimal("1200.00"), by=nina)
    assert cost.amount == Decimal("1200.00")
    assert software.maintenance_costs.count() == 1


def test_posting_without_users_is_refused(software, nina):
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    with pytest.raises(ValidationError, match="Aucune organisation"):
        maintenance_post(software=software, year=2026, by=nina)


def test_posting_a_year_without_maintenance_is_refused(software, users, nina):
    with pytest.raises(ValidationError, match="Aucune maintenance"):
        maintenance_post(software=software, year=2026, by=nina)


def test_another_service_adhesion_is_not_a_user_of_the_software(software, commune_a, nina):
    SoftwareAdhesionFactory(software=SoftwareFactory(territory=software.territory), organisation=commune_a)
    Adhesion.objects.create(
        territory=software.territory, organisation=commune_a, service=Service.REPLACEMENT, start=date(2025, 1, 1)
    )
    maintenance_set(software=software, year=2026, amount=Decimal("100.00"), by=nina)
    assert shares_of(software) == {}


# ---------------------------------------------------------------- conventions govern billing


@pytest.fixture
def joined(software, commune_a, commune_b, epci_a, nina):
    """Jouhe and Foucherans joined through the service: their conventions are drafts."""
    adhesions = [
        software_user_add(software=software, organisation=organisation, start=date(2025, 3, 1), by=nina)
        for organisation in (commune_a, commune_b)
    ]
    maintenance_set(software=software, year=2026, amount=Decimal("1000.00"), by=nina)
    return adhesions


def test_posting_is_refused_while_a_user_convention_is_unsigned(software, joined, nina):
    with pytest.raises(ValidationError) as refused:
        maintenance_post(software=software, year=2026, by=nina)
    assert len(refused.value.messages) == 2  # one per convention waiting for its signature
    assert "n'est pas signée" in refused.value.messages[0] and "facturation" in refused.value.messages[0]
    assert not Charge.objects.exists()
    assert not software.maintenance_costs.get().is_posted


def test_one_unsigned_convention_holds_the_whole_sharing(software, joined, nina, sign):
    sign(joined[0].convention)
    with pytest.raises(ValidationError, match="Foucherans"):
        maintenance_post(software=software, year=2026, by=nina)
    assert not Charge.objects.exists()


def test_posting_is_allowed_once_every_convention_is_signed(software, joined, nina, sign):
    for adhesion in joined:
        sign(adhesion.convention)
    charges = maintenance_post(software=software, year=2026, by=nina)
    assert sum(c.amount for c in charges) == Decimal("1000.00")


@given(
    total=st.decimals(min_value=0, max_value=10**6, places=2),
    weights=st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=30),
)
def test_shares_always_sum_exactly_to_the_total_and_differ_by_less_than_a_cent_from_exact(total, weights):
    organisations = [OrganisationFactory.build(name=f"O{i}", pk=i) for i in range(len(weights))]
    for organisation in organisations:
        organisation.search_name = organisation.name.lower()
    shares = money.split_by(total, dict(zip(organisations, weights, strict=True)))
    assert sum(shares.values()) == total
    for organisation, weight in zip(organisations, weights, strict=True):
        exact = total * weight / sum(weights)
        assert abs(shares[organisation] - exact) < Decimal("0.01")
