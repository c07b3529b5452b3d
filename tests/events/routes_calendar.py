"""Route x role rows for the iCalendar feeds: public, one event, a user's personal feed."""

from innonet.events import ical
from innonet.events.models import EventStatus, EventVisibility
from tests.access import LOGIN, SIGNED_IN, Route, expect, pk_of, same
from tests.factories import EventFactory


def objects(objs):
    return {
        "cal_public": EventFactory(title="Kalender öffentlich"),
        "cal_members": EventFactory(visibility=EventVisibility.MEMBERS),
        "cal_draft": EventFactory(status=EventStatus.DRAFT),
        "cal_token": ical.feed_token(objs["member"]),
    }


ROUTES = [
    Route("events:calendar_feed", same(200)),
    Route("events:event_ics", same(200), kwargs=pk_of("cal_public")),
    Route(
        "events:event_ics",
        expect(404, 200, 200, 404, 200, 200),
        kwargs=pk_of("cal_members"),
        note="a members-only event of the host never leaves its network, agreement or not",
    ),
    Route(
        "events:event_ics",
        expect(404, 404, 404, 404, 200, 200),
        kwargs=pk_of("cal_draft"),
        note="a draft of the host network: only staff and board see it",
    ),
    Route("events:my_feed_link", SIGNED_IN),
    Route(
        "events:my_feed_link",
        expect(LOGIN, 302, 302, 302, 302, 302),
        method="POST",
        note="replaces the caller's own feed address",
    ),
    Route(
        "events:my_feed",
        same(200),
        kwargs=lambda objs: {"token": objs["cal_token"]},
        note="the token is the credential: calendar clients do not sign in",
    ),
    Route(
        "events:my_feed",
        same(404),
        kwargs=lambda objs: {"token": objs["cal_token"][:-2] + "xx"},
        note="tampered token",
    ),
]
