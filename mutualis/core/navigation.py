"""The main menu: each entry is a URL name, shown only to those its view's permission lets in,
so that nobody is offered a page that would answer 403; and the breadcrumbs, derived from it:
Accueil › menu group › menu entry › the page's title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import ResolverMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass
class Link:
    label: Promise
    url_name: str
    # What one does there, for the help page.
    hint: Promise | str = ""
    # The pages of its URL namespace are its own (breadcrumbs, current entry); False for a page
    # whose namespace holds others (the portal's).
    owns_namespace: bool = True
    url: str = ""
    current: bool = False

    def is_current(self, match: ResolverMatch | None) -> bool:
        if match is None:
            return False
        namespace = self.url_name.rpartition(":")[0]
        return match.view_name == self.url_name or (self.owns_namespace and match.namespace == namespace)


@dataclass
class Group:
    label: Promise
    links: list[Link] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


HOME = "portal:home"

MENU: list[Link | Group] = [
    Link(
        _("Organisations"),
        "territory:organisation_list",
        _("Les communes et organisations du territoire, leurs membres et leur historique."),
    ),
    Link(
        _("Conventions"),
        "agreements:convention_list",
        _("Les conventions de mutualisation, leur signature et leur PDF."),
    ),
    Link(
        _("Adhésions"),
        "agreements:adhesions:list",
        _("Les services auxquels chaque organisation adhère, depuis quand, et les retraits."),
    ),
    Group(
        _("Services"),
        [
            Link(
                _("Matériel partagé"),
                "equipment:catalogue",
                _("Emprunter du matériel, accepter ou refuser les demandes reçues, suivre les prêts."),
            ),
            Link(
                _("Remplacement"),
                "replacement:request_list",
                _("Demander un agent de remplacement, valider les heures, suivre les missions."),
            ),
            Link(
                _("Club Acheteurs"),
                "purchasing:programme",
                _("Le programme des achats groupés, les recensements de besoins et les marchés attribués."),
            ),
            Link(
                _("Cellule d'expertise"),
                "helpdesk:request_list",
                _("Poser une question juridique ou technique et suivre la réponse."),
            ),
            Link(
                _("Équipements sportifs"),
                "facilities:facility_list",
                _("Les équipements sportifs, leurs contrôles à faire et leur registre."),
            ),
            Link(
                _("Logiciels et RGPD"),
                "digital:catalogue",
                _("Les logiciels partagés et le registre RGPD de l'organisation."),
            ),
            Link(
                _("Services communs"),
                "commonservices:service_list",
                _("Le catalogue des services communs, l'adhésion par convention, le coût unitaire et les relevés."),
            ),
            Link(
                _("Réseau et formations"),
                "network:directory",
                _("L'annuaire des agents, les réunions, les actualités, les documents et les formations mutualisées."),
            ),
            Link(
                _("Fonds de concours"),
                "grants:application_list",
                _("Demander une participation de l'agglomération à un projet d'investissement et suivre le dossier."),
            ),
            Link(
                _("Ateliers numériques"),
                "workshops:session_list",
                _("Les ateliers numériques pour les habitants : programme, inscriptions, présences et statistiques."),
            ),
        ],
    ),
    Group(
        _("Pilotage"),
        [
            Link(
                _("Chiffres du territoire"),
                "portal:figures",
                _("Les indicateurs de chaque service sur l'année."),
                owns_namespace=False,
            ),
            Link(
                _("Schéma de mutualisation"),
                "steering:scheme_list",
                _("Le schéma, ses actions, leurs jalons et le bilan annuel en PDF."),
            ),
            Link(
                _("Questionnaires"),
                "surveys:survey_list",
                _("Les questionnaires envoyés aux communes et leurs réponses."),
            ),
        ],
    ),
    Link(
        _("Facturation"),
        "billing:charge_list",
        _("Ce que chaque organisation doit pour les services, et ses relevés mensuels."),
    ),
]


@dataclass
class Crumb:
    label: Promise | str
    url: str = ""


def _allowed(link: Link, may: Callable[[str], bool]) -> Link | None:
    url = reverse(link.url_name)
    permission = getattr(resolve(url).func, "required_permission", None)
    if permission and not may(permission):
        return None
    return replace(link, url=url, label=str(link.label), hint=str(link.hint))


def menu_of(may: Callable[[str], bool]) -> list[Link | Group]:
    """The menu of someone holding the permissions `may` grants, no entry current, its labels in
    the current language (plain strings: a cached copy must not unpickle lazy translations)."""
    entries: list[Link | Group] = []
    for entry in MENU:
        if isinstance(entry, Group):
            links = [link for link in (_allowed(link, may) for link in entry.links) if link]
            if links:
                entries.append(Group(str(entry.label), links))
        elif link := _allowed(entry, may):
            entries.append(link)
    return entries


def with_current(menu: list[Link | Group], match: ResolverMatch | None) -> list[Link | Group]:
    """The same menu with the entry of the page `match` current."""

    def mark(link: Link) -> Link:
        return replace(link, current=link.is_current(match))

    return [Group(entry.label, [mark(link) for link in entry.links]) if isinstance(entry, Group) else mark(entry)
            for entry in menu]  # fmt: skip


def menu_for(request: HttpRequest) -> list[Link | Group]:
    """The menu of the person's membership, computed once per language until their seats change
    (the rights of the menu's pages follow the membership alone: MembershipMiddleware's key)."""
    if not request.user.is_authenticated or getattr(request, "territory", None) is None:
        return []
    key = f"{request.seats_key}:menu:{get_language()}"
    menu = cache.get(key)
    if menu is None:
        menu = menu_of(lambda permission: request.user.has_perm(permission, request.territory))
        cache.set(key, menu, 24 * 3600)
    return with_current(menu, request.resolver_match)


def breadcrumbs_for(request: HttpRequest, menu: list[Link | Group]) -> list[Crumb]:
    """The way down to the page from the home, the page's own title left to the template; nothing
    on the home itself or before login. A menu entry's own page ends with that entry."""
    match = request.resolver_match
    if not request.user.is_authenticated or (match is not None and match.view_name == HOME):
        return []
    crumbs = [Crumb(_("Accueil"), reverse(HOME))]
    for entry in menu:
        for link in entry.links if isinstance(entry, Group) else [entry]:
            if link.current:
                if isinstance(entry, Group):
                    crumbs.append(Crumb(entry.label))
                crumbs.append(Crumb(link.label, "" if link.url == request.path else link.url))
                return crumbs
    return crumbs
