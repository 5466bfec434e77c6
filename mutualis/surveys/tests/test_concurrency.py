"""Answered once even under concurrent submissions of one link: the invitation's row lock
serialises them and the one-to-one Response.invitation refuses a second row."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from mutualis.surveys import services
from mutualis.surveys.models import Response

THREADS = 10


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database fails concurrent writers at once ('table is locked') "
    "instead of waiting; the rule is the same service, tested in test_answering",
)
@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_submissions_of_one_link_give_one_response(invite, questions):
    invitation = invite()
    values = {
        questions["single"].pk: questions["single"].choices.first().pk,
        questions["multiple"].pk: [questions["multiple"].choices.first().pk],
        questions["scale"].pk: 2,
    }
    barrier = threading.Barrier(THREADS)
    responses, errors = [], []

    def submit() -> None:
        try:
            barrier.wait()
            responses.append(services.response_submit(invitation=invitation, values=values))
        except ValidationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (len(responses), len(errors)) == (1, THREADS - 1)
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_the_database_refuses_a_second_response_to_one_link(invite):
    invitation = invite()
    Response.objects.create(invitation=invitation, survey=invitation.survey)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(invitation=invitation, survey=invitation.survey)
