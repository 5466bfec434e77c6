"""A service's own body (the services communs' commission) sends a proposal to the Bureau through
the action that steers the service, pre-filled, without importing steering."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from mutualis.steering.tests.factories import ActionFactory
from mutualis.territory.models import Service

pytestmark = pytest.mark.django_db


def test_the_proposal_opens_on_the_action_steering_the_service_pre_filled(login, eve, scheme):
    action = ActionFactory(scheme=scheme, number=7, service=Service.COMMON_SERVICES)
    query = urlencode({"service": Service.COMMON_SERVICES, "kind": "resources", "text": "Revoir le coût unitaire"})
    response = login(eve).get(f"{reverse('steering:adjustment_for_service')}?{query}", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("steering:adjustment_create", args=[action.pk]))
    form = response.context["form"]
    assert form["text"].value() == "Revoir le coût unitaire" and form["kind"].value() == "resources"


def test_without_an_action_for_the_service_one_is_told_so(login, eve, scheme):
    url = f"{reverse('steering:adjustment_for_service')}?service={Service.COMMON_SERVICES}"
    response = login(eve).get(url, follow=True)
    assert "Aucune action du schéma en vigueur" in response.content.decode()
