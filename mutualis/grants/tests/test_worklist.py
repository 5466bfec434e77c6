"""The fonds de concours on the home: what waits for the commune and for the agglomeration."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mutualis.core.tests.worklist import shown
from mutualis.grants import worklist
from mutualis.grants.models import Status
from mutualis.grants.tests.factories import ApplicationFactory, RulesFactory
from mutualis.territory.models import Role
from mutualis.territory.tests.factories import MembershipFactory, UserFactory


def detail(application) -> str:
    return reverse("grants:application_detail", args=[application.pk])


@pytest.fixture
def file(territory_a, commune_a):
    rules = RulesFactory(territory=territory_a)

    def make(status, organisation=commune_a, **fields):
        return ApplicationFactory(rules=rules, organisation=organisation, status=status, **fields)

    return make


COMMUNE_LISTS = [worklist.drafts, worklist.documents_asked, worklist.works_to_start, worklist.in_instruction]
MANAGER_LISTS = [worklist.to_instruct, worklist.to_decide, worklist.to_pay]


def test_the_commune_staff_see_their_drafts_to_file(file, alice, bob, charlie):
    draft = file(Status.DRAFT)
    assert shown(worklist.drafts, bob) == [detail(draft)]
    assert shown(worklist.drafts, alice) == [detail(draft)]
    assert shown(worklist.drafts, charlie) == []


def test_the_commune_staff_see_the_files_whose_documents_are_asked(file, bob):
    incomplete = file(Status.INCOMPLETE)
    file(Status.SUBMITTED)
    assert shown(worklist.documents_asked, bob) == [detail(incomplete)]


def test_the_commune_staff_see_the_grants_whose_works_must_start_nearest_deadline_first(file, bob):
    later = file(Status.GRANTED, decided_on=date(2026, 3, 1))
    sooner = file(Status.GRANTED, decided_on=date(2025, 6, 1))
    file(Status.GRANTED, works_started_on=date(2026, 3, 2))
    assert shown(worklist.works_to_start, bob) == [detail(sooner), detail(later)]
    item = worklist.works_to_start(bob.memberships.get(), timezone.localdate()).items[0]
    assert item.when == date(2027, 6, 1)


def test_the_commune_follows_its_files_in_instruction(file, bob):
    submitted, scheduled = file(Status.SUBMITTED), file(Status.SCHEDULED)
    file(Status.DRAFT)
    assert set(shown(worklist.in_instruction, bob)) == {detail(submitted), detail(scheduled)}


def test_a_communes_agent_and_the_agglomeration_have_no_commune_list(file, commune_a, eve, gina):
    file(Status.DRAFT)
    file(Status.GRANTED)
    agent = UserFactory()
    MembershipFactory(user=agent, organisation=commune_a, role=Role.AGENT)
    for person in (agent, eve, gina):
        for provider in COMMUNE_LISTS:
            assert shown(provider, person) == [], provider.__name__


def test_the_managers_see_the_files_to_instruct(file, eve, gina, oscar):
    submitted = file(Status.SUBMITTED)
    file(Status.INCOMPLETE)
    assert shown(worklist.to_instruct, eve) == [detail(submitted)]
    assert shown(worklist.to_instruct, gina) == [detail(submitted)]
    assert shown(worklist.to_instruct, oscar) == []


def test_the_managers_see_the_files_on_an_agenda_with_the_meeting_day(file, gina):
    scheduled = file(Status.SCHEDULED, agenda_date=date(2026, 4, 2))
    assert shown(worklist.to_decide, gina) == [detail(scheduled)]
    assert worklist.to_decide(gina.memberships.get(), timezone.localdate()).items[0].when == date(2026, 4, 2)


def test_the_managers_see_the_grants_to_pay_once_the_works_started(file, gina):
    started = file(Status.GRANTED, works_started_on=date(2026, 3, 1))
    file(Status.GRANTED)
    file(Status.PAID)
    assert shown(worklist.to_pay, gina) == [detail(started)]


def test_the_commune_staff_and_other_service_managers_have_no_manager_list(file, bob, ed):
    file(Status.SUBMITTED)
    file(Status.SCHEDULED)
    for person in (bob, ed):
        for provider in MANAGER_LISTS:
            assert shown(provider, person) == [], provider.__name__


@pytest.mark.parametrize("provider", COMMUNE_LISTS + MANAGER_LISTS, ids=lambda provider: provider.__name__)
def test_each_list_is_one_query(file, bob, gina, provider):
    for status in (Status.DRAFT, Status.INCOMPLETE, Status.SUBMITTED, Status.SCHEDULED):
        file(status)
        file(status)
    for _ in range(2):
        file(Status.GRANTED, works_started_on=None)
        file(Status.GRANTED, works_started_on=date(2026, 3, 1))
    person = bob if provider in COMMUNE_LISTS else gina
    membership = person.memberships.get()
    provider(membership, timezone.localdate())  # the person's seats are read once per home
    with CaptureQueriesContext(connection) as context:
        result = provider(membership, timezone.localdate())
    assert result.count == 2 or provider is worklist.in_instruction
    assert len(context) == 1
