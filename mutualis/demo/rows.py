"""Idempotent writes for the demo loaders: running the demo twice gives the same state."""

from django.db import models


def upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Create the row, or update only the fields that differ (no needless history row)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj
