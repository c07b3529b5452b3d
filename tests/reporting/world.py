"""A small hand-built network whose right answers the reporting tests write down.

The world, all in 2025 unless said otherwise (H = host network, S = a sector network):
  A  SME, 20 staff (small), register id HRB 100; member of H since 2024, of S since March 2025
  E  SME, a duplicate record of A (same register id "HRB100"), not merged
  B  SME, 3 staff (micro); member of H from February 2025 (new)
  C  university; member of H since 2020
  D  large company in the Netherlands; no member
  F  research institute; member of H since 2023, ended 30 June 2025 (left)
  G  education provider; member of H from May 2025 (new)
Events: ev0 by H in November 2024 (A attended); ev1 by H in March (A, B, C checked in, D
registered but absent; feedback 5 and 2); ev2 by H with S in September (A, E and an erased
person of B checked in); a cancelled and a draft event. Contacts: a consultation with D, a mail
to B. Introductions: B with C (met), A with D (only planned). Projects: P1 of A and C from ev1,
consortium, submitted, granted 100,000 + 150,000 euros; P2 of B and D, an idea.
"""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from innonet.events.models import EventStatus
from innonet.matching.models import IntroductionOutcome
from innonet.partners.services import privacy
from innonet.projects.models import StageChange
from innonet.reporting.indicators import Period
from tests.factories import (
    CountryFactory,
    EventFactory,
    FeedbackFactory,
    FormatFactory,
    InteractionFactory,
    MembershipFactory,
    MembershipStatusChangeFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    host_network,
)
from tests.matching.factories import IntroductionFactory
from tests.projects.factories import PartnerFactory, ProjectFactory

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = Period.year(2025)
AS_OF = date(2026, 1, 31)


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=BERLIN)


def member(organisation, network, *steps):
    membership = MembershipFactory(organisation=organisation, network=network)
    for status, day in steps:
        MembershipStatusChangeFactory(membership=membership, status=status, valid_from=day)


def attend(event, organisation, person=None, *, attended=True):
    person = person or PersonFactory()
    return RegistrationFactory(
        event=event, organisation=organisation, person=person,
        organisation_name=organisation.name, email=person.email,
        attended_at=event.starts_at if attended else None,
    )  # fmt: skip


def stages(project, *moves):
    previous = ""
    for day, stage in moves:
        StageChange.objects.create(
            project=project, from_stage=previous, to_stage=stage, changed_at=noon(day)
        )
        previous = stage
    project.stage = previous
    project.save()


@pytest.fixture
def world():
    host, sector = host_network(), NetworkFactory(name="Agrotech")
    germany, netherlands = CountryFactory(code="DE"), CountryFactory(code="NL", name="Niederlande")
    org = {
        "A": OrganisationFactory(name="A", kind="sme", employees=20, register_id="HRB 100",
                                 country=germany),
        "E": OrganisationFactory(name="E", kind="sme", register_id="hrb100"),
        "B": OrganisationFactory(name="B", kind="sme", employees=3),
        "C": OrganisationFactory(name="C", kind="university"),
        "D": OrganisationFactory(name="D", kind="large", employees=500, country=netherlands),
        "F": OrganisationFactory(name="F", kind="research"),
        "G": OrganisationFactory(name="G", kind="education"),
    }  # fmt: skip
    member(org["A"], host, ("active", date(2024, 1, 1)))
    member(org["A"], sector, ("active", date(2025, 3, 1)))
    member(org["B"], host, ("applied", date(2025, 1, 10)), ("active", date(2025, 2, 1)))
    member(org["C"], host, ("active", date(2020, 1, 1)))
    member(org["F"], host, ("active", date(2023, 1, 1)), ("ended", date(2025, 6, 30)))
    member(org["G"], host, ("active", date(2025, 5, 1)))

    ev0 = EventFactory(starts_at=noon(date(2024, 11, 1)), status=EventStatus.FINISHED)
    attend(ev0, org["A"])
    ev1 = EventFactory(starts_at=noon(date(2025, 3, 10)), status=EventStatus.FINISHED,
                       format=FormatFactory(name="IT-Frühstück"))  # fmt: skip
    p1 = PersonFactory()
    r1 = attend(ev1, org["A"], p1)
    r2 = attend(ev1, org["B"])
    attend(ev1, org["C"])
    attend(ev1, org["D"], attended=False)
    FeedbackFactory(registration=r1, rating=5)
    FeedbackFactory(registration=r2, rating=2)
    ev2 = EventFactory(starts_at=noon(date(2025, 9, 15)), status=EventStatus.FINISHED,
                       format=FormatFactory(name="Werkstatt"))  # fmt: skip
    ev2.co_organisers.add(sector)
    attend(ev2, org["A"], p1)
    attend(ev2, org["E"])
    erased = PersonFactory(first_name="Erika", last_name="Geheim")
    attend(ev2, org["B"], erased)
    EventFactory(starts_at=noon(date(2025, 4, 1)), status=EventStatus.CANCELLED)
    draft = EventFactory(starts_at=noon(date(2025, 5, 1)), status=EventStatus.DRAFT)
    attend(draft, org["A"])

    InteractionFactory(kind="consultation", happened_on=date(2025, 4, 1), organisation=org["D"])
    InteractionFactory(kind="mail", happened_on=date(2025, 5, 1), organisation=org["B"])

    met = IntroductionFactory(first_organisation=org["B"], second_organisation=org["C"],
                              status="met", introduced_on=date(2025, 5, 10))  # fmt: skip
    outcome = IntroductionOutcome.objects.create(introduction=met, status="met")
    IntroductionOutcome.objects.filter(pk=outcome.pk).update(recorded_at=noon(date(2025, 6, 1)))
    IntroductionFactory(first_organisation=org["A"], second_organisation=org["D"],
                        status="planned")  # fmt: skip

    p1_project = ProjectFactory(title="P1", origin_event=ev1)
    PartnerFactory(
        project=p1_project,
        organisation=org["A"],
        requested_amount=Decimal("120000"),
        granted_amount=Decimal("100000"),
    )
    PartnerFactory(
        project=p1_project,
        organisation=org["C"],
        requested_amount=Decimal("150000"),
        granted_amount=Decimal("150000"),
    )
    stages(p1_project, (date(2025, 2, 1), "idea"), (date(2025, 4, 1), "consortium"),
           (date(2025, 7, 1), "submitted"), (date(2025, 11, 1), "granted"))  # fmt: skip
    p2_project = ProjectFactory(title="P2")
    PartnerFactory(project=p2_project, organisation=org["B"])
    PartnerFactory(project=p2_project, organisation=org["D"])
    stages(p2_project, (date(2025, 8, 1), "idea"))
    for project, day in ((p1_project, date(2025, 2, 1)), (p2_project, date(2025, 8, 1))):
        type(project).objects.filter(pk=project.pk).update(created_at=noon(day))

    privacy.person_erase(erased, reason="Antrag nach Art. 17", acting_user=None)
    return {"host": host, "sector": sector, "org": org, "p1": p1_project, "ev1": ev1,
            "ev2": ev2, "intro": met}  # fmt: skip
