"""A convention's PDF is laid out once per version of the convention, then served from storage."""

import subprocess
from datetime import date, timedelta

import pytest
import weasyprint
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from mutualis.agreements.services import convention_party_sign


@pytest.fixture
def layouts(monkeypatch):
    """The PDFs WeasyPrint lays out during the test (the real layout, counted)."""
    done = []
    write_pdf = weasyprint.HTML.write_pdf

    def counting(self, *args, **kwargs):
        done.append(self)
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", counting)
    return done


def stored_files(convention) -> list:
    folder = settings.MEDIA_ROOT / "pdfs" / "convention" / str(convention.pk)
    return sorted(folder.iterdir()) if folder.exists() else []


def download(client, convention):
    response = client.get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk}))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_second_download_is_not_laid_out_again(login, bob, convention, layouts, tmp_path):
    client = login(bob)
    first = download(client, convention)
    second = download(client, convention)
    assert len(layouts) == 1
    assert second == first
    path = tmp_path / "second.pdf"
    path.write_bytes(second)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-l", "1", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 0


def test_the_pdf_is_stored_under_its_convention(login, bob, convention):
    download(login(bob), convention)
    [stored] = stored_files(convention)
    assert stored.suffix == ".pdf" and len(stored.stem) == 64


def test_a_retitled_convention_gets_a_new_pdf_and_the_old_one_is_deleted(login, bob, convention, layouts):
    client = login(bob)
    download(client, convention)
    [old] = stored_files(convention)
    convention.title = "Prêt de la nacelle"
    convention.save()
    assert (
        b"NACELLE"
        in subprocess.run(
            ["pdftotext", "-", "-"], input=download(client, convention), capture_output=True, check=True
        ).stdout
    )
    assert len(layouts) == 2
    [new] = stored_files(convention)
    assert new != old and not old.exists()


def test_a_new_body_gets_a_new_pdf(login, bob, convention, layouts):
    client = login(bob)
    download(client, convention)
    convention.body += "\n\nArticle 9 – Avenant\n\nLes parties conviennent d'un avenant."
    convention.save()
    download(client, convention)
    assert len(layouts) == 2 and len(stored_files(convention)) == 1


def test_a_partys_signature_gets_a_new_pdf(login, bob, alice, sent, commune_a, layouts):
    client = login(bob)
    download(client, sent)
    party = sent.convention_parties.get(organisation=commune_a)
    convention_party_sign(party=party, signed_on=date(2025, 2, 18), signatory="Alice Persona, maire", by=alice)
    download(client, sent)
    assert len(layouts) == 2


def test_the_pdf_is_not_laid_out_again_on_the_next_days(login, bob, convention, layouts, frozen_clock):
    """It prints the day the convention last changed, not the day it is downloaded."""
    client = login(bob)
    download(client, convention)
    frozen_clock.move_to(timezone.now() + timedelta(days=3))
    download(client, convention)
    assert len(layouts) == 1


def test_the_stored_pdf_is_not_served_from_the_media_url(login, bob, convention, client):
    download(login(bob), convention)
    [stored] = stored_files(convention)
    name = stored.relative_to(settings.MEDIA_ROOT)
    assert client.get(f"{settings.MEDIA_URL}{name}").status_code == 404


def test_another_territory_cannot_reach_a_stored_pdf(login, bob, oscar, convention):
    download(login(bob), convention)
    assert login(oscar).get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk})).status_code == 404


def test_an_anonymous_visitor_cannot_reach_a_stored_pdf(login, bob, convention, client):
    download(login(bob), convention)
    client.logout()
    response = client.get(reverse("agreements:convention_pdf", kwargs={"pk": convention.pk}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
