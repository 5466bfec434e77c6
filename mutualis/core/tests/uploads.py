"""Real small files for tests: the upload validators open images and read PDF headers."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutualis.core.files import IMAGE_FORMATS

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def image_bytes(extension: str = "png") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 3), "#1d5e8c").save(buffer, format=IMAGE_FORMATS[extension.lower()])
    return buffer.getvalue()


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """A file named `name` holding `content`, by default a real file of the kind its extension says."""
    extension = name.rsplit(".", 1)[-1].lower()
    if content is None:
        content = image_bytes(extension) if extension in IMAGE_FORMATS else PDF
    return SimpleUploadedFile(name, content)
