"""Organisations and the ties between them in a period, loaded in a fixed number of queries.

A tie between two organisations sums what connected them in the period:
- a shared event: people of both attended it (checked in). An event without any check-in at
  all counts its confirmed registrations instead, since the office did not record attendance.
  Only events that took place count (published or finished, started by now). Each event gives
  every organisation there `EVENT_WEIGHT` in all, shared among the other organisations, so a
  pair at an event of n organisations gets EVENT_WEIGHT / (n - 1): a big conference does not
  outweigh a workshop of five;
- an introduction that happened (introduced, met, cooperating, project started; not planned
  or declined), dated by its day of introduction: `INTRODUCTION_WEIGHT` each;
- a project both are partners of, active in the period (from its first stage change to its
  last one once finished, dropped or rejected; still open projects run until today):
  `PROJECT_WEIGHT` each.
Each tie remembers the first and last day it was seen inside the period. Person data is never
read; only organisation ids, names, kinds, districts, RIS3 fields and competences.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import combinations

from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from innonet.core.models import Competence, Ris3Field
from innonet.events.models import EventStatus, Registration, RegistrationStatus
from innonet.matching.models import Introduction, IntroductionStatus
from innonet.partners.models import Membership, Organisation
from innonet.projects.models import InnovationProject, ProjectPartner
from innonet.projects.rules import Stage

__all__ = [
    "EVENT_WEIGHT",
    "INTRODUCTION_WEIGHT",
    "IT_COMPETENCE_BRANCHES",
    "IT_PARTNER_KINDS",
    "PROJECT_WEIGHT",
    "NetworkData",
    "OrganisationNode",
    "Period",
    "Tie",
    "load_network",
]

EVENT_WEIGHT = 1.0
INTRODUCTION_WEIGHT = 2.0
PROJECT_WEIGHT = 3.0

HAPPENED = (
    IntroductionStatus.INTRODUCED,
    IntroductionStatus.MET,
    IntroductionStatus.COOPERATING,
    IntroductionStatus.PROJECT_STARTED,
)
EVENT_TOOK_PLACE = (EventStatus.PUBLISHED, EventStatus.FINISHED)
CLOSED_STAGES = (Stage.FINISHED, Stage.DROPPED, Stage.REJECTED)

# The IT part of the competence vocabulary: these competences and everything below them
# (a competence staff add under "Softwareentwicklung" counts too). Robotics, automation,
# Industrie 4.0 as a whole, simulation and marketing stay out: they need IT, but do not offer it.
IT_COMPETENCE_BRANCHES = (
    "softwareentwicklung",
    "ki-maschinelles-lernen",
    "datenanalyse",
    "it-sicherheit",
    "cloud-computing",
    "netzwerktechnik",
    "iot-sensorik",
    "embedded-systems",
    "digitale-zwillinge",
    "erp-systeme",
    "prozessdigitalisierung",
    "blockchain",
    "ux-design",
    "geoinformationssysteme",
    "e-commerce",
    "it-beratung",
)
# An IT partner offers IT: a company or a research organisation with an IT competence.
IT_PARTNER_KINDS = (
    Organisation.Kind.SME,
    Organisation.Kind.LARGE,
    Organisation.Kind.STARTUP,
    Organisation.Kind.UNIVERSITY,
    Organisation.Kind.RESEARCH,
)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        """The period as local instants: the start of `start`, the start of the day after
        `end`."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )


@dataclass(frozen=True)
class OrganisationNode:
    pk: int
    name: str
    kind: str
    district: str
    ris3: tuple[int, ...]  # RIS3 field ids, in the vocabulary's order
    it_partner: bool


@dataclass
class Tie:
    """What connected two organisations in the period."""

    weight: float = 0.0
    events: int = 0
    introductions: int = 0
    projects: int = 0
    first: date | None = None
    last: date | None = None

    def add(self, weight: float, first: date, last: date) -> None:
        self.weight += weight
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)


@dataclass
class NetworkData:
    """Every organisation in scope (with ties or not), the active RIS3 fields, and the ties
    between organisations in scope, keyed by (smaller id, larger id)."""

    period: Period
    organisations: dict[int, OrganisationNode]
    ris3_fields: dict[int, str]
    ties: dict[tuple[int, int], Tie] = field(default_factory=dict)


def load_network(period: Period, *, network_id: int | None = None) -> NetworkData:
    """The organisations (all, or those with a membership in the network) and their ties in
    the period; nine queries whatever the number of rows."""
    ris3_fields = dict(Ris3Field.objects.active().values_list("pk", "name"))
    organisations = _organisations(network_id, ris3_fields)
    data = NetworkData(period, organisations, ris3_fields)
    ties: defaultdict[tuple[int, int], Tie] = defaultdict(Tie)
    _event_ties(period, organisations, ties)
    _introduction_ties(period, organisations, ties)
    _project_ties(period, organisations, ties)
    data.ties = dict(ties)
    return data


def _organisations(
    network_id: int | None, ris3_fields: dict[int, str]
) -> dict[int, OrganisationNode]:
    queryset = Organisation.objects.all()
    if network_id is not None:
        members = Membership.objects.filter(organisation=OuterRef("pk"), network_id=network_id)
        queryset = queryset.filter(Exists(members))
    order = {pk: index for index, pk in enumerate(ris3_fields)}
    fields_of: defaultdict[int, list[int]] = defaultdict(list)
    links = Organisation.ris3_fields.through.objects.values_list("organisation_id", "ris3field_id")
    for organisation, ris3 in links:
        if ris3 in order:
            fields_of[organisation].append(ris3)
    it_holders = _it_competence_holders()
    return {
        pk: OrganisationNode(
            pk=pk,
            name=name,
            kind=kind,
            district=district or "",
            ris3=tuple(sorted(fields_of.get(pk, ()), key=order.__getitem__)),
            it_partner=kind in IT_PARTNER_KINDS and pk in it_holders,
        )
        for pk, name, kind, district in queryset.order_by("pk").values_list(
            "pk", "name", "kind", "district__name"
        )
    }


def _it_competence_holders() -> set[int]:
    """Ids of organisations with a competence in the IT part of the vocabulary."""
    rows = list(Competence.objects.values_list("pk", "slug", "parent_id"))
    parent = {pk: parent_id for pk, _slug, parent_id in rows}
    roots = {pk for pk, slug, _parent in rows if slug in IT_COMPETENCE_BRANCHES}

    def is_it(pk: int | None) -> bool:
        seen = set()
        while pk is not None and pk not in seen:
            if pk in roots:
                return True
            seen.add(pk)
            pk = parent.get(pk)
        return False

    it_ids = [pk for pk, _slug, _parent in rows if is_it(pk)]
    links = Organisation.competences.through.objects.filter(competence_id__in=it_ids)
    return set(links.values_list("organisation_id", flat=True))


def _pair(first: int, second: int) -> tuple[int, int]:
    return (first, second) if first < second else (second, first)


def _event_ties(
    period: Period, organisations: dict[int, OrganisationNode], ties: dict[tuple[int, int], Tie]
) -> None:
    """Ties from events that took place in the period (see the module's docstring)."""
    start, end = period.bounds()
    rows = (
        Registration.objects.filter(
            organisation__isnull=False,
            event__status__in=EVENT_TOOK_PLACE,
            event__starts_at__gte=start,
            event__starts_at__lt=min(end, timezone.now()),
        )
        .filter(Q(attended_at__isnull=False) | Q(status=RegistrationStatus.CONFIRMED))
        .values_list("event_id", "organisation_id", "attended_at", "event__starts_at")
    )
    attended: defaultdict[int, set[int]] = defaultdict(set)
    confirmed: defaultdict[int, set[int]] = defaultdict(set)
    day_of: dict[int, date] = {}
    for event, organisation, attended_at, starts_at in rows:
        (attended if attended_at is not None else confirmed)[event].add(organisation)
        day_of[event] = timezone.localdate(starts_at)
    for event, day in day_of.items():
        present = attended.get(event) or confirmed[event]
        if len(present) < 2:
            continue
        weight = EVENT_WEIGHT / (len(present) - 1)
        # The weight counts every organisation there; ties leave out those not in scope.
        inside = sorted(pk for pk in present if pk in organisations)
        for first, second in combinations(inside, 2):
            tie = ties[(first, second)]
            tie.add(weight, day, day)
            tie.events += 1


def _introduction_ties(
    period: Period, organisations: dict[int, OrganisationNode], ties: dict[tuple[int, int], Tie]
) -> None:
    """Ties from introductions that happened in the period (by their day of introduction, or
    the day they were recorded where that day is missing)."""
    start, end = period.bounds()
    rows = (
        Introduction.objects.filter(status__in=HAPPENED)
        .filter(
            Q(introduced_on__range=(period.start, period.end))
            | Q(introduced_on__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .values_list(
            "first_organisation_id", "second_organisation_id", "introduced_on", "created_at"
        )
    )
    for first, second, introduced_on, created_at in rows:
        if first not in organisations or second not in organisations or first == second:
            continue
        day = introduced_on or timezone.localdate(created_at)
        tie = ties[_pair(first, second)]
        tie.add(INTRODUCTION_WEIGHT, day, day)
        tie.introductions += 1


def _project_ties(
    period: Period, organisations: dict[int, OrganisationNode], ties: dict[tuple[int, int], Tie]
) -> None:
    """Ties between the partners of projects active in the period."""
    today = timezone.localdate()
    active: dict[int, tuple[date, date]] = {}
    projects = InnovationProject.objects.annotate(
        began=Min("stage_changes__changed_at"), changed=Max("stage_changes__changed_at")
    ).values_list("pk", "stage", "created_at", "began", "changed")
    for pk, stage, created_at, began, changed in projects:
        first = timezone.localdate(began or created_at)
        last = timezone.localdate(changed or created_at) if stage in CLOSED_STAGES else today
        first, last = max(first, period.start), min(last, period.end, today)
        if first <= last:
            active[pk] = (first, last)
    partners: defaultdict[int, set[int]] = defaultdict(set)
    for project, organisation in ProjectPartner.objects.values_list(
        "project_id", "organisation_id"
    ):
        if project in active and organisation in organisations:
            partners[project].add(organisation)
    for project, members in partners.items():
        first, last = active[project]
        for pair in combinations(sorted(members), 2):
            tie = ties[pair]
            tie.add(PROJECT_WEIGHT, first, last)
            tie.projects += 1
