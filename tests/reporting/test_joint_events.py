"""A joint event of several organising networks counts once in each one's figures, and once in
the installation's total."""

from datetime import date

import pytest

from innonet.events.models import EventStatus
from innonet.reporting.indicators import Period, compute
from innonet.reporting.indicators.facts import load_facts
from tests.factories import EventFactory, NetworkFactory, OrganisationFactory, host_network
from tests.reporting.world import attend, noon

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)
AS_OF = date(2026, 1, 31)


def figures(network=None):
    return compute(load_facts(network, as_of=AS_OF), YEAR, ["events", "participants"])


@pytest.fixture
def joint():
    """A workshop of the host with two sector networks (the host listed among the
    co-organisers too, as an office may do by mistake), and one event of the host alone."""
    host, agri, energy = host_network(), NetworkFactory(), NetworkFactory()
    workshop = EventFactory(
        organiser=host, starts_at=noon(date(2025, 6, 3)), status=EventStatus.FINISHED
    )
    workshop.co_organisers.add(agri, energy, host)
    for _ in range(3):
        attend(workshop, OrganisationFactory())
    alone = EventFactory(
        organiser=host, starts_at=noon(date(2025, 9, 1)), status=EventStatus.FINISHED
    )
    attend(alone, OrganisationFactory())
    return {"host": host, "agri": agri, "energy": energy}


def test_a_joint_event_counts_once_in_each_organising_network(joint):
    assert figures(joint["host"])["events"].value == 2
    assert figures(joint["agri"])["events"].value == 1
    assert figures(joint["energy"])["events"].value == 1
    assert figures(joint["agri"])["participants"].value == 3


def test_a_joint_event_counts_once_in_the_installation_total(joint):
    total = figures()
    assert total["events"].value == 2
    assert total["participants"].value == 4
    records = [record.pk for record in total["events"].records]
    assert len(records) == len(set(records)) == 2


def test_a_network_that_did_not_organise_counts_nothing(joint):
    assert figures(NetworkFactory())["events"].value == 0
