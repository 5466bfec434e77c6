"""The catalogue's reads: free between two dates, accent-insensitive search, changeable items."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutualis.equipment.models import Item, LoanStatus, Unavailability
from mutualis.equipment.services import item_archive, item_declare, request_accept, unavailability_add
from mutualis.equipment.tests.factories import CategoryFactory, ItemFactory, LoanFactory, RequestFactory, in_days


def free(start_days, end_days):
    return set(Item.objects.available_between(in_days(start_days), in_days(end_days)))


def test_an_item_with_an_overlapping_active_loan_is_not_free(ask, alice, item):
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    assert free(9, 12) == set()
    assert free(5, 8) == set()


def test_an_item_is_free_from_the_day_its_loan_ends_without_buffer(ask, alice, item):
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    assert free(10, 12) == {item}
    assert free(5, 7) == {item}


def test_the_buffer_keeps_the_item_taken_after_the_loan(ask, alice, item, rules_a):
    rules_a.buffer_days = 2
    rules_a.save()
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    assert free(11, 13) == set()
    assert free(12, 13) == {item}


def test_pending_requests_and_ended_loans_leave_the_item_free(ask, item):
    ask(start=in_days(7), end=in_days(10))
    LoanFactory(request=RequestFactory(item=item, start=in_days(7), end=in_days(10)), status=LoanStatus.CANCELLED)
    assert free(7, 10) == {item}


def test_an_unavailability_takes_the_item_out(item):
    Unavailability.objects.create(item=item, start=in_days(8), end=in_days(9), reason="Contrôle technique")
    assert free(7, 10) == set()
    assert free(9, 10) == {item}


def test_availability_is_one_query_with_not_exists(item):
    with CaptureQueriesContext(connection) as queries:
        list(Item.objects.available_between(in_days(1), in_days(2)))
    assert len(queries) == 1
    assert queries[0]["sql"].count("NOT (EXISTS") == 2 or queries[0]["sql"].count("NOT EXISTS") == 2


def test_search_ignores_accents_and_case(commune_a):
    ItemFactory(owner=commune_a, name="Débroussailleuse thermique")
    ItemFactory(owner=commune_a, name="Nacelle")
    assert [i.name for i in Item.objects.search("DEBROUSSAILLEUSE")] == ["Débroussailleuse thermique"]
    assert [i.name for i in Item.objects.search("broussaill")] == ["Débroussailleuse thermique"]
    assert Item.objects.search("  ").count() == 2


def test_lendable_excludes_withdrawn_and_archived_items(item, commune_a, bob):
    ItemFactory(owner=commune_a, is_lendable=False)
    archived = ItemFactory(owner=commune_a)
    item_archive(item=archived, by=bob)
    assert list(Item.objects.lendable()) == [item]


def test_an_item_with_an_active_loan_cannot_be_archived(ask, alice, bob, item):
    request_accept(request=ask(), by=alice)
    with pytest.raises(ValidationError, match="prêts prévus"):
        item_archive(item=item, by=bob)


def test_changeable_items_are_the_staffs_and_the_overseers(item, commune_b, alice, charlie, ed, eve, oscar):
    other = ItemFactory(owner=commune_b)
    assert list(Item.objects.changeable_by(alice)) == [item]
    assert list(Item.objects.changeable_by(charlie)) == [other]
    assert set(Item.objects.changeable_by(ed)) == set(Item.objects.changeable_by(eve)) == {item, other}
    assert not Item.objects.changeable_by(oscar).exists()


def test_declaring_sets_territory_and_search_name(commune_a, bob):
    category = CategoryFactory(territory=commune_a.territory)
    item = item_declare(owner=commune_a, category=category, name=" Barrières Héras ", quantity=20, by=bob)
    assert (item.territory, item.search_name, item.quantity) == (commune_a.territory, "barrieres heras", 20)
    assert item.history.first().history_user == bob


def test_a_category_of_another_territory_is_refused(commune_a, territory_b, bob):
    with pytest.raises(ValidationError, match="autre territoire"):
        item_declare(owner=commune_a, category=CategoryFactory(territory=territory_b), name="Nacelle", by=bob)


def test_an_unavailability_over_a_scheduled_loan_is_refused(ask, alice, bob, item):
    request_accept(request=ask(start=in_days(7), end=in_days(10)), by=alice)
    with pytest.raises(ValidationError, match="prêt est prévu"):
        unavailability_add(item=item, start=in_days(9), end=in_days(11), reason="Révision", by=bob)
    assert unavailability_add(item=item, start=in_days(10), end=in_days(11), reason="Révision", by=bob)


def test_effective_rules_fall_back_from_item_to_owner_to_defaults(item, commune_b, rules_a):
    rules_a.max_days = 10
    rules_a.save()
    item.max_days = 3
    assert item.rules.max_days == 3
    item.max_days = None
    assert item.rules.max_days == 10
    orphan = ItemFactory(owner=commune_b)
    assert orphan.rules.horizon_days == 365 and orphan.rules.buffer_days == 0
    assert in_days(0) + timedelta(days=orphan.rules.notice_days) == in_days(0)
