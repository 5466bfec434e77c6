from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mutualis.calendars import feeds
from mutualis.calendars.ical import calendar_document
from mutualis.calendars.models import FeedToken
from mutualis.calendars.services import feed_token_create, feed_token_revoke
from mutualis.core.forms import post_only
from mutualis.territory.access import requires

# The events a feed carries, around today.
PAST = timedelta(days=90)
AHEAD = timedelta(days=400)


@dataclass(frozen=True)
class Offer:
    feed: feeds.Feed
    link: FeedToken | None

    @property
    def url(self) -> str:
        return settings.SITE_URL.rstrip("/") + reverse("calendars:feed", kwargs={"token": self.link.token})

    @property
    def webcal_url(self) -> str:
        return "webcal" + self.url[self.url.index(":") :]


@requires("calendars.view_feeds")
def feed_list(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    links = {
        (link.kind, link.organisation_id): link
        for link in FeedToken.objects.visible_to(request.user).active().with_list_data()
    }
    offers = [
        Offer(feed, links.get((feed.kind, organisation.pk if feed.owner == feeds.Owner.ORGANISATION else None)))
        for feed in feeds.offered(request.user, organisation)
    ]
    return render(request, "calendars/feed_list.html", {"offers": offers, "organisation": organisation})


@requires("calendars.view_feeds")
@post_only
def feed_create(request: HttpRequest) -> HttpResponse:
    try:
        feed_token_create(
            user=request.user, kind=request.POST.get("kind", ""), organisation=request.membership.organisation
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le lien est prêt : ajoutez-le à votre agenda."))
    return redirect("calendars:list")


@requires("calendars.revoke_feed", model=FeedToken)
@post_only
def feed_revoke(request: HttpRequest, feedtoken: FeedToken) -> HttpResponse:
    try:
        feed_token_revoke(feed_token=feedtoken)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le lien est révoqué : les agendas qui l'utilisaient ne le liront plus."))
    return redirect("calendars:list")


@never_cache
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the token is the credential. A revoked link, or one whose person lost the right, is gone."""
    link = FeedToken.objects.select_related("user", "organisation").filter(token=token).first()
    if link is None:
        raise Http404
    feed_ = link.feed
    if link.is_revoked or feed_ is None or not feed_.allows(link.user, link.subject):
        return HttpResponse(status=410)
    today = timezone.localdate()
    name = f"{feed_.label} – {link.organisation}" if link.organisation_id else str(feed_.label)
    body = calendar_document(name, feed_.events(link.subject, today - PAST, today + AHEAD))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mutualis.ics"'
    return response
