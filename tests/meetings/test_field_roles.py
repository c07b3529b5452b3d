"""Who may change which field of the marketplace (RELIABILITY: field x role matrix): a
participant only their own profile and answers, the office the set-up, the plan and outcomes,
nobody else anything. Every refusal leaves the record as it was."""

import pytest
import time_machine

from innonet.core.permissions import NotPermittedError
from innonet.meetings import services
from innonet.meetings.models import Outcome, PlanState
from innonet.meetings.services import MeetingError
from tests.factories import UserFactory

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db
REFUSED = (MeetingError, NotPermittedError)


@pytest.fixture
def world(role_users):
    market = marketplace_for()
    member = join(market, role_users["member"])
    other = join(market, UserFactory())
    market.plan_state = PlanState.DONE
    market.save()
    meeting = accepted(other, join(market, UserFactory())).meeting
    return {"market": market, "member": member, "other": other, "meeting": meeting}


def writes(world):
    market, meeting = world["market"], world["meeting"]
    settings = {"is_open": False, "request_deadline": None, "time_zone": "Europe/Berlin",
                "max_requests": 3}  # fmt: skip
    return {
        "marketplace settings": lambda user: services.marketplace_update(
            market, acting_user=user, **settings
        ),
        "slot": lambda user: services.slot_delete(market.slots.last(), acting_user=user),
        "table": lambda user: services.table_add(market, name="Neu", acting_user=user),
        "plan": lambda user: services.plan_request(market, acting_user=user),
        "own profile": lambda user: services.participant_update(
            world["member"], headline="Geändert", acting_user=user
        ),
        "someone else's profile": lambda user: services.participant_update(
            world["other"], headline="Geändert", acting_user=user
        ),
        "outcome": lambda user: services.outcome_record(
            meeting, outcome=Outcome.HELD, acting_user=user
        ),
    }


# Which role may write what: the member is the participant `member`.
ALLOWED = {
    "member": {"own profile"},
    "member_b": set(),
    "network_manager": set(),  # of another network than the event's
    "board": set(),
    "staff": {
        "marketplace settings",
        "slot",
        "table",
        "plan",
        "own profile",
        "someone else's profile",
        "outcome",
    },
}


@pytest.mark.parametrize("role", list(ALLOWED))
def test_field_by_role(world, role_users, role):
    user = role_users[role]
    with time_machine.travel(world["meeting"].slot.ends_at, tick=False):
        for name, write in writes(world).items():
            if name in ALLOWED[role]:
                write(user)
            else:
                with pytest.raises(REFUSED):
                    write(user)
    world["other"].refresh_from_db()
    assert (world["other"].headline == "Geändert") == (role == "staff")
