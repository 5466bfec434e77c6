from decimal import Decimal

from mutualis.workshops import indicators
from mutualis.workshops.models import Participant, Status, Visit
from mutualis.workshops.tests.factories import SessionFactory, in_days


def test_people_are_counted_once_and_visits_each_time(series, commune_b):
    first = SessionFactory(series=series, status=Status.HELD, starts_at=in_days(-9), ends_at=in_days(-9, 16))
    second = SessionFactory(series__organisation=commune_b, status=Status.HELD, starts_at=in_days(-2),
                            ends_at=in_days(-2, 16))  # fmt: skip
    SessionFactory(series=series, status=Status.CANCELLED, starts_at=in_days(-5), ends_at=in_days(-5, 16))
    regular = Participant.objects.create(territory=series.territory, name="A", age=72)
    young = Participant.objects.create(territory=series.territory, name="B", age=35)
    for session, person in [(first, regular), (second, regular), (second, young)]:
        Visit.objects.create(session=session, participant=person)
    span = (in_days(-10).date(), in_days(0).date())
    territory = series.territory
    assert indicators.held(territory, *span) == 2
    assert indicators.people_helped(territory, *span) == 2
    assert indicators.visit_count(territory, *span) == 3
    assert indicators.communes(territory, *span) == 2
    assert indicators.seniors_share(territory, *span) == Decimal("50.0")
