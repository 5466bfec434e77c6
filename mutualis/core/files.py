"""Uploaded files: what each may contain, how big a request may be, and the one way out.

In: every FileField validates with one `Upload` below (`PHOTO`, `SCAN`, `DOCUMENT`): the
extension is one it allows, the size under its limit, and the content what the extension
says (images opened by Pillow, PDFs by their header, office files by their signature).
`RequestSizeLimit` refuses a request whose declared body is over `MAX_UPLOAD_BYTES` before
anything reads it; Django's WSGI stream never reads past the declared length.

Out: `/media/` is never served. `DOWNLOADS` is the allow-list of the files that can be
downloaded, each with the permission checked on its row. `urlpatterns(guard)` gives one URL
per entry, `/fichiers/<kind>/<pk>/`, behind `guard(permission, model=Model)`: the project's
access chain (`territory.access.requires`), passed in by the root URLconf because core sits
below territory. The bytes come from Django, or from nginx (`X-Accel-Redirect`) when
`FILES_SERVED_BY_NGINX` is on; the README has the nginx location.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from PIL import Image

MB = 1024 * 1024
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
SIGNATURES = {
    "pdf": b"%PDF-",
    # OpenDocument and Office Open XML files are zip archives; the older Office files, OLE.
    **dict.fromkeys(("odt", "ods", "docx", "xlsx"), b"PK\x03\x04"),
    **dict.fromkeys(("doc", "xls"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
}
TEXT = ("txt", "csv")


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


def _head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _is_image(file, extension: str) -> bool:
    file.seek(0)
    try:
        with Image.open(file) as image:
            kind = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds on a broken or hostile image
        return False
    finally:
        file.seek(0)
    return kind == IMAGE_FORMATS[extension]


def _content_matches(file, extension: str) -> bool:
    if extension in IMAGE_FORMATS:
        return _is_image(file, extension)
    if extension in SIGNATURES:
        return _head(file, 8).startswith(SIGNATURES[extension])
    if extension in TEXT:
        return b"\x00" not in _head(file, 64 * 1024)
    raise ValueError(f"no content check for .{extension}")


@deconstructible(path="mutualis.core.files.Upload")
class Upload:
    """The validator of a FileField: allowed extensions, a size limit, and content matching the extension."""

    def __init__(self, extensions: Sequence[str], max_mb: int) -> None:
        unchecked = set(extensions) - set(IMAGE_FORMATS) - set(SIGNATURES) - set(TEXT)
        assert not unchecked, f"no content check for {sorted(unchecked)}"
        self.extensions = tuple(extensions)
        self.max_mb = max_mb

    def __call__(self, file) -> None:
        extension = _extension(file.name)
        if extension not in self.extensions:
            raise ValidationError(
                _("Le format « %(extension)s » n'est pas accepté ; formats acceptés : %(formats)s.")
                % {"extension": extension, "formats": ", ".join(self.extensions)},
                code="extension",
            )
        if file.size > self.max_mb * MB:
            raise ValidationError(_("Le fichier dépasse %(max)s Mo.") % {"max": self.max_mb}, code="size")
        if isinstance(file, FieldFile) and file._committed:
            return  # already stored: it was checked on its way in
        if not _content_matches(file, extension):
            raise ValidationError(
                _("Le contenu de « %(name)s » n'est pas un fichier %(extension)s valide.")
                % {"name": os.path.basename(file.name), "extension": extension.upper()},
                code="content",
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Upload) and (self.extensions, self.max_mb) == (other.extensions, other.max_mb)

    def __hash__(self) -> int:
        return hash((self.extensions, self.max_mb))

    @property
    def accept(self) -> str:
        """For the `accept` attribute of a file input."""
        return ",".join(f".{extension}" for extension in self.extensions)


PHOTO = Upload(("jpg", "jpeg", "png", "webp"), max_mb=5)
SCAN = Upload(("pdf", "png", "jpg", "jpeg"), max_mb=10)
DOCUMENT = Upload(("pdf", "odt", "ods", "doc", "docx", "xls", "xlsx", "jpg", "jpeg", "png", "txt", "csv"), max_mb=10)


class RequestSizeLimit:
    """Refuse (413) a request whose body is declared over MAX_UPLOAD_BYTES, before anything reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES:
            message = _("L'envoi dépasse %(max)s Mo.") % {"max": settings.MAX_UPLOAD_BYTES // MB}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# ---------------------------------------------------------------- downloads


@dataclass(frozen=True)
class Download:
    model: str
    field: str
    permission: str
    name_field: str | None = None  # the row's field holding the name given at upload, if kept


DOWNLOADS: dict[str, Download] = {
    "convention": Download("agreements.Convention", "signed_scan", "agreements.view_convention"),
    "exemplaire": Download("agreements.ConventionParty", "signed_scan", "agreements.view_party"),
    "piece-jointe": Download("helpdesk.Attachment", "file", "helpdesk.view_request", name_field="name"),
    "piece-fonds-de-concours": Download("grants.Document", "file", "grants.view_application", name_field="name"),
    "photo-controle": Download("facilities.InspectionPhoto", "image", "facilities.view_inspection"),
    "photo-materiel": Download("equipment.ItemPhoto", "image", "equipment.view_item"),
    "photo-pret": Download("equipment.LoanPhoto", "image", "equipment.view_loan"),
    "compte-rendu-commission": Download(
        "commonservices.CommissionMeeting", "minutes", "commonservices.view_meeting", name_field="minutes_name"
    ),
    "photo-agent": Download("network.Profile", "photo", "network.view_photo"),
    "compte-rendu-reunion": Download("network.Meeting", "minutes", "network.view_meeting"),
    "diaporama-reunion": Download("network.Meeting", "slides", "network.view_meeting"),
    "document-reseau": Download("network.DocumentVersion", "file", "network.view_document_version", name_field="name"),
}
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


def _kind(row: Model, field: str) -> str:
    label = row._meta.label
    for kind, download in DOWNLOADS.items():
        if (download.model, download.field) == (label, field):
            return kind
    raise LookupError(f"{label}.{field} is not in core.files.DOWNLOADS")


def download_url(row: Model, field: str) -> str:
    """The address of a row's file; every link to an uploaded file goes through it."""
    return reverse(f"files:{_kind(row, field)}", kwargs={"pk": row.pk})


def serve(row: Model, download: Download) -> HttpResponse:
    """The file of a row the caller was allowed to see: images shown inline, anything else downloaded."""
    file = getattr(row, download.field)
    if not file:
        raise Http404
    filename = getattr(row, download.name_field) if download.name_field else os.path.basename(file.name)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    as_attachment = content_type not in INLINE_TYPES
    if settings.FILES_SERVED_BY_NGINX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(settings.FILES_NGINX_LOCATION + file.name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response


def _view(kind: str, download: Download, model: type[Model]) -> Callable:
    def download_file(request: HttpRequest, **rows: Model) -> HttpResponse:
        return serve(rows[model._meta.model_name], download)

    download_file.__name__ = f"download_{kind.replace('-', '_')}"
    return download_file


def urlpatterns(guard: Callable[..., Callable]) -> list[URLPattern]:
    """One URL per downloadable file, `guard(permission, model=Model)` fetching the row and checking the permission."""
    patterns = []
    for kind, download in DOWNLOADS.items():
        model = apps.get_model(download.model)
        view = guard(download.permission, model=model)(_view(kind, download, model))
        patterns.append(path(f"{kind}/<int:pk>/", view, name=kind))
    return patterns
