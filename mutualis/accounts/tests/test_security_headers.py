"""Every page carries a Content-Security-Policy that allows no inline script, and a
Permissions-Policy; the HTML itself has no inline script, event handler or style attribute."""

from html.parser import HTMLParser

import pytest
from django.urls import URLResolver, get_resolver, reverse


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: <script> without src, on*= handlers, style attributes,
    <style> without the request's nonce."""

    def __init__(self, nonce: str) -> None:
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.found.append("<script> without src")
        if tag == "style" and names.get("nonce") != self.nonce:
            self.found.append("<style> without the nonce")
        self.found += [f"<{tag} {name}=…>" for name in names if name.startswith("on") or name == "style"]


def inline_code(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0] if "'nonce-" in policy else ""
    parser = InlineCode(nonce)
    parser.feed(response.content.decode())
    return parser.found


def pages_without_arguments(patterns=None, namespace: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from pages_without_arguments(pattern.url_patterns, prefix)
        elif not pattern.pattern.converters and hasattr(pattern.callback, "required_permission"):
            yield namespace + pattern.name


PAGES = sorted(pages_without_arguments())


def test_the_login_page_has_a_strict_policy_and_no_inline_code(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert inline_code(response) == []


def test_every_response_denies_camera_microphone_and_geolocation(client):
    header = client.get(reverse("accounts:login"))["Permissions-Policy"]
    assert {"camera=()", "microphone=()", "geolocation=()"} <= set(header.split(", "))


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_inline_script_handler_or_style(client, eve, alice, name):
    for persona in (eve, alice):
        client.force_login(persona)
        response = client.get(reverse(name))
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert inline_code(response) == [], f"{name} as {persona.email}"
