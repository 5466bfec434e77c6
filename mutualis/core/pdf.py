from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    """Render an HTML template to PDF bytes with WeasyPrint (imported late: it loads Pango)."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
