"""Test factories shared by every app's tests (German Faker)."""

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from innonet.accounts.models import Role, User
from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.networks.models import Network
from innonet.partners.models import Organisation

PASSWORD = "korrekt-Pferd-Batterie-42"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Branchennetzwerk {n}")
    slug = factory.Sequence(lambda n: f"netz-{n}")
    kind = Network.Kind.SECTOR


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company", locale="de_DE")
    kind = Organisation.Kind.SME


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@beispiel.de")
    full_name = factory.Faker("name", locale="de_DE")
    role = Role.MEMBER
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.MEMBER),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )
    network = factory.Maybe(
        factory.LazyAttribute(lambda o: o.role == Role.NETWORK_MANAGER),
        yes_declaration=factory.SubFactory(NetworkFactory),
        no_declaration=None,
    )

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def add_totp(user: User) -> str:
    """Give a user a TOTP device; returns the secret so tests can compute codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class Ris3FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ris3Field

    name = factory.Sequence(lambda n: f"Testfeld {n}")
    slug = factory.Sequence(lambda n: f"testfeld-{n}")


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    name = factory.Sequence(lambda n: f"Testkompetenz {n}")
    slug = factory.Sequence(lambda n: f"testkompetenz-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"Testkreis {n}")
    slug = factory.Sequence(lambda n: f"testkreis-{n}")
    state = "Niedersachsen"


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "DE"
    name = "Deutschland"
    name_en = "Germany"
