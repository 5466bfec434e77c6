"""What the network's models share: amounts, years, the managed scope, where uploads go."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from mutualis.territory.models import Service

EUROS = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
YEAR = {"validators": [MinValueValidator(2000), MaxValueValidator(2100)]}
# The network's rows of an organisation: its members, the coordination and the network's managers.
MANAGED = {"organisations": ("organisation",), "overseers": (Service.NETWORK,)}


def upload_path(instance: models.Model, filename: str) -> str:
    # A random folder: one file's address must not let anyone guess another's.
    return f"network/{uuid4().hex}/{filename}"
