"""Project rules as tests: they walk every app and URL, so new code is checked without new tests.

- migrations are in step with the models;
- every business model keeps its history (django-simple-history) and has a QuerySet with
  `visible_to(user)`, or is listed in GLOBAL_MODELS with the reason;
- every URL leads to a view guarded by `mutualis.territory.access.requires`, or is listed in
  PUBLIC_VIEWS with the reason.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from simple_history.models import HistoricalChanges

GLOBAL_MODELS = {
    "accounts.User": "a person may belong to several territories; reached through Membership",
    "territory.Territory": "the tenant itself: a user reaches it only through request.territory",
}

PUBLIC_VIEWS = {
    "accounts:login": "the login form",
    "accounts:logout": "ends one's own session",
    "accounts:set_password": "an invited person sets a password from the signed link in the invitation",
    "accounts:password_set": "confirmation page after setting the password, before logging in",
    "accounts:switch_membership": "needs only a login: it picks one of the user's own memberships",
    "core:health": "load balancer probe",
    "set_language": "Django's language switch, also before login",
    "surveys:answer": "an invited person answers a questionnaire from the personal link's token, without an account",
    "^media/(?P<path>.*)$": "uploaded files, served by Django only in development (DEBUG)",
}


def business_models() -> list:
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("mutualis.")
        for model in config.get_models()
        if not model._meta.proxy and not issubclass(model, HistoricalChanges)
    ]


def label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def routes(patterns=None, namespace: str = ""):
    """(name, view) for every URL: "namespace:name", or the route itself when unnamed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            yield (namespace + pattern.name if pattern.name else str(pattern.pattern)), pattern.callback


CHECKED_MODELS = [model for model in business_models() if label(model) not in GLOBAL_MODELS]
ROUTES = list(routes())


def test_migrations_are_in_step_with_the_models(db):
    output = StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=output, stderr=output)
    except SystemExit:
        pytest.fail(f"missing migrations:\n{output.getvalue()}", pytrace=False)


@pytest.mark.parametrize("model", CHECKED_MODELS, ids=label)
def test_business_model_keeps_its_history(model):
    assert getattr(model._meta, "simple_history_manager_attribute", None) == "history", (
        f"{label(model)}: add `history = HistoricalRecords()` or list it in GLOBAL_MODELS"
    )


@pytest.mark.parametrize("model", CHECKED_MODELS, ids=label)
def test_business_model_queryset_has_visible_to(model):
    queryset_class = type(model._default_manager.all())
    assert callable(getattr(queryset_class, "visible_to", None)), (
        f"{label(model)}: give its QuerySet a visible_to(user) or list it in GLOBAL_MODELS"
    )


def test_global_models_list_only_existing_models():
    assert set(GLOBAL_MODELS) <= {label(model) for model in business_models()}


@pytest.mark.parametrize("name, view", ROUTES, ids=[name for name, _ in ROUTES])
def test_view_is_guarded_by_requires_or_public(name, view):
    assert hasattr(view, "required_permission") or name in PUBLIC_VIEWS, (
        f"{name}: decorate the view with @requires(perm[, model]) or list it in PUBLIC_VIEWS"
    )
