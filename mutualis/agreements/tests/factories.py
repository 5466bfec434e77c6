import datetime

import factory

from mutualis.agreements.models import Convention, ConventionParty, Instrument, Status
from mutualis.territory.models import OrganisationKind
from mutualis.territory.tests.factories import OrganisationFactory, TerritoryFactory


class ConventionFactory(factory.django.DjangoModelFactory):
    """A convention with its parties: `parties=[org, (org, "emprunteur"), …]`; by default an EPCI and a commune.

    The `signed` trait gives a signed convention with a (tiny) scan, every party signed on it.
    """

    class Meta:
        model = Convention
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    instrument = Instrument.POOLING_OF_RESOURCES
    title = factory.Sequence(lambda n: f"Convention de prêt de matériel n° {n}")
    object = "Prêt d'une remorque porte-engins"
    start = datetime.date(2025, 3, 1)
    end = datetime.date(2025, 4, 1)
    body = factory.LazyAttribute(lambda c: f"Article 1 – Objet\n\n{c.object}.")

    class Params:
        signed = factory.Trait(
            status=Status.SIGNED,
            signed_on=datetime.date(2025, 2, 20),
            signed_scan=factory.django.FileField(filename="signee.pdf", data=b"%PDF-1.4 signed"),
        )

    @factory.post_generation
    def parties(convention, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [
                (
                    OrganisationFactory(territory=convention.territory, kind=OrganisationKind.EPCI, insee_code=""),
                    "EPCI",
                ),
                (OrganisationFactory(territory=convention.territory), "emprunteur"),
            ]
        for position, party in enumerate(extracted):
            organisation, role = party if isinstance(party, tuple) else (party, "partie")
            signature = (
                {"signed_on": convention.signed_on, "signed_scan": convention.signed_scan.name, "signatory": "Le maire"}
                if convention.signed_on
                else {}
            )
            ConventionParty.objects.create(
                convention=convention, organisation=organisation, role=role, position=position, **signature
            )
