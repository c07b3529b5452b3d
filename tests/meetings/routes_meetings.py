"""Route x role rows of the meeting marketplace. `member` takes part (with a request from
another participant waiting for an answer); `member_b` is registered nowhere; the event is
the host network's, so the other network's manager is not its office; the board reads the
office's pages without changing anything."""

from innonet.meetings import services
from innonet.meetings.models import PlanState
from tests.access import LOGIN, Route, expect, pk_of
from tests.factories import EventFactory

from .world import accepted, join, marketplace_for

OWN = expect(LOGIN, 200, 404, 404, 404, 404)
OWN_WRITE = expect(LOGIN, 302, 404, 404, 404, 404)
SIGNED_IN_302 = expect(LOGIN, 302, 302, 302, 302, 302)
OFFICE_READ = expect(LOGIN, 403, 403, 403, 200, 200)
OFFICE_FORM = expect(LOGIN, 403, 403, 403, 403, 200)
OFFICE_WRITE = expect(LOGIN, 403, 403, 403, 403, 302)
# The request is seen by its two sides and the readers; only its sides act on it (others are
# told so and sent back).
ANSWER = expect(LOGIN, 302, 404, 404, 302, 302)


def objects(objs):
    market = marketplace_for()
    member = join(market, objs["member"])
    asker, third = join(market), join(market)
    waiting = services.request_create(requester=asker, recipient=member, acting_user=asker.user)
    market.plan_state = PlanState.DONE
    market.save()
    meeting = accepted(asker, third).meeting
    own_event = EventFactory(organiser=objs["network_manager"].network)
    return {
        "mt_event": market.event,
        "mt_member": member,
        "mt_asker": asker,
        "mt_request": waiting,
        "mt_meeting": meeting,
        "mt_slot": market.slots.first(),
        "mt_table": market.tables.first(),
        "mt_plain_event": EventFactory(),
        "mt_manager_event": services.marketplace_open(own_event, acting_user=None).event,
    }


def event(objs, **extra):
    return {"pk": objs["mt_event"].pk, **extra}


def _event(objs):
    return event(objs)


ROUTES = [
    Route("meetings:marketplace", expect(LOGIN, 200, 200, 200, 200, 200), kwargs=_event),
    Route("meetings:join", SIGNED_IN_302, "POST", kwargs=_event),
    Route("meetings:profile", OWN, kwargs=_event),
    Route(
        "meetings:profile",
        OWN,
        "POST",
        kwargs=_event,
        data=lambda objs: {"headline": ""},
        note="the form comes back with a message",
    ),
    Route("meetings:withdraw", OWN_WRITE, "POST", kwargs=_event),
    Route("meetings:my_requests", OWN, kwargs=_event),
    Route(
        "meetings:request_create",
        OWN,
        kwargs=lambda objs: event(objs, participant=objs["mt_asker"].pk),
    ),
    Route(
        "meetings:request_create",
        OWN,
        "POST",
        kwargs=lambda objs: event(objs, participant=objs["mt_asker"].pk),
        note="the pair has its request already: the form says so",
    ),
    Route(
        "meetings:request_answer",
        ANSWER,
        "POST",
        kwargs=pk_of("mt_request"),
        data=lambda objs: {"answer": "decline"},
    ),
    Route("meetings:request_withdraw", ANSWER, "POST", kwargs=pk_of("mt_request")),
    Route("meetings:my_plan", OWN, kwargs=_event),
    Route("meetings:my_plan_pdf", OWN, kwargs=_event),
    Route("meetings:my_plan_ics", OWN, kwargs=_event),
    Route("meetings:open", OFFICE_WRITE, "POST", kwargs=pk_of("mt_plain_event")),
    Route(
        "meetings:marketplace",
        same_404 := expect(LOGIN, 404, 404, 404, 404, 404),
        kwargs=pk_of("mt_plain_event"),
        note="an event without a marketplace",
    ),
    Route("meetings:office", OFFICE_READ, kwargs=_event),
    Route(
        "meetings:office",
        expect(LOGIN, 403, 403, 200, 200, 200),
        kwargs=pk_of("mt_manager_event"),
        note="the manager runs the marketplace of an event its network organises",
    ),
    Route("meetings:office", same_404, kwargs=pk_of("mt_plain_event")),
    Route("meetings:settings", OFFICE_FORM, "POST", kwargs=_event, note="empty: messages"),
    Route("meetings:slot_add", OFFICE_FORM, "POST", kwargs=_event, note="empty: messages"),
    Route(
        "meetings:slot_delete",
        OFFICE_WRITE,
        "POST",
        kwargs=lambda objs: event(objs, slot=objs["mt_slot"].pk),
    ),
    Route("meetings:table_add", OFFICE_FORM, "POST", kwargs=_event, note="empty: messages"),
    Route(
        "meetings:table_delete",
        OFFICE_WRITE,
        "POST",
        kwargs=lambda objs: event(objs, table=objs["mt_table"].pk),
    ),
    Route("meetings:office_requests", OFFICE_READ, kwargs=_event),
    Route("meetings:office_plan", OFFICE_READ, kwargs=_event),
    Route("meetings:plan_build", OFFICE_WRITE, "POST", kwargs=_event),
    Route("meetings:plan_status", OFFICE_READ, kwargs=_event),
    Route(
        "meetings:outcome",
        expect(LOGIN, 404, 404, 404, 403, 200),
        kwargs=pk_of("mt_meeting"),
        note="a meeting of two other participants; the board reads it but records nothing",
    ),
    Route(
        "meetings:outcome",
        expect(LOGIN, 404, 404, 404, 403, 200),
        "POST",
        kwargs=pk_of("mt_meeting"),
        note="empty, and before the meeting: messages",
    ),
]
