"""Route x role rows for funding programmes, calls and the deadline feed. Programmes and calls
are reference information for every signed-in user; only staff keep them."""

from datetime import timedelta

from django.utils import timezone

from innonet.events import ical as event_ical
from tests.access import LOGIN, SIGNED_IN, STAFF_ONLY, Route, expect, pk_of
from tests.projects.calls import make_call
from tests.projects.factories import ProgrammeFactory

STAFF_POSTS = expect(LOGIN, 403, 403, 403, 403, 302)


def objects(objs):
    programme = ProgrammeFactory(name="Routen-Programm")
    return {
        "prog_programme": programme,
        "prog_call": make_call(programme, title="Routen-Aufruf"),
        "prog_token": event_ical.feed_token(objs["member"]),
    }


def _programme_data(objs):
    return {
        "name": "ZIM Kooperation",
        "funder": "BMWK",
        "level": "federal",
        "min_partners": "2",
        "min_countries": "1",
        "is_active": "on",
        "rate_sme": "45",
    }


def _call_data(objs):
    due = (timezone.localtime() + timedelta(days=40)).strftime("%Y-%m-%dT%H:%M")
    return {
        "title": "Aufruf Wasserstoff",
        "topics": "Wasserstoff, Elektrolyse",
        "is_active": "on",
        "deadlines-TOTAL_FORMS": "2",
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "10",
        "deadlines-0-label": "Skizze",
        "deadlines-0-due_at": due,
        "deadlines-1-label": "",
        "deadlines-1-due_at": "",
    }


ROUTES = [
    Route("projects:programme_list", SIGNED_IN),
    Route("projects:programme_detail", SIGNED_IN, kwargs=pk_of("prog_programme")),
    Route("projects:programme_create", STAFF_ONLY),
    Route("projects:programme_create", STAFF_POSTS, method="POST", data=_programme_data),
    Route("projects:programme_update", STAFF_ONLY, kwargs=pk_of("prog_programme")),
    Route(
        "projects:programme_update",
        STAFF_POSTS,
        method="POST",
        kwargs=pk_of("prog_programme"),
        data=_programme_data,
    ),
    Route("projects:call_detail", SIGNED_IN, kwargs=pk_of("prog_call")),
    Route("projects:call_create", STAFF_ONLY, kwargs=pk_of("prog_programme")),
    Route(
        "projects:call_create",
        STAFF_POSTS,
        method="POST",
        kwargs=pk_of("prog_programme"),
        data=_call_data,
    ),
    Route("projects:call_update", STAFF_ONLY, kwargs=pk_of("prog_call")),
    Route(
        "projects:call_update",
        STAFF_POSTS,
        method="POST",
        kwargs=pk_of("prog_call"),
        data=_call_data,
    ),
    Route("projects:deadline_feed", SIGNED_IN),
]
