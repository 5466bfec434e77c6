"""The demo's digital workshops: the statistics page of 2020 reproduces the seed's experimental
phase exactly, and the current programme is on the public page."""

from django.urls import reverse

from mutualis.accounts.models import User
from mutualis.workshops.statistics import tables


def cells(table, label):
    line = next(line for line in table.lines if str(line.label) == label)
    return line.cells()


def test_the_2020_statistics_reproduce_the_seed(grand_dole, client):
    by_key = {table.key: table for table in tables(grand_dole, 2020)}
    communes = by_key["communes"]
    assert len(communes.lines) == 8
    programmed, held, cancelled, people, _visits, women, men, average_age, *_bands = communes.total.cells()
    assert (programmed, held, cancelled, people, women, men, average_age) == (48, 16, 32, 39, 17, 22, 67)
    homes = by_key["homes"]
    assert cells(homes, "Nord")[3] == 23
    assert cells(homes, "Sud – Val d'Orain")[3] == 16
    run_by = {str(line.label): line.cells()[:4] for line in by_key["run_by"].lines}
    assert run_by == {"Secrétaires de mairie et agents de l'agglomération": [24, 8, 16, 23],
                      "Organisme extérieur": [24, 8, 16, 16]}  # fmt: skip
    client.force_login(User.objects.get(email="ateliers@mutualis.example"))
    html = client.get(reverse("workshops:statistics"), {"annee": 2020}).content.decode()
    assert "<td class=\"amount\">48</td><td class=\"amount\">16</td><td class=\"amount\">32</td>" \
           "<td class=\"amount\">39</td>" in html  # fmt: skip


def test_the_current_programme_is_public_and_names_were_purged_in_2020(grand_dole, client):
    from mutualis.workshops.models import Participant

    html = client.get(reverse("workshops:programme", kwargs={"siren": grand_dole.siren})).content.decode()
    assert "Mon espace santé et Ameli pas à pas" in html and "Jouhe" in html
    assert not Participant.objects.filter(purged_at__isnull=False).exclude(name="").exists()
    assert Participant.objects.filter(purged_at__isnull=False).count() == 39
