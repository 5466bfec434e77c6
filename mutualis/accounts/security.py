"""Request-level security: the client address the login lockout counts, and the Permissions-Policy header."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client, as seen by the first proxy we trust.

    Without `CLIENT_IP_HEADER`, REMOTE_ADDR: any forwarding header is the client's word and
    is ignored. With `X-Real-IP` (set by the proxy, overwriting the client's), its value.
    With `X-Forwarded-For`, each trusted proxy appends the address it received the request
    from, so the client's is the `TRUSTED_PROXY_COUNT`-th from the right: entries to its left
    were written by the client and are ignored. A missing or malformed header falls back to
    REMOTE_ADDR (a request that did not come through the proxy).
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    value = request.headers.get(header, "") if header else ""
    if not value:
        return remote_addr
    if header.lower() == "x-forwarded-for":
        hops = value.split(",")
        if len(hops) < settings.TRUSTED_PROXY_COUNT:
            return remote_addr
        value = hops[-settings.TRUSTED_PROXY_COUNT]
    return _valid(value) or remote_addr


class PermissionsPolicyMiddleware:
    """Deny the browser features Mutualis never uses, for every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
