"""Years of network activity on top of a generated registry (`innonet demo --scale N
--activity-years Y`), for the reporting benchmarks: events with registrations, check-ins and
feedback, introductions with outcomes, and projects with partners and a stage history.

About a hundred events a year with 20-60 participants each, 150 introductions and 60 projects
a year, spread over the years before `today`. Bulk inserts; same seed, same data.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.core.search import searchable
from innonet.events.models import Event, EventStatus, Feedback, Format, Registration
from innonet.matching.models import Introduction, IntroductionOutcome
from innonet.networks.models import Network
from innonet.partners.models import Affiliation, Organisation
from innonet.projects.models import InnovationProject, ProjectPartner, StageChange

from .names import INTERACTION_TOPICS

EVENTS_PER_YEAR = 100
INTRODUCTIONS_PER_YEAR = 150
PROJECTS_PER_YEAR = 60
FORMATS = ("IT-Frühstück", "Werkstatt", "Transferkonferenz", "Firmenbesuch", "Hackathon")
PATH = ("idea", "sounding", "consortium", "preparation", "submitted")
ENDINGS = (("granted", "running", "finished"), ("rejected",))


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        rows = list(Organisation.objects.values_list("pk", "kind"))
        self.organisations = [pk for pk, _kind in rows]
        self.research = [pk for pk, kind in rows if kind in Organisation.RESEARCH_KINDS]
        self.companies = [pk for pk, kind in rows if kind in Organisation.COMPANY_KINDS]
        self.people: dict[int, list[int]] = defaultdict(list)
        for person, organisation in Affiliation.objects.values_list("person_id", "organisation_id"):
            self.people[organisation].append(person)

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max((end - start).days, 0)))


def write_activity(
    years: int, *, seed: int, today: date, host: Network, staff: Any,
    progress: Callable[[str], None],
) -> dict[str, int]:  # fmt: skip
    """Write `years` years of activity ending today; returns what was written."""
    world = _World(random.Random(seed + 1))  # noqa: S311 - demo data
    partners = list(Network.objects.exclude(pk=host.pk))
    formats = [
        Format.objects.get_or_create(network=host, name=name, defaults={"goal": name})[0]
        for name in FORMATS
    ]
    totals = defaultdict(int)
    first = today - timedelta(days=365 * years)
    for year in range(years):
        start = first + timedelta(days=365 * year)
        end = min(start + timedelta(days=364), today)
        with transaction.atomic():
            _events(world, formats, host, partners, start, end, totals)
            _introductions(world, start, end, staff, totals)
            _projects(world, start, end, staff, totals)
        progress(_("Activity: year %(done)s of %(total)s") % {"done": year + 1, "total": years})
    return dict(totals)


def _events(world, formats, host, partners, start, end, totals) -> None:
    rng = world.rng
    events = []
    for _number in range(EVENTS_PER_YEAR):
        day = world.day(start, end)
        format_ = rng.choice(formats)
        events.append(Event(
            format=format_, title=f"{format_.name}: {rng.choice(INTERACTION_TOPICS['visit'])}",
            starts_at=_moment(day), ends_at=_moment(day, 13), organiser=host,
            status=EventStatus.FINISHED, capacity=60, published_at=_moment(day - timedelta(30)),
            consent_text="Ich bin mit der Speicherung meiner Angaben einverstanden.",
            venue="Osnabrück",
        ))  # fmt: skip
    Event.objects.bulk_create(events)
    through = Event.co_organisers.through
    through.objects.bulk_create([
        through(event_id=event.pk, network_id=rng.choice(partners).pk)
        for event in events if partners and rng.random() < 0.1
    ])  # fmt: skip
    registrations = []
    for event in events:
        for organisation in rng.sample(world.organisations, rng.randint(20, 60)):
            people = world.people.get(organisation)
            person = rng.choice(people) if people else None
            email = f"teilnahme-{event.pk}-{organisation}@beispiel.de"
            registrations.append(Registration(
                event=event, status="confirmed", first_name="Gast", last_name=str(organisation),
                email=email, organisation_id=organisation, person_id=person,
                organisation_name=str(organisation), confirmed_at=event.starts_at,
                consented_at=event.starts_at, consent_version="demo",
                attended_at=event.starts_at if rng.random() < 0.8 else None,
                search_text=searchable("Gast", email),
            ))  # fmt: skip
    Registration.objects.bulk_create(registrations, batch_size=5000)
    Feedback.objects.bulk_create(
        [Feedback(registration=r, rating=rng.randint(2, 5)) for r in registrations
         if r.attended_at and rng.random() < 0.3],
        batch_size=5000,
    )  # fmt: skip
    totals["events"] += len(events)
    totals["registrations"] += len(registrations)


def _introductions(world, start, end, staff, totals) -> None:
    rng = world.rng
    statuses = ["introduced", "met", "cooperating", "project", "declined", "planned"]
    introductions = []
    for _number in range(INTRODUCTIONS_PER_YEAR):
        first = rng.choice(world.companies or world.organisations)
        second = rng.choice(world.research if rng.random() < 0.5 and world.research
                            else world.organisations)  # fmt: skip
        if first == second:
            continue
        introductions.append(Introduction(
            first_organisation_id=first, second_organisation_id=second, created_by=staff,
            topic=rng.choice(INTERACTION_TOPICS["introduction"]),
            status=rng.choice(statuses), introduced_on=world.day(start, end),
        ))  # fmt: skip
    Introduction.objects.bulk_create(introductions)
    outcomes = [
        IntroductionOutcome(introduction=i, status=i.status, recorded_by=staff)
        for i in introductions if i.status in ("met", "cooperating", "project")
    ]  # fmt: skip
    IntroductionOutcome.objects.bulk_create(outcomes)
    for outcome in outcomes:  # the outcome came some weeks after the introduction
        moment = _moment(outcome.introduction.introduced_on + timedelta(days=rng.randint(7, 60)))
        outcome.recorded_at = min(moment, timezone.now())
    IntroductionOutcome.objects.bulk_update(outcomes, ["recorded_at"])
    totals["introductions"] += len(introductions)


def _projects(world, start, end, staff, totals) -> None:
    rng = world.rng
    projects, histories = [], []
    for number in range(PROJECTS_PER_YEAR):
        created = world.day(start, end)
        steps = list(PATH[: rng.randint(1, len(PATH))])
        if steps[-1] == "submitted":
            steps += list(rng.choice(ENDINGS))
        days, day = [], created
        for _stage in steps:
            days.append(min(day, end))
            day += timedelta(days=rng.randint(20, 90))
        title = f"Verbundprojekt {start.year}-{number + 1}"
        projects.append(InnovationProject(
            title=title, summary="Gemeinsame Entwicklung im Netzwerk", owner=staff,
            stage=steps[-1], search_text=searchable(title),
        ))  # fmt: skip
        histories.append(list(zip(days, steps, strict=True)))
    InnovationProject.objects.bulk_create(projects)
    changes, partners = [], []
    for project, history in zip(projects, histories, strict=True):
        previous = ""
        for day, stage in history:
            changes.append(StageChange(project=project, from_stage=previous, to_stage=stage,
                                       changed_at=_moment(day), changed_by=staff))  # fmt: skip
            previous = stage
        members = rng.sample(world.companies or world.organisations, rng.randint(1, 3))
        if world.research and rng.random() < 0.6:
            members.append(rng.choice(world.research))
        granted = history[-1][1] in ("granted", "running", "finished")
        for organisation in dict.fromkeys(members):
            requested = Decimal(rng.randrange(50_000, 400_000, 1000))
            partners.append(ProjectPartner(
                project=project, organisation_id=organisation, role="partner",
                requested_amount=requested, granted_amount=requested if granted else None,
            ))  # fmt: skip
    StageChange.objects.bulk_create(changes, batch_size=5000)
    ProjectPartner.objects.bulk_create(partners, batch_size=5000)
    for project, history in zip(projects, histories, strict=True):
        project.created_at = _moment(history[0][0])
    InnovationProject.objects.bulk_update(projects, ["created_at"], batch_size=2000)
    totals["projects"] += len(projects)
