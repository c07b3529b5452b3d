"""A small network built by hand for the graph tests, with its ties worked out on paper.

Four organisations meet in the last twelve months:
    agrar  (SME, field Agrar)            soft  (SME, field Agrar, software: an IT partner)
    energie (SME, field Energie)         hs    (university, Agrar + Energie, an IT competence
                                                below software: an IT partner)
- "Feldtag" 30 days ago: people of all four checked in (agrar twice) -> n = 4, 1/3 per pair.
  A confirmed guest of "amt" who did not check in does not count: the event has check-ins.
- "Sprechstunde" 60 days ago, nobody checked in: the confirmed registrations count (agrar,
  hs; energie cancelled) -> agrar-hs 1.
- An event to come, a cancelled one: no ties.
- Introductions: hs-soft met 10 days ago (2), energie-soft introduced without a day (2, dated
  by when it was recorded), agrar-energie planned and declined (nothing).
- Project "Feldsensorik" since 100 days, open: agrar, hs, soft (3 per pair).
Ties (weight): agrar-energie 1/3, agrar-hs 13/3, agrar-soft 10/3, energie-hs 1/3,
energie-soft 7/3, hs-soft 16/3. Strength: soft 11, hs 10, agrar 8, energie 3.
Across sectors (another kind, or no shared field): agrar-soft stays inside (both SMEs in
Agrar); hs 10, soft 23/3, agrar 14/3, energie 3.

Older: "Altes Forum" 400 days ago (alt, agrar: 1) and a project finished 500 days ago
(energie, hs: 3). Three IT SMEs in field Digital (it1-it3) have no ties; "amt" (public body
with software) and "robo" (SME with robotics) are no IT partners.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from innonet.core.models import Competence
from tests.factories import (
    CompetenceFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    RegistrationFactory,
    Ris3FieldFactory,
)
from tests.matching.factories import IntroductionFactory
from tests.projects.factories import PartnerFactory, ProjectFactory, StageChangeFactory

PERSON_FIRST, PERSON_LAST = "Zacharias", "Quellenhorst"  # never in a page or an export


@dataclass
class World:
    orgs: dict[str, Any]
    fields: dict[str, Any]
    network: Any


def _days_ago(days: int):
    """Noon of the local day `days` ago: the graph counts an event on its local day, and "now
    minus n days" late in the evening falls on the next local day in summer time."""
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


def _attend(event, organisation, *, checked_in=True, status="confirmed"):
    return RegistrationFactory(
        event=event,
        organisation=organisation,
        status=status,
        first_name=PERSON_FIRST,
        last_name=PERSON_LAST,
        attended_at=event.starts_at if checked_in else None,
    )


def _event(title: str, days_ago: int, **kwargs):
    starts = _days_ago(days_ago)
    return EventFactory(
        title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), **kwargs
    )


def build_world() -> World:
    fields = {
        "agrar": Ris3FieldFactory(name="Testfeld Agrar"),
        "energie": Ris3FieldFactory(name="Testfeld Energie"),
        "maritim": Ris3FieldFactory(name="Testfeld Maritim"),
        "digital": Ris3FieldFactory(name="Testfeld Digital"),
    }
    software = Competence.objects.get(slug="softwareentwicklung")
    below_software = CompetenceFactory(name="Testkompetenz Web-Apps", parent=software)
    robotics = Competence.objects.get(slug="robotik")

    def org(name, kind="sme", ris3=(), competences=()):
        organisation = OrganisationFactory(name=name, kind=kind)
        organisation.ris3_fields.set([fields[key] for key in ris3])
        organisation.competences.set(competences)
        return organisation

    orgs = {
        "agrar": org("Agrarhof Test GmbH", ris3=["agrar"]),
        "energie": org("Energiewerk Test GmbH", ris3=["energie"]),
        "hs": org("Hochschule Test", "university", ["agrar", "energie"], [below_software]),
        "soft": org("Softwarehaus Test GmbH", ris3=["agrar"], competences=[software]),
        "amt": org("Amt Test", "public", ["digital"], [software]),
        "robo": org("Robotik Test GmbH", ris3=["digital"], competences=[robotics]),
        "alt": org("Altbetrieb Test GmbH"),
        **{f"it{n}": org(f"IT Test {n} GmbH", ris3=["digital"], competences=[software])
           for n in (1, 2, 3)},
    }  # fmt: skip

    field_day = _event("Feldtag", 30, status="finished")
    for key in ("agrar", "agrar", "energie", "hs", "soft"):
        _attend(field_day, orgs[key])
    _attend(field_day, orgs["amt"], checked_in=False)
    _attend(field_day, None)  # a guest without an organisation in the registry

    consultation = _event("Sprechstunde", 60, status="finished")
    _attend(consultation, orgs["agrar"], checked_in=False)
    _attend(consultation, orgs["hs"], checked_in=False)
    _attend(consultation, orgs["energie"], checked_in=False, status="cancelled")

    coming = EventFactory(title="Zukunftstag")  # a week ahead
    _attend(coming, orgs["agrar"], checked_in=False)
    _attend(coming, orgs["energie"], checked_in=False)
    cancelled = _event("Abgesagt", 20, status="cancelled")
    _attend(cancelled, orgs["agrar"])
    _attend(cancelled, orgs["energie"])

    old = _event("Altes Forum", 400, status="finished")
    _attend(old, orgs["alt"])
    _attend(old, orgs["agrar"])

    today = timezone.localdate()
    IntroductionFactory(
        first_organisation=orgs["hs"],
        second_organisation=orgs["soft"],
        status="met",
        introduced_on=today - timedelta(days=10),
    )
    IntroductionFactory(
        first_organisation=orgs["soft"], second_organisation=orgs["energie"], status="introduced"
    )
    for status in ("planned", "declined"):
        IntroductionFactory(
            first_organisation=orgs["agrar"],
            second_organisation=orgs["energie"],
            status=status,
            introduced_on=today - timedelta(days=5),
        )

    running = ProjectFactory(title="Feldsensorik")
    StageChangeFactory(project=running, from_stage="", to_stage="idea", changed_at=_days_ago(100))
    for key in ("agrar", "hs", "soft"):
        PartnerFactory(project=running, organisation=orgs[key])
    finished = ProjectFactory(title="Altprojekt", stage="finished")
    StageChangeFactory(project=finished, from_stage="", to_stage="idea", changed_at=_days_ago(700))
    StageChangeFactory(
        project=finished, from_stage="running", to_stage="finished", changed_at=_days_ago(500)
    )
    for key in ("energie", "hs"):
        PartnerFactory(project=finished, organisation=orgs[key])

    network = NetworkFactory(name="Agrarnetz Test")
    for key in ("agrar", "hs", "soft"):
        MembershipFactory(organisation=orgs[key], network=network)
    return World(orgs=orgs, fields=fields, network=network)
