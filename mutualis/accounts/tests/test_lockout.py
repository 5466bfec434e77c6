"""The login lockout counts failures per account and client address, the address read from the
proxy's header only when one is configured."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from conftest import PASSWORD
from mutualis.accounts.security import client_ip

URL = reverse("accounts:login")
PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"


def fail_repeatedly(client, email: str, **headers) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(URL, {"username": email, "password": "nope"}, REMOTE_ADDR=PROXY, **headers)


def log_in(client, email: str, **headers):
    return client.post(URL, {"username": email, "password": PASSWORD}, REMOTE_ADDR=PROXY, **headers)


def request(remote_addr: str = PROXY, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


@pytest.fixture
def behind_nginx(settings):
    """nginx with `proxy_add_x_forwarded_for`: it appends the address it received the request from."""
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_a_proxy_the_attacker_is_locked_and_the_owner_still_logs_in(client, bob, behind_nginx):
    fail_repeatedly(client, bob.email, headers={"X-Forwarded-For": ATTACKER})
    assert log_in(client, bob.email, headers={"X-Forwarded-For": ATTACKER}).status_code == 429
    client.cookies.clear()
    assert log_in(client, bob.email, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 302


def test_behind_a_proxy_a_forged_forwarded_for_does_not_free_the_attacker(client, bob, behind_nginx):
    fail_repeatedly(client, bob.email, headers={"X-Forwarded-For": f"1.1.1.1, {ATTACKER}"})
    forged = {"X-Forwarded-For": f"198.51.100.7, {ATTACKER}"}
    assert log_in(client, bob.email, headers=forged).status_code == 429


def test_without_a_configured_header_forwarding_headers_are_ignored(client, bob):
    fail_repeatedly(client, bob.email, headers={"X-Forwarded-For": ATTACKER})
    assert log_in(client, bob.email, headers={"X-Forwarded-For": "198.51.100.7"}).status_code == 429


def test_without_a_configured_header_the_address_is_remote_addr():
    assert client_ip(request(**{"X-Real-IP": ATTACKER})) == PROXY


def test_x_real_ip_is_read_when_configured(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(request(**{"X-Real-IP": ATTACKER})) == ATTACKER


def test_forwarded_for_is_read_from_the_right_by_the_number_of_trusted_proxies(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    chain = f"6.6.6.6, {ATTACKER}, 10.0.0.1"
    assert client_ip(request(**{"X-Forwarded-For": chain})) == ATTACKER


def test_a_malformed_or_too_short_header_falls_back_to_remote_addr(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(**{"X-Forwarded-For": "not-an-address, 10.0.0.1"})) == PROXY
    assert client_ip(request(**{"X-Forwarded-For": ATTACKER})) == PROXY
