"""Every write of subscriptions and newsletter issues. Plain arguments, one transaction each.

Subscriptions follow the double opt-in (UWG § 7, RELIABILITY items 20 and 21): a sign-up stores
a pending subscription and sends one confirmation mail (at most three per address and day);
nothing else is sent before the link is used. Every change appends a consent log entry, and for
an address known in the registry the person's NEWSLETTER consent as well."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.mail import one_line
from innonet.core.models import District, MailStatus, OutgoingMail, Ris3Field
from innonet.partners.models import ConsentPurpose, Organisation, Person
from innonet.partners.services.people import consent_record

from ..models import (
    CONSENT_TEXT_VERSION,
    ConsentSource,
    Issue,
    IssueStatus,
    Subscription,
    SubscriptionAction,
    SubscriptionEvent,
    SubscriptionStatus,
    Topic,
)
from ..newsletter import mails
from ..newsletter import outbox as newsletter_outbox

LANGUAGES = ("de", "en")
SUBJECT_MAX = 200


def _user(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def normalise_email(email: str) -> str:
    email = (email or "").strip()
    local, _sep, domain = email.rpartition("@")
    email = f"{local}@{domain.lower()}" if local else email
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(_("Please enter a valid e-mail address."), field="email") from exc
    if len(email) > 254:
        raise DomainError(_("Please enter a valid e-mail address."), field="email")
    return email


def _clean_topics(topics: Iterable[str]) -> list[str]:
    return [topic for topic in Topic.values if topic in set(topics or ())]


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if "\r" in name or "\n" in name or "\x00" in name:
        raise DomainError(_("The name must be a single line."), field="name")
    if len(name) > 120:
        raise DomainError(_("The name is too long."), field="name")
    return name


def _log(
    subscription: Subscription,
    action: str,
    source: str,
    *,
    acting_user: Any = None,
    issue_id: int | None = None,
    mail_sent: bool = False,
) -> SubscriptionEvent:
    return SubscriptionEvent.objects.create(
        subscription=subscription,
        action=action,
        source=source,
        text_version=CONSENT_TEXT_VERSION,
        recorded_by=_user(acting_user),
        issue_id=issue_id,
        mail_sent=mail_sent,
    )


def confirmation_mails_today(subscription: Subscription) -> int:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return subscription.events.filter(mail_sent=True, recorded_at__gte=start).count()


def subscribe(
    *,
    email: str,
    name: str = "",
    language: str = "de",
    topics: Iterable[str] = (),
    ris3_fields: Iterable[Ris3Field] = (),
    source: str = ConsentSource.FORM,
    send_confirmation: bool = True,
) -> None:
    """A sign-up: the same outcome for new, pending, subscribed and unsubscribed addresses as
    far as the visitor can tell. New and pending addresses get a confirmation mail; an active
    one a note with its preference link; at most CONFIRMATION_MAILS_PER_DAY a day. Only the
    demo data leaves the mail out (`send_confirmation`), and then confirms itself."""
    email = normalise_email(email)
    name = _clean_name(name)
    language = language if language in LANGUAGES else settings.LANGUAGE_CODE[:2]
    with transaction.atomic():
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            email=email, defaults={"name": name, "language": language}
        )
        already = subscription.status == SubscriptionStatus.ACTIVE
        if not already:
            # Until confirmed, the newest request's wishes count.
            subscription.name = name or subscription.name
            subscription.language = language
            subscription.topics = _clean_topics(topics)
            subscription.save()
            subscription.ris3_fields.set(list(ris3_fields))
        allowed = (
            send_confirmation
            and confirmation_mails_today(subscription) < settings.CONFIRMATION_MAILS_PER_DAY
        )
        event = _log(subscription, SubscriptionAction.REQUESTED, source, mail_sent=allowed)
        if allowed:
            message = mails.confirmation_message(subscription, already=already)
            newsletter_outbox.queue_one(
                message, key=f"newsletter-confirm:{subscription.pk}:{event.pk}"
            )


def _link_person(subscription: Subscription) -> Person | None:
    if subscription.person_id is None:
        person = Person.objects.present().filter(email__iexact=subscription.email).first()
        if person is not None:
            subscription.person = person
            subscription.save(update_fields=["person", "updated_at"])
    return subscription.person


def _person_consent(subscription: Subscription, *, granted: bool, source: str, user: Any) -> None:
    person = _link_person(subscription)
    if person is None or person.erased_at is not None:
        return
    consent_record(
        person,
        purpose=ConsentPurpose.NEWSLETTER,
        granted=granted,
        source=f"newsletter: {source}",
        text_version=CONSENT_TEXT_VERSION,
        acting_user=_user(user),
    )


LINK_CHUNK = 1000


def _people_by_address(addresses: list[str]) -> dict[str, int]:
    """The registry person (the oldest) for each lower-cased address that has one, in a few
    queries however many addresses there are."""
    found: dict[str, int] = {}
    for start in range(0, len(addresses), LINK_CHUNK):
        rows = (
            Person.objects.present()
            .annotate(address=Lower("email"))
            .filter(address__in=addresses[start : start + LINK_CHUNK])
            .order_by("pk")
            .values_list("address", "pk")
        )
        for address, pk in rows:
            found.setdefault(address, pk)
    return found


def link_people() -> int:
    """Link active subscriptions to the registry's person with the same address, where one
    has appeared since they confirmed, and append the person's NEWSLETTER consent, so that
    segments by organisation find them and the person's consent history is complete."""
    unlinked = Subscription.objects.filter(status=SubscriptionStatus.ACTIVE, person__isnull=True)
    addresses = {email.lower(): pk for pk, email in unlinked.values_list("pk", "email")}
    linked = 0
    for address in _people_by_address(sorted(addresses)):
        with transaction.atomic():
            locked = Subscription.objects.select_for_update().get(pk=addresses[address])
            if locked.person_id is not None or not locked.is_active:
                continue
            confirmed = locked.events.filter(
                action__in=(SubscriptionAction.CONFIRMED, SubscriptionAction.RESUBSCRIBED)
            ).first()
            _person_consent(
                locked,
                granted=True,
                source=confirmed.source if confirmed else ConsentSource.LINK,
                user=None,
            )
        linked += 1
    return linked


def confirm(subscription: Subscription, *, source: str = ConsentSource.LINK) -> Subscription:
    """The double opt-in link was used: the subscription becomes active (again)."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status == SubscriptionStatus.ACTIVE:
            return subscription
        again = subscription.confirmed_at is not None
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.confirmed_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.save()
        action = SubscriptionAction.RESUBSCRIBED if again else SubscriptionAction.CONFIRMED
        _log(subscription, action, source)
        _person_consent(subscription, granted=True, source=source, user=None)
    return subscription


def update_preferences(
    subscription: Subscription,
    *,
    name: str,
    language: str,
    topics: Iterable[str],
    ris3_fields: Iterable[Ris3Field],
    source: str = ConsentSource.LINK,
    acting_user: Any = None,
) -> Subscription:
    name = _clean_name(name)
    if language not in LANGUAGES:
        raise DomainError(_("Please choose a language."), field="language")
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        subscription.name = name
        subscription.language = language
        subscription.topics = _clean_topics(topics)
        subscription.save()
        subscription.ris3_fields.set(list(ris3_fields))
        _log(subscription, SubscriptionAction.PREFERENCES, source, acting_user=acting_user)
    return subscription


def unsubscribe(
    subscription: Subscription,
    *,
    source: str,
    issue_id: int | None = None,
    acting_user: Any = None,
) -> Subscription:
    """Stop every newsletter mail to this address at once: the subscription ends, and mails
    of an issue still waiting in the outbox for it are withdrawn. A second call changes
    nothing."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
            return subscription
        was_active = subscription.status == SubscriptionStatus.ACTIVE
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save()
        if issue_id is not None and not Issue.objects.filter(pk=issue_id).exists():
            issue_id = None
        _log(
            subscription,
            SubscriptionAction.UNSUBSCRIBED,
            source,
            acting_user=acting_user,
            issue_id=issue_id,
        )
        OutgoingMail.objects.filter(
            key__startswith="newsletter:", to_address=subscription.email, status=MailStatus.QUEUED
        ).update(status=MailStatus.SUPPRESSED, last_error="unsubscribed")
        if was_active:
            _person_consent(subscription, granted=False, source=source, user=acting_user)
        if acting_user is not None:
            audit.record(
                subscription, "content.subscription.unsubscribed", user=acting_user, data={}
            )
    return subscription


# Issues ------------------------------------------------------------------------------------

ISSUE_FIELDS = ("subject", "introduction", "network", "personal_section")


def _clean_subject(subject: str) -> str:
    subject = subject or ""
    if "\r" in subject or "\n" in subject:
        raise DomainError(_("The subject must be a single line."), field="subject")
    subject = one_line(subject, SUBJECT_MAX + 1)
    if not subject:
        raise DomainError(_("Please enter a subject."), field="subject")
    if len(subject) > SUBJECT_MAX:
        raise DomainError(_("The subject is too long."), field="subject")
    return subject


def issue_save(
    issue: Issue | None,
    *,
    subject: str,
    introduction: str = "",
    network: Any = None,
    organisation_kinds: Sequence[str] = (),
    districts: Iterable[District] = (),
    ris3_fields: Iterable[Ris3Field] = (),
    topics: Iterable[str] = (),
    personal_section: bool = False,
    items: dict[str, Iterable[Any]] | None = None,
    acting_user: Any = None,
) -> Issue:
    """Create or change a draft (or scheduled) issue."""
    subject = _clean_subject(subject)
    if len(introduction or "") > 20_000:
        raise DomainError(_("The introduction is too long."), field="introduction")
    kinds = [k for k in Organisation.Kind.values if k in set(organisation_kinds or ())]
    with transaction.atomic():
        if issue is None:
            issue = Issue(created_by=_user(acting_user))
        else:
            issue = Issue.objects.select_for_update().get(pk=issue.pk)
            if not issue.is_editable:
                raise DomainError(_("This issue is being sent or has been sent."))
        issue.subject = subject
        issue.introduction = (introduction or "").replace("\x00", "")
        issue.network = network
        issue.organisation_kinds = kinds
        issue.topics = _clean_topics(topics)
        issue.personal_section = bool(personal_section)
        issue.save()
        issue.districts.set(list(districts))
        issue.ris3_fields.set(list(ris3_fields))
        for name, objects in (items or {}).items():
            getattr(issue, name).set(list(objects))
    return issue


def issue_propose(issue: Issue, *, days: int = 60) -> Issue:
    """Fill the items with what is recent and fits the segment: published public news and
    articles of the last `days`, upcoming public events, open calls and active public
    profiles, narrowed to the segment's RIS3 fields where the items carry them."""
    from ..newsletter import proposals as newsletter_proposals

    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if not issue.is_editable:
            raise DomainError(_("This issue is being sent or has been sent."))
        for name, objects in newsletter_proposals.propose(issue, days=days).items():
            getattr(issue, name).set(objects)
        issue.save(update_fields=["updated_at"])
    return issue


def issue_schedule(issue: Issue, *, when: datetime | None, acting_user: Any) -> Issue:
    """Send at `when` (now when empty). The worker materialises the recipients then."""
    now = timezone.now()
    when = when or now
    if when < now - timedelta(minutes=5):
        raise DomainError(_("Please choose a time in the future."), field="scheduled_for")
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if not issue.is_editable:
            raise DomainError(_("This issue is being sent or has been sent."))
        has_items = any(
            getattr(issue, name).exists()
            for name in ("news", "articles", "events", "calls", "profiles")
        )
        if not has_items and not issue.introduction.strip():
            raise DomainError(_("Please add an introduction or at least one item."))
        issue.status = IssueStatus.SCHEDULED
        issue.scheduled_for = when
        issue.sent_by = _user(acting_user)
        issue.save()
        audit.record(
            issue,
            "content.issue.scheduled",
            user=acting_user,
            data={"at": when.isoformat()},
        )
        from ..tasks import plan_issue

        plan_issue(issue)
    return issue


def issue_unschedule(issue: Issue, *, acting_user: Any) -> Issue:
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != IssueStatus.SCHEDULED:
            raise DomainError(_("Only a scheduled issue can go back to draft."))
        issue.status = IssueStatus.DRAFT
        issue.scheduled_for = None
        issue.save()
    return issue


def issue_test_send(issue: Issue, *, acting_user: Any, subscription: Subscription | None) -> str:
    """Send the issue to the staff member's own address, as `subscription` (or an anonymous
    subscriber) would see it. The address it went to."""
    address = getattr(acting_user, "email", "")
    if not address:
        raise DomainError(_("Your account has no e-mail address."))
    reader = subscription or Subscription(email=address, language=settings.LANGUAGE_CODE[:2])
    message = mails.issue_message(issue, reader, to=address)
    message.subject = one_line(f"[Test] {message.subject}")
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    with transaction.atomic():
        newsletter_outbox.queue_one(
            message, key=f"newsletter-test:{issue.pk}:{stamp}", acting_user=acting_user
        )
    return address


def issue_materialise_chunk(issue_id: int, *, chunk: int) -> bool:
    """Store the next `chunk` recipients' mails of a sending issue in the outbox and move
    its progress mark, in one transaction. True while recipients remain."""
    from ..newsletter.segments import issue_recipient_ids

    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.status != IssueStatus.SENDING:
            return False
        ids = issue_recipient_ids(issue, after=issue.progress_after)[:chunk]
        if not ids:
            issue.status = IssueStatus.SENT
            issue.finished_at = timezone.now()
            issue.recipients_total = newsletter_outbox.batch_size(issue.batch)
            issue.save()
            return False
        # Locked: an unsubscription in the meantime waits for this chunk, then withdraws its
        # mail (`unsubscribe` suppresses the address's queued rows).
        subscriptions = Subscription.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        recipients = [subscription for subscription in subscriptions if subscription.is_active]
        mailer = mails.IssueMailer(issue)
        mailer.preload(recipients)
        messages = [
            (mailer.message(subscription), f"newsletter:{issue.pk}:{subscription.pk}")
            for subscription in recipients
        ]
        newsletter_outbox.queue_many(messages, batch=issue.batch)
        issue.progress_after = ids[-1]
        issue.save(update_fields=["progress_after", "updated_at"])
    return True


def issue_start_sending(issue_id: int) -> bool:
    """A scheduled issue whose time has come becomes `sending`; True when it is (now)
    sending."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue_id)
        if issue.status == IssueStatus.SENDING:
            return True
        if issue.status != IssueStatus.SCHEDULED:
            return False
        if issue.scheduled_for and issue.scheduled_for > timezone.now():
            return False
        link_people()
        issue.status = IssueStatus.SENDING
        issue.started_at = timezone.now()
        issue.save()
    return True
