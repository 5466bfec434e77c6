"""PDFs: the HTML is rendered on every request (cheap), WeasyPrint lays it out once per version (costly).

A laid-out PDF is stored as `pdfs/<kind>/<pk>/<sha>.pdf` in the default storage, `<sha>` being
the SHA-256 of its HTML and base URL. Whatever a PDF shows is in its HTML, so an object that
changed gets a new name and its older PDF is deleted: there is no cache to invalidate. That is
why a PDF prints the day its object last changed (`last_changed`), never today's date, which
would make a new version every day. The storage is never served from a URL (core/files.py):
the view sends the bytes after its own permission check.

A long PDF (the bilan) goes through `pdf_soon`: the layout runs in a background thread, with no
database access there since the HTML is already rendered, and the request waits
PDF_BACKGROUND_AFTER_SECONDS for it; otherwise the page `waiting_response` shows the progress
kept in this process's cache under the hash, until the PDF is stored.
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max, QuerySet
from django.db.models.enums import TextChoices
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
ROOT = "pdfs"


@dataclass(frozen=True)
class Pdf:
    """The rendered HTML of a PDF and where its layout is stored."""

    kind: str
    pk: int
    html: str
    base_url: str | None

    @property
    def version(self) -> str:
        return hashlib.sha256(f"{self.base_url or ''}\n{self.html}".encode()).hexdigest()

    @property
    def folder(self) -> str:
        return f"{ROOT}/{self.kind}/{self.pk}"

    @property
    def name(self) -> str:
        return f"{self.folder}/{self.version}.pdf"

    def stored(self) -> bytes | None:
        try:
            with default_storage.open(self.name, "rb") as file:
                return file.read()
        except FileNotFoundError:
            return None

    def lay_out(self) -> bytes:
        """Lay the HTML out, store the PDF and delete the older versions of the same object."""
        content = _layout(self.html, self.base_url)
        if not default_storage.exists(self.name):
            default_storage.save(self.name, ContentFile(content))
        for old in default_storage.listdir(self.folder)[1]:
            if old != posixpath.basename(self.name):
                default_storage.delete(f"{self.folder}/{old}")
        return content


def _layout(html: str, base_url: str | None) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_of(template_name: str, context: dict, request: HttpRequest | None = None, *, kind: str, pk: int) -> Pdf:
    html = render_to_string(template_name, context, request=request)
    return Pdf(kind, pk, html, request.build_absolute_uri("/") if request else None)


def stored_pdf(template_name: str, context: dict, request: HttpRequest | None = None, *, kind: str, pk: int) -> bytes:
    """The PDF of a template for one object (`kind`, `pk`), laid out only when its HTML changed."""
    pdf = pdf_of(template_name, context, request, kind=kind, pk=pk)
    return pdf.stored() or pdf.lay_out()


def unstored_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """A PDF laid out for this request only, never stored: one that depends on who asks."""
    pdf = pdf_of(template_name, context, request, kind="", pk=0)
    return _layout(pdf.html, pdf.base_url)


def last_changed(*histories: QuerySet) -> date:
    """The day of the latest of these django-simple-history records: the date a PDF prints."""
    moments = [moment for history in histories if (moment := history.aggregate(last=Max("history_date"))["last"])]
    return timezone.localdate(max(moments)) if moments else timezone.localdate()


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


# ---------------------------------------------------------------- in the background


class Stage(TextChoices):
    QUEUED = "queued", _("en attente")
    LAYING_OUT = "laying_out", _("mise en page")
    WRITTEN = "written", _("terminé")
    FAILED = "failed", _("échec")


@dataclass(frozen=True)
class Progress:
    stage: Stage
    started: float

    @property
    def elapsed(self) -> int:
        return int(time.time() - self.started)

    @property
    def running(self) -> bool:
        return self.stage in (Stage.QUEUED, Stage.LAYING_OUT)


# Issue 19 moves this onto a job queue; until then the layouts run in each process's threads.
_layouts = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pdf")


def _key(pdf: Pdf) -> str:
    return f"pdf-progress:{pdf.version}"


def _tell(pdf: Pdf, stage: Stage, started: float) -> None:
    cache.set(_key(pdf), Progress(stage, started), timeout=3600)


def _lay_out_telling(pdf: Pdf, started: float) -> bytes:
    _tell(pdf, Stage.LAYING_OUT, started)
    try:
        content = pdf.lay_out()
    except Exception:
        logger.exception("The layout of %s failed", pdf.name)
        _tell(pdf, Stage.FAILED, started)
        raise
    _tell(pdf, Stage.WRITTEN, started)
    return content


def progress(pdf: Pdf) -> Progress:
    """Where the PDF stands: stored, on its way, or failed (also when no layout is known: this
    process restarted, or the object changed since)."""
    if default_storage.exists(pdf.name):
        return Progress(Stage.WRITTEN, time.time())
    return cache.get(_key(pdf)) or Progress(Stage.FAILED, time.time())


def pdf_soon(pdf: Pdf) -> bytes | None:
    """The PDF if stored or laid out within PDF_BACKGROUND_AFTER_SECONDS; else None, the layout
    going on in the background (started unless already on its way; a failed one starts again)."""
    content = pdf.stored()
    if content is not None:
        return content
    known = cache.get(_key(pdf))
    if known and known.running:
        return None
    started = time.time()
    _tell(pdf, Stage.QUEUED, started)
    layout = _layouts.submit(_lay_out_telling, pdf, started)
    try:
        return layout.result(timeout=settings.PDF_BACKGROUND_AFTER_SECONDS)
    except Exception:  # still running (TimeoutError) or failed: the progress page tells which
        return None


def waiting_response(request: HttpRequest, pdf: Pdf, *, title: str, download_url: str, status_url: str) -> HttpResponse:
    """The page that follows a PDF laid out in the background: the whole page, or with htmx
    (it polls `status_url` every second) the progress alone. Without JavaScript it refreshes itself."""
    context = {
        "title": title,
        "progress": progress(pdf),
        "download_url": download_url,
        "status_url": status_url,
    }
    template = "core/includes/pdf_progress.html" if request.htmx else "core/pdf_waiting.html"
    return render(request, template, context)
