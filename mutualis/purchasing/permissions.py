"""Who may do what in the purchasing club.

The programme is territory-wide. The purchasing manager (service manager for purchasing) and
the coordinators run it. The mayor or a secretary of a member organisation marks interest and
answers censuses for it; a member's declared prices are seen by its own people and by those
who run the club, never by other members (Need.scope).
"""

import rules
from django.utils import timezone

from mutualis.agreements.models import Adhesion
from mutualis.purchasing.models import ConsultationStatus
from mutualis.territory.models import Role, Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_service_manager,
    is_territory_member,
    seats_of,
    territory_id_of,
)
from mutualis.territory.scopes import sees

is_purchasing_manager = is_service_manager(Service.PURCHASING)
runs_purchasing = is_purchasing_manager | is_coordinator


@rules.predicate
def is_member_staff(user, obj) -> bool:
    """Mayor or secretary of an organisation adhering to the purchasing service today, in the object's territory."""
    territory_id = territory_id_of(obj)
    organisations = {
        seat.organisation_id
        for seat in seats_of(user)
        if seat.territory_id == territory_id and seat.role in (Role.ORG_MANAGER, Role.SECRETARY)
    }
    members = Adhesion.objects.of_service(Service.PURCHASING).active_on(timezone.localdate())
    return bool(organisations) and members.filter(organisation_id__in=organisations).exists()


@rules.predicate
def is_purchasing_adhesion(user, adhesion) -> bool:
    return adhesion.service == Service.PURCHASING


@rules.predicate
def census_is_open(user, consultation) -> bool:
    return consultation.census_is_open


@rules.predicate
def is_programmed(user, consultation) -> bool:
    return consultation.status in (ConsultationStatus.PLANNED, ConsultationStatus.CENSUS)


# On the territory.
rules.add_perm("purchasing.view_programme", is_territory_member)
rules.add_perm("purchasing.manage", runs_purchasing)
rules.add_perm("purchasing.view_commitments", is_member_staff | runs_purchasing)
# On a Consultation, a Lot, an Award.
rules.add_perm("purchasing.view_consultation", sees)
rules.add_perm("purchasing.change_consultation", runs_purchasing)
rules.add_perm("purchasing.mark_interest", is_programmed & is_member_staff)
rules.add_perm("purchasing.declare_needs", census_is_open & is_member_staff)
rules.add_perm("purchasing.view_consolidation", runs_purchasing)
# On an Adhesion: withdrawing is the club's manager's to record, after the member's request.
rules.add_perm("purchasing.withdraw_adhesion", is_purchasing_adhesion & runs_purchasing)
