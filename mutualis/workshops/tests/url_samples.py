from mutualis.workshops.models import Registration, Series, Session
from mutualis.workshops.tests.factories import RegistrationFactory, SeriesFactory, SessionFactory


def url_samples(base: dict) -> dict:
    """A published workshop in commune A, a week from now, and a registration to it."""
    series = SeriesFactory(organisation=base["commune_a"], created_by=base["alice"])
    session = SessionFactory(series=series)
    return {Series: series, Session: session, Registration: RegistrationFactory(session=session)}
