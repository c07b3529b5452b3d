"""Events' part of a person's export and erasure: their registrations, linked to the Person or
not (same e-mail address, same account), their feedback, and event texts that name them.

Registrations stay with status, times and check-in, so every count of registrations,
participants and attendance stays right; names, contact data and free text go, and a new
secret voids the links in old mails. Other registrations, feedback, event texts and tasks only
lose the mentions of the person."""

from django.db.models import Q
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import ERASED, Erasure, Identity, Section

from .models import CalendarFeedKey, Event, EventTask, Feedback, Registration
from .models.registrations import new_secret

REMOVED, REDACTED, KEPT = Erasure.REMOVED, Erasure.REDACTED, Erasure.KEPT
IDENTIFYING = ("first_name", "last_name", "email", "phone", "position", "organisation_name")
FREE_TEXT = ("dietary_requirements", "remarks")
STATISTICS = ("language", "consent_version", "consented_at", "attended_at")
KEPT_KEYS = ("status", *STATISTICS)
EVENT_TEXT = ["title", "summary", "description", "speakers", "cancellation_reason"]
OTHER_REGISTRATION_TEXT = ["remarks", "dietary_requirements"]


def _registrations(identity: Identity):
    """The person's registrations: linked to the Person, to their account or by address."""
    found = (
        Q(person_id=identity.person_id)
        | Q(email__in=identity.emails)
        | Q(user_id__in=identity.user_ids)
    )
    return Registration.objects.filter(found).select_related("event").order_by("created_at", "pk")


def _link(registration: Registration, identity: Identity) -> str:
    if registration.person_id == identity.person_id:
        return _("your entry in the registry")
    if registration.user_id in identity.user_ids:
        return _("your user account")
    return _("your e-mail address")


def _registration_row(registration: Registration, identity: Identity) -> dict:
    feedback = getattr(registration, "feedback", None)
    return privacy.row(
        registration,
        event=registration.event.title,
        starts_at=registration.event.starts_at,
        linked_by=_link(registration, identity),
        **{key: getattr(registration, key) for key in (*IDENTIFYING, *FREE_TEXT, *KEPT_KEYS)},
        feedback_rating=feedback.rating if feedback else None,
        feedback_comment=feedback.comment if feedback else "",
    )


def _registration_labels() -> dict[str, str]:
    keys = (*IDENTIFYING, *FREE_TEXT, *KEPT_KEYS)
    return {
        "event": _("event"),
        "starts_at": _("starts"),
        "linked_by": _("found through"),
        **privacy.field_labels(Registration, *keys),
        "feedback_rating": _("feedback: rating"),
        "feedback_comment": _("feedback: comment"),
    }


def _mention_rows(identity: Identity) -> list[dict]:
    """Event texts, tasks, other people's registrations and feedback that name the person."""
    own = _registrations(identity).values("pk")
    rows = [
        privacy.row(event, event=event.title, text=_texts(event, EVENT_TEXT, identity))
        for event in privacy.mentioning(Event.objects.all(), EVENT_TEXT, identity)
    ]
    rows += [
        privacy.row(task, event=task.event.title, text=[task.title])
        for task in privacy.mentioning(
            EventTask.objects.select_related("event"), ["title"], identity
        )
    ]
    others = Registration.objects.exclude(pk__in=own).select_related("event")
    rows += [
        privacy.row(
            item, event=item.event.title, text=_texts(item, OTHER_REGISTRATION_TEXT, identity)
        )
        for item in privacy.mentioning(others, OTHER_REGISTRATION_TEXT, identity)
    ]
    feedback = Feedback.objects.exclude(registration__in=own).select_related("registration__event")
    rows += [
        privacy.row(item, event=item.registration.event.title, text=[item.comment])
        for item in privacy.mentioning(feedback, ["comment"], identity)
    ]
    return rows


def _texts(record, fields: list[str], identity: Identity) -> list[str]:
    return [getattr(record, key) for key in fields if identity.mentions(getattr(record, key))]


def erase_registration(registration: Registration) -> None:
    for key in (*IDENTIFYING, *FREE_TEXT):
        setattr(registration, key, "")
    registration.last_name = ERASED
    registration.email = f"erased-{registration.pk}@invalid"
    registration.secret = new_secret()
    registration.save()


def _erase_mentions(identity: Identity, own) -> int:
    changed = privacy.redact_rows(Event.objects.all(), EVENT_TEXT, identity)
    changed += privacy.redact_rows(EventTask.objects.all(), ["title"], identity)
    others = Registration.objects.exclude(pk__in=own)
    changed += privacy.redact_rows(others, OTHER_REGISTRATION_TEXT, identity)
    feedback = Feedback.objects.exclude(registration__in=own)
    return changed + privacy.redact_rows(feedback, ["comment"], identity)


@privacy.contributor
class EventData(privacy.Contributor):
    """Registrations, feedback, and event texts that name the person."""

    name = "events"
    order = 30
    fields = {
        **{f"events.Registration.{key}": REMOVED for key in (*IDENTIFYING, *FREE_TEXT)},
        **{f"events.Registration.{key}": KEPT for key in STATISTICS},
        "events.Feedback.comment": REMOVED,
        "events.Event.speakers": REDACTED,
    }

    def identify(self, identity: Identity) -> None:
        registrations = list(_registrations(identity))
        for registration in registrations:
            identity.add_email(registration.email)
            identity.add_name(registration.first_name, registration.last_name)
            identity.add_phone(registration.phone)
        identity.add_records(Registration, [registration.pk for registration in registrations])

    def collect(self, identity: Identity) -> list[Section]:
        registrations = _registrations(identity).select_related("feedback")
        return [
            Section(
                "event_registrations",
                _("Event registrations"),
                _registration_labels(),
                [_registration_row(registration, identity) for registration in registrations],
            ),
            Section(
                "event_mentions",
                _("Events, tasks and other registrations that name you"),
                {"event": _("event"), "text": _("text")},
                _mention_rows(identity),
            ),
        ]

    def erase(self, identity: Identity) -> dict[str, int]:
        own = list(_registrations(identity))
        for registration in own:
            erase_registration(registration)
        comments = Feedback.objects.filter(registration__in=own).exclude(comment="")
        feed_keys = CalendarFeedKey.objects.filter(user_id__in=identity.user_ids)
        return {
            "registrations": len(own),
            "feedback": comments.update(comment=""),
            "mentions": _erase_mentions(identity, [registration.pk for registration in own]),
            "calendar_keys": feed_keys.delete()[0],
        }
