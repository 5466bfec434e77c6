"""The bilan laid out in the background when it takes longer than PDF_BACKGROUND_AFTER_SECONDS:
a page follows its progress (htmx polling, or a refresh without JavaScript) until the download."""

import html
import re
import subprocess
import threading
import time

import pytest
import weasyprint
from django.urls import reverse

from mutualis.core import pdf

YEAR = 2022


class Layouts(list):
    """The background layouts started; each waits until the test lets it go (`release.set()`)."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.ended = threading.Semaphore(0)

    def wait_for_the_end(self):
        """A layout left running would write into the next test's media folder."""
        self.release.set()
        for _ in self:
            assert self.ended.acquire(timeout=60)


@pytest.fixture
def layouts(monkeypatch):
    """Real layouts in the background, counted and held."""
    started = Layouts()
    lay_out = pdf._lay_out_telling

    write_pdf = weasyprint.HTML.write_pdf

    def held(self, *args, **kwargs):
        assert started.release.wait(timeout=60)
        return write_pdf(self, *args, **kwargs)

    def counted(*args, **kwargs):
        started.append(args)
        try:
            return lay_out(*args, **kwargs)
        finally:
            started.ended.release()

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", held)
    monkeypatch.setattr(pdf, "_lay_out_telling", counted)
    yield started
    started.wait_for_the_end()


@pytest.fixture
def in_background(settings):
    settings.PDF_BACKGROUND_AFTER_SECONDS = 0


def report_url(scheme) -> str:
    return reverse("steering:report_pdf", args=[scheme.pk]) + f"?year={YEAR}"


def status_url(scheme) -> str:
    return reverse("steering:report_pdf_status", args=[scheme.pk]) + f"?year={YEAR}"


def poll_until_done(client, scheme) -> str:
    """What htmx receives once the layout is over (it asks every second; the test, more often)."""
    for _ in range(600):
        fragment = client.get(status_url(scheme), headers={"HX-Request": "true"}).content.decode()
        if "hx-trigger" not in fragment:
            return fragment
        time.sleep(0.1)
    raise AssertionError("the layout never ended")


def test_a_slow_bilan_answers_a_page_that_follows_its_progress(login, eve, scheme, action, in_background, layouts):
    response = login(eve).get(report_url(scheme))
    layouts.release.set()
    content = html.unescape(response.content.decode())
    assert response["Content-Type"].startswith("text/html")
    assert f"Bilan d'avancement {YEAR} en PDF" in content
    assert "Le document est en préparation" in content
    assert f'hx-get="{status_url(scheme)}" hx-trigger="every 1s"' in content


def test_without_javascript_the_progress_page_refreshes_itself(login, eve, scheme, action, in_background, layouts):
    content = html.unescape(login(eve).get(report_url(scheme)).content.decode())
    layouts.release.set()
    assert f'<noscript><meta http-equiv="refresh" content="2; url={status_url(scheme)}"></noscript>' in content
    assert f'<a href="{status_url(scheme)}">Rafraîchir</a>' in content


def test_the_status_tells_the_stage_and_the_seconds_elapsed(login, eve, scheme, action, in_background, layouts):
    client = login(eve)
    client.get(report_url(scheme))
    fragment = client.get(status_url(scheme), headers={"HX-Request": "true"}).content.decode()
    layouts.release.set()
    assert "<html" not in fragment
    assert re.search(r"Le document est en préparation : (en attente|mise en page) depuis \d+ s\.", fragment)


def test_a_second_request_does_not_start_a_second_layout(login, eve, scheme, action, in_background, layouts):
    client = login(eve)
    client.get(report_url(scheme))
    client.get(report_url(scheme))
    layouts.release.set()
    poll_until_done(client, scheme)
    assert len(layouts) == 1


def test_the_status_reports_ready_then_the_download_gives_the_pdf(
    login, eve, scheme, action, in_background, layouts, tmp_path
):
    client = login(eve)
    client.get(report_url(scheme))
    layouts.release.set()
    fragment = poll_until_done(client, scheme)
    assert "Le document est prêt." in fragment
    assert f'href="{report_url(scheme)}"' in html.unescape(fragment)
    response = client.get(report_url(scheme))
    assert response["Content-Type"] == "application/pdf" and len(layouts) == 1
    path = tmp_path / "bilan.pdf"
    path.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-l", "1", str(path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 0


def test_a_quick_bilan_is_downloaded_at_once(login, eve, scheme, action):
    response = login(eve).get(report_url(scheme))
    assert response["Content-Type"] == "application/pdf"


def test_a_failed_layout_is_told_with_a_retry(login, eve, scheme, action, monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    response = login(eve).get(report_url(scheme))
    content = html.unescape(response.content.decode())
    assert "La préparation du document n'a pas abouti." in content
    assert f'<a href="{report_url(scheme)}" role="button">Réessayer</a>' in content
    assert "hx-trigger" not in content and "refresh" not in content


def test_the_retry_after_a_failure_lays_out_again(login, eve, scheme, action, monkeypatch):
    client = login(eve)
    with monkeypatch.context() as patch:
        patch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: 1 / 0)
        client.get(report_url(scheme))
    assert client.get(report_url(scheme))["Content-Type"] == "application/pdf"


def test_a_failure_in_the_background_is_told_by_the_status(
    login, eve, scheme, action, in_background, layouts, monkeypatch
):
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: 1 / 0)
    client = login(eve)
    client.get(report_url(scheme))
    layouts.release.set()
    assert "La préparation du document n'a pas abouti." in poll_until_done(client, scheme)
