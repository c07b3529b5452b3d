"""A small network with one closed reporting year, shaped so that a merge, an erasure and a
back-dated membership each change the figures in a way a test can compute by hand.

Last year, in the host network:
- members all year: Alpha Sensorik GmbH (SME), Beta Daten GmbH (SME), Hochschule Nord (university);
- "Alpha Sensorik" (SME, no member) is a duplicate of Alpha, merged into it later;
- Gamma Maschinenbau GmbH (SME) is no member; the office later learns it joined on 1 March;
- event 1 (10 March): Alpha, the duplicate and Beta checked in, one registration absent;
- event 2 (15 September): Hochschule Nord and Alpha checked in;
- a consultation with Beta (5 May) and a call with Gamma (1 June).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

from innonet.events.models import EventStatus
from innonet.networks.models import Network
from innonet.partners.models import Interaction, Organisation, Person
from innonet.partners.services import membership_set_status, organisation_merge, person_erase
from innonet.reporting.indicators import Period
from tests.factories import (
    EventFactory,
    FormatFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    host_network,
)

BERLIN = ZoneInfo("Europe/Berlin")


def last_year() -> int:
    return timezone.localdate().year - 1


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BERLIN)


@dataclass
class World:
    year: int
    network: Network
    alpha: Organisation
    duplicate: Organisation
    beta: Organisation
    university: Organisation
    gamma: Organisation
    erased: Person

    @property
    def period(self) -> Period:
        return Period.year(self.year)


def build(staff) -> World:
    year = last_year()
    network = host_network()
    alpha = OrganisationFactory(name="Alpha Sensorik GmbH", kind="sme")
    duplicate = OrganisationFactory(name="Alpha Sensorik", kind="sme")
    beta = OrganisationFactory(name="Beta Daten GmbH", kind="sme")
    university = OrganisationFactory(name="Hochschule Nord", kind="university")
    gamma = OrganisationFactory(name="Gamma Maschinenbau GmbH", kind="sme")
    for member in (alpha, beta, university):
        membership_set_status(
            member, network=network, status="active", valid_from=date(year - 1, 1, 1),
            acting_user=staff,
        )  # fmt: skip
    breakfast = FormatFactory(name="IT-Frühstück", network=network)
    first = EventFactory(
        title="Sensorik im Mittelstand", format=breakfast, organiser=network,
        starts_at=at(date(year, 3, 10)), ends_at=at(date(year, 3, 10), 12),
        status=EventStatus.FINISHED, capacity=None,
    )  # fmt: skip
    second = EventFactory(
        title="Daten teilen in Forschungsverbünden", organiser=network,
        starts_at=at(date(year, 9, 15)), ends_at=at(date(year, 9, 15), 12),
        status=EventStatus.FINISHED, capacity=None,
    )  # fmt: skip
    erased = PersonFactory(first_name="Erika", last_name="Musterfrau")
    for event, organisation, person in (
        (first, alpha, erased), (first, duplicate, None), (first, beta, None),
        (second, university, None), (second, alpha, None),
    ):  # fmt: skip
        RegistrationFactory(
            event=event, organisation=organisation, person=person,
            organisation_name=organisation.name, attended_at=event.starts_at,
        )  # fmt: skip
    RegistrationFactory(event=first, organisation=beta, organisation_name=beta.name)
    InteractionFactory(
        organisation=beta, kind=Interaction.Kind.CONSULTATION, happened_on=date(year, 5, 5),
        topic="Förderberatung mit Frau Musterfrau",
    )  # fmt: skip
    InteractionFactory(organisation=gamma, kind=Interaction.Kind.CALL, happened_on=date(year, 6, 1))
    return World(year, network, alpha, duplicate, beta, university, gamma, erased)


def correct_the_past(world: World, staff) -> None:
    """What the office does after version 1: merge the duplicate, erase a participant on
    request, record Gamma's membership from 1 March of the closed year."""
    organisation_merge(world.alpha, world.duplicate, field_choices={}, acting_user=staff)
    person_erase(world.erased, reason="Antrag per E-Mail", acting_user=staff)
    membership_set_status(
        world.gamma, network=world.network, status="active",
        valid_from=date(world.year, 3, 1), acting_user=staff,
    )  # fmt: skip
