"""Indicators of the network's work: events, participants, contacts, introductions, profiles
and projects."""

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext_lazy

from innonet.matching.models import CooperationProfile
from innonet.matching.models.introductions import IntroductionStatus
from innonet.partners.models import Interaction
from innonet.projects.models.projects import STAGE_CHOICES

from .facts import HAPPENED, Facts
from .international import abroad_in_scope
from .periods import Period
from .registry import EURO, RATING, SHARE, indicator
from .results import Evidence, Part, Record, Result, Tally

ACTIVITY = "activity"
EVENTS_SOURCE = gettext_lazy("Events, registrations and check-ins")
REGISTRY_SOURCE = gettext_lazy("Contacts recorded by the office")
MATCHING_SOURCE = gettext_lazy("Introductions and cooperation profiles")
PROJECTS_SOURCE = gettext_lazy("Innovation projects and their stage history")

ORIGIN_LABELS = {
    "event": gettext_lazy("event"),
    "introduction": gettext_lazy("introduction"),
    "profile": gettext_lazy("cooperation profile"),
    "consultation": gettext_lazy("consultation"),
    "other": gettext_lazy("other origin"),
    "none": gettext_lazy("no recorded origin"),
}


def _parts(counts: Counter, labels: dict) -> tuple[Part, ...]:
    return tuple(
        Part(key, str(labels.get(key, key)), counts[key]) for key in labels if counts.get(key)
    ) + tuple(Part(key, str(key), n) for key, n in sorted(counts.items()) if key not in labels)


@indicator(
    "events", ACTIVITY, gettext_lazy("Events"),
    gettext_lazy(
        "Events held in the period (published or finished, not cancelled), by format; an event "
        "organised with other networks counts once in each of them."
    ),
    EVENTS_SOURCE, record_kind="event",
)  # fmt: skip
def events(facts: Facts, period: Period) -> Result:
    held = facts.within("events", period)
    formats = Counter(event.format or "—" for event in held)
    parts = tuple(Part(name, name, n) for name, n in sorted(formats.items(), key=lambda i: -i[1]))
    return Result(len(held), tuple(Record("event", e.pk, e.day) for e in held), parts)


def _attendances(facts: Facts, period: Period):
    return facts.within("attendances", period)


@indicator(
    "participants", ACTIVITY, gettext_lazy("Participants"),
    gettext_lazy(
        "People checked in at events of the period; a person at several events counts at each "
        "(participations). Erased people still count, without their names."
    ),
    EVENTS_SOURCE, record_kind="registration",
)  # fmt: skip
def participants(facts: Facts, period: Period) -> Result:
    attended = _attendances(facts, period)
    people = len({attendance.person for attendance in attended})
    return Result(
        len(attended),
        lambda: [Record("registration", a.registration, a.day) for a in attended],
        (Part("people", str(gettext_lazy("different people")), people),),
    )


def _organisations(facts: Facts, period: Period, test) -> Result:
    tally = Tally()
    for attendance in _attendances(facts, period):
        org = facts.organisations.get(attendance.organisation)
        if org is not None and test(org):
            evidence = Evidence("event", attendance.event, attendance.day)
            tally.add(org.key, "organisation", org.pk, evidence)
    return tally.result()


@indicator(
    "participant_organisations", ACTIVITY, gettext_lazy("Participating organisations"),
    gettext_lazy("Different organisations with at least one person checked in at an event."),
    EVENTS_SOURCE, summable=False,
)  # fmt: skip
def participant_organisations(facts: Facts, period: Period) -> Result:
    return _organisations(facts, period, lambda org: True)


@indicator(
    "participant_smes", ACTIVITY, gettext_lazy("Participating SMEs"),
    gettext_lazy("Different SMEs with at least one person checked in at an event."),
    EVENTS_SOURCE, summable=False,
)  # fmt: skip
def participant_smes(facts: Facts, period: Period) -> Result:
    return _organisations(facts, period, lambda org: org.is_sme)


@indicator(
    "participant_research", ACTIVITY, gettext_lazy("Participating research and education"),
    gettext_lazy(
        "Different universities, research institutes and education providers with at least one "
        "person checked in at an event."
    ),
    EVENTS_SOURCE, summable=False,
)  # fmt: skip
def participant_research(facts: Facts, period: Period) -> Result:
    return _organisations(facts, period, lambda org: org.is_research_or_education)


@indicator(
    "checkin_rate", ACTIVITY, gettext_lazy("Check-in rate"),
    gettext_lazy(
        "Checked-in people divided by confirmed registrations, over the events of the period "
        "at which anyone was checked in (events without check-in are left out)."
    ),
    EVENTS_SOURCE, unit=SHARE, record_kind="event", summable=False,
)  # fmt: skip
def checkin_rate(facts: Facts, period: Period) -> Result:
    checked = [event for event in facts.within("events", period) if event.attended]
    confirmed = sum(event.confirmed for event in checked)
    attended = sum(event.attended for event in checked)
    return Result(
        attended / confirmed if confirmed else None,
        tuple(Record("event", event.pk, event.day) for event in checked),
        numerator=attended,
        denominator=confirmed,
    )


@indicator(
    "feedback_rating", ACTIVITY, gettext_lazy("Feedback rating"),
    gettext_lazy("Average rating (1 to 5) that participants gave the events of the period."),
    EVENTS_SOURCE, unit=RATING, record_kind="feedback", summable=False,
)  # fmt: skip
def feedback_rating(facts: Facts, period: Period) -> Result:
    given = facts.within("feedback", period)
    total = sum(rating for _, _, rating in given)
    return Result(
        round(total / len(given), 2) if given else None,
        tuple(Record("feedback", pk, day) for pk, day, _ in given),
        (Part("answers", str(gettext_lazy("answers")), len(given)),),
        numerator=total,
        denominator=len(given),
    )


@indicator(
    "contacts", ACTIVITY, gettext_lazy("Consultations and contacts"),
    gettext_lazy(
        "Contacts the office recorded with organisations in the period, by kind (consultation, "
        "visit, call, mail, introduction)."
    ),
    REGISTRY_SOURCE, record_kind="interaction",
)  # fmt: skip
def contacts(facts: Facts, period: Period) -> Result:
    chosen = [c for c in facts.within("contacts", period) if facts.in_scope(c.organisation, period)]
    parts = _parts(Counter(c.kind for c in chosen), dict(Interaction.Kind.choices))
    return Result(len(chosen), tuple(Record("interaction", c.pk, c.day) for c in chosen), parts)


def _introductions(facts: Facts, period: Period):
    return [
        intro
        for intro in facts.within("introductions", period)
        if intro.status in HAPPENED
        and (facts.network is None or any(facts.in_scope(pk, period) for pk in intro.organisations))
    ]


@indicator(
    "introductions", ACTIVITY, gettext_lazy("Introductions"),
    gettext_lazy(
        "Introductions made in the period (not only planned, not declined), by what has come "
        "of them so far."
    ),
    MATCHING_SOURCE, record_kind="introduction",
)  # fmt: skip
def introductions(facts: Facts, period: Period) -> Result:
    made = _introductions(facts, period)
    parts = _parts(Counter(i.status for i in made), dict(IntroductionStatus.choices))
    return Result(len(made), tuple(Record("introduction", i.pk, i.day) for i in made), parts)


@indicator(
    "introductions_completed", ACTIVITY, gettext_lazy("Introductions that led to joint work"),
    gettext_lazy(
        "Introductions that reached 'met', 'cooperating' or 'project started' in the period."
    ),
    MATCHING_SOURCE, record_kind="introduction",
)  # fmt: skip
def introductions_completed(facts: Facts, period: Period) -> Result:
    done = [
        intro
        for intro in facts.introductions
        if period.contains(intro.completed_on)
        and (facts.network is None or any(facts.in_scope(pk, period) for pk in intro.organisations))
    ]
    return Result(len(done), tuple(Record("introduction", i.pk, i.completed_on) for i in done))


@indicator(
    "profiles_published", ACTIVITY, gettext_lazy("Cooperation profiles published"),
    gettext_lazy("Cooperation profiles first published in the period, by kind."),
    MATCHING_SOURCE, record_kind="profile",
)  # fmt: skip
def profiles_published(facts: Facts, period: Period) -> Result:
    published = [
        profile
        for profile in facts.within("profiles", period)
        if facts.network is None
        or profile.network == facts.network.pk
        or (profile.network is None and facts.in_scope(profile.organisation, period))
    ]
    parts = _parts(
        Counter(p.kind for p in published), dict(CooperationProfile._meta.get_field("kind").choices)
    )
    return Result(len(published), tuple(Record("profile", p.pk, p.day) for p in published), parts)


def _projects(facts: Facts, period: Period):
    return [
        project
        for project in facts.projects
        if facts.network is None or any(facts.in_scope(pk, period) for pk in project.partners)
    ]


@indicator(
    "projects_initiated", ACTIVITY, gettext_lazy("Projects initiated"),
    gettext_lazy("Innovation projects created in the period, by where they came from."),
    PROJECTS_SOURCE, record_kind="project",
)  # fmt: skip
def projects_initiated(facts: Facts, period: Period) -> Result:
    started = [p for p in _projects(facts, period) if period.contains(p.created)]
    parts = _parts(Counter(p.origin for p in started), ORIGIN_LABELS)
    return Result(len(started), tuple(Record("project", p.pk, p.created) for p in started), parts)


@indicator(
    "projects_by_stage", ACTIVITY, gettext_lazy("Projects by stage"),
    gettext_lazy(
        "Innovation projects worked on in the period (created, moved, or open throughout it), "
        "by their stage on its last day."
    ),
    PROJECTS_SOURCE, record_kind="project", summable=False,
)  # fmt: skip
def projects_by_stage(facts: Facts, period: Period) -> Result:
    active = [p for p in _projects(facts, period) if p.active_in(period)]
    stages = Counter(_stage_on(p, period) for p in active)
    parts = _parts(stages, dict(STAGE_CHOICES))
    return Result(len(active), tuple(Record("project", p.pk, p.created) for p in active), parts)


def _stage_on(project, period: Period) -> str:
    reached = [stage for day, stage in project.stages if day <= period.end]
    return reached[-1] if reached else project.stage


def _reached(stage: str):
    def compute(facts: Facts, period: Period) -> Result:
        records = []
        for project in _projects(facts, period):
            day = project.reached(stage, period)
            if day is not None:
                records.append(Record("project", project.pk, day))
        return Result(len(records), tuple(records))

    return compute


indicator(
    "projects_submitted", ACTIVITY, gettext_lazy("Proposals submitted"),
    gettext_lazy("Innovation projects that moved to 'submitted' in the period."),
    PROJECTS_SOURCE, record_kind="project",
)(_reached("submitted"))  # fmt: skip
indicator(
    "projects_granted", ACTIVITY, gettext_lazy("Projects granted"),
    gettext_lazy("Innovation projects that moved to 'granted' in the period."),
    PROJECTS_SOURCE, record_kind="project",
)(_reached("granted"))  # fmt: skip


@indicator(
    "granted_volume", ACTIVITY, gettext_lazy("Granted volume"),
    gettext_lazy(
        "Sum of the amounts granted to all partners of the projects that moved to 'granted' in "
        "the period, in euros."
    ),
    PROJECTS_SOURCE, unit=EURO, record_kind="project",
)  # fmt: skip
def granted_volume(facts: Facts, period: Period) -> Result:
    total = Decimal(0)
    records = []
    for project in _projects(facts, period):
        day = project.reached("granted", period)
        if day is not None:
            total += project.granted_amount
            records.append(Record("project", project.pk, day))
    return Result(total, tuple(records))


@indicator(
    "international_contacts", ACTIVITY, gettext_lazy("International contacts"),
    gettext_lazy(
        "Different organisations outside Germany that took part in an event, had a contact with "
        "the office, an introduction, a joint project, an international contact or a "
        "delegation visit in the period."
    ),
    gettext_lazy("Registry, events, introductions and projects"), summable=False,
)  # fmt: skip
def international_contacts(facts: Facts, period: Period) -> Result:
    tally = Tally()
    for kind, pk, day, organisation in _activities(facts, period):
        org = facts.organisations.get(organisation)
        if org is not None and org.is_foreign:
            tally.add(org.key, "organisation", org.pk, Evidence(kind, pk, day))
    for activity in abroad_in_scope(facts, period):
        for organisation in activity.organisations:
            org = facts.organisations.get(organisation)
            if org is not None and org.is_foreign:
                evidence = Evidence("international", activity.pk, activity.day)
                tally.add(org.key, "organisation", org.pk, evidence)
    return tally.result()


def _activities(facts: Facts, period: Period, contact_kinds: frozenset[str] | None = None):
    """(kind, pk, day, organisation) for everything an organisation did with the network;
    office contacts only of `contact_kinds` when given."""
    for attendance in _attendances(facts, period):
        yield "event", attendance.event, attendance.day, attendance.organisation
    for contact in facts.within("contacts", period):
        if contact_kinds is not None and contact.kind not in contact_kinds:
            continue
        if facts.in_scope(contact.organisation, period):
            yield "interaction", contact.pk, contact.day, contact.organisation
    for intro in _introductions(facts, period):
        for organisation in intro.organisations:
            yield "introduction", intro.pk, intro.day, organisation
    for project in _projects(facts, period):
        moved = [day for day, _ in project.stages if period.contains(day)]
        if moved or period.contains(project.created):
            day = min(moved, default=project.created)
            for organisation in project.partners:
                yield "project", project.pk, day, organisation
