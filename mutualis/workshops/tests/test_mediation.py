"""The places' open data follow the national schema of digital mediation places: its required
fields filled, its patterns respected, one line per place."""

import csv
import io
import re

from django.urls import reverse

from mutualis.workshops.mediation import FIELDS
from mutualis.workshops.models import Status
from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory

REQUIRED = ["id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj", "services"]
SERVICES = re.compile(r"(?:(?:^|;)(Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|"
                      r"Insertion professionnelle via le numérique))+$")  # fmt: skip


def test_the_places_file_follows_the_national_schema(client, session, series, commune_a, territory_a):
    territory_a.siret = "20000000100012"
    territory_a.save()
    commune_a.phone = "03 84 00 00 00"
    commune_a.save()
    SessionFactory(series=SeriesFactory(organisation=commune_a, place=series.place, theme="employment"))
    SessionFactory(series=SeriesFactory(organisation=commune_a, place="Salle des fêtes"), status=Status.PLANNED)
    response = client.get(reverse("workshops:places", kwargs={"siren": territory_a.siren}))
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(lines[0]) == FIELDS
    (place,) = lines
    assert all(place[field] for field in REQUIRED)
    assert re.fullmatch(r"\d{5}", place["code_postal"]) and place["pivot"] == "20000000100012"
    assert place["telephone"] == "+33384000000"
    assert SERVICES.match(place["services"])
    assert place["services"] == "Maîtrise des outils numériques du quotidien;Aide aux démarches administratives;" \
                                "Insertion professionnelle via le numérique"  # fmt: skip
