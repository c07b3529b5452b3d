"""Contact through the office: a member asks to be put in touch with an organisation of the
member directory; the office handles the request. Stored first, so nothing depends on a mail."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions
from innonet.core.errors import DomainError
from innonet.core.office_requests import office_request_done

from ..models import ContactRequest, ContactRequestStatus, Organisation, Unit
from ..models.contact_requests import CONTACT_MESSAGE_MAX_LENGTH


def _clean_message(message: str) -> str:
    # Lone surrogates (possible in JSON) become U+FFFD and NUL goes: the database takes it.
    text = str(message or "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    text = text.replace("\x00", "").strip()
    if not text:
        raise DomainError(_("Please say what you would like to talk about."), field="message")
    if len(text) > CONTACT_MESSAGE_MAX_LENGTH:
        raise DomainError(
            _("The message is longer than %(limit)s characters.")
            % {"limit": CONTACT_MESSAGE_MAX_LENGTH},
            field="message",
        )
    return text


@transaction.atomic
def contact_request_create(
    organisation: Organisation,
    *,
    message: str,
    unit: Unit | None = None,
    acting_user: User,
) -> ContactRequest:
    """A member asks the office for contact with an organisation of the directory (and
    optionally one of its research groups). Asking again while one is open adds nothing and
    returns the open request."""
    role = permissions.role_of(acting_user)
    own = acting_user.organisation_id if role == permissions.MEMBER else None
    if own is None:
        raise DomainError(_("Only members of an organisation can ask for contact."))
    if organisation.pk == own:
        raise DomainError(_("This is your own organisation."))
    if not Organisation.objects.in_directory().filter(pk=organisation.pk).exists():
        raise DomainError(_("This organisation is not in the member directory."))
    if unit is not None and unit.organisation_id != organisation.pk:
        raise DomainError(_("Choose a research group of this organisation."), field="unit")
    text = _clean_message(message)
    open_request = ContactRequest.objects.filter(
        organisation=organisation,
        requesting_organisation_id=own,
        unit=unit,
        status=ContactRequestStatus.OPEN,
    ).first()
    if open_request is not None:
        return open_request
    request = ContactRequest(
        organisation=organisation,
        unit=unit,
        requesting_organisation_id=own,
        requested_by=acting_user,
        message=text,
    )
    try:
        request.full_clean()
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="message") from error
    request.save()
    audit.record(request, "partners.contact_request.created", user=acting_user,
                 data={"organisation": organisation.pk})  # fmt: skip
    return request


def contact_request_done(request: ContactRequest, *, acting_user: Any) -> ContactRequest:
    """The office has handled a request (put the two in touch, or answered why not)."""
    return office_request_done(
        request,
        acting_user=acting_user,
        action="partners.contact_request.done",
        refusal=_("Only the network office handles contact requests."),
    )
