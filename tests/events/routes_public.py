"""Route x role rows for the public event pages: calendar, event page, registration."""

from innonet.events.models import EventStatus, EventVisibility
from tests.access import LOGIN, PUBLIC, SIGNED_IN, Route, expect, pk_of, same
from tests.factories import EventFactory


def objects(objs):
    manager_network = objs["network_manager"].network
    return {
        "ev_public": EventFactory(title="Öffentliches Frühstück"),
        "ev_members": EventFactory(visibility=EventVisibility.MEMBERS),
        "ev_draft": EventFactory(status=EventStatus.DRAFT),
        "ev_manager_draft": EventFactory(status=EventStatus.DRAFT, organiser=manager_network),
    }


ROUTES = [
    Route("events:event_list", PUBLIC),
    Route("events:event_month", PUBLIC, kwargs=lambda objs: {"year": 2026, "month": 3}),
    Route(
        "events:event_month",
        same(404),
        kwargs=lambda objs: {"year": 2026, "month": 13},
        note="no such month",
    ),
    Route("events:event_detail", PUBLIC, kwargs=pk_of("ev_public")),
    Route(
        "events:event_detail",
        expect(404, 200, 200, 404, 200, 200),
        kwargs=pk_of("ev_members"),
        note="a members-only event of the host never leaves its network, agreement or not",
    ),
    Route(
        "events:event_detail",
        expect(404, 404, 404, 404, 200, 200),
        kwargs=pk_of("ev_draft"),
        note="a draft of the host network: the other network's manager does not see it",
    ),
    Route(
        "events:event_detail",
        expect(404, 404, 404, 200, 200, 200),
        kwargs=pk_of("ev_manager_draft"),
    ),
    Route("events:event_register", PUBLIC, kwargs=pk_of("ev_public")),
    Route(
        "events:event_register",
        expect(404, 200, 200, 404, 200, 200),
        kwargs=pk_of("ev_members"),
        note="a members-only event of the host never leaves its network, agreement or not",
    ),
    Route(
        "events:event_register",
        expect(404, 404, 404, 404, 200, 200),
        kwargs=pk_of("ev_draft"),
        note="those who see the draft read that it is not open for registration",
    ),
    Route(
        "events:event_register",
        PUBLIC,
        method="POST",
        kwargs=pk_of("ev_public"),
        note="an empty form comes back with messages",
    ),
    Route(
        "events:event_register",
        same(302),
        method="POST",
        kwargs=pk_of("ev_public"),
        data=lambda objs: {
            "first_name": "Jörg",
            "last_name": "Weiß",
            "email": "joerg.weiss@osnabrueck-agrar.de",
            "language": "de",
            "consent": "on",
            "colleagues-TOTAL_FORMS": "0",
            "colleagues-INITIAL_FORMS": "0",
        },
        note="the same answer for a new and a known address",
    ),
    Route("events:event_registered", PUBLIC, kwargs=pk_of("ev_public")),
    Route(
        "events:event_registered", expect(404, 404, 404, 404, 200, 200), kwargs=pk_of("ev_draft")
    ),
    Route(
        "events:event_register_member",
        expect(LOGIN, 302, 302, 302, 302, 302),
        method="POST",
        kwargs=pk_of("ev_public"),
    ),
    Route(
        "events:event_register_member",
        expect(LOGIN, 404, 404, 404, 302, 302),
        method="POST",
        kwargs=pk_of("ev_draft"),
    ),
    Route(
        "events:event_register_member",
        expect(LOGIN, 405, 405, 405, 405, 405),
        kwargs=pk_of("ev_public"),
        note="registering writes, so only POST",
    ),
    Route("events:my_registrations", SIGNED_IN),
]
