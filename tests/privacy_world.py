"""One person with personal data in every app, linked by foreign key or only by name, e-mail
address or phone number: the ground for the walk over the register and the regression tests of
export and erasure (RELIABILITY items 37 and 41)."""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import models
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from innonet.accounts import services as account_services
from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.models import AccessKind, AuditEntry, PersonalDataAccess, SuppressedAddress
from innonet.core.outbox import queue_mail
from innonet.core.request_context import client_ip_var
from innonet.core.rest.models import IdempotencyKey
from innonet.events.models import CalendarFeedKey, Registration
from innonet.matching.models import ProfileResponse
from innonet.partners.models import Affiliation, Consent, Interaction, Organisation, Person
from tests.factories import (
    EventFactory,
    FeedbackFactory,
    InteractionFactory,
    InternationalActivityFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.matching.factories import (
    InterestRequestFactory,
    IntroductionFactory,
    OutcomeFactory,
    ProfileFactory,
    SuggestionFactory,
)
from tests.projects.factories import (
    DeadlineReminderFactory,
    DocumentFactory,
    NoteFactory,
    ProjectFactory,
    StageChangeFactory,
    TaskFactory,
)

FIRST, LAST = "Jördis", "Quappenbrück"
NAME = f"{FIRST} {LAST}"
EMAIL = "jq@hasetal-labor.de"
FORMER_EMAIL = "jq@alte-muehle-labor.de"  # only in the person's field history
PRIVATE_EMAIL = "joerdis.q@privat-post.de"  # only on a registration linked to the person
PHONE = "+49 541 9876-543"
ADDRESS = "203.0.113.77"
# Every spelling of the person that must be gone after erasure: umlauts spelled out or
# stripped (search texts), JSON escapes (only the ASCII part "quappenbr" survives those).
NEEDLES = (FIRST, "Joerdis", "Jordis", "quappenbr", EMAIL, FORMER_EMAIL, PRIVATE_EMAIL)
NEEDLES += ("9876-543", "9876543")
OUR_APPS = ("core", "accounts", "networks", "partners", "events", "matching", "projects", "api")


@dataclass
class World:
    """The person, their account, and for every registered field a record holding a value."""

    person: Person
    user: User
    staff: User
    organisation: Organisation
    planted: dict[str, models.Model] = field(default_factory=dict)
    extra: dict[str, models.Model] = field(default_factory=dict)

    def plant(self, record: models.Model, *names: str) -> None:
        label = f"{record._meta.app_label}.{type(record).__name__}"
        for name in names:
            self.planted[f"{label}.{name}"] = record


def build_world(staff: User) -> World:
    """The person as the office, events, matching, projects and the API met them."""
    organisation = OrganisationFactory()
    person = PersonFactory(
        title="Dr.", first_name=FIRST, last_name=LAST, email=FORMER_EMAIL, phone=PHONE
    )
    person.email, person.language = EMAIL, "en"
    person.save()  # the former address stays in the field history
    user = UserFactory(full_name=NAME, email=EMAIL, language="en", organisation=organisation)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    user.refresh_from_db()
    world = World(person=person, user=user, staff=staff, organisation=organisation)
    world.plant(person, "title", "first_name", "last_name", "email", "phone", "language")
    world.plant(user, "email", "full_name", "language", "last_login")
    builders = (_registry, _events, _matching, _projects, _content, _newsletter, _technical, _audit)
    for builder in builders:
        builder(world)
    return world


def _registry(world: World) -> None:
    person, organisation = world.person, world.organisation
    role = Affiliation.objects.create(
        person=person, organisation=organisation, position="Leiterin Sensorlabor"
    )
    sole_trader = OrganisationFactory(email=EMAIL, phone=PHONE, description=f"Inhaberin {NAME}")
    consent = Consent.objects.create(
        person=person,
        purpose="newsletter",
        granted=True,
        source=f"Telefonat mit {NAME}, {PHONE}",
        text_version="Fassung 2026-07",
    )
    own = InteractionFactory(
        organisation=organisation,
        person=person,
        topic=f"Rückruf {NAME}",
        notes=f"Erreichbar unter {PHONE} oder {EMAIL}",
    )
    other = InteractionFactory(
        organisation=organisation, notes=f"Frau {LAST} empfiehlt den Kontakt, Tel. 0541/9876543"
    )
    world.plant(role, "position")
    world.plant(sole_trader, "email", "phone")
    world.plant(consent, "purpose", "granted", "recorded_at", "source", "text_version")
    world.plant(own, "topic", "notes")
    abroad = InternationalActivityFactory(notes=f"Delegation aus Gent, begleitet von {NAME}")
    world.plant(abroad, "notes")
    world.extra |= {"interaction": own, "other_interaction": other, "sole_trader": sole_trader}


def _events(world: World) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    linked = RegistrationFactory(
        person=world.person,
        first_name=FIRST,
        last_name=LAST,
        email=PRIVATE_EMAIL,
        phone=PHONE,
        position="Laborleiterin",
        organisation_name="Hasetal Labor",
        dietary_requirements="vegetarisch, keine Nüsse",
        remarks=f"Bitte Rückruf unter {PHONE}",
        language="en",
        consent_version="event-7-3f2a9c",
        consented_at=yesterday,
        attended_at=timezone.now(),
    )
    feedback = FeedbackFactory(registration=linked, comment=f"Sehr gut. {NAME}")
    unlinked = RegistrationFactory(first_name=FIRST, last_name=LAST, email=EMAIL, remarks="")
    colleague = RegistrationFactory(event=unlinked.event, remarks=f"Komme mit Frau {LAST}")
    talk = EventFactory(speakers=f"Dr. {NAME} (Hasetal Labor)\nProf. Anna Beispiel")
    CalendarFeedKey.objects.create(user=world.user)
    world.plant(linked, *_registered("events.Registration"))
    world.plant(feedback, "comment")
    world.plant(talk, "speakers")
    world.extra |= {"registration": linked, "unlinked": unlinked, "colleague": colleague}


def _matching(world: World) -> None:
    person, organisation = world.person, world.organisation
    profile = ProfileFactory(
        organisation=organisation,
        contact=person,
        description=f"Ansprechpartnerin: Dr. {LAST}, {EMAIL}",
    )
    introduction = IntroductionFactory(
        first_organisation=organisation,
        first_person=person,
        topic=f"{NAME} trifft den Agrarhof",
        message=f"Bitte melden unter {PHONE}",
    )
    answered = IntroductionFactory(second_person=person, topic="Sensorik im Stall")
    outcome = OutcomeFactory(introduction=introduction, note=f"Frau {LAST} meldet sich")
    idea = SuggestionFactory(query_text=f"Partner für {NAME} gesucht")
    answer = ProfileResponse.objects.create(
        profile=ProfileFactory(visibility="public"),
        name=NAME,
        email=EMAIL.upper(),  # an address typed differently is still found
        organisation_name=f"Labor {LAST}",
        message=f"Bitte rufen Sie mich an: {PHONE}",
        consent_version="profil-antwort-test",
        consented_at=timezone.now(),
    )
    world.plant(answer, "name", "email", "organisation_name", "message", "consent_version",
                "consented_at")  # fmt: skip
    request = InterestRequestFactory(
        organisation=organisation,
        person=person,
        message=f"Rückruf an {NAME}: {PHONE}",
        note=f"Frau {LAST} ist schon im Gespräch",
        status="closed",
    )
    world.plant(profile, "contact")
    world.plant(introduction, "first_person", "topic", "message")
    world.plant(answered, "second_person")
    world.plant(outcome, "note")
    world.plant(idea, "query_text")
    world.plant(request, "person", "message", "note")
    world.extra["profile"] = profile


def _projects(world: World) -> None:
    user = world.user
    project = ProjectFactory(owner=user, goals=f"Pilot mit {NAME}")
    note = NoteFactory(project=project, author=user, text=f"Gespräch mit {NAME} am Montag")
    task = TaskFactory(project=project, assignee=user, title=f"Angebot an Frau {LAST} schicken")
    document = DocumentFactory(
        project=project, uploaded_by=user, original_name="Lebenslauf_Joerdis_Quappenbrueck.pdf"
    )
    move = StageChangeFactory(project=project, changed_by=user, reason=f"Freigabe durch {NAME}")
    reminder = DeadlineReminderFactory(recipient=user)
    world.plant(project, "owner")
    world.plant(note, "author", "text")
    world.plant(task, "assignee")
    world.plant(document, "file", "original_name", "uploaded_by")
    world.plant(move, "changed_by", "reason")
    world.plant(reminder, "recipient")
    world.extra["project"] = project


def _content(world: World) -> None:
    """A news item and a knowledge article the person's account wrote."""
    from tests.content.publication_factories import KnowledgeArticleFactory, NewsFactory

    world.plant(NewsFactory(author=world.user), "author")
    world.plant(KnowledgeArticleFactory(author=world.user), "author")


def _technical(world: World) -> None:
    """Sign-in addresses, an API token, a stored API answer, a failed mail job."""
    EmailAddress.objects.create(user=world.user, email=EMAIL, verified=True, primary=True)
    account_services.api_token_create(
        world.user, name="Skript", scope="read", days=30, acting_user=world.user
    )
    answer = IdempotencyKey.objects.create(
        user=world.user,
        key="anmeldung-1",
        method="POST",
        path="/api/registrations/",
        fingerprint="0" * 64,
        status_code=201,
        response_body={"first_name": FIRST, "last_name": LAST, "email": EMAIL},
    )
    DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": [], "kwargs": {"registration_id": 1}},
        task_path="innonet.events.tasks.send_registration_mail",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback=f"SMTPRecipientsRefused: {{'{PRIVATE_EMAIL}': (550, b'unknown')}}",
    )
    world.plant(answer, "response_body")
    [sent] = queue_mail(
        EmailMessage(
            f"Ihre Anmeldung, {NAME}",
            f"Guten Tag {NAME}, wir erreichen Sie unter {PHONE}.",
            to=[f"{NAME} <{PRIVATE_EMAIL.upper()}>"],
        ),
        key=f"events.registration:1:confirm:{PRIVATE_EMAIL}",
        category="events.confirm",
        send=False,
    )
    blocked = SuppressedAddress.objects.create(address=EMAIL, reason=f"550 5.1.1 unknown ({EMAIL})")
    world.plant(sent, "to_address")
    world.plant(blocked, "address")


def _audit(world: World) -> None:
    """What the audit and admin logs said about the person and their records."""
    token = client_ip_var.set(ADDRESS)
    try:
        login = audit.record(world.user, "accounts.login.succeeded", user=world.user)
        audit.record(world.extra["unlinked"], "events.registration.created")
    finally:
        client_ip_var.reset(token)
    about = audit.record(world.person, "partners.person.updated", user=world.staff)
    audit.record(world.extra["interaction"], "partners.interaction.created", user=world.staff)
    LogEntry.objects.create(
        user=world.staff,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(world.person.pk),
        object_repr=str(world.person),
        action_flag=CHANGE,
        change_message="[]",
    )
    world.plant(login, "actor_label", "ip_address")
    world.plant(about, "object_label")
    # The access log: staff opened the person's page; the person's account opened another's.
    seen = PersonalDataAccess.objects.create(
        actor=world.staff, actor_label=str(world.staff), kind=AccessKind.VIEWED,
        subject_type="partners.person", subject_id=world.person.pk, source="partners:person_detail",
    )  # fmt: skip
    own = PersonalDataAccess.objects.create(
        actor=world.user, actor_label=str(world.user), kind=AccessKind.API,
        subject_type="partners.person", subject_id=world.person.pk + 1000, source="api: person",
    )  # fmt: skip
    world.plant(seen, "subject_id")
    world.plant(own, "actor_label")


def _newsletter(world: World) -> None:
    from innonet.content.models import CONSENT_TEXT_VERSION, Subscription, SubscriptionEvent

    subscription = Subscription.objects.create(
        email=EMAIL, name=NAME, language="en", topics=["news"], person=world.person,
        status="active", confirmed_at=timezone.now(),
    )  # fmt: skip
    event = SubscriptionEvent.objects.create(
        subscription=subscription, action="confirmed", source="link",
        text_version=CONSENT_TEXT_VERSION,
    )  # fmt: skip
    world.plant(subscription, *_registered("content.Subscription"))
    world.plant(event, *_registered("content.SubscriptionEvent"))


def _registered(label: str) -> list[str]:
    from innonet.core.privacy import REGISTER

    return [name.rsplit(".", 1)[1] for name in REGISTER if name.startswith(f"{label}.")]


def counts() -> dict[str, int]:
    """Rows per model of our apps, and the event figures that reports count."""
    numbers = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
    }
    registrations = Registration.objects.all()
    numbers["registrations confirmed"] = registrations.confirmed().count()
    numbers["registrations attended"] = registrations.attended().count()
    numbers["interactions with a person"] = Interaction.objects.filter(person__isnull=False).count()
    numbers["audit entries"] = AuditEntry.objects.count()
    return numbers
