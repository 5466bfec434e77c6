from datetime import date

from mutualis.network import services
from mutualis.network.models import (
    Census,
    Document,
    DocumentVersion,
    Enrolment,
    Meeting,
    MeetingStatus,
    News,
    NewsStatus,
    Profile,
    Registration,
    TrainingPlan,
    TrainingSession,
)
from mutualis.network.tests.factories import (
    CensusFactory,
    EnrolmentFactory,
    MeetingFactory,
    NewsFactory,
    PlanFactory,
    PlannedTrainingFactory,
    ProfileFactory,
    RegistrationFactory,
    SessionFactory,
    pdf_upload,
    photo_upload,
)


def url_samples(base: dict) -> dict:
    """Commune A's agent with a photo and an email but no account, registered to an open session and
    a planned meeting; an open census; a post of commune A waiting for moderation; a document."""
    commune_a, alice = base["commune_a"], base["alice"]
    territory = commune_a.territory
    profile = ProfileFactory(organisation=commune_a, email="agent@jouhe.fr", photo=photo_upload(),
                             photo_consent_on=date(2026, 3, 1))  # fmt: skip
    session = SessionFactory(planned=PlannedTrainingFactory(plan=PlanFactory(territory=territory, created_by=alice)),
                             created_by=alice)  # fmt: skip
    # Held, with its minutes and slides: their downloads need files to serve.
    meeting = MeetingFactory(body__territory=territory, created_by=alice, status=MeetingStatus.HELD,
                             minutes=pdf_upload(), slides=pdf_upload("diaporama.pdf"))  # fmt: skip
    folder = services.folder_create(territory=territory, name="Guides", by=alice)
    document = services.document_add(document=Document(folder=folder, title="Guide"), upload=pdf_upload(), by=alice)
    return {
        Profile: profile,
        TrainingSession: session,
        TrainingPlan: session.planned.plan,
        Enrolment: EnrolmentFactory(session=session, profile=profile, registered_by=alice),
        Meeting: meeting,
        Registration: RegistrationFactory(meeting=meeting, profile=profile, registered_by=alice),
        Census: CensusFactory(territory=territory),
        News: NewsFactory(organisation=commune_a, status=NewsStatus.PENDING, published_at=None, created_by=alice),
        Document: document,
        DocumentVersion: document.latest,
    }
