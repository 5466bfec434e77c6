import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mutualis.purchasing.decp import decp_export
from mutualis.purchasing.services import award_modify, award_publish, consultation_launch
from mutualis.purchasing.tests.factories import NeedFactory, award_lot

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "decp" / "schema_decp_v2.0.3.json").read_text())


@pytest.fixture
def award(consultation, articles, commune_a, territory_a, epci_a):
    territory_a.siret = "20000000100017"
    territory_a.save()
    # 10,000 ramettes a year at 3.50 over 48 months: 140,000 € HT.
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("10000"))
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    return award_lot(articles[0].lot, start=date(2026, 1, 1), end=date(2027, 1, 1), renewals=3)


def test_the_published_export_validates_against_the_decp_schema(award, territory_a):
    award_publish(award=award, on=date(2026, 12, 1), by=None)
    data = decp_export(territory_a)
    jsonschema.validate(data, SCHEMA)
    [record] = data["marches"]["marche"]
    assert record["acheteur"] == {"id": "20000000100017"}
    assert (record["montant"], record["dureeMois"]) == (140000, 48)


def test_unpublished_awards_are_not_exported(award, territory_a):
    assert decp_export(territory_a) == {"marches": {"marche": []}}


def test_a_modification_is_listed_and_the_published_record_is_unchanged(award, territory_a):
    award_publish(award=award, on=date(2026, 12, 1), by=None)
    award_modify(award=award, notified_on=date(2027, 2, 1), amount=Decimal("150000.50"), reason="Avenant 1", by=None)
    data = decp_export(territory_a)
    jsonschema.validate(data, SCHEMA)
    [record] = data["marches"]["marche"]
    assert record["montant"] == 140000
    assert record["datePublicationDonnees"] == "2026-12-01"
    assert record["modifications"][0]["modification"]["montant"] == 150000.5
    assert record["modifications"][0]["modification"]["id"] == 1


def test_publication_happens_once(award):
    award_publish(award=award, on=date(2026, 12, 1), by=None)
    with pytest.raises(ValidationError, match="déjà publiées"):
        award_publish(award=award, on=date(2026, 12, 2), by=None)


def test_contracts_under_40000_are_not_published(consultation, articles, commune_a):
    NeedFactory(article=articles[0], organisation=commune_a, quantity=Decimal("10"))
    consultation_launch(consultation=consultation, on=timezone.localdate(), by=None)
    small = award_lot(articles[0].lot)
    with pytest.raises(ValidationError, match="pas due"):
        award_publish(award=small, on=date(2026, 12, 1), by=None)


def test_the_manager_downloads_the_export(login, paula, award):
    award_publish(award=award, on=date(2026, 12, 1), by=None)
    response = login(paula).get(reverse("purchasing:decp"))
    jsonschema.validate(json.loads(response.content), SCHEMA)
