"""Every workflow transition of every service, against the README's table of notifications.

The README's "Notifications" table has one row per event declared in the registry
(mutualis/notifications/events.py): who is told, in words, and the email's subject. For each
event this walk drives the real service function, then checks that the people the row names
(here, as personas) got a notification and an email whose subject is the row's, and nobody else.
"""

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutualis.accounts.models import User
from mutualis.notifications.events import registry
from mutualis.notifications.models import Notification
from mutualis.territory.models import Membership, Role, Service
from mutualis.territory.tests.factories import MembershipFactory, UserFactory

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `(?P<key>[\w.]+)` \| (?P<told>.+?) \| (?P<subject>.+?) \|$")
PLACEHOLDER = re.compile(r"‹\w+›")


def readme_rows() -> dict[str, tuple[str, str]]:
    """{event: (who is told, subject)} from the README's "Notifications" section."""
    section = README.read_text().split("### Notifications\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if match := ROW.match(line):
            assert match["key"] not in rows, f"{match['key']} has two rows in the README"
            rows[match["key"]] = (match["told"], match["subject"])
    return rows


def subject_pattern(subject: str) -> re.Pattern:
    """The README's subject, each ‹name› standing for any text."""
    return re.compile(".+".join(re.escape(part) for part in PLACEHOLDER.split(subject)))


def test_every_event_has_a_readme_row_and_every_row_an_event():
    rows = readme_rows()
    assert set(registry) - set(rows) == set(), "events without a README row"
    assert set(rows) - set(registry) == set(), "README rows without a registered event"


def test_every_event_is_walked():
    assert set(registry) == set(DRIVERS)


def today() -> date:
    return timezone.localdate()


def in_days(days: int) -> date:
    return today() + timedelta(days=days)


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("signee.pdf", b"%PDF-1.4 signed", content_type="application/pdf")


@pytest.fixture
def world(territory_a, epci_a, commune_a, commune_b, alice, bob, charlie, eve, ed):
    """The personas, and a manager for each service that has a workflow."""
    people = {"alice": alice, "bob": bob, "charlie": charlie, "eve": eve, "ed": ed}
    for name, service in [("rita", Service.REPLACEMENT), ("hugo", Service.HELPDESK), ("paul", Service.PURCHASING),
                          ("dina", Service.DIGITAL), ("gina", Service.GRANTS), ("nina", Service.NETWORK)]:  # fmt: skip
        people[name] = UserFactory(email=f"{name}@example.org")
        MembershipFactory(user=people[name], organisation=epci_a, role=Role.SERVICE_MANAGER, service=service)
    agent = UserFactory(email="agnes@example.org")
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    people["agnes"] = agent
    return {"territory": territory_a, "epci": epci_a, "a": commune_a, "b": commune_b, **people}


# ---------------------------------------------------------------- equipment


def _item(w):
    from mutualis.equipment.services import lending_rules_for
    from mutualis.equipment.tests.factories import ItemFactory

    rules = lending_rules_for(w["a"])
    rules.notice_days = 0
    rules.save()
    return ItemFactory(owner=w["a"], name="Remorque", contact=None, contact_email="")


def _ask(w, start=14, days=3):
    from mutualis.equipment.services import request_create

    return request_create(borrower=w["b"], item=_item(w), start=in_days(start), end=in_days(start + days),
                          purpose="Fête", contact=w["charlie"], created_by=w["charlie"])  # fmt: skip


def _accepted(w, start=14):
    from mutualis.equipment.services import request_accept

    return request_accept(request=_ask(w, start), by=w["alice"])


def equipment_request_created(w):
    _ask(w)
    return {"alice", "bob"}


def equipment_need_created(w):
    from mutualis.equipment.services import categories_for, request_create

    request_create(borrower=w["b"], category=categories_for(w["territory"]).first(), start=in_days(7),
                   end=in_days(9), purpose="Barrières", contact=w["charlie"], created_by=w["charlie"])  # fmt: skip
    return {"ed"}


def equipment_request_accepted(w):
    _accepted(w)
    return {"charlie"}


def equipment_request_refused(w):
    from mutualis.equipment.services import request_refuse

    request_refuse(request=_ask(w), reason="En réparation", by=w["alice"])
    return {"charlie"}


def equipment_request_cancelled(w):
    from mutualis.equipment.services import request_cancel

    request_cancel(request=_ask(w), by=w["charlie"])
    return {"alice", "bob"}


def equipment_proposal_made(w):
    from mutualis.equipment.services import need_propose, request_create

    item = _item(w)
    need = request_create(borrower=w["b"], category=item.category, start=in_days(7), end=in_days(9),
                          purpose="Remorque", contact=w["charlie"], created_by=w["charlie"])  # fmt: skip
    need_propose(request=need, item=item, by=w["bob"])
    return {"charlie"}


def _out(w):
    from mutualis.equipment.services import loan_checkout
    from mutualis.equipment.tests.factories import sign_convention

    loan = sign_convention(_accepted(w, start=0))
    return loan_checkout(loan=loan, date=today(), by=w["bob"])


def equipment_loan_checked_out(w):
    _out(w)
    return {"charlie"}


def equipment_loan_checked_in(w):
    from mutualis.equipment.services import loan_checkin

    loan_checkin(loan=_out(w), date=today(), by=w["bob"])
    return {"charlie"}


def equipment_loan_overdue(w):
    from mutualis.equipment.models import LoanStatus, RequestStatus
    from mutualis.equipment.services import loan_notify_overdue
    from mutualis.equipment.tests.factories import LoanFactory, RequestFactory

    request = RequestFactory(item=_item(w), borrower=w["b"], contact=w["charlie"], status=RequestStatus.ACCEPTED,
                             start=in_days(-5), end=in_days(-1))  # fmt: skip
    loan = LoanFactory(request=request, status=LoanStatus.OUT, checked_out_on=in_days(-5))
    assert loan_notify_overdue(loan=loan)
    return {"charlie", "alice", "bob"}


# ---------------------------------------------------------------- agreements


def _sent(w):
    from mutualis.agreements.services import convention_send
    from mutualis.agreements.tests.factories import ConventionFactory

    convention = ConventionFactory(territory=w["territory"], parties=[w["epci"], w["a"]])
    return convention_send(convention=convention, by=w["eve"])


def _party(convention, organisation):
    return convention.convention_parties.get(organisation=organisation)


def agreements_convention_sent(w):
    _sent(w)
    return {"alice"}


def agreements_party_signed(w):
    from mutualis.agreements.services import convention_party_sign

    convention = _sent(w)
    convention_party_sign(party=_party(convention, w["a"]), signed_on=today(), signatory="Alice", by=w["alice"])
    return {"eve"}


def agreements_convention_signed(w):
    from mutualis.agreements.services import convention_party_sign

    convention = _sent(w)
    convention_party_sign(party=_party(convention, w["a"]), signed_on=today(), signatory="Alice", by=w["alice"])
    convention_party_sign(party=_party(convention, w["epci"]), signed_on=today(), signatory="Eve", by=w["eve"])
    return {"alice"}


def _adhesion(w, start):
    from mutualis.agreements.models import Instrument
    from mutualis.agreements.services import adhesion_create

    return adhesion_create(organisation=w["b"], service=Service.HELPDESK, start=start, object="Expertise",
                           convention_instrument=Instrument.SERVICE_PROVISION, by=w["charlie"])  # fmt: skip


def agreements_adhesion_created(w):
    _adhesion(w, today())
    return {"eve", "hugo"}


def agreements_adhesion_withdrawn(w):
    from mutualis.agreements.services import adhesion_withdraw

    adhesion_withdraw(adhesion=_adhesion(w, in_days(-30)), on=today(), by=w["charlie"])
    return {"eve", "hugo"}


# ---------------------------------------------------------------- replacement


def _replacement_request(w, **fields):
    from mutualis.replacement.tests.factories import RequestFactory

    return RequestFactory(organisation=w["a"], created_by=w["bob"], **fields)


def _agent(w):
    from mutualis.replacement.tests.factories import AgentFactory

    return AgentFactory(home=w["a"], user=w["agnes"])


def replacement_request_created(w):
    from mutualis.agreements.models import Adhesion
    from mutualis.replacement.services import request_create

    Adhesion.objects.create(territory=w["territory"], organisation=w["a"], service=Service.REPLACEMENT,
                            start=date(2020, 1, 1))  # fmt: skip
    request_create(organisation=w["a"], motive="sick_leave", start=in_days(7), end=in_days(35), weekdays=[0, 1],
                   weekly_hours=Decimal("14"), created_by=w["bob"])  # fmt: skip
    return {"rita"}


def _assigned(w, **fields):
    from mutualis.replacement.services import assignment_create

    request = _replacement_request(w, **fields)
    return assignment_create(request=request, agent=_agent(w), start=request.start, end=request.end,
                             weekly_hours=request.weekly_hours, by=w["rita"])  # fmt: skip


def replacement_assigned(w):
    _assigned(w)
    return {"alice", "bob", "agnes"}


def replacement_request_cancelled(w):
    from mutualis.replacement.services import request_cancel

    request_cancel(request=_replacement_request(w), by=w["bob"])
    return {"rita", "alice"}


def replacement_request_ended(w):
    from mutualis.replacement.services import request_end

    request_end(request=_assigned(w).request, by=w["rita"])
    return {"alice", "bob", "agnes"}


def _recorded(w):
    from mutualis.replacement.services import timesheet_record
    from mutualis.replacement.tests.factories import signed

    assignment = _assigned(w, start=in_days(-7), end=in_days(21))
    signed(assignment.convention)
    return timesheet_record(assignment=assignment, week=today(), hours=Decimal("10"), km=Decimal("0"),
                            by=w["agnes"])  # fmt: skip


def replacement_timesheet_recorded(w):
    _recorded(w)
    return {"alice", "bob"}


def replacement_timesheet_validated(w):
    from mutualis.agreements.models import Adhesion
    from mutualis.agreements.tests.factories import ConventionFactory
    from mutualis.replacement.services import timesheet_validate
    from mutualis.replacement.tests.factories import TariffFactory

    TariffFactory(territory=w["territory"])
    convention = ConventionFactory(territory=w["territory"], parties=[w["epci"], w["a"]], signed=True)
    Adhesion.objects.create(territory=w["territory"], organisation=w["a"], service=Service.REPLACEMENT,
                            start=date(2020, 1, 1), convention=convention)  # fmt: skip
    timesheet_validate(timesheet=_recorded(w), by=w["alice"])
    return {"agnes", "rita"}


def replacement_timesheet_disputed(w):
    from mutualis.replacement.services import timesheet_dispute

    timesheet_dispute(timesheet=_recorded(w), reason="Lundi férié", by=w["alice"])
    return {"agnes", "rita"}


# ---------------------------------------------------------------- helpdesk


def _question(w, **fields):
    from mutualis.helpdesk.tests.factories import RequestFactory

    return RequestFactory(organisation=w["a"], created_by=w["bob"], **fields)


def helpdesk_request_created(w):
    from mutualis.helpdesk.models import Topic
    from mutualis.helpdesk.services import request_create

    request_create(organisation=w["a"], topic=Topic.LEGAL, subject="Quorum", question="Sans quorum ?", by=w["bob"])
    return {"hugo"}


def _answered(w):
    from mutualis.helpdesk.services import message_post

    request = _question(w)
    message_post(request=request, author=w["hugo"], body="Oui, en seconde convocation.", from_expert=True)
    return request


def helpdesk_expert_message(w):
    _answered(w)
    return {"bob"}


def helpdesk_commune_message(w):
    from mutualis.helpdesk.services import message_post

    message_post(request=_answered(w), author=w["bob"], body="Merci !", from_expert=False)
    return {"hugo"}


def helpdesk_request_resolved(w):
    from mutualis.helpdesk.services import request_resolve

    request_resolve(request=_answered(w), by=w["hugo"])
    return {"bob"}


def helpdesk_request_rated(w):
    from mutualis.helpdesk.services import request_rate, request_resolve

    request = request_resolve(request=_answered(w), by=w["hugo"])
    request_rate(request=request, rating=5, comment="Très clair", by=w["bob"])
    return {"hugo"}


def helpdesk_request_cancelled(w):
    from mutualis.helpdesk.services import request_cancel

    request_cancel(request=_question(w), by=w["bob"])
    return {"hugo"}


# ---------------------------------------------------------------- purchasing


def _consultation(w, **fields):
    from mutualis.purchasing.tests.factories import ArticleFactory, ClubAdhesionFactory, ConsultationFactory

    for organisation in (w["a"], w["b"]):
        ClubAdhesionFactory(organisation=organisation)
    consultation = ConsultationFactory(territory=w["territory"], **fields)
    ArticleFactory(lot__consultation=consultation)
    return consultation


MEMBERS = {"alice", "bob", "charlie"}


def purchasing_census_opened(w):
    from mutualis.purchasing.services import census_open

    census_open(consultation=_consultation(w), deadline=in_days(20), by=w["paul"])
    return MEMBERS


def purchasing_census_reminder(w):
    from mutualis.purchasing.services import census_remind

    assert census_remind(consultation=_consultation(w, census=True))
    return MEMBERS | {organisation.email for organisation in (w["a"], w["b"]) if organisation.email}


def purchasing_consultation_launched(w):
    from mutualis.purchasing.services import consultation_launch

    consultation_launch(consultation=_consultation(w, census=True), on=today(), by=w["paul"])
    return MEMBERS


def purchasing_consultation_cancelled(w):
    from mutualis.purchasing.services import consultation_cancel

    consultation_cancel(consultation=_consultation(w, census=True), by=w["paul"])
    return MEMBERS


def purchasing_award_published(w):
    from mutualis.purchasing.services import award_publish
    from mutualis.purchasing.tests.factories import NeedFactory, award_lot

    consultation = _consultation(w, launched=True)
    article = consultation.lots.get().articles.get()
    NeedFactory(article=article, organisation=w["a"], quantity=Decimal("100000"))
    award_publish(award=award_lot(article.lot), on=today(), by=w["paul"])
    return {"alice", "bob"}


# ---------------------------------------------------------------- facilities


def facilities_out_of_service(w):
    from mutualis.facilities.models import Compliance, InspectionKind
    from mutualis.facilities.services import inspection_record
    from mutualis.facilities.tests.factories import FacilityFactory

    inspection_record(facility=FacilityFactory(owner=w["a"]), kind=InspectionKind.MAIN, inspected_on=today(),
                      inspector=w["hugo"], findings="Contrepoids absent", compliance=Compliance.MAJOR,
                      actions_required="Remplacer le contrepoids.", by=w["hugo"])  # fmt: skip
    return {"alice", "bob"}


def _reminded(w):
    from mutualis.facilities.services import reminders_send
    from mutualis.facilities.tests.factories import PlanFactory, days_ago

    PlanFactory(facility__owner=w["a"], starts_on=days_ago(3))
    reminders_send(territory=w["territory"], today=today())


def facilities_inspections_due(w):
    _reminded(w)
    return {"alice", "bob"}


def facilities_inspections_due_all(w):
    _reminded(w)
    return {"hugo"}


# ---------------------------------------------------------------- surveys


def _invited(w):
    from mutualis.surveys.services import invitations_send, survey_open
    from mutualis.surveys.tests.factories import QuestionFactory, SurveyFactory

    survey = SurveyFactory(territory=w["territory"], created_by=w["eve"])
    QuestionFactory(survey=survey)
    survey_open(survey=survey, by=w["eve"])
    invitations_send(survey=survey, memberships=[Membership.objects.get(user=w["alice"])], by=w["eve"])
    return survey


def surveys_invited(w):
    _invited(w)
    return {"alice"}


def surveys_closed(w):
    from mutualis.surveys.services import survey_close

    survey_close(survey=_invited(w), by=w["eve"])
    return {"alice"}


# ---------------------------------------------------------------- steering


def _action(w):
    from mutualis.steering.tests.factories import ActionFactory

    return ActionFactory(scheme__territory=w["territory"], service=Service.EQUIPMENT)


def steering_adjustment_proposed(w):
    from mutualis.steering.services import adjustment_propose

    adjustment_propose(action=_action(w), kind="calendar", text="Reporter d'un trimestre.", proposed_on=today(),
                       changes=[], by=w["eve"])  # fmt: skip
    return {"ed"}


def steering_adjustment_decided(w):
    from mutualis.steering.services import adjustment_decide
    from mutualis.steering.tests.factories import AdjustmentFactory

    adjustment_decide(adjustment=AdjustmentFactory(action=_action(w)), decided_on=today(), outcome="accepted",
                      by=w["eve"])  # fmt: skip
    return {"ed"}


# ---------------------------------------------------------------- grants (fonds de concours)

COMMUNE_A_STAFF = {"alice", "bob"}


def _grant_file(w, submit=True):
    from mutualis.core.tests.uploads import upload
    from mutualis.grants import services
    from mutualis.grants.models import Application, DocumentKind, ProjectKind, Rules

    kind = ProjectKind.objects.create(territory=w["territory"], name="Écoles")
    rules = Rules.objects.create(territory=w["territory"], year=today().year, file_ceiling=Decimal("10000"),
                                 required_documents=[DocumentKind.DELIBERATION])  # fmt: skip
    rules.eligible_kinds.add(kind)
    application = services.application_save(
        application=Application(organisation=w["a"], rules=rules, kind=kind, title="Toiture", equipment="École",
                                cost_ht=Decimal("30000"), amount_asked=Decimal("8000"),
                                works_start_planned=today(), works_end_planned=in_days(90)),
        by=w["bob"],
    )  # fmt: skip
    if submit:
        services.application_submit(application=application, by=w["bob"])
        services.document_add(application=application, kind=DocumentKind.DELIBERATION, upload=upload("d.pdf"),
                              by=w["bob"])  # fmt: skip
    return application


def _grant_decided(w, granted=True):
    from mutualis.grants import services
    from mutualis.territory.models import Body

    application = services.amount_propose(application=_grant_file(w), amount=Decimal("8000"), body=Body.BUREAU,
                                          meeting_on=today(), by=w["gina"])  # fmt: skip
    return services.decision_record(application=application, granted=granted, decided_on=today(), reference="B-1",
                                    refusal_reason="" if granted else "Hors champ", by=w["gina"])  # fmt: skip


def grants_application_submitted(w):
    _grant_file(w)
    return {"gina"}


def grants_documents_asked(w):
    from mutualis.grants import services
    from mutualis.grants.models import DocumentKind

    services.documents_request(application=_grant_file(w), kinds=[DocumentKind.QUOTES], text="Les devis ?",
                               by=w["gina"])  # fmt: skip
    return COMMUNE_A_STAFF


def grants_application_completed(w):
    from mutualis.core.tests.uploads import upload
    from mutualis.grants import services
    from mutualis.grants.models import DocumentKind

    application = _grant_file(w)
    services.documents_request(application=application, kinds=[DocumentKind.QUOTES], text="Les devis ?",
                               by=w["gina"])  # fmt: skip
    services.document_add(application=application, kind=DocumentKind.QUOTES, upload=upload("q.pdf"), by=w["bob"])
    return {"gina"}


def grants_message(w):
    from mutualis.grants import services

    services.message_post(application=_grant_file(w), text="Où en est le dossier ?", by=w["bob"])
    return {"gina"}


def grants_application_granted(w):
    _grant_decided(w)
    return COMMUNE_A_STAFF


def grants_application_refused(w):
    _grant_decided(w, granted=False)
    return COMMUNE_A_STAFF


def grants_payment(w):
    from mutualis.grants import services

    application = services.works_start_record(application=_grant_decided(w), started_on=today(), by=w["gina"])
    services.advance_pay(application=application, paid_on=today(), by=w["gina"])
    return COMMUNE_A_STAFF


def grants_lapse_reminder(w):
    from mutualis.grants import services

    application = _grant_decided(w)
    reminder_day = application.works_deadline - timedelta(days=application.rules.reminder_days)
    services.lapse_reminders_send(today=reminder_day)
    return COMMUNE_A_STAFF


def grants_application_lapsed(w):
    from mutualis.grants import services

    application = _grant_decided(w)
    services.applications_lapse(today=application.works_deadline + timedelta(days=1))
    return COMMUNE_A_STAFF


# ---------------------------------------------------------------- digital workshops


def workshops_session_cancelled(w):
    from mutualis.workshops import services
    from mutualis.workshops.tests.factories import SeriesFactory, SessionFactory

    session = SessionFactory(series=SeriesFactory(organisation=w["a"], created_by=w["eve"]))
    services.registration_create(session=session, name="Jeanne", email="jeanne@example.org")
    services.session_cancel(session=session, reason="Salle indisponible", by=w["gina"])
    return {"eve", *COMMUNE_A_STAFF}


# ---------------------------------------------------------------- network (agents' network and trainings)


def network_news_to_moderate(w):
    from mutualis.network.models import News
    from mutualis.network.services import news_post

    news_post(news=News(organisation=w["a"], title="Fête du village", text="Le 14 juin."), by=w["bob"])
    return {"nina"}


def network_news_moderated(w):
    from mutualis.network.models import News
    from mutualis.network.services import news_moderate, news_post

    news = news_post(news=News(organisation=w["a"], title="Fête du village", text="Le 14 juin."), by=w["bob"])
    news_moderate(news=news, accept=True, by=w["nina"])
    return {"bob"}


def network_seat_freed(w):
    from mutualis.network import services
    from mutualis.network.tests.factories import PlanFactory, PlannedTrainingFactory, ProfileFactory, SessionFactory

    plan = PlanFactory(territory=w["territory"], created_by=w["nina"])
    session = SessionFactory(planned=PlannedTrainingFactory(plan=plan), seats=1, created_by=w["nina"])
    first = services.enrol(session=session, profile=ProfileFactory(organisation=w["a"]), by=w["bob"])
    services.enrol(session=session, profile=ProfileFactory(organisation=w["b"]), by=w["charlie"])
    services.enrolment_cancel(enrolment=first, by=w["bob"])
    return {"charlie"}


def network_recycling_reminder(w):
    from mutualis.network import services
    from mutualis.network.tests.factories import CertificateFactory, ProfileFactory

    agent = ProfileFactory(organisation=w["a"])
    certificate = CertificateFactory(profile=agent, issued_on=today() - timedelta(days=700), valid_until=in_days(30))
    services.recycling_reminders_send(today=certificate.valid_until - timedelta(days=30))
    return COMMUNE_A_STAFF


DRIVERS = {
    name.replace("_", ".", 1): function
    for name, function in list(globals().items())
    if callable(function) and name.split("_")[0] in {"equipment", "agreements", "replacement", "helpdesk",
                                                     "purchasing", "facilities", "digital", "surveys", "steering",
                                                     "grants", "workshops", "network"}
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(registry))
def test_the_event_tells_the_people_of_its_readme_row(world, key):
    told, subject = readme_rows()[key]
    expected = {world[name].email if name in world else name for name in DRIVERS[key](world)}
    notified = set(Notification.objects.filter(event=key).values_list("user__email", flat=True))
    accounts = set(User.objects.filter(email__in=expected).values_list("email", flat=True))
    assert notified == accounts, f"{key} ({told}): notified {sorted(notified)}"
    pattern = subject_pattern(subject)
    assert all(pattern.fullmatch(n.subject) for n in Notification.objects.filter(event=key))
    emailed = {message.to[0] for message in mail.outbox if pattern.fullmatch(message.subject)}
    assert emailed == (expected if registry[key].email else set()), f"{key} ({told}): emailed {sorted(emailed)}"
