from django import template
from django.db.models import Model

from mutualis.core import files

register = template.Library()


@register.filter
def download_url(row: Model, field: str) -> str:
    """`{{ photo|download_url:"image" }}`: the one address of an uploaded file (core/files.py)."""
    return files.download_url(row, field)
