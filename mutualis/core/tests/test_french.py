"""French output: elisions and articles before names, quantities with their unit."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from mutualis.core.french import a, de


@pytest.mark.parametrize(
    ("name", "with_de", "with_a"),
    [
        ("Jouhe", "de Jouhe", "à Jouhe"),
        ("Archelange", "d'Archelange", "à Archelange"),
        ("Émilie Chevalier", "d'Émilie Chevalier", "à Émilie Chevalier"),
        ("Le Deschaux", "du Deschaux", "au Deschaux"),
        ("Les Hays", "des Hays", "aux Hays"),
        ("La Barre", "de La Barre", "à La Barre"),
        ("L'Abergement", "de L'Abergement", "à L'Abergement"),
        (
            "Communauté d'Agglomération du Grand Dole",
            "de la Communauté d'Agglomération du Grand Dole",
            "à la Communauté d'Agglomération du Grand Dole",
        ),
        ("Syndicat Mixte Doubs Loue", "du Syndicat Mixte Doubs Loue", "au Syndicat Mixte Doubs Loue"),
        ("SIVOS du Val des Anges", "du SIVOS du Val des Anges", "au SIVOS du Val des Anges"),
        ("Agglomération du Grand Dole", "de l'Agglomération du Grand Dole", "à l'Agglomération du Grand Dole"),
        ("Hauteville", "de Hauteville", "à Hauteville"),  # an aspirated h is the safer guess
    ],
)
def test_de_and_a_take_the_right_elision_and_article(name, with_de, with_a):
    with translation.override("fr"):
        assert de(name) == with_de
        assert a(name) == with_a


def test_in_english_the_name_comes_back_as_it_is():
    with translation.override("en"):
        assert de("Archelange") == "Archelange"
        assert a("Communauté d'Agglomération du Grand Dole") == "Communauté d'Agglomération du Grand Dole"


def render(text: str, **context) -> str:
    with translation.override("fr"):
        return Template("{% load french %}" + text).render(Context(context))


def test_the_filters_escape_the_name_but_not_their_own_apostrophe():
    assert render("{{ name|de }}", name="Archelange") == "d'Archelange"
    assert render("{{ name|a }}", name="<b>Le Bourg</b>") == "à &lt;b&gt;Le Bourg&lt;/b&gt;"


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("1200.50"), "h", "1\u00a0200,5\u00a0h"),
        (Decimal("12.000"), "km", "12\u00a0km"),
        (3, "", "3"),
        (Decimal("0.125"), "t", "0,125\u00a0t"),
        (None, "h", "—"),
    ],
)
def test_a_quantity_shows_its_unit_without_trailing_zeros(value, unit, shown):
    assert render("{{ value|quantity:unit }}", value=value, unit=unit) == shown


def test_a_month_is_written_one_way():
    assert render("{{ day|month }}", day=date(2026, 3, 18)) == "mars 2026"
    assert render("{{ day|month }}", day=None) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("12.5000"), "12,50"), (Decimal("0.0125"), "0,0125"), (Decimal("1200"), "1\u00a0200,00"), (None, "—")],
)
def test_a_unit_price_keeps_two_to_four_decimals(value, shown):
    assert render("{{ value|unit_price }}", value=value) == shown
