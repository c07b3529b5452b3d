"""Route x role rows for answers to public cooperation profiles: anyone may answer a public,
active profile (a visitor through the office); only the office lists and handles answers."""

from innonet.matching.models import ProfileResponse, Visibility
from tests.access import LOGIN, READERS, Route, expect, pk_of, same

from .factories import ProfileFactory


def objects(objs):
    public = ProfileFactory(
        organisation=objs["member_b"].organisation, visibility=Visibility.PUBLIC
    )
    internal = ProfileFactory(organisation=objs["member_b"].organisation)
    response = ProfileResponse.objects.create(
        profile=public,
        name="Vera Besucherin",
        email="vera@beispiel.de",
        message="Wir hätten Interesse.",
        consent_version="test",
        consented_at=public.created_at,
    )
    return {"public_profile": public, "internal_profile": internal, "response": response}


def _answer(objs):
    return {
        "name": "Vera Besucherin",
        "email": "vera@beispiel.de",
        "organisation_name": "Beispiel GmbH",
        "message": "Wir suchen genau so etwas.",
        "consent": "on",
    }


ROUTES = [
    Route("matching:profile_respond", same(200), kwargs=pk_of("public_profile")),
    Route(
        "matching:profile_respond",
        same(404),
        kwargs=pk_of("internal_profile"),
        note="only public, active profiles can be answered",
    ),
    Route(
        "matching:profile_respond",
        same(302),
        method="POST",
        kwargs=pk_of("public_profile"),
        data=_answer,
    ),
    Route("matching:profile_response_list", READERS),
    Route(
        "matching:profile_response_done",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=pk_of("response"),
    ),
]
