"""The places' open data follow the national schema of digital mediation places: the export
validates against the schema file with frictionless, one line per place."""

import csv
import io
import json

from django.urls import reverse
from frictionless import Resource, Schema

from mutualis.workshops.mediation import FIELDS, SCHEMA
from mutualis.workshops.models import Status
from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory


def validate(content: str, folder) -> list:
    (folder / "lieux.csv").write_text(content, encoding="utf-8")
    schema = Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    report = Resource(path="lieux.csv", basepath=str(folder), schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_places_file_follows_the_national_schema(client, session, series, commune_a, territory_a, tmp_path):
    territory_a.siret = "20000000100012"
    territory_a.save()
    commune_a.phone = "03 84 00 00 00"
    commune_a.save()
    SessionFactory(series=SeriesFactory(organisation=commune_a, place=series.place, theme="employment"))
    SessionFactory(series=SeriesFactory(organisation=commune_a, place="Salle des fêtes"), status=Status.PLANNED)
    response = client.get(reverse("workshops:places", kwargs={"siren": territory_a.siren}))
    assert validate(response.content.decode(), tmp_path) == []
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(lines[0]) == FIELDS
    (place,) = lines
    assert place["pivot"] == "20000000100012"
    assert place["telephone"] == "+33384000000"
    assert place["services"] == "Maîtrise des outils numériques du quotidien|Aide aux démarches administratives|" \
                                "Insertion professionnelle via le numérique"  # fmt: skip
