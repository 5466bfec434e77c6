"""Who may do what in the agents' network.

Every member of the territory reads the directory, the meetings, the published news, the document
library and the training programme. A commune's mayor and secretaries keep their organisation's
agents, answer the census, register their agents to meetings and sessions, and post news (which the
coordination moderates). The coordination and the network's managers run the rest: bodies,
meetings, the themes, the census, the plan, the sessions, attendance, certificates and charges.
"""

import rules

from mutualis.network.models import CensusStatus, MeetingStatus, NewsStatus, SessionStatus
from mutualis.territory.models import Service
from mutualis.territory.permissions import (
    is_coordinator,
    is_organisation_staff,
    is_service_manager,
    is_staff_in_territory,
    is_territory_member,
)
from mutualis.territory.scopes import sees


@rules.predicate
def has_photo(user, profile) -> bool:
    return bool(profile.photo)


@rules.predicate
def is_current(user, profile) -> bool:
    return profile.archived_at is None


@rules.predicate
def has_no_account(user, profile) -> bool:
    return profile.user_id is None and bool(profile.email)


@rules.predicate
def census_open(user, census) -> bool:
    return census.status == CensusStatus.OPEN


@rules.predicate
def meeting_planned(user, meeting) -> bool:
    return meeting.status == MeetingStatus.PLANNED


@rules.predicate
def session_planned(user, session) -> bool:
    return session.status == SessionStatus.PLANNED


@rules.predicate
def session_held_uncharged(user, session) -> bool:
    return session.status == SessionStatus.HELD and session.charged_on is None


@rules.predicate
def news_pending(user, news) -> bool:
    return news.status == NewsStatus.PENDING


is_manager = is_coordinator | is_service_manager(Service.NETWORK)
keeps = is_organisation_staff | is_coordinator

# On the territory.
rules.add_perm("network.view_directory", is_territory_member)
rules.add_perm("network.add_profile", is_staff_in_territory | is_coordinator)
rules.add_perm("network.view_training", is_territory_member)
rules.add_perm("network.register_agents", is_staff_in_territory)
rules.add_perm("network.manage", is_manager)
rules.add_perm("network.post_news", is_staff_in_territory | is_manager)
rules.add_perm("network.view_certificates", is_staff_in_territory | is_manager)
# On an Organisation: whose agents one keeps, registers, and answers the census for.
rules.add_perm("network.keep_agents", keeps)
# On a Profile.
rules.add_perm("network.view_profile", sees)
rules.add_perm("network.view_photo", sees & has_photo)
rules.add_perm("network.change_profile", is_current & keeps)
rules.add_perm("network.invite_profile", is_current & has_no_account & keeps)
# On a Census.
rules.add_perm("network.answer_census", census_open & is_staff_in_territory)
rules.add_perm("network.manage_census", is_manager)
rules.add_perm("network.close_census", census_open & is_manager)
# On a TrainingPlan and a TrainingSession.
rules.add_perm("network.view_plan", sees)
rules.add_perm("network.change_plan", is_manager)
rules.add_perm("network.view_session", sees)
rules.add_perm("network.enrol", session_planned & is_staff_in_territory)
rules.add_perm("network.run_session", is_manager)
rules.add_perm("network.charge_session", session_held_uncharged & is_manager)
# On an Enrolment or a Registration: the agent's organisation, or the managers.
rules.add_perm("network.cancel_seat", is_organisation_staff | is_manager)
# On a Meeting.
rules.add_perm("network.view_meeting", sees)
rules.add_perm("network.register_to_meeting", meeting_planned & is_staff_in_territory)
rules.add_perm("network.run_meeting", is_manager)
# On News, a Document and its versions.
rules.add_perm("network.view_news", sees)
rules.add_perm("network.moderate_news", news_pending & is_manager)
rules.add_perm("network.view_document_version", sees)
rules.add_perm("network.change_document", is_manager)
