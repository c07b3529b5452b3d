"""Indicators of the network's international work: contacts abroad and delegation visits the
office recorded, members from abroad and organisations from abroad at its events."""

from collections import Counter

from django.utils.translation import gettext_lazy

from innonet.partners.models import InternationalActivity

from .facts import Abroad, Facts
from .periods import Period
from .registry import indicator
from .results import Evidence, Part, Record, Result, Tally

INTERNATIONAL = "international"
ACTIVITY_SOURCE = gettext_lazy(
    "International contacts and delegation visits recorded by the office"
)
REGISTRY_SOURCE = gettext_lazy("Membership history and addresses of the registry")
EVENTS_SOURCE = gettext_lazy("Check-ins at events and addresses of the registry")
DIRECTIONS = dict(InternationalActivity.Direction.choices)
SHORT_DIRECTIONS = {
    "incoming": gettext_lazy("incoming"),
    "outgoing": gettext_lazy("outgoing"),
}


def abroad_in_scope(facts: Facts, period: Period, kind: str | None = None) -> list[Abroad]:
    """The international activities of the period that count for the facts' network: all of
    them without a network; else those done for it, and those done for no particular network
    in which one of its members took part."""
    chosen = []
    for activity in facts.within("abroad", period):
        if kind is not None and activity.kind != kind:
            continue
        if (
            facts.network is None
            or activity.network == facts.network.pk
            or (
                activity.network is None
                and any(facts.in_scope(pk, period) for pk in activity.organisations)
            )
        ):
            chosen.append(activity)
    return chosen


def by_country(facts: Facts, counts: Counter) -> tuple[Part, ...]:
    """Parts per country, the most frequent first."""
    parts = (Part(code, facts.country_names.get(code, code), n) for code, n in counts.items())
    return tuple(sorted(parts, key=lambda part: (-part.value, part.label)))


def _records(activities: list[Abroad]) -> tuple[Record, ...]:
    return tuple(Record("international", a.pk, a.day) for a in activities)


@indicator(
    "international_activity_contacts", INTERNATIONAL,
    gettext_lazy("International contacts recorded"),
    gettext_lazy(
        "Contacts with partners abroad that the office recorded in the period, by country; a "
        "contact with partners of several countries counts once in each country's part."
    ),
    ACTIVITY_SOURCE, record_kind="international",
)  # fmt: skip
def international_activity_contacts(facts: Facts, period: Period) -> Result:
    contacts = abroad_in_scope(facts, period, InternationalActivity.Kind.CONTACT)
    countries = Counter(code for contact in contacts for code in contact.countries)
    return Result(len(contacts), _records(contacts), by_country(facts, countries))


def _direction_parts(activities: list[Abroad], value) -> tuple[Part, ...]:
    totals = Counter()
    for activity in activities:
        totals[activity.direction] += value(activity)
    return tuple(
        Part(key, str(SHORT_DIRECTIONS[key]), totals[key]) for key in SHORT_DIRECTIONS
        if totals[key]
    )  # fmt: skip


@indicator(
    "delegation_visits", INTERNATIONAL, gettext_lazy("Delegation visits"),
    gettext_lazy(
        "Delegation visits in the period: delegations from abroad the network received "
        "(incoming) and delegations it took abroad (outgoing)."
    ),
    ACTIVITY_SOURCE, record_kind="international",
)  # fmt: skip
def delegation_visits(facts: Facts, period: Period) -> Result:
    visits = abroad_in_scope(facts, period, InternationalActivity.Kind.DELEGATION)
    return Result(len(visits), _records(visits), _direction_parts(visits, lambda a: 1))


@indicator(
    "delegation_visitors", INTERNATIONAL, gettext_lazy("People in delegations"),
    gettext_lazy(
        "People who travelled in the delegation visits of the period, incoming and outgoing."
    ),
    ACTIVITY_SOURCE, record_kind="international",
)  # fmt: skip
def delegation_visitors(facts: Facts, period: Period) -> Result:
    visits = abroad_in_scope(facts, period, InternationalActivity.Kind.DELEGATION)
    total = sum(visit.visitors for visit in visits)
    return Result(total, _records(visits), _direction_parts(visits, lambda a: a.visitors))


@indicator(
    "foreign_members", INTERNATIONAL, gettext_lazy("Members from abroad"),
    gettext_lazy(
        "Partners on the last day of the period whose address is outside Germany, by country."
    ),
    REGISTRY_SOURCE, summable=False,
)  # fmt: skip
def foreign_members(facts: Facts, period: Period) -> Result:
    members = facts.members_on(period.end) & facts.organisations.keys()
    foreign = sorted(pk for pk in members if facts.organisations[pk].is_foreign)
    countries = Counter(facts.organisations[pk].country for pk in foreign)
    return Result(
        len(foreign),
        tuple(Record("organisation", pk) for pk in foreign),
        by_country(facts, countries),
    )


@indicator(
    "foreign_event_organisations", INTERNATIONAL,
    gettext_lazy("Organisations from abroad at events"),
    gettext_lazy(
        "Different organisations with an address outside Germany that had at least one person "
        "checked in at an event of the period, by country."
    ),
    EVENTS_SOURCE, summable=False,
)  # fmt: skip
def foreign_event_organisations(facts: Facts, period: Period) -> Result:
    tally = Tally()
    countries: dict[str, str] = {}
    for attendance in facts.within("attendances", period):
        org = facts.organisations.get(attendance.organisation)
        if org is not None and org.is_foreign:
            tally.add(org.key, "organisation", org.pk,
                      Evidence("event", attendance.event, attendance.day))  # fmt: skip
            countries[org.key] = org.country
    return tally.result(by_country(facts, Counter(countries.values())))
