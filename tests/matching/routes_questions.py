"""Route x role rows of the questions: an idea, a consortium, who fits a profile, whom an
organisation should meet, whom to invite to an event, and the office's ratings."""

from innonet.matching.models import Visibility
from tests.access import LOGIN, SIGNED_IN, Route, expect, pk_of
from tests.factories import EventFactory

from .factories import ProfileFactory

OWN_ORGANISATION = expect(LOGIN, 200, 404, 404, 200, 200)
SEEN_NOT_OWNED = expect(LOGIN, 200, 403, 403, 200, 200)
RUNS_EVENT = expect(LOGIN, 403, 403, 403, 403, 200)
RUNS_OWN_EVENT = expect(LOGIN, 403, 403, 200, 403, 200)
RATE = expect(LOGIN, 403, 403, 403, 403, 302)


def objects(objs):
    """A profile of org A in the host network and one for partner networks; an event of the
    host network and one the manager's network organises."""
    organisation = objs["member"].organisation
    return {
        "q_profile": ProfileFactory(organisation=organisation),
        "q_profile_partners": ProfileFactory(
            organisation=organisation, visibility=Visibility.PARTNERS
        ),
        "q_event": EventFactory(),
        "q_event_manager": EventFactory(organiser=objs["network_manager"].network),
    }


def _rate(objs):
    organisation = objs["member"].organisation
    return {
        "question": "organisation",
        "source_key": f"o:{organisation.pk}",
        "source_organisation": organisation.pk,
        "document_id": f"o:{objs['member_b'].organisation.pk}",
        "organisation": objs["member_b"].organisation.pk,
        "score": "0.5",
        "reasons": '{"terms": ["sensorik"]}',
        "rating": "-1",
        "next": "/abgleich/",
    }


ROUTES = [
    Route("matching:idea", SIGNED_IN),
    Route("matching:idea", SIGNED_IN, data=lambda objs: {"text": "Agrarsensorik Bodenfeuchte"}),
    Route("matching:consortium", SIGNED_IN),
    Route(
        "matching:consortium",
        SIGNED_IN,
        method="POST",
        data=lambda objs: {"text": "Agrarsensorik", "min_size": "1", "max_size": "3"},
    ),
    Route("matching:profile_matches", OWN_ORGANISATION, kwargs=pk_of("q_profile")),
    Route(
        "matching:profile_matches",
        SEEN_NOT_OWNED,
        kwargs=pk_of("q_profile_partners"),
        note="others who see the profile may not ask for its matches",
    ),
    Route(
        "matching:organisation_matches",
        OWN_ORGANISATION,
        kwargs=lambda objs: {"pk": objs["member"].organisation_id},
    ),
    Route("matching:event_matches", RUNS_EVENT, kwargs=pk_of("q_event")),
    Route("matching:event_matches", RUNS_OWN_EVENT, kwargs=pk_of("q_event_manager")),
    Route("matching:rate", expect(LOGIN, 403, 403, 403, 403, 405)),
    Route("matching:rate", RATE, method="POST", data=_rate),
]
