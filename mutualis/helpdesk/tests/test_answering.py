"""The thread: messages both ways with email, first response, resolution, rating, cancellation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from mutualis.helpdesk.models import Status, Topic
from mutualis.helpdesk.services import (
    message_post,
    request_cancel,
    request_create,
    request_rate,
    request_resolve,
)


@pytest.fixture
def asked(commune_a, bob, xavier):
    request = request_create(
        organisation=commune_a, topic=Topic.LEGAL, subject="Délibération sans quorum", question="Est-ce valable ?",
        by=bob,
    )  # fmt: skip
    mail.outbox.clear()
    return request


def answer(request, xavier, body="La délibération est nulle sans quorum, sauf seconde convocation."):
    return message_post(request=request, author=xavier, body=body, from_expert=True)


def test_a_new_request_is_emailed_to_the_managers_of_its_service(commune_a, bob, xavier, nina):
    request_create(organisation=commune_a, topic=Topic.LEGAL, subject="Quorum", question="?", by=bob)
    assert [m.to for m in mail.outbox] == [["xavier@example.org"]]


def test_an_it_request_goes_to_the_digital_service(commune_a, bob, xavier, nina):
    request = request_create(organisation=commune_a, topic=Topic.GDPR, subject="Registre", question="?", by=bob)
    assert request.service == "digital"
    assert mail.outbox[0].to == ["nina@example.org"]


def test_without_a_manager_the_coordinators_are_emailed(commune_a, bob, eve):
    request_create(organisation=commune_a, topic=Topic.PREVENTION, subject="EPI", question="?", by=bob)
    assert mail.outbox[0].to == ["eve@example.org"]


def test_the_experts_first_message_is_the_first_response(asked, xavier):
    answer(asked, xavier)
    asked.refresh_from_db()
    assert asked.first_response_at is not None
    assert asked.status == Status.IN_PROGRESS


def test_a_later_message_keeps_the_first_response_time(asked, xavier):
    answer(asked, xavier)
    asked.refresh_from_db()
    first = asked.first_response_at
    answer(asked, xavier, "Précision.")
    asked.refresh_from_db()
    assert asked.first_response_at == first


def test_the_experts_message_is_emailed_to_the_commune(asked, xavier):
    answer(asked, xavier)
    assert mail.outbox[0].to == ["bob@example.org"]
    assert "seconde convocation" in mail.outbox[0].body


def test_the_communes_message_is_emailed_to_the_expert(asked, alice, xavier):
    message_post(request=asked, author=alice, body="Et en cas d'urgence ?", from_expert=False)
    assert mail.outbox[0].to == ["xavier@example.org"]


def test_the_communes_message_does_not_count_as_a_response(asked, alice):
    message_post(request=asked, author=alice, body="Précision.", from_expert=False)
    asked.refresh_from_db()
    assert asked.first_response_at is None
    assert asked.status == Status.NEW


def test_an_empty_message_is_refused(asked, xavier):
    with pytest.raises(ValidationError):
        message_post(request=asked, author=xavier, body="  ", from_expert=True)


def test_resolving_needs_an_answer_in_the_thread(asked, xavier):
    with pytest.raises(ValidationError):
        request_resolve(request=asked, by=xavier)


def test_resolving_invites_the_commune_to_rate(asked, xavier):
    answer(asked, xavier)
    mail.outbox.clear()
    request_resolve(request=asked, by=xavier)
    asked.refresh_from_db()
    assert asked.status == Status.RESOLVED and asked.resolved_at is not None
    assert mail.outbox[0].to == ["bob@example.org"]


def test_the_communes_message_reopens_an_answered_request(asked, xavier, bob):
    answer(asked, xavier)
    request_resolve(request=asked, by=xavier)
    message_post(request=asked, author=bob, body="Une dernière question.", from_expert=False)
    asked.refresh_from_db()
    assert asked.status == Status.IN_PROGRESS and asked.resolved_at is None


def test_rating_closes_the_request(asked, xavier, alice):
    answer(asked, xavier)
    request_resolve(request=asked, by=xavier)
    request_rate(request=asked, rating=5, comment="Très clair.", by=alice)
    asked.refresh_from_db()
    assert (asked.status, asked.rating, asked.rated_by) == (Status.CLOSED, 5, alice)


def test_an_answer_is_rated_once(asked, xavier, alice):
    answer(asked, xavier)
    request_resolve(request=asked, by=xavier)
    request_rate(request=asked, rating=5, comment="", by=alice)
    with pytest.raises(ValidationError):
        request_rate(request=asked, rating=1, comment="", by=alice)


def test_an_unanswered_request_cannot_be_rated(asked, alice):
    with pytest.raises(ValidationError):
        request_rate(request=asked, rating=4, comment="", by=alice)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_is_between_1_and_5(asked, xavier, alice, rating):
    answer(asked, xavier)
    request_resolve(request=asked, by=xavier)
    with pytest.raises(ValidationError):
        request_rate(request=asked, rating=rating, comment="", by=alice)


def test_the_commune_may_cancel_an_open_request(asked, bob):
    request_cancel(request=asked, by=bob)
    asked.refresh_from_db()
    assert asked.status == Status.CANCELLED


def test_a_cancelled_request_takes_no_more_messages(asked, bob, xavier):
    request_cancel(request=asked, by=bob)
    with pytest.raises(ValidationError):
        answer(asked, xavier)


def test_an_answered_request_cannot_be_cancelled(asked, bob, xavier):
    answer(asked, xavier)
    request_resolve(request=asked, by=xavier)
    with pytest.raises(ValidationError):
        request_cancel(request=asked, by=bob)
