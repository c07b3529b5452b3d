"""Two organisations the office already brought together or was asked about: planning another
introduction for the same pair (either order) needs the caller's confirmation, and planning
from a member's request marks that request as handled."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core import audit
from innonet.partners.models import Organisation

from ...models import InterestRequest, InterestRequestStatus, Introduction
from .errors import IntroductionError

RequestStatus = InterestRequestStatus


class DuplicateIntroductionError(IntroductionError):
    """The pair already has an introduction or an open request; `pair` names them."""

    def __init__(self, message: str, *, pair: "PairHistory") -> None:
        super().__init__(message)
        self.pair = pair


@dataclass(frozen=True)
class PairHistory:
    """What the office already has for two organisations, in either order."""

    introductions: list[Introduction]
    requests: list[InterestRequest]

    def __bool__(self) -> bool:
        return bool(self.introductions or self.requests)


def pair_history(
    first: Organisation | int, second: Organisation | int, *, exclude_request: int | None = None
) -> PairHistory:
    """Every introduction between the two organisations and their open requests (two queries)."""
    first_id = first.pk if isinstance(first, Organisation) else first
    second_id = second.pk if isinstance(second, Organisation) else second
    introductions = Introduction.objects.filter(
        Q(first_organisation_id=first_id, second_organisation_id=second_id)
        | Q(first_organisation_id=second_id, second_organisation_id=first_id)
    ).select_related("first_organisation", "second_organisation")
    requests = InterestRequest.objects.open().for_pair(first_id, second_id)
    if exclude_request is not None:
        requests = requests.exclude(pk=exclude_request)
    return PairHistory(
        introductions=list(introductions.order_by("-created_at", "-pk")),
        requests=list(
            requests.select_related("organisation", "target_organisation").order_by("pk")
        ),
    )


def check_duplicates(
    first: Organisation,
    second: Organisation,
    *,
    allow_duplicate: bool,
    exclude_request: int | None = None,
) -> None:
    """Refuse to plan for a pair the office already has, unless the caller confirmed it."""
    if allow_duplicate:
        return
    history = pair_history(first, second, exclude_request=exclude_request)
    if history:
        raise DuplicateIntroductionError(
            _(
                "%(first)s and %(second)s already have an introduction or an open request. "
                "Please check it before planning another one."
            )
            % {"first": first.name, "second": second.name},
            pair=history,
        )


def lock_open_request(pk: int) -> InterestRequest:
    """The open request, locked for the office's decision; refused once it was handled."""
    request = InterestRequest.objects.select_for_update().filter(pk=pk).first()
    if request is None or request.status != RequestStatus.OPEN:
        raise IntroductionError(_("This request has already been handled."))
    return request


def mark_planned(request: InterestRequest, introduction: Introduction, *, acting_user: Any) -> None:
    """The office planned `introduction` from the request."""
    request.status = RequestStatus.PLANNED
    request.introduction = introduction
    request.handled_by = acting_user
    request.handled_at = timezone.now()
    request.save(update_fields=["status", "introduction", "handled_by", "handled_at", "updated_at"])
    audit.record(
        request,
        "matching.interest.planned",
        user=acting_user,
        data={"introduction": introduction.pk},
    )
