"""Who may see a row, declared once per model.

Every tenant model sets `scope` to one declaration below. Its queryset inherits
`ScopedQuerySet`, whose `visible_to(user)` filters on `scope.q(...)`, and its view
permission is the `sees` predicate, which asks `scope.allows(...)` of one row in Python.
Both read the same declaration, and `tests/test_visibility.py` checks on real rows that
they agree.

- `Scope(...)`: rows of a territory. The territory's coordinators see them all; the
  managers of the `overseers` services too; the managers of the row's own `service`
  see the rows of their service; `readers` (roles) see every row of their territory that
  matches `when`; the members of the `organisations` concerned see theirs (only those
  holding `organisation_roles`, when given); the `person` named on the row sees it.
- `Personal(person=...)`: only the person named on the row sees it (a notification).
- `territory_wide(...)`: every member of the territory sees every row.
- `Through(parent)`: a row is seen by whoever sees its parent (a loan's photo).
- `NATIONAL`: the same rows for every signed-in user (national law).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

import rules
from django.db import models
from django.db.models import Q


def _seats(user):
    # Imported here: the territory's own models declare their scope with this module.
    from mutualis.territory.permissions import seats_of

    return seats_of(user)


def _roles():
    from mutualis.territory.models import Role

    return Role


def _is_many(model: type[models.Model], path: str) -> bool:
    for hop in path.split("__")[:-1]:
        field_ = model._meta.get_field(hop)
        if field_.one_to_many or field_.many_to_many:
            return True
        model = field_.related_model
    return False


def values_at(obj: models.Model, path: str) -> set:
    """The values found at `path` from one row (the ids for a relation), following many-valued hops."""
    *hops, last = path.split("__")
    rows = [obj]
    for hop in hops:
        reached = []
        for row in rows:
            value = getattr(row, hop)
            if isinstance(value, models.Manager):
                reached.extend(value.all())
            elif value is not None:
                reached.append(value)
        rows = reached
    return {getattr(row, row._meta.get_field(last).attname) for row in rows}


def value_at(obj: models.Model, path: str) -> Any:
    values = values_at(obj, path)
    return next(iter(values)) if values else None


@dataclass(frozen=True)
class Scope:
    territory: str = "territory"
    readers: tuple[str, ...] = ()
    when: Mapping[str, Any] = field(default_factory=dict)
    organisations: tuple[str, ...] = ()
    organisation_roles: tuple[str, ...] = ()
    overseers: tuple[str, ...] = ()
    service: str | None = None
    person: str | None = None

    def overseen(self, seats) -> set[int]:
        Role = _roles()
        return {
            seat.territory_id
            for seat in seats
            if seat.role == Role.COORDINATOR or (seat.role == Role.SERVICE_MANAGER and seat.service in self.overseers)
        }

    def managed_services(self, seats) -> set[tuple[int, str]]:
        Role = _roles()
        if self.service is None:
            return set()
        return {(seat.territory_id, seat.service) for seat in seats if seat.role == Role.SERVICE_MANAGER}

    def concerned(self, seats) -> set[int]:
        """The user's organisations whose rows they see: through any role, or the `organisation_roles`."""
        return {s.organisation_id for s in seats if not self.organisation_roles or s.role in self.organisation_roles}

    def read(self, seats) -> set[int]:
        return {seat.territory_id for seat in seats if seat.role in self.readers}

    def q(self, user, model: type[models.Model], prefix: str = "") -> Q | None:
        """The rows the user sees, as a filter on `model` (reached from another model through `prefix`)."""
        seats = _seats(user)
        if not seats and not (self.person and user.is_authenticated):
            return None
        territory = prefix + self.territory
        clauses = []
        if overseen := self.overseen(seats):
            clauses.append(Q(**{f"{territory}__in": overseen}))
        for territory_id, service in self.managed_services(seats):
            clauses.append(Q(**{territory: territory_id, prefix + self.service: service}))
        if read := self.read(seats):
            clauses.append(Q(**{f"{territory}__in": read}, **{prefix + k: v for k, v in self.when.items()}))
        organisation_ids = self.concerned(seats)
        for path in self.organisations if organisation_ids else ():
            if _is_many(model, path):
                concerned = model.objects.filter(**{f"{path}__in": organisation_ids}).values("pk")
                clauses.append(Q(**{f"{prefix}pk__in": concerned}))
            else:
                clauses.append(Q(**{f"{prefix}{path}__in": organisation_ids}))
        if self.person:
            clauses.append(Q(**{prefix + self.person: user.pk}))
        return reduce(or_, clauses) if clauses else None

    def territory_of(self, obj: models.Model) -> int | None:
        return value_at(obj, self.territory)

    def allows(self, user, obj: models.Model) -> bool:
        """Whether the user sees this one row: the same rule as `q`, read off the row."""
        seats = _seats(user)
        territory_id = value_at(obj, self.territory)
        if territory_id in self.overseen(seats):
            return True
        if self.service and (territory_id, value_at(obj, self.service)) in self.managed_services(seats):
            return True
        if territory_id in self.read(seats) and all(value_at(obj, k) == v for k, v in self.when.items()):
            return True
        organisation_ids = self.concerned(seats)
        if any(values_at(obj, path) & organisation_ids for path in self.organisations):
            return True
        return bool(self.person) and user.is_authenticated and value_at(obj, self.person) == user.pk


@dataclass(frozen=True)
class Personal(Scope):
    """A person's own rows (their notifications): only the `person` named on the row sees them,
    whatever roles they or anyone else hold."""

    def q(self, user, model: type[models.Model], prefix: str = "") -> Q | None:
        return Q(**{prefix + self.person: user.pk}) if user.is_authenticated else None

    def allows(self, user, obj: models.Model) -> bool:
        return user.is_authenticated and value_at(obj, self.person) == user.pk

    def territory_of(self, obj: models.Model) -> int | None:
        """None: a person's own rows are not the territory's data (no list of the home reads them)."""
        return None


def territory_wide(territory: str = "territory") -> Scope:
    """Every member of the territory sees every row: the catalogue, the schéma, the directory."""
    return Scope(territory=territory, readers=tuple(_roles().values))


@dataclass(frozen=True)
class Through:
    """Seen by whoever sees the parent row the `parent` relation points to."""

    parent: str

    def q(self, user, model: type[models.Model], prefix: str = "") -> Q | None:
        parent_model = model._meta.get_field(self.parent).related_model
        return parent_model.scope.q(user, parent_model, f"{prefix}{self.parent}__")

    def allows(self, user, obj: models.Model) -> bool:
        parent = getattr(obj, self.parent)
        return parent.scope.allows(user, parent)

    def territory_of(self, obj: models.Model) -> int | None:
        parent = getattr(obj, self.parent)
        return None if parent is None else parent.scope.territory_of(parent)


@dataclass(frozen=True)
class National:
    """National reference data: the same rows for every signed-in user."""

    def q(self, user, model: type[models.Model], prefix: str = "") -> Q | None:
        return Q() if user.is_authenticated else None

    def allows(self, user, obj: models.Model) -> bool:
        return user.is_authenticated

    def territory_of(self, obj: models.Model) -> int | None:
        return None


NATIONAL = National()


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rows this user may see, as the model's `scope` declares."""
        visible = self.model.scope.q(user, self.model)
        return self.none() if visible is None else self.filter(visible)


@rules.predicate
def sees(user, obj) -> bool:
    """The view permission of a scoped row: its model's declaration, read off the row."""
    return obj is not None and type(obj).scope.allows(user, obj)
