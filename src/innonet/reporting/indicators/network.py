"""Indicators of the network itself: its partners, their mix and who joined or left."""

from collections import Counter
from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innonet.partners.models import Organisation

from .facts import Facts
from .periods import Period
from .registry import SHARE, indicator
from .results import Evidence, Part, Record, Result

NETWORK = "network"
SOURCE = gettext_lazy("Membership history of the registry")


def _members(facts: Facts, pks: set[int]):
    """The organisations as records, made when the list is read."""
    return lambda: [Record("organisation", pk) for pk in sorted(pks) if pk in facts.organisations]


def _by_kind(facts: Facts, pks: set[int]) -> tuple[Part, ...]:
    labels = dict(Organisation.Kind.choices)
    counts = Counter(facts.organisations[pk].kind for pk in pks if pk in facts.organisations)
    return tuple(
        Part(kind, str(labels.get(kind, kind)), counts[kind]) for kind in labels if counts[kind]
    )


@indicator(
    "partners", NETWORK, gettext_lazy("Partners"),
    gettext_lazy("Organisations with an active membership on the last day of the period, by kind."),
    SOURCE, summable=False,
)  # fmt: skip
def partners(facts: Facts, period: Period) -> Result:
    members = facts.members_on(period.end) & facts.organisations.keys()
    return Result(len(members), _members(facts, members), _by_kind(facts, members))


@indicator(
    "partners_new", NETWORK, gettext_lazy("New partners"),
    gettext_lazy(
        "Organisations whose membership became active in the period and that were not members "
        "on the day before it began."
    ),
    SOURCE,
)  # fmt: skip
def partners_new(facts: Facts, period: Period) -> Result:
    before = facts.members_on(period.start - timedelta(days=1))
    joined = {
        pk
        for pk, changes in facts.membership.items()
        if pk not in before and any(member and period.contains(day) for day, member in changes)
    } & facts.organisations.keys()
    return Result(len(joined), _with_day(facts, joined, period, True), _by_kind(facts, joined))


@indicator(
    "partners_left", NETWORK, gettext_lazy("Partners who left"),
    gettext_lazy(
        "Organisations whose membership ended or was paused in the period and that were not "
        "members on its last day."
    ),
    SOURCE,
)  # fmt: skip
def partners_left(facts: Facts, period: Period) -> Result:
    at_end = facts.members_on(period.end)
    left = {
        pk
        for pk, changes in facts.membership.items()
        if pk not in at_end and any(not member and period.contains(day) for day, member in changes)
        and facts.is_member(pk, _day_before_leaving(changes, period))
    } & facts.organisations.keys()  # fmt: skip
    return Result(len(left), _with_day(facts, left, period, False), _by_kind(facts, left))


def _day_before_leaving(changes, period: Period):
    for day, member in changes:
        if not member and period.contains(day):
            return day - timedelta(days=1)
    return period.start


def _with_day(facts: Facts, pks: set[int], period: Period, joined: bool) -> tuple[Record, ...]:
    records = []
    for pk in sorted(pks):
        day = next(
            (d for d, member in facts.membership[pk] if member is joined and period.contains(d)),
            None,
        )
        records.append(Record("organisation", pk, day, (Evidence("membership", pk, day),)))
    return tuple(records)


def _share(facts: Facts, period: Period, test) -> Result:
    members = facts.members_on(period.end) & facts.organisations.keys()
    chosen = {pk for pk in members if test(facts.organisations[pk])}
    value = len(chosen) / len(members) if members else None
    return Result(value, _members(facts, chosen), numerator=len(chosen), denominator=len(members))


@indicator(
    "sme_share", NETWORK, gettext_lazy("SME share"),
    gettext_lazy(
        "Share of partners on the last day of the period that are SMEs (EU definition "
        "2003/361/EC from employees, turnover and balance sheet; without those figures, "
        "the kind SME or start-up)."
    ),
    SOURCE, unit=SHARE, summable=False,
)  # fmt: skip
def sme_share(facts: Facts, period: Period) -> Result:
    return _share(facts, period, lambda org: org.is_sme)


@indicator(
    "research_share", NETWORK, gettext_lazy("Research and education share"),
    gettext_lazy(
        "Share of partners on the last day of the period that are universities, research "
        "institutes or education providers."
    ),
    SOURCE, unit=SHARE, summable=False,
)  # fmt: skip
def research_share(facts: Facts, period: Period) -> Result:
    return _share(facts, period, lambda org: org.is_research_or_education)


@indicator(
    "partners_by_district", NETWORK, gettext_lazy("Partners by district"),
    gettext_lazy("Partners on the last day of the period, by the district of their address."),
    SOURCE, summable=False,
)  # fmt: skip
def partners_by_district(facts: Facts, period: Period) -> Result:
    members = facts.members_on(period.end) & facts.organisations.keys()
    counts = Counter(facts.organisations[pk].district_id for pk in members)
    parts = sorted(
        (Part(str(key or ""), facts.district_names.get(key, _("no district")), n)
         for key, n in counts.items()),
        key=lambda part: (-part.value, part.label),
    )  # fmt: skip
    return Result(len(members), _members(facts, members), tuple(parts))


@indicator(
    "partners_by_ris3", NETWORK, gettext_lazy("Partners by RIS3 field"),
    gettext_lazy(
        "Partners on the last day of the period per RIS3 field; a partner active in several "
        "fields counts in each, so the parts add up to more than the total."
    ),
    SOURCE, summable=False,
)  # fmt: skip
def partners_by_ris3(facts: Facts, period: Period) -> Result:
    members = facts.members_on(period.end) & facts.organisations.keys()
    counts = Counter(field for pk in members for field in facts.ris3_of.get(pk, ()))
    parts = sorted(
        (Part(str(key), facts.ris3_names.get(key, "?"), n) for key, n in counts.items()),
        key=lambda part: (-part.value, part.label),
    )
    return Result(len(members), _members(facts, members), tuple(parts))


@indicator(
    "first_time_participants", NETWORK, gettext_lazy("First-time participants"),
    gettext_lazy(
        "Organisations whose people attended an event of the network for the first time in "
        "the period (checked in; never before, also not under a duplicate record)."
    ),
    gettext_lazy("Check-ins at events"),
)  # fmt: skip
def first_time_participants(facts: Facts, period: Period) -> Result:
    first: dict[str, tuple] = {}  # organisation identity -> (day, event, record)
    for attendance in facts.attendances:
        org = facts.organisations.get(attendance.organisation)
        if org is None:
            continue
        seen = (attendance.day, attendance.event, org.pk)
        if org.key not in first or seen < first[org.key]:
            first[org.key] = seen
    records = tuple(
        Record("organisation", pk, day, (Evidence("event", event, day),))
        for day, event, pk in sorted(first.values(), key=lambda seen: seen[2])
        if period.contains(day)
    )
    return Result(len(records), records)
