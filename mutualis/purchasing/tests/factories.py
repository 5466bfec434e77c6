from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from mutualis.agreements.models import Adhesion, Instrument
from mutualis.purchasing.models import Article, Consultation, ConsultationStatus, Lot, Need
from mutualis.territory.models import Service
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


class ClubAdhesionFactory(factory.django.DjangoModelFactory):
    """An adhesion to the purchasing club (groupement de commandes) since 2020, without convention."""

    class Meta:
        model = Adhesion

    organisation = factory.SubFactory(OrganisationFactory)
    territory = factory.LazyAttribute(lambda adhesion: adhesion.organisation.territory)
    service = Service.PURCHASING
    instrument = Instrument.JOINT_PURCHASING.value
    start = date(2020, 1, 1)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    territory = factory.SubFactory(TerritoryFactory)
    title = factory.Sequence(lambda n: f"Fournitures administratives {n}")
    domain = "Fournitures administratives"
    cpv_code = "30192000"
    target_launch = factory.LazyFunction(lambda: in_days(60))
    estimated_amount = Decimal("30000.00")

    class Params:
        census = factory.Trait(
            status=ConsultationStatus.CENSUS, census_deadline=factory.LazyFunction(lambda: in_days(20))
        )
        launched = factory.Trait(
            status=ConsultationStatus.LAUNCHED, launched_on=factory.LazyFunction(lambda: in_days(-1))
        )


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    consultation = factory.SubFactory(ConsultationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lot {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    lot = factory.SubFactory(LotFactory)
    name = factory.Sequence(lambda n: f"Ramette A4 n° {n}")
    unit = "ramette"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    article = factory.SubFactory(ArticleFactory)
    consultation = factory.LazyAttribute(lambda need: need.article.lot.consultation)
    organisation = factory.SubFactory(OrganisationFactory)
    quantity = Decimal("100")
    current_unit_price = Decimal("4.2000")


def award_lot(lot: Lot, prices: dict | None = None, **fields):
    """Award a launched lot through the service, every article at 3.50 € unless told."""
    from mutualis.purchasing.services import lot_award

    prices = prices or {article.pk: Decimal("3.5") for article in lot.articles.all()}
    values = {
        "supplier_name": "Papeterie Comtoise",
        "supplier_siret": "55204599900869",
        "procedure": "Procédure adaptée",
        "offers_received": 3,
        "notified_on": in_days(-1),
        "start": in_days(0),
        "end": in_days(365),
        "renewals": 3,
        **fields,
    }
    return lot_award(lot=lot, prices=prices, by=None, **values)
