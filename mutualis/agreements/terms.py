"""What taking part in each service means: the registry every service app fills at start-up.

A service says whether it needs a standing adhesion (replacement, purchasing club, shared
software) or is open to every member (equipment loans, expertise desk), and what counts as
having used it in a period. Steering asks `participants()` who took part in the action that
steers the service: the adhesions in force plus the actual users. Withdrawal locks are the
reasons, beyond the schéma's own, why leaving needs a decision of the Bureau (a member
engaged in a running consultation). Registries go up the layers without imports going up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from mutualis.territory.models import Territory

UsedBy = Callable[[Territory, date, date], Iterable[int]]
WithdrawalLock = Callable[["Adhesion", date], bool]  # noqa: F821 (agreements.models.Adhesion)
# adhere(organisation=, start=, instrument=, by=) -> Adhesion: the service's own way to join,
# which drafts its convention with its own wording (tariffs, the club's object…).
Adhere = Callable[..., "Adhesion"]  # noqa: F821


@dataclass(frozen=True)
class ServiceTerms:
    needs_adhesion: bool
    used_by: UsedBy | None = None
    adhere: Adhere | None = None
    formulas: tuple[str, ...] = ()  # the instruments an organisation chooses between, if several


_terms: dict[str, ServiceTerms] = {}
_locks: list[WithdrawalLock] = []


def register(
    service: str,
    *,
    needs_adhesion: bool,
    used_by: UsedBy | None = None,
    adhere: Adhere | None = None,
    formulas: tuple[str, ...] = (),
) -> None:
    """Declare a service's terms, from its app's `ready()`; `used_by(territory, start, end)`
    returns the ids of the organisations that used it in the half-open period; `adhere`, when
    given, lets an organisation join from the generic adhesion screen (a service whose adhesion
    names a subject, such as a software, is joined from its own screens and gives none)."""
    _terms[service] = ServiceTerms(needs_adhesion, used_by, adhere, formulas)


def terms_of(service: str) -> ServiceTerms:
    return _terms.get(service, ServiceTerms(needs_adhesion=False))


def adhere(*, service: str, organisation, start: date, instrument: str = "", by=None) -> Adhesion:  # noqa: F821
    """Join a service the way it registered (its own convention wording)."""
    return _terms[service].adhere(organisation=organisation, start=start, instrument=instrument, by=by)


def registered() -> dict[str, ServiceTerms]:
    return dict(_terms)


def register_withdrawal_lock(lock: WithdrawalLock) -> WithdrawalLock:
    """A test `lock(adhesion, on)` that, when true, makes a withdrawal need the Bureau's decision."""
    _locks.append(lock)
    return lock


def withdrawal_locked(adhesion, on: date) -> bool:
    return any(lock(adhesion, on) for lock in _locks)


def adherents(territory: Territory, service: str, start: date, end: date) -> set[int]:
    """Ids of the organisations with an adhesion to the service in force some day of [start, end)."""
    from mutualis.agreements.models import Adhesion

    adhesions = Adhesion.objects.filter(territory=territory, service=service).during(start, end)
    return set(adhesions.values_list("organisation_id", flat=True))


def users(territory: Territory, service: str, start: date, end: date) -> set[int]:
    """Ids of the organisations that actually used the service in [start, end), as it declares."""
    used_by = terms_of(service).used_by
    return set(used_by(territory, start, end)) if used_by is not None else set()


def participants(territory: Territory, service: str, start: date, end: date) -> set[int]:
    """Ids of the organisations that took part in a service in [start, end): an adhesion in force
    some day of the period, or an actual use of it."""
    return adherents(territory, service, start, end) | users(territory, service, start, end)
