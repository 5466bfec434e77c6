"""One declaration, two readings: for every scoped model, on the demo's real rows and for
one person of every role, the rows `visible_to(user)` returns are exactly those whose
`sees` permission holds (mutualis/territory/scopes.py)."""

import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from mutualis.accounts.models import User
from mutualis.territory.models import Membership
from mutualis.territory.scopes import sees
from tests.test_consistency import CHECKED_MODELS, label

pytestmark = pytest.mark.walk

ROWS_PER_MODEL = 120


@pytest.fixture(scope="module")
def demo_people(request, django_db_setup, django_db_blocker):
    """The demo loaded once; one person per (role, service) and one with no membership at all."""
    day = date.fromisoformat(request.config.getoption("--today"))
    with (
        time_machine.travel(datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Paris")), tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        people = {}
        for membership in Membership.objects.active().select_related("user").order_by("pk"):
            people.setdefault((membership.role, membership.service), membership.user)
        people[("none", "")] = User.objects.create_user(email="nobody@example.org", password="x")
        yield people
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("model", CHECKED_MODELS, ids=label)
def test_visible_rows_are_the_rows_the_permission_lets_see(demo_people, model):
    rows = list(model._default_manager.order_by("pk")[:ROWS_PER_MODEL])
    pks = [row.pk for row in rows]
    for (role, service), user in demo_people.items():
        visible = set(model._default_manager.visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))
        allowed = {row.pk for row in rows if sees(user, row)}
        assert visible == allowed, (
            f"{label(model)}, {role} {service}: only listed {visible - allowed}, only allowed {allowed - visible}"
        )


def test_the_demo_gives_every_role_a_person(demo_people):
    assert {role for role, _ in demo_people} >= {"coordinator", "service_manager", "org_manager", "secretary", "agent"}
