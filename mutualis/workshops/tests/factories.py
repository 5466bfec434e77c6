from datetime import timedelta

import factory
from django.utils import timezone

from mutualis.territory.tests.factories import OrganisationFactory, UserFactory
from mutualis.workshops.models import Participant, Registration, RegistrationStatus, Series, Session, Status, Theme


def in_days(days: int, hour: int = 14):
    """A moment `days` from today at `hour`, Paris time."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.SelfAttribute("organisation.territory")
    theme = Theme.TOOLS
    title = "Premiers pas sur la tablette"
    place = "Salle du conseil, mairie"
    created_by = factory.SubFactory(UserFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    """Published, a week from now, 8 seats."""

    class Meta:
        model = Session

    series = factory.SubFactory(SeriesFactory)
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=2))
    seats = 8
    status = Status.PUBLISHED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    territory = factory.SubFactory("mutualis.territory.tests.factories.TerritoryFactory")
    name = factory.Sequence(lambda n: f"Habitant {n}")
    phone = factory.Sequence(lambda n: f"06{n:08d}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    participant = factory.SubFactory(ParticipantFactory, territory=factory.SelfAttribute("..session.series.territory"))
    status = RegistrationStatus.REGISTERED
    token = factory.Sequence(lambda n: f"token-{n}")
