"""Test factories shared by every app's tests (German Faker)."""

from datetime import timedelta

import factory
import faker
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from innonet.accounts.models import Role, User
from innonet.core.models import (
    AccessKind,
    Competence,
    Country,
    District,
    LegalPage,
    OutgoingMail,
    PersonalDataAccess,
    Ris3Field,
    SuppressedAddress,
)
from innonet.core.outbox import message_id_for
from innonet.events.models import (
    CalendarFeedKey,
    Event,
    EventStatus,
    EventTask,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
)
from innonet.networks.models import Network
from innonet.partners.models import (
    Affiliation,
    Consent,
    ContactRequest,
    ImportJob,
    Interaction,
    InternationalActivity,
    Membership,
    MembershipStatusChange,
    Organisation,
    Person,
    Unit,
)

PASSWORD = "korrekt-Pferd-Batterie-42"
_fake = faker.Faker("de_DE")
drawn_names: set[str] = set()  # cleared before every test (conftest)


def unique_company() -> str:
    """A German company name not yet used in this test (Faker repeats names now and then)."""
    name = _fake.company()
    while name in drawn_names:
        name = _fake.company()
    drawn_names.add(name)
    return name


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Branchennetzwerk {n}")
    slug = factory.Sequence(lambda n: f"netz-{n}")
    kind = Network.Kind.SECTOR


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.LazyFunction(unique_company)
    kind = Organisation.Kind.SME


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.Sequence(lambda n: f"kontakt{n}@beispiel.de")


class InteractionFactory(factory.django.DjangoModelFactory):
    """A call of the office with an organisation."""

    class Meta:
        model = Interaction

    kind = Interaction.Kind.CALL
    happened_on = factory.LazyFunction(timezone.localdate)
    organisation = factory.SubFactory(OrganisationFactory)
    topic = "Förderberatung"


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


def host_network() -> Network:
    network, _created = Network.objects.get_or_create(
        kind=Network.Kind.HOST, defaults={"name": "IT-Netzwerk Osnabrück", "slug": "it-os"}
    )
    return network


class FormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Format

    network = factory.LazyFunction(host_network)
    name = factory.Sequence(lambda n: f"IT-Frühstück {n}")
    goal = "Unternehmen und Hochschulen ins Gespräch bringen"
    duration_minutes = 120
    capacity = 30
    is_shared = True


class EventFactory(factory.django.DjangoModelFactory):
    """A published public event a week ahead, with 10 places and a waiting list."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Expertengespräch Agrarsensorik {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    venue = "Wissenschaftspark Osnabrück"
    organiser = factory.LazyFunction(host_network)
    status = EventStatus.PUBLISHED
    capacity = 10
    consent_text = "Ich bin mit der Speicherung meiner Angaben einverstanden."


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration from the public form."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.Sequence(lambda n: f"gast{n}@beispiel.de")
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    registration = factory.SubFactory(RegistrationFactory)
    rating = 4
    comment = "Gute Vorträge, gern wieder."


# The registry's parts. Factories set only what a row needs; tests pass what they care about.


class UnitFactory(factory.django.DjangoModelFactory):
    """A research group of an organisation."""

    class Meta:
        model = Unit
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    """A person's role at an organisation (as a whole, no unit)."""

    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    """A granted consent entry of the person's log."""

    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = "newsletter"
    granted = True
    source = "Formular"
    text_version = "2026-01"


class MembershipFactory(factory.django.DjangoModelFactory):
    """An organisation in a network; its status history is written separately."""

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    network = factory.LazyFunction(host_network)


class MembershipStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipStatusChange

    membership = factory.SubFactory(MembershipFactory)
    status = "active"
    valid_from = factory.LazyFunction(timezone.localdate)


class ImportJobFactory(factory.django.DjangoModelFactory):
    """An uploaded organisation list waiting for its column mapping."""

    class Meta:
        model = ImportJob

    kind = ImportJob.Kind.ORGANISATIONS
    filename = "partner.csv"
    file_format = "csv"


class EventTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventTask

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Raum buchen {n}")


class CalendarFeedKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeedKey

    user = factory.SubFactory(UserFactory)


class ContactRequestFactory(factory.django.DjangoModelFactory):
    """A member's open request, from the directory, to be put in touch with an organisation."""

    class Meta:
        model = ContactRequest

    organisation = factory.SubFactory(OrganisationFactory)
    requesting_organisation = factory.SubFactory(OrganisationFactory)
    message = "Wir würden gern über einen gemeinsamen Feldversuch sprechen."


class LegalPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalPage
        django_get_or_create = ("kind",)

    kind = LegalPage.Kind.IMPRINT
    body = "# Impressum\n\nIT-Netzwerk Osnabrück e.V., Musterstraße 1, 49074 Osnabrück"


class OutgoingMailFactory(factory.django.DjangoModelFactory):
    """One stored outgoing mail, waiting to be sent."""

    class Meta:
        model = OutgoingMail

    key = factory.Sequence(lambda n: f"test.mail:{n}")
    category = "test.mail"
    to_address = factory.Sequence(lambda n: f"empfaenger{n}@beispiel.de")
    from_address = "innonet <noreply@localhost>"
    subject = factory.Sequence(lambda n: f"Mitteilung {n}")
    body_text = "Guten Tag,\n\nim Anhang finden Sie nichts.\n"
    message_id = factory.LazyAttribute(lambda mail: message_id_for(mail.key))


class SuppressedAddressFactory(factory.django.DjangoModelFactory):
    """An address that refused mail for good."""

    class Meta:
        model = SuppressedAddress

    address = factory.Sequence(lambda n: f"unzustellbar{n}@beispiel.de")
    reason = "550 5.1.1 Mailbox unknown"


class PersonalDataAccessFactory(factory.django.DjangoModelFactory):
    """One user having opened one person's page."""

    class Meta:
        model = PersonalDataAccess

    actor = factory.SubFactory(UserFactory)
    actor_label = factory.LazyAttribute(lambda access: str(access.actor))
    kind = AccessKind.VIEWED
    subject_type = "partners.person"
    subject_id = factory.LazyFunction(lambda: PersonFactory().pk)
    source = "partners:person_detail"


class InternationalActivityFactory(factory.django.DjangoModelFactory):
    """An international contact on a day last month (add its countries after creating)."""

    class Meta:
        model = InternationalActivity

    kind = InternationalActivity.Kind.CONTACT
    happened_on = factory.LazyFunction(lambda: (timezone.now() - timedelta(days=30)).date())
    topic = "Gespräch mit dem Cluster Agro-Tech Flandern"
