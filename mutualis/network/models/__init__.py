"""The agents' network (action 2 of the schéma): who works where, how they meet, what they read,
and how they are trained together.

- The directory (`Profile`): every agent of every organisation, kept by the organisation's
  secretary; phone and email shown only as the agent allows, a photo only with recorded consent.
- Meetings of the network's bodies (`Body`, `Meeting`): conferences, information meetings and
  working groups, with an audience, registrations within the seats and attendance.
- News and a document library (`News`, `Folder`, `Document`, `DocumentVersion`).
- Training: a yearly `Census` of needs by theme (`TrainingNeed`; `CensusAnswer` says who answered,
  possibly with no need), a multi-year `TrainingPlan`, its `TrainingSession`s with `Enrolment`s
  within the seats, and the `Certificate`s they give.
"""

from mutualis.network.models.common import upload_path
from mutualis.network.models.directory import Category, Profile, ProfileQuerySet, Visibility
from mutualis.network.models.meetings import Body, Meeting, MeetingKind, MeetingQuerySet, MeetingStatus, Registration
from mutualis.network.models.news import (
    AddressedQuerySet,
    Audience,
    Document,
    DocumentQuerySet,
    DocumentVersion,
    Folder,
    News,
    NewsQuerySet,
    NewsRead,
    NewsStatus,
)
from mutualis.network.models.seats import SeatQuerySet, SeatStatus, seat_counts
from mutualis.network.models.training import (
    VALIDITY_MONTHS,
    Census,
    CensusAnswer,
    CensusStatus,
    Certificate,
    CertificateKind,
    CertificateQuerySet,
    Enrolment,
    PlannedTraining,
    Provider,
    SessionStatus,
    Sharing,
    TrainingNeed,
    TrainingPlan,
    TrainingSession,
    TrainingSessionQuerySet,
    TrainingTheme,
)

__all__ = [
    "VALIDITY_MONTHS", "AddressedQuerySet", "Audience", "Body", "Category", "Census", "CensusAnswer", "CensusStatus",
    "Certificate",
    "CertificateKind", "CertificateQuerySet", "Document", "DocumentQuerySet", "DocumentVersion", "Enrolment",
    "Folder", "Meeting", "MeetingKind", "MeetingQuerySet", "MeetingStatus", "News", "NewsQuerySet", "NewsRead",
    "NewsStatus", "PlannedTraining", "Profile", "ProfileQuerySet", "Provider", "Registration", "SeatQuerySet",
    "SeatStatus", "SessionStatus", "Sharing", "TrainingNeed", "TrainingPlan", "TrainingSession",
    "TrainingSessionQuerySet", "TrainingTheme", "Visibility", "seat_counts", "upload_path",
]  # fmt: skip
