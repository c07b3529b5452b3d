"""The profile services at their edges: who may post for whom, validity and renewal windows,
stale versions, and the expiry reminder (sent once, in each recipient's language)."""

import io
from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry, MailStatus, OutgoingMail
from innonet.core.outbox import send_due
from innonet.core.versioning import ConflictError
from innonet.matching.models import CooperationProfile, ProfileKind, ProfileStatus, Visibility
from innonet.matching.services import profile_reminders
from innonet.matching.services import profiles as services
from innonet.partners.models.memberships import MembershipStatus
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    UnitFactory,
    UserFactory,
    host_network,
)

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def host():
    return host_network()


def today():
    return timezone.localdate()


def fields(**extra):
    return {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "title": "Bildverarbeitung für die Qualitätskontrolle",
        "summary": "Wir bieten KI-gestützte Prüfung von Oberflächen in der Fertigung an.",
        **extra,
    }


def actions(profile):
    return list(
        AuditEntry.objects.for_object(profile).order_by("id").values_list("action", flat=True)
    )


def working_for(organisation, *, language="de", email="kontakt@beispiel.de", ended_on=None):
    person = PersonFactory(first_name="Jana", last_name="Kontakt", email=email, language=language)
    AffiliationFactory(person=person, organisation=organisation, ended_on=ended_on)
    return person


# -- create ------------------------------------------------------------------------------------


def test_without_a_host_network_profiles_cannot_be_posted(member_user, host):
    host.delete()
    with pytest.raises(DomainError) as error:
        services.profile_create(member_user.organisation, acting_user=member_user, **fields())
    assert error.value.field == "network"


def test_create_records_a_draft_in_the_host_network_for_a_year(member_user, host):
    ris3, competence = Ris3FieldFactory(), CompetenceFactory()
    profile = services.profile_create(
        member_user.organisation,
        acting_user=member_user,
        ris3_fields=[ris3],
        competences=[competence],
        **fields(title="  Bildverarbeitung  "),
    )
    assert profile.status == ProfileStatus.DRAFT
    assert profile.network == host
    assert profile.valid_until == today() + timedelta(days=365)
    assert profile.created_by == member_user
    assert profile.title == "Bildverarbeitung"
    assert profile.version == 1
    assert list(profile.ris3_fields.all()) == [ris3]
    assert list(profile.competences.all()) == [competence]
    assert actions(profile) == ["matching.profile.created"]


def test_members_post_only_for_their_own_organisation(member_user):
    other = OrganisationFactory()
    with pytest.raises(DomainError) as error:
        services.profile_create(other, acting_user=member_user, **fields())
    assert error.value.field == "organisation"
    assert not CooperationProfile.objects.exists()


@pytest.mark.parametrize("role", ["board", "network_manager"])
def test_only_members_and_staff_post_profiles(role):
    user = UserFactory(role=role)
    with pytest.raises(DomainError):
        services.profile_create(OrganisationFactory(), acting_user=user, **fields())
    assert not CooperationProfile.objects.exists()


def test_staff_post_for_any_organisation_in_any_network(staff_user):
    network = NetworkFactory()
    profile = services.profile_create(
        OrganisationFactory(), acting_user=staff_user, network=network, **fields()
    )
    assert profile.network == network


def test_members_post_in_networks_their_organisation_belongs_to(member_user):
    network = NetworkFactory()
    organisation = member_user.organisation
    with pytest.raises(DomainError) as error:
        services.profile_create(organisation, acting_user=member_user, network=network, **fields())
    assert error.value.field == "network"
    MembershipFactory(organisation=organisation, network=network, status=MembershipStatus.ACTIVE)
    profile = services.profile_create(
        organisation, acting_user=member_user, network=network, **fields()
    )
    assert profile.network == network


@pytest.mark.parametrize(
    ("days", "accepted"),
    [(-30, False), (0, False), (1, True), (365, True), (366, False)],
)
def test_validity_runs_beyond_today_and_at_most_a_year(member_user, days, accepted):
    valid_until = today() + timedelta(days=days)
    organisation = member_user.organisation
    if accepted:
        profile = services.profile_create(
            organisation, acting_user=member_user, valid_until=valid_until, **fields()
        )
        assert profile.valid_until == valid_until
        return
    with pytest.raises(DomainError) as error:
        services.profile_create(
            organisation, acting_user=member_user, valid_until=valid_until, **fields()
        )
    assert error.value.field == "valid_until"
    assert not CooperationProfile.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "   "}, "title"),
        ({"summary": ""}, "summary"),
        ({"summary": "x" * 10_000}, "summary"),
        ({"description": "x" * 20_001}, "description"),
        ({"kind": "made_up"}, "kind"),
        ({"visibility": "everybody"}, "visibility"),
    ],
)
def test_bad_values_are_refused_without_writing(member_user, values, field):
    with pytest.raises(DomainError) as error:
        services.profile_create(
            member_user.organisation, acting_user=member_user, **fields(**values)
        )
    assert error.value.field == field
    assert not CooperationProfile.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="matching.profile").exists()


def test_unit_must_belong_to_the_organisation(member_user):
    foreign = UnitFactory(organisation=OrganisationFactory(), name="Fremdes Institut")
    with pytest.raises(DomainError) as error:
        services.profile_create(
            member_user.organisation, acting_user=member_user, unit=foreign, **fields()
        )
    assert error.value.field == "unit"
    own = UnitFactory(organisation=member_user.organisation, name="Labor")
    profile = services.profile_create(
        member_user.organisation, acting_user=member_user, unit=own, **fields()
    )
    assert profile.unit == own


def test_contact_must_currently_work_for_the_organisation(member_user):
    organisation = member_user.organisation
    stranger = working_for(OrganisationFactory(), email="fremd@beispiel.de")
    former = working_for(
        organisation, email="ehemalig@beispiel.de", ended_on=today() - timedelta(days=1)
    )
    erased = working_for(organisation, email="weg@beispiel.de")
    erased.erased_at = timezone.now()
    erased.save()
    for person in (stranger, former, erased):
        with pytest.raises(DomainError) as error:
            services.profile_create(
                organisation, acting_user=member_user, contact=person, **fields()
            )
        assert error.value.field == "contact"
    current = working_for(organisation)
    profile = services.profile_create(
        organisation, acting_user=member_user, contact=current, **fields()
    )
    assert profile.contact == current


def test_fields_the_services_own_cannot_be_set(member_user):
    for name, value in (("status", ProfileStatus.PUBLISHED), ("version", 7), ("created_by", None)):
        with pytest.raises(TypeError):
            services.profile_create(
                member_user.organisation, acting_user=member_user, **{name: value}, **fields()
            )
    assert not CooperationProfile.objects.exists()


# -- update ------------------------------------------------------------------------------------


def test_update_with_the_current_version_saves_and_records(member_user):
    profile = ProfileFactory(organisation=member_user.organisation)
    updated = services.profile_update(
        profile, version=1, acting_user=member_user, title="Neuer Titel", keywords=profile.keywords
    )
    assert (updated.title, updated.version) == ("Neuer Titel", 2)
    entry = AuditEntry.objects.for_object(profile).get(action="matching.profile.updated")
    assert entry.data == {"fields": ["title"]}


def test_a_stale_version_is_refused_with_the_current_record(member_user, staff_user):
    profile = ProfileFactory(organisation=member_user.organisation, title="Erster Stand")
    services.profile_update(profile, version=1, acting_user=staff_user, title="Vom Büro")
    with pytest.raises(ConflictError) as error:
        services.profile_update(profile, version=1, acting_user=member_user, title="Vom Mitglied")
    assert error.value.current.title == "Vom Büro"
    assert error.value.current.version == 2
    profile.refresh_from_db()
    assert (profile.title, profile.version) == ("Vom Büro", 2)


def test_an_expired_profile_can_be_corrected_without_moving_its_date(member_user):
    profile = ProfileFactory(
        organisation=member_user.organisation, valid_until=today() - timedelta(days=3)
    )
    services.profile_update(
        profile, version=None, acting_user=member_user, title="Tippfehler behoben"
    )
    with pytest.raises(DomainError):
        services.profile_update(profile, version=None, acting_user=member_user, valid_until=today())
    profile.refresh_from_db()
    assert profile.title == "Tippfehler behoben"
    assert profile.valid_until == today() - timedelta(days=3)


def test_members_edit_a_profile_the_office_placed_in_another_network(member_user, staff_user):
    network = NetworkFactory()
    profile = services.profile_create(
        member_user.organisation, acting_user=staff_user, network=network, **fields()
    )
    updated = services.profile_update(
        profile, version=1, acting_user=member_user, title="Vom Mitglied geschärft"
    )
    assert (updated.network, updated.title) == (network, "Vom Mitglied geschärft")
    with pytest.raises(DomainError):
        services.profile_update(
            updated, version=2, acting_user=member_user, network=NetworkFactory()
        )


def test_update_refuses_a_unit_of_another_organisation(member_user):
    profile = ProfileFactory(organisation=member_user.organisation)
    foreign = UnitFactory(organisation=OrganisationFactory(), name="Fremdes Institut")
    with pytest.raises(DomainError):
        services.profile_update(profile, version=1, acting_user=member_user, unit=foreign)
    profile.refresh_from_db()
    assert (profile.unit, profile.version) == (None, 1)


# -- publish, withdraw -------------------------------------------------------------------------


def test_publish_and_withdraw(member_user):
    profile = ProfileFactory(organisation=member_user.organisation, status=ProfileStatus.DRAFT)
    published = services.profile_publish(profile, acting_user=member_user)
    assert published.status == ProfileStatus.PUBLISHED
    assert published.published_at is not None
    with pytest.raises(DomainError):
        services.profile_publish(published, acting_user=member_user)
    withdrawn = services.profile_withdraw(published, acting_user=member_user)
    assert withdrawn.status == ProfileStatus.WITHDRAWN
    with pytest.raises(DomainError):
        services.profile_withdraw(withdrawn, acting_user=member_user)
    assert services.profile_publish(withdrawn, acting_user=member_user).is_active
    assert actions(profile) == [
        "matching.profile.published",
        "matching.profile.withdrawn",
        "matching.profile.published",
    ]


def test_an_expired_profile_is_renewed_before_it_is_published(member_user):
    profile = ProfileFactory(
        organisation=member_user.organisation,
        status=ProfileStatus.DRAFT,
        valid_until=today() - timedelta(days=1),
    )
    with pytest.raises(DomainError):
        services.profile_publish(profile, acting_user=member_user)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.DRAFT


def test_status_changes_check_the_version(member_user):
    profile = ProfileFactory(organisation=member_user.organisation)
    with pytest.raises(ConflictError):
        services.profile_withdraw(profile, acting_user=member_user, version=5)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED


# -- renew -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "renewable"),
    [(61, False), (60, True), (0, True), (-200, True)],
)
def test_renewal_window(member_user, days, renewable):
    profile = ProfileFactory(
        organisation=member_user.organisation, valid_until=today() + timedelta(days=days)
    )
    if not renewable:
        with pytest.raises(DomainError):
            services.profile_renew(profile, acting_user=member_user)
        profile.refresh_from_db()
        assert profile.renewed_at is None
        return
    renewed = services.profile_renew(profile, acting_user=member_user, version=1)
    assert renewed.valid_until == today() + timedelta(days=services.PROFILE_VALIDITY_DAYS)
    assert renewed.renewed_at is not None
    assert renewed.version == 2
    entry = AuditEntry.objects.for_object(profile).get(action="matching.profile.renewed")
    assert entry.data["to"] == renewed.valid_until.isoformat()


def test_expiring_profiles():
    def profile(days, **extra):
        return ProfileFactory(valid_until=today() + timedelta(days=days), **extra)

    inside = [profile(0), profile(14)]
    profile(15)
    profile(-1)
    profile(5, status=ProfileStatus.DRAFT)
    profile(5, status=ProfileStatus.WITHDRAWN)
    assert set(services.expiring_profiles(14)) == set(inside)


# -- reminders ---------------------------------------------------------------------------------


# The reminders are sent by tasks after the commit, so these tests commit for real.
after_commit = pytest.mark.django_db(transaction=True)


def expiring(days=14, **extra):
    creator = UserFactory(role="member", language="en")
    profile = ProfileFactory(
        organisation=creator.organisation,
        created_by=creator,
        valid_until=today() + timedelta(days=days),
        **extra,
    )
    return profile, creator


@after_commit
def test_reminder_goes_to_creator_and_contact_once_in_their_languages():
    profile, creator = expiring(title="Sensorik\r\nBcc: opfer@beispiel.de")
    contact = working_for(profile.organisation, language="de")
    profile.contact = contact
    profile.save()
    output = io.StringIO()
    call_command("profile_reminders", stdout=output)
    assert output.getvalue().split()[0] == "2"
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {creator.email, contact.email}
    english, german = by_address[creator.email], by_address[contact.email]
    assert english.subject.startswith("Your cooperation profile")
    assert "expires in 14 days" in english.body
    assert "Valid until" in english.body
    assert "/kooperation/" in english.body
    for message in (english, german):
        assert "\r" not in message.subject and "\n" not in message.subject
        assert message.bcc == []
    call_command("profile_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert actions(profile) == ["matching.profile.reminded"]


@after_commit
def test_a_new_validity_date_gets_its_own_reminder():
    profile, _creator = expiring(days=10)
    assert profile_reminders.profile_reminders_send() == 1
    profile.valid_until = today() + timedelta(days=12)
    profile.save()
    assert profile_reminders.profile_reminders_send() == 1
    assert profile_reminders.profile_reminders_send() == 0
    assert len(mail.outbox) == 2


@after_commit
def test_only_published_profiles_ending_within_two_weeks_are_reminded():
    expiring(days=15)
    expiring(days=3, status=ProfileStatus.DRAFT)
    expiring(days=-1)
    assert profile_reminders.profile_reminders_send() == 0
    assert mail.outbox == []


@after_commit
def test_erased_contacts_and_inactive_creators_get_no_mail():
    profile, creator = expiring()
    creator.is_active = False
    creator.save()
    contact = working_for(profile.organisation)
    profile.contact = contact
    profile.save()
    contact.erased_at = timezone.now()
    contact.save()
    assert profile_reminders.profile_reminders_send() == 0
    assert mail.outbox == []


@after_commit
def test_one_mail_when_creator_and_contact_share_an_address():
    profile, creator = expiring()
    profile.contact = working_for(profile.organisation, email=creator.email.upper())
    profile.save()
    assert profile_reminders.profile_reminders_send() == 1
    assert len(mail.outbox) == 1


@after_commit
def test_a_failed_send_waits_in_the_outbox_and_is_never_sent_twice(monkeypatch):
    profile, creator = expiring()
    send = EmailBackend.send_messages
    attempts = []

    def fail_once(self, messages):
        attempts.append(messages)
        if len(attempts) == 1:
            raise SMTPException("451 try again later")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", fail_once)
    assert profile_reminders.profile_reminders_send() == 1
    assert mail.outbox == []
    [waiting] = OutgoingMail.objects.filter(status=MailStatus.QUEUED)
    assert "451" in waiting.last_error
    OutgoingMail.objects.update(not_before=timezone.now())  # its time has come
    assert send_due().sent == 1
    assert len(attempts) == 2
    assert [message.to for message in mail.outbox] == [[creator.email]]
    assert actions(profile) == ["matching.profile.reminded"]
    assert profile_reminders.profile_reminders_send() == 0
    assert len(mail.outbox) == 1


@after_commit
def test_the_mail_goes_out_after_the_commit_never_under_the_profile_lock(monkeypatch):
    expiring()
    send = EmailBackend.send_messages
    in_transaction = []

    def watch(self, messages):
        in_transaction.append(connection.in_atomic_block)
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", watch)
    assert profile_reminders.profile_reminders_send() == 1
    assert in_transaction == [False]


def test_a_profile_renewed_before_the_task_runs_is_not_reminded(
    django_capture_on_commit_callbacks,
):
    profile, _creator = expiring()
    with django_capture_on_commit_callbacks() as planned:
        assert profile_reminders.profile_reminders_send() == 1
    profile.valid_until = today() + timedelta(days=300)
    profile.save()
    for callback in planned:
        callback()
    assert mail.outbox == []


@after_commit
def test_reminder_through_a_real_smtp_server(smtp_server):
    profile, creator = expiring(visibility=Visibility.PUBLIC)
    assert profile_reminders.profile_reminders_send() == 1
    [received] = smtp_server.messages
    assert received.recipients == [creator.email]
    assert "expires in 14 days" in received.part("text/plain")
    assert profile.title in received.part("text/html")
