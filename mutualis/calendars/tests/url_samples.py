from mutualis.calendars.models import FeedToken
from mutualis.calendars.services import feed_token_create


def url_samples(base: dict) -> dict:
    return {FeedToken: feed_token_create(user=base["bob"], kind="equipment.loans", organisation=base["commune_a"])}
