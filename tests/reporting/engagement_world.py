"""Hand-built partners with known activity for the engagement tests, on a still day:
15 June 2026 at noon in Berlin. The two years of figures then run from 16 June 2024; the last
12 months from 16 June 2025; six quiet months end on 15 December 2025."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from innonet.partners.models import Interaction, Organisation
from innonet.partners.services import membership_set_status
from tests import clock
from tests.factories import (
    ContactRequestFactory,
    EventFactory,
    InteractionFactory,
    OrganisationFactory,
    RegistrationFactory,
    host_network,
)
from tests.matching.factories import InterestRequestFactory, IntroductionFactory, ProfileFactory
from tests.projects.factories import PartnerFactory, ProjectFactory, StageChangeFactory

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 6, 15)
NOW = datetime.combine(TODAY, time(12, 0), tzinfo=BERLIN)


@pytest.fixture
def still_today():
    """The tests' clock stands at NOW (also for query counts measured at a still instant)."""
    with time_machine.travel(NOW, tick=False):
        started, clock.test_started = clock.test_started, NOW
        yield
        clock.test_started = started


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=BERLIN)


def member(
    name: str,
    *,
    since: date = date(2020, 1, 1),
    network=None,
    ended: date | None = None,
    **fields,
) -> Organisation:
    """An organisation whose membership became active on `since` (and ended on `ended`)."""
    organisation = OrganisationFactory(name=name, **fields)
    network = network or host_network()
    membership_set_status(
        organisation, network=network, status="active", valid_from=since, acting_user=None
    )
    if ended is not None:
        membership_set_status(
            organisation, network=network, status="ended", valid_from=ended, acting_user=None
        )
    return organisation


def event(title: str, day: date):
    return EventFactory(title=title, starts_at=at(day))


def attended(organisation, the_event, **fields):
    """A registration of one of the organisation's people, checked in at the event."""
    fields.setdefault("attended_at", the_event.starts_at)
    return RegistrationFactory(event=the_event, organisation=organisation, **fields)


def contact(organisation, day: date, kind: str = Interaction.Kind.CALL, **fields):
    return InteractionFactory(organisation=organisation, happened_on=day, kind=kind, **fields)


def introduction(first, second, day: date):
    return IntroductionFactory(
        first_organisation=first, second_organisation=second, status="introduced", introduced_on=day
    )


def project_step(organisation, project_or_title, day: date, to_stage: str = "sounding"):
    """A stage change on `day` of a project the organisation is a partner of."""
    project = project_or_title
    if isinstance(project_or_title, str):
        project = ProjectFactory(title=project_or_title)
        PartnerFactory(project=project, organisation=organisation)
    StageChangeFactory(project=project, from_stage="", to_stage=to_stage, changed_at=at(day))
    return project


def _created_on(record, day: date):
    type(record).objects.filter(pk=record.pk).update(created_at=at(day))
    return record


def interest_request(organisation, day: date):
    return _created_on(InterestRequestFactory(organisation=organisation), day)


def contact_request(organisation, day: date):
    return _created_on(ContactRequestFactory(requesting_organisation=organisation), day)


def published_profile(organisation, day: date, title: str = "Sensorik gesucht"):
    return ProfileFactory(organisation=organisation, title=title, published_at=at(day))
