"""The facts every indicator is computed from, loaded once per report with a fixed number of
queries and kept as plain tuples, so a dashboard can compute many indicators over many periods
without asking the database again."""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from innonet.core.models import Country, District, Ris3Field
from innonet.events.models import Event, EventStatus, Feedback, Registration, RegistrationStatus
from innonet.matching.models import CooperationProfile, Introduction, IntroductionOutcome
from innonet.matching.models.introductions import IntroductionStatus
from innonet.networks.models import Network
from innonet.partners.models import (
    Interaction,
    InternationalActivity,
    MembershipStatusChange,
    Organisation,
)
from innonet.projects.models import InnovationProject, ProjectPartner, StageChange

from .periods import Period

ENTERPRISE_KINDS = frozenset(Organisation.COMPANY_KINDS)
RESEARCH_ORGANISATION_KINDS = frozenset({Organisation.Kind.UNIVERSITY, Organisation.Kind.RESEARCH})
RESEARCH_AND_EDUCATION_KINDS = frozenset(Organisation.RESEARCH_KINDS)
SME_CLASSES = frozenset({"micro", "small", "medium"})
HOME_COUNTRY = "DE"
# Introductions that took place, and those that became active joint work.
HAPPENED = frozenset(
    {
        IntroductionStatus.INTRODUCED,
        IntroductionStatus.MET,
        IntroductionStatus.COOPERATING,
        IntroductionStatus.PROJECT_STARTED,
    }
)
COMPLETED = frozenset(
    {IntroductionStatus.MET, IntroductionStatus.COOPERATING, IntroductionStatus.PROJECT_STARTED}
)
SUPPORT_INTERACTIONS = frozenset(
    {Interaction.Kind.CONSULTATION, Interaction.Kind.VISIT, Interaction.Kind.CALL}
)


def local_day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)


@dataclass(frozen=True)
class Org:
    pk: int
    name: str
    kind: str
    sme_class: str
    key: str  # the identity counted once: register id, else VAT id, else the record
    country: str
    district_id: int | None

    @property
    def is_enterprise(self) -> bool:
        return self.kind in ENTERPRISE_KINDS

    @property
    def is_sme(self) -> bool:
        """An enterprise of the EU's micro, small or medium class; without figures, what the
        office recorded as its kind."""
        if not self.is_enterprise:
            return False
        if self.sme_class == "unknown":
            return self.kind in (Organisation.Kind.SME, Organisation.Kind.STARTUP)
        return self.sme_class in SME_CLASSES

    @property
    def size(self) -> str:
        """micro, small, medium, large or unknown, for the RCO01 split."""
        if self.kind == Organisation.Kind.LARGE and self.sme_class == "unknown":
            return "large"
        return self.sme_class

    @property
    def is_research_organisation(self) -> bool:
        return self.kind in RESEARCH_ORGANISATION_KINDS

    @property
    def is_research_or_education(self) -> bool:
        return self.kind in RESEARCH_AND_EDUCATION_KINDS

    @property
    def is_foreign(self) -> bool:
        return bool(self.country) and self.country != HOME_COUNTRY


def enterprise_key(pk: int, register_id: str, vat_id: str) -> str:
    register_id = "".join(register_id.split()).upper()
    if register_id:
        return f"register:{register_id}"
    vat_id = "".join(vat_id.split()).upper()
    if vat_id:
        return f"vat:{vat_id}"
    return f"organisation:{pk}"


@dataclass(frozen=True)
class Attendance:
    registration: int
    event: int
    day: date
    organisation: int | None
    person: str  # the person's record, else the registration's address


@dataclass(frozen=True)
class HeldEvent:
    pk: int
    day: date
    title: str
    format: str
    networks: frozenset[int]
    confirmed: int
    attended: int


@dataclass(frozen=True)
class Contact:
    pk: int
    day: date
    kind: str
    organisation: int | None


@dataclass(frozen=True)
class Intro:
    pk: int
    day: date | None
    status: str
    organisations: tuple[int, ...]
    completed_on: date | None  # when it first reached met, cooperating or project


@dataclass(frozen=True)
class Project:
    pk: int
    title: str
    created: date
    stage: str
    origin: str
    partners: tuple[int, ...]
    granted_amount: Decimal
    stages: tuple[tuple[date, str], ...]  # every move, oldest first

    def reached(self, stage: str, period: Period) -> date | None:
        for day, to_stage in self.stages:
            if to_stage == stage and period.contains(day):
                return day
        return None

    def active_in(self, period: Period) -> bool:
        """Worked on in the period: created, moved, or in an open stage throughout it."""
        if period.contains(self.created) or any(period.contains(d) for d, _ in self.stages):
            return True
        before = [stage for day, stage in self.stages if day < period.start]
        return bool(before) and before[-1] not in CLOSED_STAGES


CLOSED_STAGES = frozenset({"rejected", "finished"})
JOINT_WORK_STAGES = frozenset(
    {"consortium", "preparation", "submitted", "granted", "running", "finished"}
)


@dataclass(frozen=True)
class Profile:
    pk: int
    title: str
    kind: str
    organisation: int
    day: date | None  # published
    status: str
    valid_until: date | None
    network: int | None


@dataclass(frozen=True)
class Abroad:
    """An international contact or delegation visit the office recorded."""

    pk: int
    day: date
    kind: str  # contact, delegation
    direction: str  # incoming, outgoing, "" for a contact
    visitors: int
    countries: tuple[str, ...]  # ISO codes
    organisations: tuple[int, ...]
    network: int | None


@dataclass
class Facts:
    """Everything the indicators read, for one network (or all) and all time up to `as_of`."""

    as_of: date
    network: Network | None
    organisations: dict[int, Org]
    # organisation -> [(day, is_member)] in the order they took effect, for the network scope
    membership: dict[int, list[tuple[date, bool]]]
    events: list[HeldEvent]
    attendances: list[Attendance]
    feedback: list[tuple[int, date, int]]  # (feedback, day, rating)
    contacts: list[Contact]
    introductions: list[Intro]
    projects: list[Project]
    profiles: list[Profile]
    ris3_of: dict[int, tuple[int, ...]]  # organisation -> its RIS3 fields
    district_names: dict[int, str]
    ris3_names: dict[int, str]
    abroad: list[Abroad] = field(default_factory=list)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO code -> name
    _members_cache: dict = field(default_factory=dict, repr=False)
    _days: dict = field(default_factory=dict, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    # membership ---------------------------------------------------------------------------
    def is_member(self, organisation: int, day: date) -> bool:
        changes = self.membership.get(organisation)
        if not changes:
            return False
        index = bisect.bisect_right(changes, (day, True))
        return index > 0 and changes[index - 1][1]

    def members_on(self, day: date) -> set[int]:
        cached = self._members_cache.get(day)
        if cached is None:
            cached = {pk for pk in self.membership if self.is_member(pk, day)}
            self._members_cache[day] = cached
        return cached

    def members_during(self, period: Period) -> set[int]:
        cached = self._members_cache.get(period)
        if cached is None:
            cached = set(self.members_on(period.start))
            for pk, changes in self.membership.items():
                if any(member and period.contains(day) for day, member in changes):
                    cached.add(pk)
            self._members_cache[period] = cached
        return cached

    def memo(self, key, compute):
        """A computation shared by several indicators (CO01, CO04, RCO01 and RCO04 count the
        same enterprises), done once per facts and period."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def within(self, name: str, period: Period) -> list:
        """The items of one of the day-sorted lists that fall in the period, found by bisection
        so that many periods over large lists stay cheap."""
        days = self._days.get(name)
        if days is None:
            items = getattr(self, name)
            items.sort(key=_day_of)
            days = self._days[name] = [_day_of(item) for item in items]
        items = getattr(self, name)
        return items[bisect.bisect_left(days, period.start) : bisect.bisect_right(days, period.end)]

    def in_scope(self, organisation: int | None, period: Period) -> bool:
        """Activities without a network of their own count for a network when the organisation
        was its member at some time in the period; without a network filter, always."""
        if organisation is None:
            return self.network is None
        return self.network is None or organisation in self.members_during(period)


def _day_of(item) -> date:
    day = item[1] if isinstance(item, tuple) else item.day
    return day or date.min


def load_facts(network: Network | None, *, as_of: date | None = None) -> Facts:
    """Read the facts in a fixed number of queries (independent of the amount of data)."""
    as_of = as_of or timezone.localdate()
    organisations = {
        pk: Org(pk, name, kind, sme_class, enterprise_key(pk, register_id, vat_id), country or "",
                district)
        for pk, name, kind, sme_class, register_id, vat_id, country, district in (
            Organisation.objects.order_by().values_list(
                "pk", "name", "kind", "sme_class", "register_id", "vat_id", "country__code",
                "district_id",
            ).iterator(chunk_size=5000)
        )
    }  # fmt: skip
    events = _events(network, as_of)
    days = {event.pk: event.day for event in events}
    return Facts(
        as_of=as_of,
        network=network,
        organisations=organisations,
        membership=_membership(network),
        events=events,
        attendances=_attendances(network, as_of, days),
        feedback=_feedback(network, as_of, days),
        contacts=_contacts(as_of),
        introductions=_introductions(as_of),
        projects=_projects(as_of),
        profiles=_profiles(network),
        ris3_of=_ris3_of(),
        district_names=dict(District.objects.order_by().values_list("pk", "name")),
        ris3_names=dict(Ris3Field.objects.order_by().values_list("pk", "name")),
        abroad=_abroad(as_of),
        country_names=dict(Country.objects.order_by().values_list("code", "name")),
    )


def _abroad(as_of: date) -> list[Abroad]:
    """International contacts and delegation visits up to `as_of`, with their countries and
    organisations (three queries)."""
    activities = InternationalActivity.objects.filter(happened_on__lte=as_of).order_by()
    countries: dict[int, list[str]] = defaultdict(list)
    for activity, code in (
        InternationalActivity.countries.through.objects.filter(
            internationalactivity__in=activities.values("pk")
        )
        .order_by("country__code")
        .values_list("internationalactivity_id", "country__code")
    ):
        countries[activity].append(code)
    organisations: dict[int, list[int]] = defaultdict(list)
    for activity, organisation in (
        InternationalActivity.organisations.through.objects.filter(
            internationalactivity__in=activities.values("pk")
        )
        .order_by("organisation_id")
        .values_list("internationalactivity_id", "organisation_id")
    ):
        organisations[activity].append(organisation)
    return [
        Abroad(pk, day, kind, direction, visitors or 0, tuple(countries[pk]),
               tuple(organisations[pk]), network)
        for pk, day, kind, direction, visitors, network in activities.values_list(
            "pk", "happened_on", "kind", "direction", "visitors", "network_id"
        )
    ]  # fmt: skip


def _ris3_of() -> dict[int, tuple[int, ...]]:
    fields: dict[int, list[int]] = defaultdict(list)
    through = Organisation.ris3_fields.through
    rows = through.objects.order_by().values_list("organisation_id", "ris3field_id")
    for organisation, ris3 in rows:
        fields[organisation].append(ris3)
    return {pk: tuple(sorted(values)) for pk, values in fields.items()}


def _membership(network: Network | None) -> dict[int, list[tuple[date, bool]]]:
    """Each organisation's membership as a list of (day, member) steps. With several
    memberships (several networks, no filter), an organisation is a member while any is active."""
    changes = MembershipStatusChange.objects.order_by("valid_from", "pk")  # as members_on()
    if network is not None:
        changes = changes.filter(membership__network=network)
    per_membership: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    owner: dict[int, int] = {}
    for membership, organisation, status, valid_from in changes.values_list(
        "membership_id", "membership__organisation_id", "status", "valid_from"
    ):
        per_membership[membership].append((valid_from, status == "active"))
        owner[membership] = organisation
    per_organisation: dict[int, list[list[tuple[date, bool]]]] = defaultdict(list)
    for membership, steps in per_membership.items():
        per_organisation[owner[membership]].append(_collapse(steps))
    return {pk: _combine(histories) for pk, histories in per_organisation.items()}


def _collapse(steps: list[tuple[date, bool]]) -> list[tuple[date, bool]]:
    """One state per day (the last entry of a day wins), without repeated states."""
    by_day: dict[date, bool] = {}
    for day, member in steps:
        by_day[day] = member
    collapsed: list[tuple[date, bool]] = []
    for day in sorted(by_day):
        if not collapsed or collapsed[-1][1] != by_day[day]:
            collapsed.append((day, by_day[day]))
    return collapsed


def _combine(histories: list[list[tuple[date, bool]]]) -> list[tuple[date, bool]]:
    if len(histories) == 1:
        return histories[0]
    days = sorted({day for history in histories for day, _ in history})
    steps = []
    for day in days:
        member = any(_state(history, day) for history in histories)
        if not steps or steps[-1][1] != member:
            steps.append((day, member))
    return steps


def _state(history: list[tuple[date, bool]], day: date) -> bool:
    index = bisect.bisect_right(history, (day, True))
    return index > 0 and history[index - 1][1]


def _held_events(network: Network | None, as_of: date):
    """The events held up to `as_of` (published or finished), organised or co-organised by
    the network; a plain range on the start time, so the database can use its index."""
    day_after = timezone.make_aware(datetime.combine(as_of + timedelta(days=1), time.min))
    events = Event.objects.filter(
        status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED), starts_at__lt=day_after
    )
    if network is not None:
        co_organised = Event.co_organisers.through.objects.filter(network=network)
        events = events.filter(Q(organiser=network) | Q(pk__in=co_organised.values("event_id")))
    return events


def _events(network: Network | None, as_of: date) -> list[HeldEvent]:
    events = _held_events(network, as_of)
    rows = list(
        events.order_by().values_list("pk", "starts_at", "title", "format__name", "organiser_id")
    )
    co_organisers: dict[int, set[int]] = defaultdict(set)
    for event, co_network in (
        Event.co_organisers.through.objects.filter(event__in=events.values("pk"))
        .order_by()
        .values_list("event_id", "network_id")
    ):
        co_organisers[event].add(co_network)
    confirmed: dict[int, int] = defaultdict(int)
    attended: dict[int, int] = defaultdict(int)
    for event, was_there in (
        Registration.objects.filter(
            event__in=events.values("pk"), status=RegistrationStatus.CONFIRMED
        )
        .order_by()
        .values_list("event_id", "attended_at")
    ):
        confirmed[event] += 1
        attended[event] += was_there is not None
    starts = {pk: local_day(starts_at) for pk, starts_at, *_rest in rows}
    return [
        HeldEvent(pk, starts[pk], title, format_name or "",
                  frozenset({organiser, *co_organisers[pk]}), confirmed[pk], attended[pk])
        for pk, _starts_at, title, format_name, organiser in rows
    ]  # fmt: skip


def _attendances(network: Network | None, as_of: date, days: dict[int, date]) -> list[Attendance]:
    registrations = Registration.objects.filter(
        event__in=_held_events(network, as_of).values("pk"),
        status=RegistrationStatus.CONFIRMED,
        attended_at__isnull=False,
    )
    return [
        Attendance(pk, event, days[event], organisation,
                   f"person:{person}" if person else f"email:{email.casefold()}")
        for pk, event, organisation, person, email in registrations.order_by().values_list(
            "pk", "event_id", "organisation_id", "person_id", "email"
        )
    ]  # fmt: skip


def _feedback(network: Network | None, as_of: date, days: dict[int, date]):
    feedback = Feedback.objects.filter(
        registration__event__in=_held_events(network, as_of).values("pk")
    )
    return [
        (pk, days[event], rating)
        for pk, event, rating in feedback.order_by().values_list(
            "pk", "registration__event_id", "rating"
        )
    ]


def _contacts(as_of: date) -> list[Contact]:
    return [
        Contact(*row)
        for row in Interaction.objects.filter(happened_on__lte=as_of)
        .order_by()
        .values_list("pk", "happened_on", "kind", "organisation_id")
    ]


def _introductions(as_of: date) -> list[Intro]:
    completed: dict[int, date] = {}
    for introduction, status, recorded_at in IntroductionOutcome.objects.order_by(
        "recorded_at", "pk"
    ).values_list("introduction_id", "status", "recorded_at"):
        if status in COMPLETED:
            completed.setdefault(introduction, local_day(recorded_at))
    rows = Introduction.objects.order_by().values_list(
        "pk", "introduced_on", "created_at", "status", "first_organisation_id",
        "second_organisation_id",
    )  # fmt: skip
    introductions = []
    for pk, introduced_on, created_at, status, first, second in rows:
        day = introduced_on or local_day(created_at)
        if day > as_of:
            continue
        done = completed.get(pk)
        if done is None and status in COMPLETED:
            done = day  # reached before outcomes were recorded
        parties = tuple(pk for pk in (first, second) if pk is not None)
        introductions.append(Intro(pk, day, status, parties, done))
    return introductions


def _projects(as_of: date) -> list[Project]:
    stages: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for project, changed_at, to_stage in StageChange.objects.order_by(
        "changed_at", "pk"
    ).values_list("project_id", "changed_at", "to_stage"):
        day = local_day(changed_at)
        if day <= as_of:
            stages[project].append((day, to_stage))
    partners: dict[int, list[int]] = defaultdict(list)
    granted: dict[int, Decimal] = defaultdict(Decimal)
    for project, organisation, amount in ProjectPartner.objects.order_by().values_list(
        "project_id", "organisation_id", "granted_amount"
    ):
        if organisation not in partners[project]:
            partners[project].append(organisation)
        granted[project] += amount or Decimal(0)
    projects = []
    for pk, title, created_at, stage, *origins in InnovationProject.objects.order_by().values_list(
        "pk", "title", "created_at", "stage", "origin_event_id", "origin_interaction_id",
        "origin_introduction_id", "origin_profile_id", "origin_note",
    ):  # fmt: skip
        created = local_day(created_at)
        if created > as_of:
            continue
        projects.append(
            Project(pk, title, created, stage, _origin(origins), tuple(partners[pk]),
                    granted[pk], tuple(stages[pk]))
        )  # fmt: skip
    return projects


def _origin(origins: list) -> str:
    event, interaction, introduction, profile, note = origins
    if event:
        return "event"
    if introduction:
        return "introduction"
    if profile:
        return "profile"
    if interaction:
        return "consultation"
    return "other" if note else "none"


def _profiles(network: Network | None) -> list[Profile]:
    profiles = CooperationProfile.objects.order_by()
    return [
        Profile(pk, title, kind, organisation, local_day(published_at), status, valid_until,
                profile_network)
        for pk, title, kind, organisation, published_at, status, valid_until, profile_network
        in profiles.values_list(
            "pk", "title", "kind", "organisation_id", "published_at", "status", "valid_until",
            "network_id",
        )
    ]  # fmt: skip
