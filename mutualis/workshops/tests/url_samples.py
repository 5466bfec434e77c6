from mutualis.workshops.models import Series, Session
from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory


def url_samples(base: dict) -> dict:
    """A published workshop in commune A, a week from now."""
    series = SeriesFactory(organisation=base["commune_a"], created_by=base["alice"])
    return {Series: series, Session: SessionFactory(series=series)}
