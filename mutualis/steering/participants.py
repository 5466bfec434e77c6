"""Who took part in an action: computed from the adhesions and the actual use of its service.

Steering keeps no list of its own (docs/architecture.md, "Adhesions"): an organisation took
part in an action over a period when it adhered to the action's service some day of it, or
used the service (a loan, a question to the expertise desk), as `agreements.terms` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from mutualis.agreements import terms
from mutualis.steering.models import Action
from mutualis.territory.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class Participant:
    organisation: Organisation
    adheres: bool  # otherwise it used the service without an adhesion

    @property
    def how(self) -> str:
        return _("adhésion") if self.adheres else _("utilisation du service")

    @property
    def is_commune(self) -> bool:
        return self.organisation.kind == OrganisationKind.COMMUNE


def participants_by_action(actions: list[Action], start: date, end: date) -> dict[int, list[Participant]]:
    """Each action's participants over [start, end), by name; a few queries per service, not per row."""
    found: dict[int, tuple[set[int], set[int]]] = {}
    for action in actions:
        if not action.service:
            continue
        territory = action.scheme.territory
        adhering = terms.adherents(territory, action.service, start, end)
        found[action.pk] = adhering | terms.users(territory, action.service, start, end), adhering
    every = set().union(*(ids for ids, _adhering in found.values()))
    organisations = list(Organisation.objects.filter(pk__in=every).select_related("sector").order_by("search_name"))
    return {
        action.pk: [Participant(o, o.pk in found[action.pk][1]) for o in organisations if o.pk in found[action.pk][0]]
        if action.pk in found
        else []
        for action in actions
    }


def participants_of(action: Action, start: date, end: date) -> list[Participant]:
    return participants_by_action([action], start, end)[action.pk]
