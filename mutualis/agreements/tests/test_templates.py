from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mutualis.agreements.defaults import default_template
from mutualis.agreements.models import (
    LEGAL_REFERENCES,
    PLACEHOLDERS,
    ConventionTemplate,
    Instrument,
    validate_template_body,
)
from mutualis.agreements.services import convention_create, template_for, templates_for_territory

LIST_URL = reverse("agreements:template_list")


def edit_url(template: ConventionTemplate) -> str:
    return reverse("agreements:template_edit", kwargs={"pk": template.pk})


@pytest.mark.parametrize("instrument", Instrument.values)
def test_every_instrument_has_a_valid_default_with_the_usual_articles(instrument):
    title, body = default_template(instrument)
    validate_template_body(body)
    assert title.startswith("Convention")
    for heading in ["PRÉAMBULE", "Article 1 – Objet", "Article 2 – Durée", "Article 3 – Conditions financières",
                    "Article 4 – Responsabilités et assurances", "Article 5 – Résiliation"]:  # fmt: skip
        assert heading in body


@pytest.mark.parametrize("instrument", Instrument.values)
def test_every_instrument_has_a_legal_reference(instrument):
    assert LEGAL_REFERENCES[instrument]


def test_every_placeholder_is_replaced(territory_a, epci_a, commune_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    template.body = " | ".join(f"{name}={{{{ {name} }}}}" for name in PLACEHOLDERS)
    template.save()
    convention = convention_create(
        territory=territory_a,
        instrument=Instrument.COMMON_SERVICE,
        title="Service commun ADS",
        object="Instruction des autorisations du droit des sols",
        parties=[(epci_a, "EPCI"), (commune_a, "commune membre")],
        start=date(2025, 1, 1),
        end=date(2026, 1, 1),
        amount_description="remboursement au coût réel",
    )
    assert convention.body == (
        "parties=Agglo A (EPCI) et Jouhe (commune membre) | object=Instruction des autorisations du droit des sols"
        " | period=du 1er janvier 2025 au 31 décembre 2025 inclus | start=1er janvier 2025 | end=31 décembre 2025"
        " | amounts=remboursement au coût réel | territory=Communauté d'Agglomération A | instrument=Service commun"
        " | reference=CGCT L5211-4-2"
    )


def test_body_is_plain_text_and_the_page_escapes_it(login, eve, territory_a, epci_a, commune_a):
    commune_a.name = "<b>Jouhe</b> l'ancienne"
    commune_a.save()
    convention = convention_create(
        territory=territory_a, instrument=Instrument.SERVICE_PROVISION, title="Prestation", object="Tonte",
        parties=[(epci_a, "prestataire"), (commune_a, "bénéficiaire")], start=date(2025, 1, 1),
    )  # fmt: skip
    assert "<b>Jouhe</b> l'ancienne (bénéficiaire)" in convention.body
    page = login(eve).get(reverse("agreements:convention_detail", kwargs={"pk": convention.pk})).content.decode()
    assert "&lt;b&gt;Jouhe&lt;/b&gt; l&#x27;ancienne (bénéficiaire)" in page
    assert "<b>Jouhe</b>" not in page


@pytest.mark.parametrize(
    "body, message",
    [
        ("Entre {{ parties }", "n'est pas fermée"),
        ("Entre {{ parties", "n'est pas fermée"),
        ("Entre {{ }}", "Syntaxe incorrecte"),
        ("{{ parties|nosuchfilter }}", "Syntaxe incorrecte"),
        ("{{ partie }}", "Variable inconnue : {{ partie }}"),
        ("{% if parties %}x{% endif %}", "Seules les variables"),
        ("{% debug %}", "Seules les variables"),
        ("{% load static %}", "Seules les variables"),
        ("{% nope %}", "Syntaxe incorrecte"),
    ],
)
def test_template_body_refuses_bad_syntax_unknown_variables_and_tags(body, message):
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        validate_template_body(body)


def test_template_body_accepts_filters_on_known_variables():
    validate_template_body("{{ instrument|lower }} – {{ territory|upper }}")


def test_template_list_shows_all_nine_instruments(login, eve, territory_a):
    response = login(eve).get(LIST_URL)
    assert response.status_code == 200
    assert [t.instrument for t in response.context["templates"]] == Instrument.values
    assert ConventionTemplate.objects.filter(territory=territory_a).count() == 9


def test_template_list_keeps_an_edited_template(login, eve, territory_a):
    template = template_for(territory_a, Instrument.PURCHASING_CENTRE)
    template.title = "Adhésion à la centrale d'achat du Grand Dole"
    template.save()
    response = login(eve).get(LIST_URL)
    assert "Adhésion à la centrale d&#x27;achat du Grand Dole" in response.content.decode()


def test_template_list_query_count_is_the_same_once_templates_exist(login, eve, territory_a, query_count):
    client = login(eve)
    client.get(LIST_URL)
    first = query_count(lambda: client.get(LIST_URL))
    template_for(territory_a, Instrument.PURCHASING_CENTRE).save()
    assert query_count(lambda: client.get(LIST_URL)) == first


def test_edit_page_lists_the_placeholders(login, eve, territory_a):
    content = login(eve).get(edit_url(template_for(territory_a, Instrument.COMMON_SERVICE))).content.decode()
    for name in PLACEHOLDERS:
        assert f"{{{{ {name} }}}}" in content


def test_coordinator_edits_a_template(login, eve, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    response = login(eve).post(edit_url(template), {"title": "Service commun", "body": "Entre {{ parties }}."})
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Entre {{ parties }}."
    assert template.history.first().history_user == eve


def test_bad_placeholder_syntax_is_a_form_error(login, eve, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    original = template.body
    response = login(eve).post(edit_url(template), {"title": "Service commun", "body": "Entre {{ parties|bad }}"})
    assert response.status_code == 200
    assert "Syntaxe incorrecte" in response.context["form"].errors["body"][0]
    template.refresh_from_db()
    assert template.body == original


def detail_url(template: ConventionTemplate) -> str:
    return reverse("agreements:template_detail", kwargs={"pk": template.pk})


@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_mayors_and_secretaries_read_the_templates(request, login, territory_a, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(LIST_URL).status_code == 200
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    content = client.get(detail_url(template)).content.decode()
    assert "Article 1 – Objet" in content
    assert edit_url(template) not in content


def test_the_coordinator_finds_the_edit_button_on_a_template(login, eve, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    assert edit_url(template) in login(eve).get(detail_url(template)).content.decode()


def test_secretary_cannot_edit_a_template(login, bob, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    assert login(bob).get(edit_url(template)).status_code == 403


def test_mayor_cannot_edit_a_template(login, alice, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    assert login(alice).post(edit_url(template), {"title": "x", "body": "x"}).status_code == 403


def test_other_territory_coordinator_gets_404_on_a_template(login, oscar, territory_a):
    template = template_for(territory_a, Instrument.COMMON_SERVICE)
    assert login(oscar).get(edit_url(template)).status_code == 404


def test_templates_are_per_territory(territory_a, territory_b):
    assert {t.pk for t in templates_for_territory(territory_a)}.isdisjoint(
        t.pk for t in templates_for_territory(territory_b)
    )
