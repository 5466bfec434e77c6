"""The demo's fonds de concours: 2020 gives the seed's figures through the indicators, every file
within the year's limits, and open files of the current year in every state."""

from django.test.utils import override_settings

from mutualis.core.indicators import compute
from mutualis.core.money import to_cents
from mutualis.core.periods import current_year, year_span
from mutualis.demo.grants import GRANTS_2020, OPEN_FILES, load_grants
from mutualis.grants import services
from mutualis.grants.models import Application, Payment, Status
from mutualis.territory.models import Organisation, OrganisationKind

SEED_2020 = {
    "grants.files": 47,
    "grants.communes": 32,
    "grants.granted": 47,
    "grants.amount_granted": 268913,
    "grants.investment_supported": 1082375,
}


def test_the_demo_2020_gives_the_seed_figures(grand_dole):
    start, end = year_span(2020)
    for key, expected in SEED_2020.items():
        assert compute(key, grand_dole, start, end) == expected, key
    amounts = Application.objects.filter(territory=grand_dole).granted_between(start, end)
    assert min(amounts.values_list("granted_amount", flat=True)) == 408
    assert max(amounts.values_list("granted_amount", flat=True)) == 10000


def test_the_smallest_2020_grant_went_to_a_commune_with_several_files(grand_dole):
    smallest = Application.objects.filter(territory=grand_dole, rules__year=2020).order_by("granted_amount").first()
    assert smallest.granted_amount == 408
    assert Application.objects.filter(rules__year=2020, organisation=smallest.organisation_id).count() > 1


def test_every_2020_file_respects_every_limit_and_is_paid_in_full(grand_dole):
    for application in Application.objects.filter(territory=grand_dole, rules__year=2020):
        assert application.status == Status.PAID
        assert not services.ceilings_of(application).refusals(to_cents(application.granted_amount))
        paid = sum(payment.amount for payment in application.payments.all())
        assert paid == application.granted_amount


def test_the_demo_has_open_files_of_the_current_year_in_every_state(grand_dole):
    statuses = set(
        Application.objects.filter(territory=grand_dole, rules__year=current_year()).values_list("status", flat=True)
    )
    assert {Status.DRAFT, Status.SUBMITTED, Status.INCOMPLETE, Status.SCHEDULED, Status.GRANTED} <= statuses
    scheduled = Application.objects.get(territory=grand_dole, status=Status.SCHEDULED)
    assert not services.ceilings_of(scheduled).refusals(to_cents(scheduled.proposed_amount))


def test_loading_the_demo_grants_twice_gives_the_same_state(grand_dole):
    epci = grand_dole.epci()
    communes = {
        o.insee_code: o for o in Organisation.objects.filter(territory=grand_dole, kind=OrganisationKind.COMMUNE)
    }
    counts = (Application.objects.count(), Payment.objects.count())
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        load_grants(grand_dole, epci, communes)
    assert (Application.objects.count(), Payment.objects.count()) == counts
    assert counts[0] == len(GRANTS_2020) + len(OPEN_FILES)
