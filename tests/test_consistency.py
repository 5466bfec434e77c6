"""Project rules as tests: they walk every app and URL, so new code is checked without new tests.

- migrations are in step with the models;
- every business model keeps its history (django-simple-history) and declares its `scope`
  (who sees its rows), from which its QuerySet's `visible_to(user)` is derived, or is listed in
  GLOBAL_MODELS with the reason;
- every URL leads to a view guarded by `mutualis.territory.access.requires`, or is listed in
  PUBLIC_VIEWS with the reason;
- apps import only from the layers below them (LAYERS; docs/architecture.md explains them).
"""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from simple_history.models import HistoricalChanges

import mutualis
from mutualis.territory.scopes import National, Scope, ScopedQuerySet, Through

GLOBAL_MODELS = {
    "accounts.User": "a person may belong to several territories; reached through Membership",
}

PUBLIC_VIEWS = {
    "accounts:login": "the login form",
    "accounts:logout": "ends one's own session",
    "accounts:set_password": "an invited person sets a password from the signed link in the invitation",
    "accounts:password_set": "confirmation page after setting the password, before logging in",
    "accounts:password_change": "needs only a login: one's own password, the current one asked again",
    "accounts:password_change_done": "needs only a login: confirmation of one's own password change",
    "accounts:password_reset": "a person who forgot their password asks for a link by email, before login",
    "accounts:password_reset_sent": "confirmation page, the same whether or not the address has an account",
    "accounts:password_reset_confirm": "sets a new password from the signed one-time link of the reset email",
    "core:health": "load balancer probe",
    "set_language": "Django's language switch, also before login",
    "territory:switch_membership": "needs only a login: it picks one of the user's own memberships",
    "territory:membership_accept": "needs only a login: the signed link names the one account that may accept",
    "calendars:feed": "the token is the credential, revocable",
    "surveys:answer": "an invited person answers a questionnaire from the personal link's token, without an account",
    "workshops:programme": "inhabitants read the territory's published workshops to come, without an account",
    "workshops:session_page": "inhabitants read a published workshop and register, without an account (rate-limited)",
    "workshops:registration": "an inhabitant's own registration, reached by the personal token of the confirmation",
    "workshops:registration_cancel": "an inhabitant cancels their own registration with its personal token",
    "workshops:privacy": "the data protection notice of the workshops, for inhabitants",
    "workshops:public_statistics": "anonymous statistics of the workshops, small counts hidden",
    "workshops:places": "open data: the workshops' places in the national format of digital mediation places",
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
def test_business_model_declares_its_scope(model):
    assert isinstance(getattr(model, "scope", None), Scope | Through | National), (
        f"{label(model)}: declare who sees its rows, `scope = ...` (mutualis/territory/scopes.py), "
        "or list it in GLOBAL_MODELS"
    )


@pytest.mark.parametrize("model", CHECKED_MODELS, ids=label)
def test_visible_to_is_derived_from_the_scope(model):
    queryset_class = type(model._default_manager.all())
    assert issubclass(queryset_class, ScopedQuerySet), f"{label(model)}: its QuerySet must inherit ScopedQuerySet"
    assert queryset_class.visible_to is ScopedQuerySet.visible_to, f"{label(model)}: visible_to is written again"


def test_a_model_without_a_declared_scope_is_refused():
    with pytest.raises(AssertionError, match="declare who sees its rows"):
        test_business_model_declares_its_scope(apps.get_model("accounts", "User"))


def test_global_models_list_only_existing_models():
    assert set(GLOBAL_MODELS) <= {label(model) for model in business_models()}


@pytest.mark.parametrize("name, view", ROUTES, ids=[name for name, _ in ROUTES])
def test_view_is_guarded_by_requires_or_public(name, view):
    assert hasattr(view, "required_permission") or name in PUBLIC_VIEWS, (
        f"{name}: decorate the view with @requires(perm[, model]) or list it in PUBLIC_VIEWS"
    )


# An app may import only from apps of a lower layer: services never import each other, and
# steering and the home read the services through registries (indicators, terms).
SERVICE_APPS = (
    "equipment",
    "replacement",
    "purchasing",
    "helpdesk",
    "facilities",
    "digital",
    "surveys",
    "grants",
    "workshops",
    "commonservices",
    "network",
)
LAYERS = {
    "core": 0,
    "accounts": 0,  # the User model, which territory's memberships point to
    "territory": 1,
    "notifications": 2,  # every workflow tells people through it
    "agreements": 3,
    "billing": 3,
    "calendars": 3,  # the feed registry, filled by the services
    **dict.fromkeys(SERVICE_APPS, 4),
    "steering": 5,
    "portal": 6,  # the home: reads the services through registries
    "demo": 7,
}
PACKAGE = Path(mutualis.__file__).parent
APPS = sorted(path.parent.name for path in PACKAGE.glob("*/apps.py"))


def app_modules():
    """(app, path) of every module of every app, leaving out tests and migrations."""
    for app in APPS:
        for path in sorted((PACKAGE / app).rglob("*.py")):
            if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts):
                yield app, path


def imported_apps(path: Path):
    """(line, app) for every `mutualis.<app>` import of the module, at any depth."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] if node.module != "mutualis" else [f"mutualis.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "mutualis" and len(parts) > 1 and parts[1] in APPS:
                yield node.lineno, parts[1]


def test_every_app_has_a_layer():
    assert not set(APPS) - set(LAYERS), f"place these apps in LAYERS: {sorted(set(APPS) - set(LAYERS))}"


def test_apps_import_only_from_lower_layers():
    upward = [
        f"{path.relative_to(PACKAGE.parent)}:{line} → mutualis.{target}"
        for app, path in app_modules()
        for line, target in imported_apps(path)
        if target != app and LAYERS.get(target, 0) >= LAYERS.get(app, 0)
    ]
    if upward:
        pytest.fail("imports from an app of the same or a higher layer:\n" + "\n".join(upward), pytrace=False)


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("import mutualis.core.money\n\ndef f():\n    from mutualis.billing.services import charge_post\n")
    assert list(imported_apps(module)) == [(1, "core"), (4, "billing")]


CLOCK_READS = {"today", "now", "localdate", "localtime"}


def clock_reads_at_import(path: Path):
    """Lines of a module that read the clock outside any function: at import, before the test's
    frozen clock (root conftest) is set, so they would read the real date."""
    statements = list(ast.parse(path.read_text(), filename=str(path)).body)
    while statements:
        statement = statements.pop(0)
        if isinstance(statement, ast.ClassDef):
            statements += statement.body  # a class body runs at import too
            continue
        nodes = [statement]
        while nodes:  # ast.walk, but not into functions and lambdas: they run later, in a test
            node = nodes.pop()
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in CLOCK_READS:
                yield node.lineno
            nodes += ast.iter_child_nodes(node)


def test_no_test_module_reads_the_clock_at_import():
    roots = [PACKAGE, PACKAGE.parent / "tests"]
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for root in roots
        for path in sorted(root.rglob("*.py"))
        if "tests" in path.parts or path.name == "conftest.py"
        for line in clock_reads_at_import(path)
    ]
    assert not found, "read the date inside a test or fixture, on the frozen clock:\n" + "\n".join(found)


def test_the_clock_check_sees_a_module_level_today(tmp_path):
    module = tmp_path / "test_module.py"
    module.write_text(
        "from datetime import date\nTODAY = date.today()\n\nclass TestX:\n    DAY = date.today()\n\n"
        "    def test_x(self):\n        date.today()\n\nLATER = lambda: date.today()\n"
    )
    assert list(clock_reads_at_import(module)) == [2, 5]
