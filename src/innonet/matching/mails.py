"""Introduction mails: one to each contact, in that person's language, with a plain text and an
HTML part, sent by the background worker; the note to the office about a member's interest; and
the reminder that a cooperation profile expires.

A mail names the other contact (name, e-mail, phone) only when that person's newest consent for
sharing with partners is a grant; otherwise it names the other organisation and asks the
recipient to reply to the office, which then puts the two in touch.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.core import mail
from innonet.core.dates import short_date_lazy
from innonet.networks.models import Network
from innonet.partners.models import Consent, ConsentPurpose, Organisation, Person

from .models import CooperationProfile, InterestRequest, Introduction

FIRST = "first"
SECOND = "second"
SIDES = (FIRST, SECOND)


@dataclass(frozen=True)
class Side:
    """One side of an introduction as a mail sees it: whose it is and who is on the other."""

    organisation: Organisation
    person: Person | None
    other_organisation: Organisation
    other_person: Person | None


def side_of(introduction: Introduction, side: str) -> Side:
    first = (introduction.first_organisation, introduction.first_person)
    second = (introduction.second_organisation, introduction.second_person)
    own, other = (first, second) if side == FIRST else (second, first)
    return Side(own[0], own[1], other[0], other[1])


def mail_problem(person: Person | None) -> str:
    """Why a contact cannot be mailed ("" when it can); shown on the introduction's page."""
    if person is None:
        return _("No contact person was chosen for this organisation.")
    if person.erased_at is not None:
        return _("The contact person's data has been erased.")
    if not person.email:
        return _("The contact person has no e-mail address.")
    return ""


def sharing_granted(person: Person | None, organisation: Organisation) -> bool:
    """The person's newest consent to share their contact data with partners is a grant
    (a consent given for another organisation does not count)."""
    if person is None or person.erased_at is not None:
        return False
    newest = (
        Consent.objects.filter(person=person, purpose=ConsentPurpose.PARTNER_SHARING)
        .filter(Q(organisation__isnull=True) | Q(organisation=organisation))
        .order_by("-recorded_at", "-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(newest)


def office_address() -> str:
    """The office's shared mailbox, if the installation names one (`OFFICE_EMAIL`)."""
    return settings.OFFICE_EMAIL


def _signature() -> str:
    host = Network.objects.filter(kind=Network.Kind.HOST).only("name").first()
    return host.name if host else "innonet"


def build_introduction(
    introduction: Introduction, side: str, *, reply_to: str = ""
) -> EmailMultiAlternatives | None:
    """The mail to one side's contact, or None when that contact cannot be mailed now."""
    view = side_of(introduction, side)
    person = view.person
    if mail_problem(person):
        return None
    shared = sharing_granted(view.other_person, view.other_organisation)
    return mail.compose(
        "matching/mail/introduction",
        to=person.email,
        language=person.language,
        subject=gettext_lazy("Introduction: %(topic)s"),
        subject_values={"topic": introduction.topic},
        context={
            "introduction": introduction,
            "person": person,
            "organisation": view.organisation,
            "other_organisation": view.other_organisation,
            "other_person": view.other_person if shared else None,
            "signature": _signature(),
        },
        reply_to=[reply_to] if reply_to else [],
    )


def build_request_notice(request: InterestRequest) -> EmailMultiAlternatives | None:
    """The note to the office that a member is interested in a profile (None without an
    office address); the request itself waits in the office's open work either way."""
    address = office_address()
    if not address:
        return None
    return mail.compose(
        "matching/mail/introduction_request",
        to=address,
        language=settings.LANGUAGE_CODE,
        subject=gettext_lazy("Introduction requested by %(organisation)s: %(topic)s"),
        subject_values={"organisation": request.organisation.name, "topic": request.topic},
        context={
            "interest": request,
            "requested_by": request.requested_by,
            "url": mail.link("matching:introduction_create") + f"?request={request.pk}",
        },
    )


def build_profile_reminder(
    profile: CooperationProfile, *, name: str, email: str, language: str
) -> EmailMultiAlternatives:
    """The reminder that a cooperation profile expires soon, for one of the people behind it."""
    return mail.compose(
        "matching/mail/profile_reminder",
        to=email,
        language=language,
        subject=gettext_lazy("Your cooperation profile “%(title)s” expires on %(date)s"),
        subject_values={"title": profile.title, "date": short_date_lazy(profile.valid_until)},
        context={
            "profile": profile,
            "name": name,
            "days_left": max((profile.valid_until - timezone.localdate()).days, 0),
            "profile_url": mail.link("matching:profile_detail", pk=profile.pk),
        },
    )
