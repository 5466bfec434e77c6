"""The version of each territory's data: a number every committed write to one of its rows moves
on. A page computed from the territory's rows (the home's lists) is cached under it, so that the
copy is read again only after something changed, in any process of any server.

Every tenant model declares its `scope`, which tells the territory of a row; a save, a delete or a
change of a many-to-many relation of such a row schedules the bump, once per territory and
transaction, when the transaction commits (bumping inside it would lock the territory's row for
the rest of the transaction, and make concurrent writers wait on one another). A service that
writes only with `update()` or `bulk_create()` (no signal) calls `data_changed` itself.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from mutualis.territory.models import Territory


class _Bump:
    """The territories a transaction changed, moved on when it commits (one callback per transaction)."""

    def __init__(self) -> None:
        self.territory_ids: set[int] = set()

    def __call__(self) -> None:
        Territory.objects.filter(pk__in=self.territory_ids).update(data_version=F("data_version") + 1)


def data_changed(territory_id: int) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump = _Bump()
        bump.territory_ids.add(territory_id)
        bump()
        return
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Bump):
            callback.territory_ids.add(territory_id)
            return
    bump = _Bump()
    bump.territory_ids.add(territory_id)
    transaction.on_commit(bump)


def data_version(territory_id: int) -> int:
    return Territory.objects.filter(pk=territory_id).values_list("data_version", flat=True).get()


def _row_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    scope = getattr(sender, "scope", None)
    if raw or scope is None:
        return
    try:
        territory_id = scope.territory_of(instance)
    except ObjectDoesNotExist:  # a parent already deleted in a cascade: its own deletion was counted
        return
    if territory_id is not None:
        data_changed(territory_id)


def connect() -> None:
    post_save.connect(_row_changed, dispatch_uid="territory_data_saved")
    post_delete.connect(_row_changed, dispatch_uid="territory_data_deleted")
    m2m_changed.connect(
        lambda sender, instance, action, **kwargs: (
            action.startswith("post_") and _row_changed(type(instance), instance)
        ),
        dispatch_uid="territory_data_related",
        weak=False,
    )
