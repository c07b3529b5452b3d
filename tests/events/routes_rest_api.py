"""Route x role rows for the REST API of formats, events and registrations. What a role may
not see answers 404; writes need the right role (403) or the event's organisers."""

from datetime import timedelta

from django.utils import timezone

from innonet.events.models import EventStatus, RegistrationStatus
from tests.access import Route, expect, same
from tests.factories import EventFactory, FormatFactory, RegistrationFactory

JSON = "application/json"
SIGNED_IN = expect(401, 200, 200, 200, 200, 200)
NOT_ALLOWED = expect(401, 405, 405, 405, 405, 405)


def objects(objs):
    network = objs["network_manager"].network
    member = objs["member"]
    manager_event = EventFactory(title="API Netzwerktreffen", organiser=network)
    return {
        "api_ev_host_format": FormatFactory(),
        "api_ev_own_format": FormatFactory(network=network),
        "api_ev_public": EventFactory(title="API öffentlich"),
        "api_ev_manager_event": manager_event,
        "api_ev_draft": EventFactory(status=EventStatus.DRAFT),
        "api_ev_manager_draft": EventFactory(status=EventStatus.DRAFT, organiser=network),
        "api_ev_org_registration": RegistrationFactory(
            event=manager_event, organisation=member.organisation
        ),
        "api_ev_own_registration": RegistrationFactory(
            event=manager_event, user=member, email=member.email
        ),
        "api_ev_pending": RegistrationFactory(
            event=manager_event, status=RegistrationStatus.PENDING
        ),
    }


def _pk(key):
    return lambda objs: {"pk": objs[key].pk}


def _new_event(objs):
    starts = timezone.now() + timedelta(days=30)
    return {
        "title": "Neuer Workshop",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "organiser": objs["network_manager"].network.pk,
    }


ROUTES = [
    # formats
    Route("format-list", SIGNED_IN),
    Route(
        "format-list",
        expect(401, 403, 403, 201, 403, 201),
        method="POST",
        data=lambda objs: {"name": "Neues Format", "network": objs["network_manager"].network.pk},
        content_type=JSON,
    ),
    Route("format-detail", SIGNED_IN, kwargs=_pk("api_ev_host_format")),
    Route(
        "format-detail",
        expect(401, 403, 403, 403, 403, 200),
        method="PATCH",
        kwargs=_pk("api_ev_host_format"),
        data=lambda objs: {"goal": "Austausch"},
        content_type=JSON,
        note="another network's format: its manager may not change it",
    ),
    Route(
        "format-detail",
        expect(401, 403, 403, 200, 403, 200),
        method="PATCH",
        kwargs=_pk("api_ev_own_format"),
        data=lambda objs: {"goal": "Austausch"},
        content_type=JSON,
    ),
    Route("format-detail", NOT_ALLOWED, method="DELETE", kwargs=_pk("api_ev_own_format")),
    # events
    Route("event-list", same(200)),
    Route(
        "event-list",
        expect(401, 403, 403, 201, 403, 201),
        method="POST",
        data=_new_event,
        content_type=JSON,
    ),
    Route("event-detail", same(200), kwargs=_pk("api_ev_public")),
    Route("event-detail", expect(404, 404, 404, 404, 200, 200), kwargs=_pk("api_ev_draft")),
    Route("event-detail", expect(404, 404, 404, 200, 200, 200), kwargs=_pk("api_ev_manager_draft")),
    Route(
        "event-detail",
        expect(401, 403, 403, 403, 403, 200),
        method="PATCH",
        kwargs=_pk("api_ev_public"),
        data=lambda objs: {"venue": "Aula"},
        content_type=JSON,
    ),
    Route(
        "event-detail",
        expect(401, 403, 403, 200, 403, 200),
        method="PATCH",
        kwargs=_pk("api_ev_manager_event"),
        data=lambda objs: {"venue": "Aula"},
        content_type=JSON,
    ),
    Route("event-detail", NOT_ALLOWED, method="DELETE", kwargs=_pk("api_ev_public")),
    Route(
        "event-transition",
        expect(401, 403, 403, 200, 403, 200),
        method="POST",
        kwargs=_pk("api_ev_manager_draft"),
        data=lambda objs: {"status": "published"},
        content_type=JSON,
    ),
    Route(
        "event-transition",
        expect(401, 403, 403, 403, 403, 200),
        method="POST",
        kwargs=_pk("api_ev_public"),
        data=lambda objs: {"status": "cancelled", "reason": "Raum fehlt"},
        content_type=JSON,
    ),
    Route(
        "event-transition",
        same(405),
        kwargs=_pk("api_ev_public"),
        note="anyone may read the public event, but the transition is POST only",
    ),
    # registrations
    Route("registration-list", SIGNED_IN),
    Route(
        "registration-list",
        expect(401, 201, 201, 201, 201, 201),
        method="POST",
        data=lambda objs: {"event": objs["api_ev_public"].pk},
        content_type=JSON,
        note="one click: registers the caller",
    ),
    Route(
        "registration-detail",
        expect(401, 200, 404, 200, 200, 200),
        kwargs=_pk("api_ev_org_registration"),
    ),
    Route(
        "registration-detail",
        NOT_ALLOWED,
        method="PATCH",
        kwargs=_pk("api_ev_org_registration"),
        data=lambda objs: {"status": "confirmed"},
        content_type=JSON,
    ),
    Route(
        "registration-detail",
        NOT_ALLOWED,
        method="DELETE",
        kwargs=_pk("api_ev_org_registration"),
    ),
    Route(
        "registration-cancel",
        expect(401, 403, 404, 200, 403, 200),
        method="POST",
        kwargs=_pk("api_ev_org_registration"),
        note="a colleague's registration: only the organisers cancel it",
    ),
    Route(
        "registration-cancel",
        expect(401, 200, 404, 200, 403, 200),
        method="POST",
        kwargs=_pk("api_ev_own_registration"),
    ),
    Route("registration-cancel", NOT_ALLOWED, kwargs=_pk("api_ev_own_registration")),
    Route(
        "registration-check-in",
        expect(401, 403, 404, 200, 403, 200),
        method="POST",
        kwargs=_pk("api_ev_org_registration"),
    ),
    Route(
        "registration-check-in",
        expect(401, 404, 404, 400, 403, 400),
        method="POST",
        kwargs=_pk("api_ev_pending"),
        note="only confirmed participants are checked in",
    ),
    Route("registration-check-in", NOT_ALLOWED, kwargs=_pk("api_ev_org_registration")),
]
