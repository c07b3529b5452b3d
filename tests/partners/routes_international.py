"""Route x role rows for the office's international work: staff write, the board reads,
nobody else."""

from datetime import date

from innonet.core.models import Country
from innonet.partners.services import international_record
from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect, pk_of


def objects(objs):
    activity = international_record(
        data={
            "kind": "delegation", "direction": "incoming", "happened_on": date(2025, 4, 2),
            "topic": "Delegation aus Groningen", "visitors": 12,
            "countries": [Country.objects.get(code="NL")],
            "organisations": [objs["member"].organisation],
        },
        acting_user=objs["staff"],
    )  # fmt: skip
    return {"international": activity}


STAFF_WRITES = expect(LOGIN, 403, 403, 403, 403, 302)


def _contact(objs):
    return {
        "kind": "contact", "happened_on": "2025-05-05", "topic": "Anruf aus Aarhus",
        "countries": [Country.objects.get(code="DK").pk],
    }  # fmt: skip


def _trip(objs):
    return {
        "kind": "delegation", "direction": "outgoing", "happened_on": "2025-04-02",
        "topic": "Reise nach Groningen", "visitors": "4",
        "countries": [Country.objects.get(code="NL").pk],
    }  # fmt: skip


ROUTES = [
    Route("partners:international_list", READERS),
    Route("partners:international_detail", READERS, kwargs=pk_of("international")),
    Route("partners:international_create", STAFF_ONLY),
    Route("partners:international_create", STAFF_WRITES, method="POST", data=_contact),
    Route("partners:international_update", STAFF_ONLY, kwargs=pk_of("international")),
    Route(
        "partners:international_update",
        STAFF_WRITES,
        method="POST",
        kwargs=pk_of("international"),
        data=_trip,
    ),
]
