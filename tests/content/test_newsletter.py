"""The newsletter: segments, members-only items, the composer's pages and rules (one-line
subject, sanitised introduction), the sending task's resume guarantee (each subscription
exactly one outbox row, whatever crashes), the figures, and one send through a real SMTP
server with the one-click headers of RFC 8058."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.content import tasks
from innonet.content.models import (
    Audience,
    ConsentSource,
    Issue,
    IssueStatus,
    SubscriptionStatus,
)
from innonet.content.newsletter import links
from innonet.content.newsletter import outbox as newsletter_outbox
from innonet.content.newsletter.figures import issue_figures
from innonet.content.services import newsletter as services
from innonet.core.errors import DomainError
from innonet.core.models import MailStatus, OutgoingMail, SuppressedAddress
from innonet.core.outbox import send_due
from innonet.partners.models import MembershipStatus, Organisation
from tests.content.newsletter_factories import SubscriptionFactory
from tests.content.publication_factories import NewsFactory
from tests.events.conftest import smtp_server  # noqa: F401 - the fixture
from tests.factories import (
    AffiliationFactory,
    DistrictFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
    host_network,
)
from tests.nasty import SCRIPT_MARKER

pytestmark = pytest.mark.django_db


def news(title, audience=Audience.PUBLIC, **extra):
    return NewsFactory(
        network=host_network(),
        title=title,
        body="Text",
        summary=f"Kurz: {title}",
        audience=audience,
        published_at=timezone.now() - timedelta(days=1),
        **extra,
    )


def contact_of(organisation, email):
    person = PersonFactory(email=email)
    AffiliationFactory(person=person, organisation=organisation)
    return SubscriptionFactory(email=email, person=person)


def send(issue):
    services.issue_schedule(issue, when=None, acting_user=None)
    return tasks.send_issue.call(issue_id=issue.pk)


def rows_of(issue):
    return OutgoingMail.objects.filter(batch=issue.batch)


def test_segments_by_network_kind_district_ris3_and_topic():
    network = NetworkFactory()
    district = DistrictFactory()
    field = Ris3FieldFactory()
    member = OrganisationFactory(kind=Organisation.Kind.SME, district=district)
    member.ris3_fields.add(field)
    MembershipFactory(organisation=member, network=network, status=MembershipStatus.ACTIVE)
    research = OrganisationFactory(kind=Organisation.Kind.UNIVERSITY)
    in_network = contact_of(member, "netz@beispiel.de")
    at_university = contact_of(research, "uni@beispiel.de")
    anonymous = SubscriptionFactory(email="frei@beispiel.de", topics=["events"])
    SubscriptionFactory(email="offen@beispiel.de", status=SubscriptionStatus.PENDING)

    def recipients(**segment):
        issue = services.issue_save(None, subject="Segment", **segment)
        return {s.email for s in services.Subscription.objects.filter(pk__in=_ids(issue))}

    everyone = {in_network.email, at_university.email, anonymous.email}
    assert recipients() == everyone
    assert recipients(network=network) == {in_network.email}
    assert recipients(organisation_kinds=["university"]) == {at_university.email}
    assert recipients(districts=[district]) == {in_network.email}
    assert recipients(ris3_fields=[field]) == {in_network.email}
    assert recipients(topics=["news"]) == {in_network.email, at_university.email}
    assert recipients(topics=["events"]) == everyone


def _ids(issue):
    from innonet.content.newsletter.segments import issue_recipient_ids

    return issue_recipient_ids(issue)


def test_members_only_items_reach_only_members_contacts():
    member = OrganisationFactory()
    MembershipFactory(organisation=member, status=MembershipStatus.ACTIVE)
    former = OrganisationFactory()
    MembershipFactory(organisation=former, status=MembershipStatus.ENDED)
    insider = contact_of(member, "mitglied@beispiel.de")
    outsider = contact_of(former, "ehemalig@beispiel.de")
    anonymous = SubscriptionFactory(email="anonym@beispiel.de")
    public, internal = news("Offene Nachricht"), news("Interne Nachricht", Audience.MEMBERS)
    issue = services.issue_save(None, subject="Mai", items={"news": [public, internal]})
    send(issue)
    bodies = {row.to_address: row.body_text + row.body_html for row in rows_of(issue)}
    assert "Interne Nachricht" in bodies[insider.email]
    for other in (outsider, anonymous):
        assert "Offene Nachricht" in bodies[other.email]
        assert "Interne Nachricht" not in bodies[other.email]


def test_sending_twice_stores_each_subscription_once():
    subscriptions = SubscriptionFactory.create_batch(5)
    issue = services.issue_save(None, subject="Doppelt", introduction="Hallo")
    send(issue)
    tasks.send_issue.call(issue_id=issue.pk)
    services.issue_materialise_chunk(issue.pk, chunk=10)
    assert rows_of(issue).count() == 5
    assert {row.key for row in rows_of(issue)} == {
        f"newsletter:{issue.pk}:{s.pk}" for s in subscriptions
    }
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.recipients_total == 5


def test_an_interrupted_run_resumes_where_it_stopped(monkeypatch):
    """The worker dies in the middle of the third chunk: the first two chunks are stored and
    marked, the third is rolled back whole; the next run stores the rest, each subscription
    exactly once."""
    subscriptions = SubscriptionFactory.create_batch(7)
    monkeypatch.setattr(tasks, "CHUNK", 2)
    real_queue_many = newsletter_outbox.outbox_queue_many
    chunks = []

    def dying_queue_many(messages, **kwargs):
        pairs = list(messages)
        chunks.append(pairs)
        if len(chunks) == 3:  # killed after storing the first mail of the third chunk
            real_queue_many(pairs[:1], **kwargs)
            raise SystemExit("worker killed")
        return real_queue_many(pairs, **kwargs)

    monkeypatch.setattr(newsletter_outbox, "outbox_queue_many", dying_queue_many)
    issue = services.issue_save(None, subject="Unterbrochen", introduction="Hallo")
    services.issue_schedule(issue, when=None, acting_user=None)
    with pytest.raises(SystemExit):
        tasks.send_issue.func.__wrapped__(issue_id=issue.pk)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENDING
    assert rows_of(issue).count() == 4  # two whole chunks; the third rolled back
    assert issue.progress_after == subscriptions[3].pk
    monkeypatch.setattr(newsletter_outbox, "outbox_queue_many", real_queue_many)
    tasks.send_issue.call(issue_id=issue.pk)
    keys = sorted(rows_of(issue).values_list("key", flat=True))
    assert keys == sorted(f"newsletter:{issue.pk}:{s.pk}" for s in subscriptions)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_a_progress_mark_behind_the_stored_rows_stores_nothing_twice():
    """Rows stored but the mark not moved (a crash between the two can only happen outside a
    transaction, yet the keys guard even that)."""
    subscriptions = SubscriptionFactory.create_batch(3)
    issue = services.issue_save(None, subject="Rückstand", introduction="Hallo")
    send(issue)
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING, progress_after=0)
    tasks.send_issue.call(issue_id=issue.pk)
    assert rows_of(issue).count() == len(subscriptions)


def test_unsubscribed_and_blocked_addresses_are_skipped():
    kept = SubscriptionFactory()
    gone = SubscriptionFactory()
    services.unsubscribe(gone, source=ConsentSource.LINK)
    blocked = SubscriptionFactory()
    SuppressedAddress.objects.create(address=blocked.email, reason="550 no such user")
    issue = services.issue_save(None, subject="Filter", introduction="Hallo")
    send(issue)
    statuses = dict(rows_of(issue).values_list("to_address", "status"))
    assert statuses == {kept.email: MailStatus.QUEUED, blocked.email: MailStatus.SUPPRESSED}


def test_a_scheduled_issue_waits_for_its_time():
    SubscriptionFactory()
    issue = services.issue_save(None, subject="Später", introduction="Hallo")
    services.issue_schedule(issue, when=timezone.now() + timedelta(hours=2), acting_user=None)
    tasks.send_issue.call(issue_id=issue.pk)
    assert not rows_of(issue).exists()
    Issue.objects.filter(pk=issue.pk).update(scheduled_for=timezone.now() - timedelta(minutes=1))
    assert tasks.send_due_issues.call() == 1
    assert rows_of(issue).count() == 1


def test_subject_with_a_line_break_is_refused(staff_client):
    response = staff_client.post(
        reverse("content:issue_create"), {"subject": "Mai\r\nBcc: alle@beispiel.de"}
    )
    assert response.status_code == 400
    assert not Issue.objects.exists()
    with pytest.raises(DomainError):
        services.issue_save(None, subject="Mai\nBcc: x@y.z")


def test_script_in_the_introduction_is_sanitised(staff_client):
    subscription = SubscriptionFactory()
    introduction = (
        f"Hallo {SCRIPT_MARKER} [klick](javascript:alert(1)) {{{{ settings.SECRET_KEY }}}}"
    )
    staff_client.post(
        reverse("content:issue_create"), {"subject": "Sicher", "introduction": introduction}
    )
    issue = Issue.objects.get()
    preview = staff_client.get(reverse("content:issue_preview", kwargs={"pk": issue.pk}))
    page = preview.content.decode()
    assert SCRIPT_MARKER not in page and 'href="javascript' not in page
    assert "{{ settings.SECRET_KEY }}" in page
    send(issue)
    [row] = rows_of(issue)
    assert row.to_address == subscription.email
    assert "<script>" not in row.body_html and 'href="javascript' not in row.body_html


def test_composer_pages_and_live_count(staff_client):
    SubscriptionFactory.create_batch(2, topics=["news"])
    SubscriptionFactory(topics=["events"])
    count = staff_client.get(reverse("content:issue_recipient_count"), {"topics": "news"})
    assert "2" in count.content.decode()
    public = news("Neue Förderung")
    response = staff_client.post(
        reverse("content:issue_create"),
        {"subject": "Juni", "introduction": "Hallo", "news": [public.pk], "propose": "1"},
    )
    issue = Issue.objects.get()
    assert response.status_code == 302
    assert list(issue.news.all()) == [public]
    detail = staff_client.get(reverse("content:issue_detail", kwargs={"pk": issue.pk}))
    assert "ohne Zählpixel" in detail.content.decode()
    preview = staff_client.get(reverse("content:issue_preview", kwargs={"pk": issue.pk}))
    assert "Neue Förderung" in preview.content.decode()


def test_test_send_goes_to_the_staff_members_own_address(staff_client, staff_user):
    issue = services.issue_save(None, subject="Probe", introduction="Hallo")
    staff_client.post(reverse("content:issue_test_send", kwargs={"pk": issue.pk}))
    [row] = OutgoingMail.objects.all()
    assert row.to_address == staff_user.email and row.subject.startswith("[Test]")
    assert not rows_of(issue).exists()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_send_now_from_the_page_and_figures(staff_client, django_capture_on_commit_callbacks):
    subscriptions = SubscriptionFactory.create_batch(3)
    issue = services.issue_save(None, subject="Jetzt", introduction="Hallo")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("content:issue_schedule", kwargs={"pk": issue.pk}))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    services.unsubscribe(subscriptions[0], source=ConsentSource.ONE_CLICK, issue_id=issue.pk)
    figures = issue_figures(issue)
    assert (figures.recipients, figures.sent, figures.failed, figures.unsubscribed) == (3, 3, 0, 1)
    page = staff_client.get(reverse("content:issue_progress", kwargs={"pk": issue.pk}))
    assert page.status_code == 200
    # A sent issue can no longer be changed or sent again.
    with pytest.raises(DomainError):
        services.issue_schedule(issue, when=None, acting_user=None)


def test_an_empty_issue_is_not_sent():
    issue = services.issue_save(None, subject="Leer")
    with pytest.raises(DomainError):
        services.issue_schedule(issue, when=None, acting_user=None)


def test_personal_section_lists_profiles_matching_the_organisations_competences():
    from innonet.content.newsletter.mails import personal_items
    from innonet.core.models import Competence
    from innonet.matching.models.profiles import Visibility
    from tests.matching.factories import ProfileFactory

    competence = Competence.objects.first()
    organisation = OrganisationFactory()
    organisation.competences.add(competence)
    subscription = contact_of(organisation, "persoenlich@beispiel.de")
    public = ProfileFactory(title="Offenes Angebot", visibility=Visibility.PUBLIC)
    internal = ProfileFactory(title="Internes Angebot", visibility=Visibility.NETWORK)
    own = ProfileFactory(title="Eigenes Angebot", organisation=organisation)
    unrelated = ProfileFactory(title="Anderes Thema", visibility=Visibility.PUBLIC)
    for profile in (public, internal, own):
        profile.competences.add(competence)
    titles = {item.title for item in personal_items(subscription, member=False)}
    assert titles == {"Offenes Angebot"}
    titles = {item.title for item in personal_items(subscription, member=True)}
    assert titles == {"Offenes Angebot", "Internes Angebot"}
    assert unrelated.title not in titles
    anonymous = SubscriptionFactory()
    assert personal_items(anonymous, member=False) == []


def test_one_send_through_a_real_smtp_server(smtp_server):  # noqa: F811 - the fixture
    subscription = SubscriptionFactory(email="leser@beispiel.de", language="en")
    issue = services.issue_save(
        None, subject="Network news", introduction="**Hello**", items={"news": [news("Spring")]}
    )
    send(issue)
    assert send_due().sent == 1
    [received] = smtp_server.to("leser@beispiel.de")
    message = received.message
    assert message["Subject"] == "Network news"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert "/newsletter/abmelden/" in unsubscribe
    assert message["Message-ID"] == rows_of(issue).get().message_id
    assert "Spring" in received.part("text/plain")
    html = received.part("text/html")
    assert "<strong>Hello</strong>" in html and "<img" not in html  # no tracking pixel
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert links.target_for_token(token, links.MANAGE).issue_id == issue.pk
    assert subscription.pk == links.target_for_token(token, links.MANAGE).subscription.pk
