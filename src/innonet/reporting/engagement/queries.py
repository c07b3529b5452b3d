"""Engagement per partner and the partners needing attention, read across apps.

Engagement counts a partner's activities (see `sources`) per three-month period over two years
and compares the last 12 months with the 12 before (`rules`). A partner needs attention when it
is an active member today (in the chosen network, or in any) and it has gone quiet, its activity
dropped clearly, or a follow-up of the office is overdue. Every figure here comes from a fixed
number of queries, however many partners and activities there are.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, OuterRef, QuerySet, Subquery
from django.utils import formats
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from innonet.core.collation import german_key
from innonet.core.models import District
from innonet.networks.models import Network
from innonet.partners.models import (
    Interaction,
    Membership,
    MembershipStatus,
    MembershipStatusChange,
    Organisation,
)

from . import rules
from .sources import KIND_LABELS, KINDS, Activity, activities_since, latest_before


class Reason:
    QUIET = "quiet"
    DROP = "drop"
    OVERDUE = "overdue"


REASON_CHOICES = [
    (Reason.QUIET, _("gone quiet")),
    (Reason.DROP, _("clear drop")),
    (Reason.OVERDUE, _("follow-up overdue")),
]


@dataclass
class Engagement:
    """One organisation's activities per kind and quarter (oldest first), and its latest."""

    periods: rules.Periods
    per_kind: dict[str, list[int]] = field(default_factory=dict)
    last: Activity | None = None

    def count(self, kind: str | None, *, recent: bool) -> int:
        kinds = KINDS if kind is None else (kind,)
        half = slice(rules.QUARTERS // 2, None) if recent else slice(None, rules.QUARTERS // 2)
        return sum(sum(self.per_kind.get(name, [])[half]) for name in kinds)

    @property
    def recent(self) -> int:
        return self.count(None, recent=True)

    @property
    def previous(self) -> int:
        return self.count(None, recent=False)

    @property
    def quarters(self) -> list[int]:
        """Activities per quarter over all kinds, oldest first."""
        return [
            sum(self.per_kind.get(kind, [0] * rules.QUARTERS)[index] for kind in KINDS)
            for index in range(rules.QUARTERS)
        ]

    @property
    def trend(self) -> str:
        return rules.trend(self.recent, self.previous)

    def kind_rows(self) -> list[dict]:
        """Per kind: its label and the counts of the last 12 months and the 12 before."""
        return [
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                "recent": self.count(kind, recent=True),
                "previous": self.count(kind, recent=False),
            }
            for kind in KINDS
        ]


def engagements(
    organisations: QuerySet[Organisation], ids: Collection[int], today: date
) -> dict[int, Engagement]:
    """The engagement of each organisation in `ids` (all of them in `organisations`)."""
    periods = rules.periods_ending(today)
    result = {pk: Engagement(periods) for pk in ids}
    for activity in activities_since(organisations, periods.start):
        engagement = result.get(activity.organisation_id)
        index = periods.quarter_of(activity.day)
        if engagement is None or index is None:
            continue  # outside `ids`, or in the future (a planned event's date)
        counts = engagement.per_kind.setdefault(activity.kind, [0] * rules.QUARTERS)
        counts[index] += 1
        if engagement.last is None or activity.day > engagement.last.day:
            engagement.last = activity
    without = {pk for pk, engagement in result.items() if engagement.last is None}
    if without:
        for pk, activity in latest_before(organisations, periods.start, without).items():
            result[pk].last = activity
    return result


def active_memberships(today: date, network: Network | None = None) -> QuerySet[Membership]:
    """Memberships whose status on `today` (by their dated history) is active."""
    status_today = (
        MembershipStatusChange.objects.filter(membership=OuterRef("pk"), valid_from__lte=today)
        .order_by("-valid_from", "-id")
        .values("status")[:1]
    )
    memberships = Membership.objects.annotate(status_today=Subquery(status_today)).filter(
        status_today=MembershipStatus.ACTIVE
    )
    return memberships if network is None else memberships.filter(network=network)


def members_since(memberships: QuerySet[Membership], today: date) -> dict[int, date]:
    """For each organisation with a membership active today: since when without a break
    (the earliest over its networks)."""
    changes = (
        MembershipStatusChange.objects.filter(membership__in=memberships, valid_from__lte=today)
        .order_by("membership_id", "valid_from", "id")
        .values_list("membership_id", "membership__organisation_id", "status", "valid_from")
    )
    history: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
    for membership_id, organisation_id, status, valid_from in changes:
        history[membership_id].append((organisation_id, status, valid_from))
    since: dict[int, date] = {}
    for steps in history.values():
        if steps[-1][1] != MembershipStatus.ACTIVE:
            continue
        start = steps[-1][2]
        for _organisation, status, valid_from in reversed(steps):
            if status != MembershipStatus.ACTIVE:
                break
            start = valid_from
        organisation_id = steps[-1][0]
        since[organisation_id] = min(start, since.get(organisation_id, start))
    return since


@dataclass(frozen=True)
class FollowUps:
    overdue: int
    oldest: date


def overdue_follow_ups(organisations: QuerySet[Organisation], today: date) -> dict[int, FollowUps]:
    """Open follow-ups of the office that were due before today, per organisation."""
    rows = (
        Interaction.objects.open_follow_ups()
        .filter(follow_up_on__lt=today, organisation__in=organisations.values("pk"))
        .values("organisation_id")
        .annotate(overdue=Count("pk"), oldest=Min("follow_up_on"))
        .order_by()
    )
    return {row["organisation_id"]: FollowUps(row["overdue"], row["oldest"]) for row in rows}


@dataclass
class Assessment:
    """What the office should know about one partner: its engagement, since when it has been
    an active member (None: not one today), overdue follow-ups and the reasons to act."""

    organisation_id: int
    engagement: Engagement
    member_since: date | None
    follow_ups: FollowUps | None
    months: int
    reasons: list[str] = field(default_factory=list)

    def explanations(self) -> list[str]:
        """Why the partner is listed, one sentence per reason."""
        texts = []
        last = self.engagement.last
        if Reason.QUIET in self.reasons:
            if last is None:
                texts.append(gettext("No activity recorded."))
            else:
                texts.append(
                    ngettext(
                        "No activity for %(months)s month (last on %(date)s).",
                        "No activity for %(months)s months (last on %(date)s).",
                        self.months,
                    )
                    % {"months": self.months, "date": _date(last.day)}
                )
        if Reason.DROP in self.reasons:
            texts.append(
                ngettext(
                    "%(recent)s activity in the last 12 months after %(previous)s in the "
                    "12 months before.",
                    "%(recent)s activities in the last 12 months after %(previous)s in the "
                    "12 months before.",
                    self.engagement.recent,
                )
                % {"recent": self.engagement.recent, "previous": self.engagement.previous}
            )
        if Reason.OVERDUE in self.reasons and self.follow_ups is not None:
            texts.append(
                ngettext(
                    "%(count)s follow-up overdue since %(date)s.",
                    "%(count)s follow-ups overdue, the oldest since %(date)s.",
                    self.follow_ups.overdue,
                )
                % {"count": self.follow_ups.overdue, "date": _date(self.follow_ups.oldest)}
            )
        return texts


def _date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def assess(
    organisations: QuerySet[Organisation],
    ids: Collection[int],
    memberships: QuerySet[Membership],
    *,
    today: date,
    months: int = rules.DEFAULT_QUIET_MONTHS,
) -> dict[int, Assessment]:
    """Engagement, membership and follow-ups of each organisation in `ids`, with the reasons
    it needs attention; `memberships` are the ones that make it an active member."""
    engaged = engagements(organisations, ids, today)
    since = members_since(memberships, today)
    follow_ups = overdue_follow_ups(organisations, today)
    cutoff = rules.quiet_cutoff(today, months)
    result = {}
    for pk in ids:
        engagement = engaged[pk]
        assessment = Assessment(pk, engagement, since.get(pk), follow_ups.get(pk), months)
        if assessment.member_since is not None:
            last = engagement.last.day if engagement.last else None
            if rules.is_quiet(last, assessment.member_since, cutoff):
                assessment.reasons.append(Reason.QUIET)
            if rules.is_clear_drop(engagement.recent, engagement.previous):
                assessment.reasons.append(Reason.DROP)
            if assessment.follow_ups is not None:
                assessment.reasons.append(Reason.OVERDUE)
        result[pk] = assessment
    return result


def organisation_assessment(organisation: Organisation, today: date) -> Assessment:
    """The organisation page's panel: its engagement and, as a member of any network, the
    reasons it needs attention."""
    organisations = Organisation.objects.filter(pk=organisation.pk)
    memberships = active_memberships(today).filter(organisation=organisation)
    return assess(organisations, [organisation.pk], memberships, today=today)[organisation.pk]


@dataclass
class AttentionRow:
    """One partner in the attention list."""

    pk: int
    name: str
    kind: str
    district: str
    assessment: Assessment

    @property
    def engagement(self) -> Engagement:
        return self.assessment.engagement


def _last_day(row: AttentionRow) -> date:
    last = row.engagement.last
    return last.day if last is not None else date.min  # never active: the quietest


ATTENTION_SORTS = {
    "name": lambda row: german_key(row.name),
    "district": lambda row: (row.district == "", german_key(row.district)),
    "last": _last_day,
    "recent": lambda row: row.engagement.recent,
    "previous": lambda row: row.engagement.previous,
}
DEFAULT_ATTENTION_SORT = "last"


def attention_list(
    *,
    today: date,
    months: int = rules.DEFAULT_QUIET_MONTHS,
    network: Network | None = None,
    district: District | None = None,
    kind: str = "",
    reason: str = "",
    sort: str = DEFAULT_ATTENTION_SORT,
) -> list[AttentionRow]:
    """Active members (of `network`, or of any) that need attention, with why, sorted."""
    memberships = active_memberships(today, network)
    organisations = Organisation.objects.filter(pk__in=memberships.values("organisation_id"))
    if district is not None:
        organisations = organisations.filter(district=district)
    if kind:
        organisations = organisations.filter(kind=kind)
    facts = list(organisations.values_list("pk", "name", "kind", "district__name"))
    assessed = assess(
        organisations, [pk for pk, *_rest in facts], memberships, today=today, months=months
    )
    kinds = dict(Organisation.Kind.choices)
    rows = [
        AttentionRow(pk, name, str(kinds.get(kind_value, kind_value)), district or "", assessed[pk])
        for pk, name, kind_value, district in facts
        if assessed[pk].reasons and (not reason or reason in assessed[pk].reasons)
    ]
    # Ties by name and pk, ascending in either direction (a stable sort keeps them so).
    rows.sort(key=lambda row: (german_key(row.name), row.pk))
    column = sort.lstrip("-")
    key = ATTENTION_SORTS.get(column, ATTENTION_SORTS[DEFAULT_ATTENTION_SORT])
    rows.sort(key=key, reverse=sort.startswith("-"))
    return rows
