"""The sections other apps add to an organisation's page (its conventions, its charges…).

Territory is below agreements and billing: it cannot import them, so they register a panel
at start-up and the page renders whatever is registered, in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from mutualis.territory.models import Organisation


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[HttpRequest, Organisation], dict | None]  # None: nothing to show this user


_panels: list[Panel] = []


def register(template: str, context: Callable[[HttpRequest, Organisation], dict | None]) -> None:
    """Add a section to the organisation page, rendered from `template` with `context(request, organisation)`."""
    if all(panel.template != template for panel in _panels):
        _panels.append(Panel(template, context))


def render_panels(request: HttpRequest, organisation: Organisation) -> list[SafeString]:
    rendered = []
    for panel in _panels:
        context = panel.context(request, organisation)
        if context is not None:
            rendered.append(render_to_string(panel.template, {"organisation": organisation, **context}, request))
    return rendered
