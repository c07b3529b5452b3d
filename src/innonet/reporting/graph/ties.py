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
from datetime import date

import numpy as np
from django.db.models import Exists, Max, Min, OuterRef, Q
from django.utils import timezone

from innonet.core.models import Competence, Ris3Field
from innonet.events.models import EventStatus, Registration, RegistrationStatus
from innonet.matching.models import Introduction, IntroductionStatus
from innonet.partners.models import Membership, Organisation
from innonet.projects.models import InnovationProject, ProjectPartner
from innonet.projects.rules import Stage

from .period import Period

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
class OrganisationNode:
    """What the graph needs of an organisation; no people."""

    pk: int
    name: str
    kind: str
    district: str
    ris3: tuple[int, ...]  # RIS3 field ids, in the vocabulary's order
    it_partner: bool


@dataclass
class Tie:
    """What connected two organisations in the period."""

    weight: float
    events: int
    introductions: int
    projects: int
    first: date
    last: date


@dataclass
class NetworkData:
    """Every organisation in scope (with ties or not), the active RIS3 fields, and the ties
    between organisations in scope, keyed by (smaller id, larger id) in that order."""

    period: Period
    organisations: dict[int, OrganisationNode]
    ris3_fields: dict[int, str]
    ties: dict[tuple[int, int], Tie] = field(default_factory=dict)


EVENT, INTRODUCTION, PROJECT = 0, 1, 2


class _Observations:
    """Pairs seen together, gathered as arrays and summed per pair once at the end: an event
    of forty organisations alone gives 780 pairs, and a Python object per sighting cost more
    than all the queries."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, first, second, *, weight, source: int, start, end) -> None:
        """Pairs (first < second) with their weight and days (scalars or arrays)."""
        first = np.asarray(first, dtype=np.int64)
        if not len(first):
            return
        columns = [np.asarray(second, dtype=np.int64)]
        columns += [np.broadcast_to(np.asarray(v), first.shape) for v in (weight, start, end)]
        kinds = np.full(first.shape, source, dtype=np.int8)
        self.parts.append((first, columns[0], columns[1].astype(float), kinds, *columns[2:]))

    def add_group(self, members: list[int], *, weight: float, source: int, start, end) -> None:
        """Every pair of `members` (sorted ids)."""
        ids = np.asarray(members, dtype=np.int64)
        first, second = np.triu_indices(len(ids), 1)
        self.add(ids[first], ids[second], weight=weight, source=source, start=start, end=end)

    def ties(self) -> dict[tuple[int, int], Tie]:
        """One tie per pair, in the order of the pairs: weights and counts summed, the
        earliest and latest day kept."""
        if not self.parts:
            return {}
        merged = (np.concatenate(column) for column in zip(*self.parts, strict=True))
        first, second, weight, kinds, start, end = merged
        key = first * (int(second.max()) + 1) + second
        order = np.argsort(key, kind="stable")
        key, first, second = key[order], first[order], second[order]
        weight, kinds, start, end = weight[order], kinds[order], start[order], end[order]
        begins = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        counts = [
            np.add.reduceat((kinds == k).astype(np.int64), begins)
            for k in (EVENT, INTRODUCTION, PROJECT)
        ]
        columns = zip(
            first[begins].tolist(),
            second[begins].tolist(),
            np.add.reduceat(weight, begins).tolist(),
            *(c.tolist() for c in counts),
            np.minimum.reduceat(start, begins).tolist(),
            np.maximum.reduceat(end, begins).tolist(),
            strict=True,
        )
        return {
            (a, b): Tie(w, ev, intro, proj, date.fromordinal(f), date.fromordinal(la))
            for a, b, w, ev, intro, proj, f, la in columns
        }


def load_network(period: Period, *, network_id: int | None = None) -> NetworkData:
    """The organisations (all, or those with a membership in the network) and their ties in
    the period; nine queries whatever the number of rows."""
    ris3_fields = dict(Ris3Field.objects.active().values_list("pk", "name"))
    organisations = _organisations(network_id, ris3_fields)
    seen = _Observations()
    _event_ties(period, organisations, seen)
    _introduction_ties(period, organisations, seen)
    _project_ties(period, organisations, seen)
    return NetworkData(period, organisations, ris3_fields, seen.ties())


def _organisations(
    network_id: int | None, ris3_fields: dict[int, str]
) -> dict[int, OrganisationNode]:
    queryset = Organisation.objects.all()
    if network_id is not None:
        members = Membership.objects.filter(organisation=OuterRef("pk"), network_id=network_id)
        queryset = queryset.filter(Exists(members))
    order = {pk: index for index, pk in enumerate(ris3_fields)}
    fields_of: defaultdict[int, list[int]] = defaultdict(list)
    links = Organisation.ris3_fields.through.objects.order_by().values_list(
        "organisation_id", "ris3field_id"
    )
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
    rows = list(Competence.objects.order_by().values_list("pk", "slug", "parent_id"))
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
    return set(links.order_by().values_list("organisation_id", flat=True))


def _event_ties(
    period: Period, organisations: dict[int, OrganisationNode], seen: _Observations
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
        .order_by()  # the default order sorts by German collation: costly, and not needed
        .values_list("event_id", "organisation_id", "attended_at", "event__starts_at")
    )
    attended: defaultdict[int, set[int]] = defaultdict(set)
    confirmed: defaultdict[int, set[int]] = defaultdict(set)
    day_of: dict[int, int] = {}
    for event, organisation, attended_at, starts_at in rows:
        (attended if attended_at is not None else confirmed)[event].add(organisation)
        if event not in day_of:
            day_of[event] = timezone.localdate(starts_at).toordinal()
    for event, day in day_of.items():
        present = attended.get(event) or confirmed[event]
        if len(present) < 2:
            continue
        # The weight counts every organisation there; ties leave out those not in scope.
        inside = sorted(pk for pk in present if pk in organisations)
        weight = EVENT_WEIGHT / (len(present) - 1)
        seen.add_group(inside, weight=weight, source=EVENT, start=day, end=day)


def _introduction_ties(
    period: Period, organisations: dict[int, OrganisationNode], seen: _Observations
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
        .order_by()
        .values_list(
            "first_organisation_id", "second_organisation_id", "introduced_on", "created_at"
        )
    )
    pairs, days = [], []
    for first, second, introduced_on, created_at in rows:
        if first not in organisations or second not in organisations or first == second:
            continue
        pairs.append((min(first, second), max(first, second)))
        days.append((introduced_on or timezone.localdate(created_at)).toordinal())
    if pairs:
        firsts, seconds = zip(*pairs, strict=True)
        seen.add(
            firsts, seconds, weight=INTRODUCTION_WEIGHT, source=INTRODUCTION, start=days, end=days
        )


def _project_ties(
    period: Period, organisations: dict[int, OrganisationNode], seen: _Observations
) -> None:
    """Ties between the partners of projects active in the period."""
    today = timezone.localdate()
    active: dict[int, tuple[date, date]] = {}
    projects = (
        InnovationProject.objects.order_by()
        .annotate(began=Min("stage_changes__changed_at"), changed=Max("stage_changes__changed_at"))
        .values_list("pk", "stage", "created_at", "began", "changed")
    )
    for pk, stage, created_at, began, changed in projects:
        first = timezone.localdate(began or created_at)
        last = timezone.localdate(changed or created_at) if stage in CLOSED_STAGES else today
        first, last = max(first, period.start), min(last, period.end, today)
        if first <= last:
            active[pk] = (first, last)
    partners: defaultdict[int, set[int]] = defaultdict(set)
    links = ProjectPartner.objects.order_by().values_list("project_id", "organisation_id")
    for project, organisation in links:
        if project in active and organisation in organisations:
            partners[project].add(organisation)
    for project, members in partners.items():
        first, last = active[project]
        seen.add_group(
            sorted(members),
            weight=PROJECT_WEIGHT,
            source=PROJECT,
            start=first.toordinal(),
            end=last.toordinal(),
        )
