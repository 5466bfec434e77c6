"""Identifiers take ASCII digits only, and SIREN/SIRET numbers must pass their control key."""

import pytest
from django.core.exceptions import ValidationError

from mutualis.territory.models import insee_code_validator, postal_code_validator, siren_validator, siret_validator
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory, with_luhn_key


@pytest.mark.parametrize("siren", ["200010650", "552045999", "356000000"])
def test_a_siren_with_its_key_is_accepted(siren):
    siren_validator(siren)


@pytest.mark.parametrize("siren", ["200010651", "200000001", "123456789"])
def test_a_siren_with_a_wrong_key_is_refused(siren):
    with pytest.raises(ValidationError, match="clé de contrôle"):
        siren_validator(siren)


@pytest.mark.parametrize("siret", ["55204599900869", "20001065000014"])
def test_a_siret_with_its_key_is_accepted(siret):
    siret_validator(siret)


def test_a_siret_with_a_wrong_key_is_refused():
    with pytest.raises(ValidationError, match="clé de contrôle"):
        siret_validator("55204599900868")


def test_la_poste_sirets_take_the_sum_of_digits_rule():
    siret_validator("35600000000015")  # digits add up to 20; fails the Luhn key
    with pytest.raises(ValidationError, match="clé de contrôle"):
        siret_validator("35600000000048")  # passes the Luhn key, digits add up to 26


@pytest.mark.parametrize(
    ("validator", "value"),
    [
        (siren_validator, "２０００１０６５０"),
        (siret_validator, "５５２０４５９９９００８６９"),
        (insee_code_validator, "３９２７０"),
        (insee_code_validator, "2A٠٠٤"),
        (postal_code_validator, "３９１００"),
    ],
)
def test_look_alike_digits_are_refused(validator, value):
    with pytest.raises(ValidationError):
        validator(value)


def test_factories_make_sirens_with_a_valid_key(db):
    siren_validator(TerritoryFactory().siren)
    siren_validator(OrganisationFactory().siren)
    assert with_luhn_key("20001065") == "200010650"
