"""The ERDF common indicators a network reports to its funder, for the 2014-2020 and the
2021-2027 funding periods. docs/indicators.md gives each definition, its source and edge cases.

An enterprise counts once per period, keyed on its register id, else its VAT id, else its
record (merged records share one). "Support" is the network's non-financial support: an event
attended, a consultation, visit or call, an introduction, or work on a joint project.
"Cooperation" is active joint work with a research organisation: a joint project that reached
consortium building or beyond, or an introduction that led to a meeting, cooperation or project.
"""

from django.utils.translation import gettext_lazy

from .activity import _activities, _projects
from .facts import JOINT_WORK_STAGES, SUPPORT_INTERACTIONS, Facts, Project
from .periods import Period
from .registry import indicator
from .results import Evidence, Part, Result, Tally

ERDF_2014 = "erdf_2014"
ERDF_2021 = "erdf_2021"
SOURCE_2014 = "Regulation (EU) No 1301/2013, Annex I; Commission guidance on common indicators"
SOURCE_2021 = "Regulation (EU) 2021/1058, Annex I; Commission indicator metadata (RCO01-RCO10)"

SIZES = (
    ("micro", gettext_lazy("micro")),
    ("small", gettext_lazy("small")),
    ("medium", gettext_lazy("medium")),
    ("large", gettext_lazy("large")),
    ("unknown", gettext_lazy("size not known")),
)


def supported_enterprises(facts: Facts, period: Period) -> Tally:
    return facts.memo(("supported", period), lambda: _supported(facts, period))


def _supported(facts: Facts, period: Period) -> Tally:
    tally = Tally()
    for kind, pk, day, organisation in _activities(facts, period, SUPPORT_INTERACTIONS):
        org = facts.organisations.get(organisation)
        if org is None or not org.is_enterprise:
            continue
        tally.add(org.key, "organisation", org.pk, Evidence(kind, pk, day))
    return tally


def _joint_work(project: Project, period: Period) -> bool:
    if not project.active_in(period) or len(project.partners) < 2:
        return False
    reached = {stage for day, stage in project.stages if day <= period.end}
    return bool(reached & JOINT_WORK_STAGES)


def _joint_day(project: Project, period: Period):
    moved = [day for day, _ in project.stages if period.contains(day)]
    return min(moved, default=period.start if project.created < period.start else project.created)


def cooperating_enterprises(facts: Facts, period: Period) -> Tally:
    return facts.memo(("cooperating", period), lambda: _cooperating(facts, period))


def _cooperating(facts: Facts, period: Period) -> Tally:
    tally = Tally()
    organisations = facts.organisations
    for project in _projects(facts, period):
        if not _joint_work(project, period):
            continue
        members = [organisations[pk] for pk in project.partners if pk in organisations]
        if not any(org.is_research_organisation for org in members):
            continue
        day = _joint_day(project, period)
        for org in members:
            if org.is_enterprise:
                tally.add(org.key, "organisation", org.pk, Evidence("project", project.pk, day))
    for intro in facts.introductions:
        if not period.contains(intro.completed_on):
            continue
        parties = [organisations[pk] for pk in intro.organisations if pk in organisations]
        if facts.network is not None and not any(facts.in_scope(org.pk, period) for org in parties):
            continue
        for org in parties:
            others = [other for other in parties if other.pk != org.pk]
            if org.is_enterprise and any(other.is_research_organisation for other in others):
                evidence = Evidence("introduction", intro.pk, intro.completed_on)
                tally.add(org.key, "organisation", org.pk, evidence)
    return tally


def research_in_joint_projects(facts: Facts, period: Period) -> Tally:
    tally = Tally()
    for project in _projects(facts, period):
        if not _joint_work(project, period):
            continue
        day = _joint_day(project, period)
        for pk in project.partners:
            org = facts.organisations.get(pk)
            if org is not None and org.is_research_organisation:
                tally.add(org.key, "organisation", org.pk, Evidence("project", project.pk, day))
    return tally


def _by_size(facts: Facts, tally: Tally) -> tuple[Part, ...]:
    sizes = {key: facts.organisations[entry[1]].size for key, entry in tally.records.items()}
    return tuple(
        Part(size, str(label), sum(1 for value in sizes.values() if value == size))
        for size, label in SIZES
    )


SUPPORT = gettext_lazy(
    "Enterprises (SMEs, start-ups and large companies) that received the network's "
    "non-financial support in the period: an event attended, a consultation, visit or call, an "
    "introduction made, or work on a joint project. Each enterprise counts once, keyed on its "
    "register id or VAT id."
)
COOPERATION = gettext_lazy(
    "Enterprises in active joint work with a university or research institute in the period: a "
    "joint project that reached consortium building or beyond, or an introduction to one that "
    "led to a meeting, cooperation or project. Each enterprise counts once."
)


@indicator(
    "CO01", ERDF_2014, gettext_lazy("CO01 Enterprises receiving support"),
    gettext_lazy(
        "Equal to CO04: the network gives no grants (CO02) and no financial instruments (CO03). "
    ) + SUPPORT, SOURCE_2014, summable=False,
)  # fmt: skip
def co01(facts: Facts, period: Period) -> Result:
    return supported_enterprises(facts, period).result()


@indicator(
    "CO04", ERDF_2014, gettext_lazy("CO04 Enterprises receiving non-financial support"),
    SUPPORT, SOURCE_2014, summable=False,
)  # fmt: skip
def co04(facts: Facts, period: Period) -> Result:
    return supported_enterprises(facts, period).result()


@indicator(
    "CO26", ERDF_2014, gettext_lazy("CO26 Enterprises cooperating with research institutions"),
    COOPERATION, SOURCE_2014, summable=False,
)  # fmt: skip
def co26(facts: Facts, period: Period) -> Result:
    return cooperating_enterprises(facts, period).result()


@indicator(
    "RCO01", ERDF_2021,
    gettext_lazy("RCO01 Enterprises supported (of which: micro, small, medium, large)"),
    SUPPORT, SOURCE_2021, summable=False,
)  # fmt: skip
def rco01(facts: Facts, period: Period) -> Result:
    tally = supported_enterprises(facts, period)
    return tally.result(_by_size(facts, tally))


@indicator(
    "RCO04", ERDF_2021, gettext_lazy("RCO04 Enterprises with non-financial support"),
    SUPPORT, SOURCE_2021, summable=False,
)  # fmt: skip
def rco04(facts: Facts, period: Period) -> Result:
    return supported_enterprises(facts, period).result()


@indicator(
    "RCO07", ERDF_2021,
    gettext_lazy("RCO07 Research organisations participating in joint research projects"),
    gettext_lazy(
        "Universities and research institutes that are partners of a joint project with at "
        "least one other organisation, in active joint work in the period (consortium building "
        "or beyond). Each counts once."
    ),
    SOURCE_2021, summable=False,
)  # fmt: skip
def rco07(facts: Facts, period: Period) -> Result:
    return research_in_joint_projects(facts, period).result()


@indicator(
    "RCO10", ERDF_2021, gettext_lazy("RCO10 Enterprises cooperating with research organisations"),
    COOPERATION, SOURCE_2021, summable=False,
)  # fmt: skip
def rco10(facts: Facts, period: Period) -> Result:
    return cooperating_enterprises(facts, period).result()
