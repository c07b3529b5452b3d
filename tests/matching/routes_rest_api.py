"""Route x role rows for the REST API of matchmaking: the questions, cooperation profiles and
introductions.

Organisation A (member) has a profile for the host network, a draft and one that ends soon;
organisation B (member_b) has a public profile. Neither belongs to the host network or the
manager's network, so the manager sees A's network profile as little as member_b does. The
manager's network runs an event (whom to invite). A has an introduction with a third
organisation."""

from datetime import timedelta

from django.utils import timezone

from innonet.matching.models import (
    IntroductionStatus,
    ProfileKind,
    ProfileStatus,
    Visibility,
)
from tests.access import (
    API_NOT_ALLOWED,
    API_SIGNED_IN,
    JSON,
    Route,
    api_rows,
    expect,
    pk_of,
)
from tests.factories import EventFactory, OrganisationFactory
from tests.matching.factories import IntroductionFactory

from .factories import ProfileFactory

SIGNED_IN_POST_ONLY = expect(401, 405, 405, 405, 405, 405)
OWN_A = expect(401, 200, 404, 404, 200, 200)
CHANGE_A = expect(401, 200, 404, 404, 403, 200)
# A POST needs a role that may write profiles before any profile is looked up.
MOVE_A = expect(401, 200, 404, 403, 403, 200)


def objects(objs):
    own, other = objs["member"].organisation, objs["member_b"].organisation
    today = timezone.localdate()
    third = OrganisationFactory(name="API Drittfirma")
    return {
        "mapi_profile_a": ProfileFactory(organisation=own, title="API Sensorik"),
        "mapi_draft_a": ProfileFactory(organisation=own, status=ProfileStatus.DRAFT),
        "mapi_ending_a": ProfileFactory(organisation=own, valid_until=today + timedelta(days=20)),
        "mapi_public_b": ProfileFactory(
            organisation=other, visibility=Visibility.PUBLIC, kind=ProfileKind.TECHNOLOGY_OFFER
        ),
        "mapi_event": EventFactory(organiser=objs["network_manager"].network),
        "mapi_introduction": IntroductionFactory(
            first_organisation=own,
            second_organisation=third,
            topic="API Bodenfeuchte",
            status=IntroductionStatus.INTRODUCED,
        ),
    }


def _profile(objs, organisation: bool):
    data = {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "title": "Drohnenbasierte Bestandsaufnahme",
        "summary": "Wir bieten Befliegungen mit Multispektralkameras für Ackerflächen an.",
        "visibility": Visibility.NETWORK,
    }
    if organisation:
        data["organisation"] = objs["member"].organisation.pk
    return data


def _question(name, expected, key, **extra):
    return Route(name, expected, kwargs=pk_of(key), **extra)


def _post(name, expected, key=None, data=None, **extra):
    return Route(
        name,
        expected,
        "POST",
        kwargs=pk_of(key) if key else (lambda objs: {}),
        data=data or (lambda objs: {}),
        content_type=JSON,
        **extra,
    )


ROUTES = [
    # questions
    _post("api-matching-idea", API_SIGNED_IN, data=lambda objs: {"text": "Sensorik"}),
    Route("api-matching-idea", SIGNED_IN_POST_ONLY),
    _post(
        "api-matching-consortium",
        API_SIGNED_IN,
        data=lambda objs: {"text": "Sensorik", "min_size": 1},
    ),
    Route("api-matching-consortium", SIGNED_IN_POST_ONLY),
    _question("api-matching-profile", OWN_A, "mapi_profile_a"),
    _question(
        "api-matching-profile",
        expect(401, 403, 200, 403, 200, 200),
        "mapi_public_b",
        note="everyone sees B's public profile; only B asks who fits it",
    ),
    Route(
        "api-matching-organisation",
        OWN_A,
        kwargs=lambda objs: {"pk": objs["member"].organisation_id},
    ),
    _question(
        "api-matching-event",
        expect(401, 403, 403, 200, 403, 200),
        "mapi_event",
        note="whoever runs the event: the office and the organising network's manager",
    ),
    # cooperation profiles
    *api_rows(
        "cooperation-profile",
        "mapi_profile_a",
        list_get=API_SIGNED_IN,
        list_post=expect(401, 201, 201, 403, 403, 400),
        post_data=lambda objs: _profile(objs, organisation=False),
        detail_get=OWN_A,
        detail_patch=CHANGE_A,
        patch_data=lambda objs: {"title": "API Sensorik, geändert", "version": 1},
        detail_delete=API_NOT_ALLOWED,
    ),
    Route(
        "cooperation-profile-list",
        expect(401, 201, 400, 403, 403, 201),
        "POST",
        data=lambda objs: _profile(objs, organisation=True),
        content_type=JSON,
        note="staff name the organisation; B's member may not post for A (400, nothing saved)",
    ),
    *api_rows("cooperation-profile", "mapi_public_b", detail_get=API_SIGNED_IN),
    _post("cooperation-profile-publish", MOVE_A, "mapi_draft_a"),
    Route("cooperation-profile-publish", API_NOT_ALLOWED, kwargs=pk_of("mapi_draft_a")),
    _post("cooperation-profile-withdraw", MOVE_A, "mapi_profile_a"),
    _post("cooperation-profile-renew", MOVE_A, "mapi_ending_a"),
    _post(
        "cooperation-profile-withdraw",
        expect(401, 403, 200, 403, 403, 200),
        "mapi_public_b",
        note="A's member sees B's public profile but may not change it",
    ),
    # introductions
    *api_rows(
        "introduction",
        "mapi_introduction",
        list_get=API_SIGNED_IN,
        list_post=expect(401, 403, 403, 403, 403, 201),
        post_data=lambda objs: {
            "first_organisation": objs["member"].organisation.pk,
            "second_organisation": objs["member_b"].organisation.pk,
            "topic": "API Vermittlung",
        },
        detail_get=OWN_A,
        detail_patch=API_NOT_ALLOWED,
    ),
    _post(
        "introduction-outcome",
        expect(401, 403, 404, 403, 403, 200),
        "mapi_introduction",
        data=lambda objs: {"status": IntroductionStatus.MET, "version": 1},
    ),
]
