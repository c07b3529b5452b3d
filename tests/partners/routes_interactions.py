"""Route x role rows for the interaction log: staff write, the board reads, nobody else."""

from datetime import date

from innonet.partners.models import Interaction
from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect
from tests.factories import InteractionFactory


def objects(objs):
    interaction = InteractionFactory(
        kind=Interaction.Kind.CALL,
        happened_on=date(2025, 3, 3),
        organisation=objs["member"].organisation,
        topic="Förderberatung",
        follow_up_on=date(2025, 4, 1),
        staff=objs["staff"],
    )
    return {"interaction": interaction}


def _interaction(objs):
    return {"pk": objs["interaction"].pk}


STAFF_WRITES = expect(LOGIN, 403, 403, 403, 403, 302)

ROUTES = [
    Route("partners:interaction_list", READERS),
    Route("partners:interaction_export", READERS, kwargs=lambda objs: {"fmt": "csv"}),
    Route("partners:interaction_export", READERS, kwargs=lambda objs: {"fmt": "xlsx"}),
    Route("partners:interaction_detail", READERS, kwargs=_interaction),
    Route("partners:interaction_create", STAFF_ONLY),
    Route(
        "partners:interaction_create",
        STAFF_WRITES,
        method="POST",
        data=lambda objs: {
            "happened_on": "2025-05-05",
            "kind": "visit",
            "organisation": objs["member"].organisation.pk,
            "topic": "Betriebsbesuch",
        },
    ),
    Route("partners:interaction_update", STAFF_ONLY, kwargs=_interaction),
    Route(
        "partners:interaction_update",
        STAFF_WRITES,
        method="POST",
        kwargs=_interaction,
        data=lambda objs: {
            "happened_on": "2025-03-03",
            "kind": "call",
            "organisation": objs["member"].organisation.pk,
            "topic": "Förderberatung (Nachtrag)",
        },
    ),
    Route("partners:followup_list", STAFF_ONLY),
    Route("partners:followup_done", STAFF_WRITES, method="POST", kwargs=_interaction),
    Route(
        "partners:followup_done",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=_interaction,
        note="closing a follow-up changes data, so only POST",
    ),
]
