"""Route x role rows for the office's event and registration pages."""

from datetime import timedelta

from django.utils import timezone

from innonet.events.models import EventStatus, RegistrationStatus
from tests.access import LOGIN, Route, expect
from tests.factories import EventFactory, RegistrationFactory, host_network

# The manager runs `office_own` (its network organises it), not `office_other` (host network).
RUN_OWN = expect(LOGIN, 403, 403, 200, 403, 200)
RUN_OTHER = expect(LOGIN, 403, 403, 403, 403, 200)
RAN_OWN = expect(LOGIN, 403, 403, 302, 403, 302)
READ_OWN = expect(LOGIN, 403, 403, 200, 200, 200)
READ_OTHER = expect(LOGIN, 403, 403, 403, 200, 200)
# A draft of another network is invisible to members and the manager.
DRAFT = expect(LOGIN, 404, 404, 404, 403, 200)


def objects(objs):
    manager_network = objs["network_manager"].network
    own = EventFactory(organiser=manager_network, title="Hofgespräch Agrarsensorik")
    other = EventFactory(organiser=host_network(), title="Netzwerktreffen")
    draft = EventFactory(organiser=host_network(), status=EventStatus.DRAFT, title="Entwurf")
    return {
        "office_own": own,
        "office_other": other,
        "office_draft": draft,
        "office_reg_own": RegistrationFactory(event=own, email="teilnahme@beispiel.de"),
        "office_reg_pending": RegistrationFactory(
            event=own, email="wartet@beispiel.de", status=RegistrationStatus.PENDING
        ),
        "office_reg_member_org": RegistrationFactory(
            event=other,
            email="kollegin@beispiel.de",
            organisation=objs["member"].organisation,
            organisation_name=objs["member"].organisation.name,
        ),
    }


def _event(key):
    return lambda objs: {"pk": objs[key].pk}


def _event_data(objs):
    starts = timezone.localtime() + timedelta(days=30)
    return {
        "title": "Werkstattgespräch",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "organiser": objs["network_manager"].network.pk,
        "visibility": "public",
        "capacity": "25",
        "waiting_list": "on",
        "asked_fields": ["organisation"],
    }


def _attendee(objs):
    return {
        "first_name": "Jana",
        "last_name": "Telefon",
        "email": "jana.telefon@beispiel.de",
        "language": "de",
    }


def _action(key, action):
    return lambda objs: {"pk": objs[key].pk, "action": action}


ROUTES = [
    Route("events:event_create", RUN_OWN),
    Route("events:event_create", RAN_OWN, method="POST", data=_event_data),
    Route("events:event_update", RUN_OWN, kwargs=_event("office_own")),
    Route("events:event_update", RUN_OTHER, kwargs=_event("office_other")),
    Route("events:event_update", DRAFT, kwargs=_event("office_draft")),
    Route(
        "events:event_update", RAN_OWN, method="POST", kwargs=_event("office_own"), data=_event_data
    ),
    Route("events:event_transition", RUN_OWN, kwargs=_event("office_own")),
    Route(
        "events:event_transition",
        RAN_OWN,
        method="POST",
        kwargs=_event("office_own"),
        data=lambda objs: {"status": "cancelled", "reason": "Referent erkrankt"},
    ),
    Route(
        "events:event_transition",
        expect(LOGIN, 404, 404, 404, 403, 302),
        method="POST",
        kwargs=_event("office_draft"),
        data=lambda objs: {"status": "published"},
    ),
    Route("events:registration_list", READ_OWN, kwargs=_event("office_own")),
    Route("events:registration_list", READ_OTHER, kwargs=_event("office_other")),
    Route(
        "events:registration_list",
        expect(LOGIN, 404, 404, 404, 200, 200),
        kwargs=_event("office_draft"),
        note="the board reads every event's registrations",
    ),
    *[
        Route(
            "events:registration_export",
            READ_OWN,
            kwargs=lambda objs, fmt=fmt: {"pk": objs["office_own"].pk, "fmt": fmt},
        )
        for fmt in ("csv", "xlsx")
    ],
    Route(
        "events:registration_export",
        READ_OTHER,
        kwargs=lambda objs: {"pk": objs["office_other"].pk, "fmt": "csv"},
    ),
    Route("events:registration_add", RUN_OWN, kwargs=_event("office_own")),
    Route("events:registration_add", RUN_OTHER, kwargs=_event("office_other")),
    Route(
        "events:registration_add",
        RAN_OWN,
        method="POST",
        kwargs=_event("office_own"),
        data=_attendee,
    ),
    Route(
        "events:registration_detail",
        expect(LOGIN, 404, 404, 200, 200, 200),
        kwargs=_event("office_reg_own"),
    ),
    Route(
        "events:registration_detail",
        expect(LOGIN, 403, 404, 404, 200, 200),
        kwargs=_event("office_reg_member_org"),
        note="a member sees the own organisation's registrations only on the public pages",
    ),
    Route(
        "events:registration_action",
        expect(LOGIN, 404, 404, 302, 403, 302),
        method="POST",
        kwargs=_action("office_reg_pending", "approve"),
    ),
    Route(
        "events:registration_action",
        expect(LOGIN, 404, 404, 302, 403, 302),
        method="POST",
        kwargs=_action("office_reg_own", "cancel"),
    ),
    Route(
        "events:registration_action",
        expect(LOGIN, 403, 404, 404, 403, 302),
        method="POST",
        kwargs=_action("office_reg_member_org", "link_organisation"),
        data=lambda objs: {"organisation": objs["member"].organisation.pk},
    ),
    Route(
        "events:registration_action",
        expect(LOGIN, 404, 404, 404, 404, 404),
        method="POST",
        kwargs=_action("office_reg_own", "explode"),
        note="unknown actions do not exist",
    ),
    Route(
        "events:registration_action",
        expect(LOGIN, 405, 405, 405, 405, 405),
        kwargs=_action("office_reg_own", "cancel"),
        note="actions change data, so only POST",
    ),
]
