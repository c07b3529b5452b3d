"""Route x role rows for check-in, the PDFs, the figures and follow-up tasks.

The event is co-organised by the manager's network, so the manager runs it; members never
do, and the board reads the figures and PDFs but does not check people in."""

from datetime import timedelta

from django.utils import timezone

from innonet.events.models import RegistrationStatus
from tests.access import LOGIN, Route, expect
from tests.factories import EventFactory, EventTaskFactory, RegistrationFactory

RUNNERS = expect(LOGIN, 403, 403, 200, 403, 200)
RUNNERS_POST = expect(LOGIN, 403, 403, 302, 403, 302)
RUNNERS_AND_BOARD = expect(LOGIN, 403, 403, 200, 200, 200)
POST_ONLY = expect(LOGIN, 403, 403, 405, 403, 405)


def objects(objs):
    now = timezone.now()
    event = EventFactory(
        title="Einlass-Test", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )
    event.co_organisers.add(objs["network_manager"].network)
    registration = RegistrationFactory(event=event, first_name="Erika", last_name="Einlass")
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    task = EventTaskFactory(event=event, title="Fotos verschicken")
    return {"onsite_event": event, "onsite_registration": registration, "onsite_task": task}


def _event(objs):
    return {"pk": objs["onsite_event"].pk}


def _registration(objs):
    return {"pk": objs["onsite_registration"].pk}


def _task(objs):
    return {"pk": objs["onsite_task"].pk}


ROUTES = [
    Route("events:checkin", RUNNERS, kwargs=_event),
    Route(
        "events:checkin_toggle",
        RUNNERS_POST,
        method="POST",
        kwargs=_registration,
        data=lambda objs: {"action": "in", "q": "einlass"},
    ),
    Route("events:checkin_toggle", POST_ONLY, kwargs=_registration, note="changes data"),
    Route("events:participant_list_pdf", RUNNERS_AND_BOARD, kwargs=_event),
    Route("events:badges_pdf", RUNNERS_AND_BOARD, kwargs=_event),
    Route("events:event_figures", RUNNERS_AND_BOARD, kwargs=_event),
    Route(
        "events:task_add",
        RUNNERS_POST,
        method="POST",
        kwargs=_event,
        data=lambda objs: {"title": "Bericht schreiben", "assignee": objs["staff"].pk},
    ),
    Route("events:task_add", POST_ONLY, kwargs=_event, note="the form is on the figures page"),
    Route(
        "events:task_done", RUNNERS_POST, method="POST", kwargs=_task, data=lambda o: {"done": "1"}
    ),
    Route("events:task_done", POST_ONLY, kwargs=_task),
]
