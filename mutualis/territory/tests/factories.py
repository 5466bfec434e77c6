import factory

from mutualis.accounts.models import User
from mutualis.territory.models import Membership, Organisation, OrganisationKind, Role, Sector, Territory, luhn_valid


def with_luhn_key(prefix: str) -> str:
    """The prefix followed by the digit that gives the number a valid SIREN/SIRET key."""
    return next(prefix + digit for digit in "0123456789" if luhn_valid(prefix + digit))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password("correct horse battery")


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Communauté de communes {n}")
    short_name = factory.Sequence(lambda n: f"CC {n}")
    siren = factory.Sequence(lambda n: with_luhn_key(f"{20000000 + n:08d}"))


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Secteur {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    territory = factory.SubFactory(TerritoryFactory)
    kind = OrganisationKind.COMMUNE
    name = factory.Sequence(lambda n: f"Commune {n}")
    insee_code = factory.Sequence(lambda n: f"{90000 + n:05d}")  # clear of the personas' real codes
    siren = factory.Sequence(lambda n: with_luhn_key(f"{21390000 + n:08d}"))
    postal_code = "39100"
    population = 500


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SECRETARY


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "territory.Decision"

    territory = factory.SubFactory(TerritoryFactory)
    body = "bureau"
    decided_on = factory.Faker("date_this_year")
    subject = "Retrait d'une commune"
    outcome = "accepted"
