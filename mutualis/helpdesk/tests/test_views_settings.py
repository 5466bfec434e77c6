"""The coordinator's settings: routing rules and deadlines per topic, hourly rates."""

from decimal import Decimal

from django.urls import reverse

from mutualis.helpdesk.models import HourlyRate, RoutingRule, Topic
from mutualis.helpdesk.services import routing_rules_for

URL = reverse("helpdesk:settings")


def test_every_topic_has_a_rule_with_its_default_service(territory_a):
    services = dict(routing_rules_for(territory_a).values_list("topic", "service"))
    assert len(services) == len(Topic)
    assert (services["digital"], services["gdpr"], services["prevention"]) == ("digital", "digital", "prevention")
    assert services["legal"] == services["town_planning"] == "helpdesk"


def rules_post(territory, **changes) -> dict:
    rules = list(routing_rules_for(territory))
    data = {"rules-TOTAL_FORMS": len(rules), "rules-INITIAL_FORMS": len(rules), "rules": "1"}
    for index, rule in enumerate(rules):
        values = {"service": rule.service, "first_response_days": rule.first_response_days,
                  "resolution_days": rule.resolution_days, **changes.get(rule.topic, {})}  # fmt: skip
        data |= {f"rules-{index}-id": rule.pk, **{f"rules-{index}-{k}": v for k, v in values.items()}}
    return data


def test_the_coordinator_routes_a_topic_elsewhere(login, territory_a, eve):
    data = rules_post(territory_a, sports_facilities={"service": "prevention", "resolution_days": 5})
    assert login(eve).post(URL, data).status_code == 302
    rule = RoutingRule.objects.get(territory=territory_a, topic="sports_facilities")
    assert (rule.service, rule.resolution_days) == ("prevention", 5)


def test_only_the_changed_rule_gets_a_history_entry_and_it_names_the_coordinator(login, territory_a, eve):
    routing_rules_for(territory_a)
    login(eve).post(URL, rules_post(territory_a, legal={"resolution_days": 12}))
    changes = RoutingRule.history.filter(history_type="~")
    assert [(change.topic, change.history_user) for change in changes] == [("legal", eve)]


def test_a_resolution_before_the_first_response_is_refused(login, territory_a, eve):
    data = rules_post(territory_a, legal={"first_response_days": 5, "resolution_days": 2})
    assert login(eve).post(URL, data).status_code == 400
    assert RoutingRule.objects.get(territory=territory_a, topic="legal").resolution_days == 10


def test_the_coordinator_sets_an_hourly_rate(login, territory_a, eve):
    login(eve).post(URL, {"set_rate": "1", "valid_from": "2027-01-01", "rate": "62.50"})
    assert HourlyRate.objects.get(territory=territory_a).rate == Decimal("62.50")
