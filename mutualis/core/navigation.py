"""The main menu: each entry is a URL name, shown only to those its view's permission lets in,
so that nobody is offered a page that would answer 403."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass
class Link:
    label: Promise
    url_name: str
    url: str = ""
    current: bool = False


@dataclass
class Group:
    label: Promise
    links: list[Link] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


MENU: list[Link | Group] = [
    Link(_("Organisations"), "territory:organisation_list"),
    Link(_("Conventions"), "agreements:convention_list"),
    Link(_("Adhésions"), "agreements:adhesions:list"),
    Group(
        _("Services"),
        [
            Link(_("Matériel partagé"), "equipment:catalogue"),
            Link(_("Remplacement"), "replacement:request_list"),
            Link(_("Club Acheteurs"), "purchasing:programme"),
            Link(_("Cellule d'expertise"), "helpdesk:request_list"),
            Link(_("Équipements sportifs"), "facilities:facility_list"),
            Link(_("Logiciels et RGPD"), "digital:catalogue"),
        ],
    ),
    Group(
        _("Pilotage"),
        [
            Link(_("Chiffres du territoire"), "portal:figures"),
            Link(_("Schéma de mutualisation"), "steering:scheme_list"),
            Link(_("Questionnaires"), "surveys:survey_list"),
        ],
    ),
    Link(_("Facturation"), "billing:charge_list"),
]


def _allowed(request: HttpRequest, link: Link) -> Link | None:
    url = reverse(link.url_name)
    permission = getattr(resolve(url).func, "required_permission", None)
    if permission and not request.user.has_perm(permission, request.territory):
        return None
    namespace = link.url_name.rpartition(":")[0]
    return Link(
        link.label,
        link.url_name,
        url,
        request.resolver_match is not None and request.resolver_match.namespace == namespace,
    )


def menu_for(request: HttpRequest) -> list[Link | Group]:
    if not request.user.is_authenticated or getattr(request, "territory", None) is None:
        return []
    entries: list[Link | Group] = []
    for entry in MENU:
        if isinstance(entry, Group):
            links = [link for link in (_allowed(request, link) for link in entry.links) if link]
            if links:
                entries.append(Group(entry.label, links))
        elif link := _allowed(request, entry):
            entries.append(link)
    return entries
