"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Each xdist worker starts its own live server and its own Chromium. Tests are marked
`@pytest.mark.browser`; `page` needs `live_server`, which brings `transactional_db`, so every
test starts from an empty database (django-axes' failed attempts included).
"""

import importlib.util
import json
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def _root_conftest_password() -> str:
    # `import conftest` from this directory finds this file, not the root one that defines the personas.
    spec = importlib.util.spec_from_file_location("root_conftest", ROOT / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PASSWORD


PASSWORD = _root_conftest_password()


def pytest_collection_modifyitems(items):
    # Once started, Playwright's loop stays in the worker's main thread until the session ends, with
    # Django's async-safety check off, and asgiref's async_to_sync refuses to run beside it:
    # browser tests go last in every worker, so that no other test runs in that state.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the test thread: Django would then refuse
    # ORM calls from that thread (fixtures, assertions) as "async unsafe". Set only while Chromium
    # runs, so that subprocesses of earlier tests (`check --deploy`) do not inherit it.
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fr-FR", accept_downloads=True, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    broken_static = []

    def note_failed_request(request) -> None:
        if _is_static(request.url):
            broken_static.append(f"{request.url}: {request.failure}")

    def note_error_response(response) -> None:
        if _is_static(response.url) and response.status >= 400:
            broken_static.append(f"{response.url}: {response.status}")

    def note_csp_violation(message) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(f"{page.url}: {message.text}")

    csp_violations = []
    page.on("requestfailed", note_failed_request)
    page.on("response", note_error_response)
    page.on("console", note_csp_violation)
    yield page
    context.close()
    assert not broken_static, "static files did not load:\n" + "\n".join(broken_static)
    assert not csp_violations, "the Content-Security-Policy blocked:\n" + "\n".join(csp_violations)


def _is_static(url: str) -> bool:
    from django.conf import settings

    return settings.STATIC_URL in url


@pytest.fixture
def login_as(live_server):
    """Log a persona in through the real login form: `login_as(page, alice)`."""

    def log_in(page, user, password: str = PASSWORD):
        login_url = reverse("accounts:login")
        page.goto(live_server.url + login_url)
        page.get_by_label("Adresse électronique").fill(user.email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(lambda url: login_url not in url)
        return page

    return log_in


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
            lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()


@pytest.fixture
def check_a11y(axe_source):
    """Run axe-core on the current page; fail on any serious or critical violation."""

    def check(page) -> None:
        # A click that navigates returns before the new document exists: audit the page it leads to.
        page.wait_for_load_state()
        # Evaluated through the DevTools protocol, which the page's CSP does not govern: an injected
        # <script> would be blocked (and the CSP is left on, so that the tests see what it blocks).
        page.evaluate(axe_source)
        results = page.evaluate("() => axe.run()")
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core on {page.url}:\n{_describe(blocking)}"

    return check


PHONE = {"width": 390, "height": 844}
# The elements reaching past the right edge, named when a page scrolls sideways.
PAST_THE_EDGE = """() => Array.from(document.querySelectorAll("body *"))
  .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(-3).map((element) => element.outerHTML.slice(0, 150))"""


@pytest.fixture
def screenshot(axe_source):
    """Save a full-page PNG under test-artifacts/ for a human to look at: `screenshot(page, "login")`;
    and the same page on a phone (390×844, `login-390.png`), which must not scroll sideways and
    must pass axe-core there too. The page's own size comes back afterwards."""

    def take(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        size = page.viewport_size
        page.set_viewport_size(PHONE)
        try:
            page.screenshot(path=ARTIFACTS / f"{name}-390.png", full_page=True)
            width = page.evaluate("() => document.scrollingElement.scrollWidth")
            assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone: {page.evaluate(PAST_THE_EDGE)}"
            page.evaluate(axe_source)
            results = page.evaluate("() => axe.run()")
            blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
            assert not blocking, f"axe-core on {page.url} at 390 px:\n{_describe(blocking)}"
        finally:
            page.set_viewport_size(size)
        return path

    return take
