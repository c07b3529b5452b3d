"""Route x role rows for the cooperation profile pages. Organisation A (member) has a profile
for its own network and one that ends soon; organisation B (member_b) has a public profile
and a draft. Neither organisation belongs to the host network or the manager's network."""

from datetime import timedelta

from django.utils import timezone

from innonet.matching.models import ProfileKind, ProfileStatus, Visibility
from tests.access import LOGIN, PUBLIC, Route, expect, pk_of

from .factories import ProfileFactory

ONLY_POST = expect(LOGIN, 405, 405, 405, 405, 405)
CREATE = expect(LOGIN, 200, 200, 403, 403, 200)
CREATED = expect(LOGIN, 302, 302, 403, 403, 302)
OWN_A = expect(404, 200, 404, 404, 200, 200)
CHANGE_A = expect(LOGIN, 200, 404, 404, 403, 200)
CHANGED_A = expect(LOGIN, 302, 404, 404, 403, 302)


def objects(objs):
    own, other = objs["member"].organisation, objs["member_b"].organisation
    today = timezone.localdate()
    return {
        "profile_a": ProfileFactory(organisation=own, title="Sensorik für Feldversuche"),
        "profile_a_ending": ProfileFactory(
            organisation=own, valid_until=today + timedelta(days=20)
        ),
        "profile_public": ProfileFactory(
            organisation=other, visibility=Visibility.PUBLIC, kind=ProfileKind.TECHNOLOGY_OFFER
        ),
        "profile_draft_b": ProfileFactory(
            organisation=other, visibility=Visibility.PUBLIC, status=ProfileStatus.DRAFT
        ),
    }


def _form(objs):
    """A complete profile form; `organisation` counts only for staff (members post for their
    own organisation whatever they send)."""
    return {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "organisation": objs["member"].organisation.pk,
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Wir bieten Befliegungen mit Multispektralkameras für Ackerflächen an.",
        "visibility": Visibility.NETWORK,
        "valid_until": (timezone.localdate() + timedelta(days=200)).isoformat(),
    }


ROUTES = [
    Route("matching:profile_list", PUBLIC),
    Route("matching:profile_create", CREATE),
    Route("matching:profile_create", CREATED, method="POST", data=_form),
    Route("matching:profile_detail", OWN_A, kwargs=pk_of("profile_a")),
    Route("matching:profile_detail", PUBLIC, kwargs=pk_of("profile_public")),
    Route(
        "matching:profile_detail",
        expect(404, 404, 200, 404, 200, 200),
        kwargs=pk_of("profile_draft_b"),
        note="a draft: its own organisation and the office only",
    ),
    Route("matching:profile_update", CHANGE_A, kwargs=pk_of("profile_a")),
    Route(
        "matching:profile_update",
        expect(LOGIN, 403, 200, 403, 403, 200),
        kwargs=pk_of("profile_public"),
        note="seen by everyone, changed by its organisation and the office",
    ),
    Route(
        "matching:profile_update", CHANGED_A, method="POST", kwargs=pk_of("profile_a"), data=_form
    ),
    Route("matching:profile_status", ONLY_POST, kwargs=pk_of("profile_a")),
    Route(
        "matching:profile_status",
        CHANGED_A,
        method="POST",
        kwargs=pk_of("profile_a"),
        data=lambda objs: {"action": "withdraw"},
    ),
    Route("matching:profile_renew", ONLY_POST, kwargs=pk_of("profile_a_ending")),
    Route("matching:profile_renew", CHANGED_A, method="POST", kwargs=pk_of("profile_a_ending")),
]
