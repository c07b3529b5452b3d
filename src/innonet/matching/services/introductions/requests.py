"""Members' interest requests ("I am interested"): kept until the office plans an
introduction from one (`introduction_create(interest_request=...)`) or closes it with a note;
a mail to `OFFICE_EMAIL` is an extra when the installation names one."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.core.tasking import enqueue_on_commit

from ... import mails
from ...models import (
    CooperationProfile,
    InterestRequest,
)
from .pairs import RequestStatus, lock_open_request
from .planning import (
    NOTE_MAX_LENGTH,
    IntroductionError,
    _one_line,
    _requested_counterpart,
    clean_message,
    clean_topic,
    main_contact,
)


def visible_requests(user: Any) -> QuerySet[InterestRequest]:
    """The requests `user` may see: the office and the board all, members their own."""
    queryset = InterestRequest.objects.select_related(
        "organisation", "target_organisation", "profile", "introduction"
    )
    return permissions.visible(user, queryset)


@transaction.atomic
def interest_request_create(
    *, profile: CooperationProfile, acting_user: User | None, message: str = ""
) -> InterestRequest:
    """A member is interested in another organisation's profile: keep the request for the
    office (and mail it when it has an address). Asking again while one is open returns it."""
    own = acting_user.organisation if acting_user is not None else None
    if acting_user is None or own is None or permissions.role_of(acting_user) != permissions.MEMBER:
        raise IntroductionError(_("Only members of an organisation can ask for an introduction."))
    if profile.organisation_id == own.pk:
        raise IntroductionError(_("This profile is your own organisation's."))
    # Lock the profile row so two clicks at once create one request.
    locked = CooperationProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if locked is None or not permissions.can_view(acting_user, locked):
        raise IntroductionError(_("This cooperation profile is not available."))
    existing = (
        InterestRequest.objects.open()
        .filter(profile=locked, organisation=own)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    request = InterestRequest.objects.create(
        organisation=own,
        person=main_contact(own, email=acting_user.email),
        requested_by=acting_user,
        target_organisation=locked.organisation,
        profile=locked,
        topic=clean_topic(locked.title),
        message=clean_message(message),
    )
    audit.record(
        request, "matching.interest.requested", user=acting_user, data={"profile": locked.pk}
    )
    if mails.office_address():
        from ...tasks import send_interest_request_mail

        enqueue_on_commit(send_interest_request_mail, request_id=request.pk)
    return request


def request_initial(request: InterestRequest) -> dict[str, Any]:
    """The introduction form's starting values for planning from a request. The member's
    words were for the office; the introduction mail's message is the office's to write."""
    profile = request.profile
    counterpart = _requested_counterpart(profile) if profile is not None else None
    return {
        "first_organisation": request.organisation_id,
        "first_person": request.person_id,
        "second_organisation": request.target_organisation_id,
        "second_person": counterpart.pk if counterpart else None,
        "topic": request.topic,
        "interest_request": request.pk,
    }


@transaction.atomic
def interest_request_close(
    request: InterestRequest, *, note: str, acting_user: User | None
) -> InterestRequest:
    """The office closes a request without an introduction; the note says why."""
    if not permissions.is_staff(acting_user):
        raise IntroductionError(_("Only the network office handles requests."))
    locked = lock_open_request(request.pk)
    cleaned = _one_line(note, NOTE_MAX_LENGTH + 1)
    if not cleaned:
        raise IntroductionError(_("Please say why the request is closed."), field="note")
    if len(cleaned) > NOTE_MAX_LENGTH:
        raise IntroductionError(
            _("The note may have at most %(max)s characters.") % {"max": NOTE_MAX_LENGTH},
            field="note",
        )
    locked.status = RequestStatus.CLOSED
    locked.note = cleaned
    locked.handled_by = acting_user
    locked.handled_at = timezone.now()
    locked.save(update_fields=["status", "note", "handled_by", "handled_at", "updated_at"])
    audit.record(locked, "matching.interest.closed", user=acting_user)
    return locked
