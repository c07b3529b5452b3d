"""Where a partner's activity is recorded, and how it is read in a fixed number of queries.

An activity is one thing that happened with an organisation on one day:
- an event one of its people attended (once per event, however many of them came),
- a contact the office recorded (consultation, visit, call, mail, introduction),
- an introduction the office made between it and another organisation (on the day it was sent),
- a step of a project it is a partner of (every stage change, including the project's start),
- a request it made to the office (to meet another organisation, or for a contact),
- a cooperation profile it published.

What an activity was is told by titles of events, projects and profiles and by names of
organisations, never by people's names or free text, so erased people cannot come back here.

Each source is read with one query for the two years the figures cover, and, for the
organisations with nothing in those two years, one more for their latest activity before.
"""

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db.models import F, Model, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innonet.events.models import Registration
from innonet.matching.models import CooperationProfile, InterestRequest, Introduction
from innonet.partners.models import ContactRequest, Interaction, Organisation
from innonet.projects.models import StageChange
from innonet.projects.models.projects import STAGE_CHOICES


class Kind:
    """The kinds of activity, in the order the figures list them."""

    EVENT = "event"
    CONTACT = "contact"
    INTRODUCTION = "introduction"
    PROJECT = "project"
    REQUEST = "request"
    PROFILE = "profile"


KIND_LABELS = {
    Kind.EVENT: _("Events attended"),
    Kind.CONTACT: _("Contacts with the office"),
    Kind.INTRODUCTION: _("Introductions made"),
    Kind.PROJECT: _("Project steps"),
    Kind.REQUEST: _("Requests to the office"),
    Kind.PROFILE: _("Cooperation profiles published"),
}
# What one activity of the kind was, for "last contact".
KIND_NAMES = {
    Kind.EVENT: _("event attended"),
    Kind.CONTACT: _("contact with the office"),
    Kind.INTRODUCTION: _("introduction"),
    Kind.PROJECT: _("project step"),
    Kind.REQUEST: _("request to the office"),
    Kind.PROFILE: _("cooperation profile published"),
}
KINDS = tuple(KIND_LABELS)


def _title(values: tuple) -> str:
    return values[0]


def _contact(values: tuple) -> str:
    # The kind only: topics are free text that may name people (the panel names nobody).
    kind = values[0]
    return str(Interaction.Kind(kind).label) if kind in Interaction.Kind.values else kind


def _with(values: tuple) -> str:
    return gettext("with %(organisation)s") % {"organisation": values[0]}


def _project(values: tuple) -> str:
    title, stage = values
    return f"{title}: {dict(STAGE_CHOICES).get(stage, stage)}"


def _asked_for(values: tuple) -> str:
    return gettext("asked about %(organisation)s") % {"organisation": values[0]}


@dataclass(frozen=True)
class Source:
    """One table that records activity: which rows count, whose they are (`organisation`, a
    lookup of the organisation's id), on which day, what makes two rows the same activity
    (`key`), and what it was (`label` fields, put into words by `describe`)."""

    kind: str
    model: type[Model]
    organisation: str
    day: str
    key: str
    label: tuple[str, ...]
    describe: Callable[[tuple], str]
    where: Q = field(default_factory=Q)
    day_is_datetime: bool = True

    def rows(self) -> QuerySet:
        return self.model._default_manager.filter(self.where)

    def bound(self, day: date) -> date | datetime:
        """The first moment of `day` in the type of the day field."""
        if not self.day_is_datetime:
            return day
        return timezone.make_aware(datetime.combine(day, time.min))


SOURCES = (
    Source(
        Kind.EVENT,
        Registration,
        "organisation_id",
        "event__starts_at",
        "event_id",
        ("event__title",),
        _title,
        Q(attended_at__isnull=False, organisation__isnull=False),
    ),
    Source(
        Kind.CONTACT,
        Interaction,
        "organisation_id",
        "happened_on",
        "pk",
        ("kind",),
        _contact,
        Q(organisation__isnull=False),
        day_is_datetime=False,
    ),
    Source(
        Kind.INTRODUCTION,
        Introduction,
        "first_organisation_id",
        "introduced_on",
        "pk",
        ("second_organisation__name",),
        _with,
        Q(introduced_on__isnull=False),
        day_is_datetime=False,
    ),
    Source(
        Kind.INTRODUCTION,
        Introduction,
        "second_organisation_id",
        "introduced_on",
        "pk",
        ("first_organisation__name",),
        _with,
        Q(introduced_on__isnull=False),
        day_is_datetime=False,
    ),
    Source(
        Kind.PROJECT,
        StageChange,
        "project__partners__organisation_id",
        "changed_at",
        "pk",
        ("project__title", "to_stage"),
        _project,
    ),
    Source(
        Kind.REQUEST,
        InterestRequest,
        "organisation_id",
        "created_at",
        "pk",
        ("target_organisation__name",),
        _asked_for,
    ),
    Source(
        Kind.REQUEST,
        ContactRequest,
        "requesting_organisation_id",
        "created_at",
        "pk",
        ("organisation__name",),
        _asked_for,
        Q(requesting_organisation__isnull=False),
    ),
    Source(
        Kind.PROFILE,
        CooperationProfile,
        "organisation_id",
        "published_at",
        "pk",
        ("title",),
        _title,
        Q(published_at__isnull=False),
    ),
)


@dataclass(frozen=True)
class Activity:
    """One activity of one organisation; `label` says what it was."""

    organisation_id: int
    day: date
    kind: str
    key: Any
    source: Source
    values: tuple

    @property
    def label(self) -> str:
        return self.source.describe(self.values)

    @property
    def kind_name(self) -> str:
        return str(KIND_NAMES[self.kind])


def _day(value: date | datetime) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _activity(source: Source, row: tuple) -> Activity:
    organisation_id, day, key, *values = row
    return Activity(organisation_id, _day(day), source.kind, key, source, tuple(values))


def activities_since(organisations: QuerySet[Organisation], start: date) -> Iterator[Activity]:
    """Every activity of the organisations from `start` on (one query per source), each once:
    a row that repeats an activity (two people at one event, a project partner with two
    units) is dropped, and so is the contact of kind "introduction" that sending an
    introduction records beside it on the same day."""
    seen: set[tuple] = set()
    introduction_days: set[tuple[int, date]] = set()
    logged_introductions: list[Activity] = []
    for source in SOURCES:
        rows = (
            source.rows()
            .filter(**{f"{source.organisation}__in": organisations.values("pk")})
            .filter(**{f"{source.day}__gte": source.bound(start)})
            .values_list(source.organisation, source.day, source.key, *source.label)
        )
        for row in rows:
            activity = _activity(source, row)
            identity = (activity.organisation_id, source.model, activity.key)
            if identity in seen:
                continue
            seen.add(identity)
            if activity.kind == Kind.INTRODUCTION:
                introduction_days.add((activity.organisation_id, activity.day))
            if source.model is Interaction and activity.values[0] == Interaction.Kind.INTRODUCTION:
                logged_introductions.append(activity)
                continue
            yield activity
    for activity in logged_introductions:
        if (activity.organisation_id, activity.day) not in introduction_days:
            yield activity


def latest_before(
    organisations: QuerySet[Organisation], end: date, wanted: Collection[int]
) -> dict[int, Activity]:
    """The latest activity before `end` of each organisation in `wanted` (one query per
    source, one row per organisation each: the database ranks them)."""
    latest: dict[int, Activity] = {}
    for source in SOURCES:
        rows = (
            source.rows()
            .filter(**{f"{source.organisation}__in": organisations.values("pk")})
            .filter(**{f"{source.day}__lt": source.bound(end)})
            .annotate(
                engagement_rank=Window(
                    RowNumber(),
                    partition_by=[F(source.organisation)],
                    order_by=[F(source.day).desc(), F("pk").desc()],
                )
            )
            .filter(engagement_rank=1)
            .values_list(source.organisation, source.day, source.key, *source.label)
        )
        for row in rows:
            activity = _activity(source, row)
            if activity.organisation_id not in wanted:
                continue
            known = latest.get(activity.organisation_id)
            if known is None or activity.day > known.day:
                latest[activity.organisation_id] = activity
    return latest
