"""Route x role rows for the REST API of formats, events and registrations. What a role may
not see answers 404; writes need the right role (403) or the event's organisers."""

from datetime import timedelta

from django.utils import timezone

from innonet.events.models import EventStatus, RegistrationStatus
from tests.access import API_NOT_ALLOWED, API_SIGNED_IN, JSON, Route, api_rows, expect, pk_of, same
from tests.factories import EventFactory, FormatFactory, RegistrationFactory


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


def _new_event(objs):
    starts = timezone.now() + timedelta(days=30)
    return {
        "title": "Neuer Workshop",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "organiser": objs["network_manager"].network.pk,
    }


ROUTES = [
    *api_rows(
        "format",
        "api_ev_host_format",
        list_get=API_SIGNED_IN,
        list_post=expect(401, 403, 403, 201, 403, 201),
        post_data=lambda objs: {
            "name": "Neues Format",
            "network": objs["network_manager"].network.pk,
        },
        detail_get=API_SIGNED_IN,
        # Another network's format: its manager may not change it.
        detail_patch=expect(401, 403, 403, 403, 403, 200),
        patch_data=lambda objs: {"goal": "Austausch"},
    ),
    *api_rows(
        "format",
        "api_ev_own_format",
        detail_patch=expect(401, 403, 403, 200, 403, 200),
        patch_data=lambda objs: {"goal": "Austausch"},
        detail_delete=API_NOT_ALLOWED,
    ),
    *api_rows(
        "event",
        "api_ev_public",
        list_get=same(200),
        list_post=expect(401, 403, 403, 201, 403, 201),
        post_data=_new_event,
        detail_get=same(200),
        detail_patch=expect(401, 403, 403, 403, 403, 200),
        patch_data=lambda objs: {"venue": "Aula"},
        detail_delete=API_NOT_ALLOWED,
    ),
    Route("event-detail", expect(404, 404, 404, 404, 200, 200), kwargs=pk_of("api_ev_draft")),
    Route(
        "event-detail",
        expect(404, 404, 404, 200, 200, 200),
        kwargs=pk_of("api_ev_manager_draft"),
    ),
    *api_rows(
        "event",
        "api_ev_manager_event",
        detail_patch=expect(401, 403, 403, 200, 403, 200),
        patch_data=lambda objs: {"venue": "Aula"},
    ),
    Route(
        "event-transition",
        expect(401, 403, 403, 200, 403, 200),
        method="POST",
        kwargs=pk_of("api_ev_manager_draft"),
        data=lambda objs: {"status": "published"},
        content_type=JSON,
    ),
    Route(
        "event-transition",
        expect(401, 403, 403, 403, 403, 200),
        method="POST",
        kwargs=pk_of("api_ev_public"),
        data=lambda objs: {"status": "cancelled", "reason": "Raum fehlt"},
        content_type=JSON,
    ),
    Route(
        "event-transition",
        same(405),
        kwargs=pk_of("api_ev_public"),
        note="anyone may read the public event, but the transition is POST only",
    ),
    *api_rows(
        "registration",
        "api_ev_org_registration",
        list_get=API_SIGNED_IN,
        # One click: registers the caller.
        list_post=expect(401, 201, 201, 201, 201, 201),
        post_data=lambda objs: {"event": objs["api_ev_public"].pk},
        detail_get=expect(401, 200, 404, 200, 200, 200),
        detail_patch=API_NOT_ALLOWED,
        patch_data=lambda objs: {"status": "confirmed"},
        detail_delete=API_NOT_ALLOWED,
    ),
    Route(
        "registration-cancel",
        expect(401, 403, 404, 200, 403, 200),
        method="POST",
        kwargs=pk_of("api_ev_org_registration"),
        note="a colleague's registration: only the organisers cancel it",
    ),
    Route(
        "registration-cancel",
        expect(401, 200, 404, 200, 403, 200),
        method="POST",
        kwargs=pk_of("api_ev_own_registration"),
    ),
    Route("registration-cancel", API_NOT_ALLOWED, kwargs=pk_of("api_ev_own_registration")),
    Route(
        "registration-check-in",
        expect(401, 403, 404, 200, 403, 200),
        method="POST",
        kwargs=pk_of("api_ev_org_registration"),
    ),
    Route(
        "registration-check-in",
        expect(401, 404, 404, 400, 403, 400),
        method="POST",
        kwargs=pk_of("api_ev_pending"),
        note="only confirmed participants are checked in",
    ),
    Route("registration-check-in", API_NOT_ALLOWED, kwargs=pk_of("api_ev_org_registration")),
]
