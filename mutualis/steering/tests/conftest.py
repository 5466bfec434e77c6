import pytest

from mutualis.steering.tests.factories import ActionFactory, SchemeFactory
from mutualis.territory.models import Service


@pytest.fixture(autouse=True)
def pdfs_at_once(settings, tmp_path):
    """The bilan is laid out within the request (the background path has its own tests), in a
    media folder of the test's own."""
    settings.PDF_BACKGROUND_AFTER_SECONDS = 600
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scheme(territory_a):
    return SchemeFactory(territory=territory_a)


@pytest.fixture
def action(scheme):
    """Action 3 of territory A's 2021-2026 schéma, steering the shared equipment, not launched."""
    return ActionFactory(scheme=scheme, number=3, service=Service.EQUIPMENT)
