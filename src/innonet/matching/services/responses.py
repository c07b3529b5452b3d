"""Answers of visitors to public cooperation profiles: stored for the office (never sent to the
profile's organisation directly), with the consent the visitor gave; the office marks them done.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.office_requests import office_request_done

from ..models import CooperationProfile, ProfileResponse
from ..models.responses import RESPONSE_CONSENT_VERSION
from ..policies import profile_filter


def _storable(text: Any) -> str:
    """Text the database takes: lone surrogates become U+FFFD, NUL goes."""
    text = str(text or "").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text.replace("\x00", "").strip()


def answerable_profiles() -> Any:
    """Profiles a visitor may answer: those everyone may read (public, published, valid)."""
    return CooperationProfile.objects.filter(profile_filter(None))


@transaction.atomic
def profile_response_create(profile: CooperationProfile, *, name: str, email: str,
                            organisation_name: str = "", message: str,
                            consent: bool) -> ProfileResponse:  # fmt: skip
    """Store a visitor's answer to a public profile for the office. Refused without consent
    or for a profile that is not public and active."""
    if consent is not True:
        raise DomainError(_("Please agree to the processing of your details."), field="consent")
    if not answerable_profiles().filter(pk=profile.pk).exists():
        raise DomainError(_("This cooperation profile cannot be answered any more."))
    response = ProfileResponse(
        profile=profile,
        name=" ".join(_storable(name).split()),
        email=_storable(email),
        organisation_name=" ".join(_storable(organisation_name).split()),
        message=_storable(message),
        consent_version=RESPONSE_CONSENT_VERSION,
        consented_at=timezone.now(),
    )
    try:
        response.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error
    response.save()
    # No address in the audit log: the entry says that an answer came, the row says from whom.
    audit.record(response, "matching.profile_response.received", data={"profile": profile.pk})
    return response


def profile_response_done(response: ProfileResponse, *, acting_user: Any) -> ProfileResponse:
    """The office has handled an answer (passed it on, or replied)."""
    return office_request_done(
        response,
        acting_user=acting_user,
        action="matching.profile_response.done",
        refusal=_("Only the network office handles answers to profiles."),
    )
