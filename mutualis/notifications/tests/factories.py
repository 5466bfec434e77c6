import factory

from mutualis.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory("mutualis.territory.tests.factories.UserFactory")
    territory = factory.SubFactory("mutualis.territory.tests.factories.TerritoryFactory")
    event = "helpdesk.request_resolved"
    subject = factory.Sequence(lambda n: f"Mutualis – question n° {n} répondue")
    body = "La cellule d'expertise a répondu."
    url = "/expertise/"
