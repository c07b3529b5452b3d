"""Demo introductions with their outcome histories: three led to demo projects, the others got
as far as their path says; two more projects started from a profile."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from innonet.matching.engine import Document, Index, Query
from innonet.matching.models import (
    CooperationProfile,
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    ProfileStatus,
    Rating,
    Suggestion,
)
from innonet.partners.models import Interaction, Organisation
from innonet.projects.models import InnovationProject, ProjectPartner

from ..matching_texts import INTRODUCTION_MESSAGES, OUTCOME_NOTES
from .profiles import Context, _contact, _local_date, _moment

PROJECT_INTRODUCTIONS = 3
PROFILE_PROJECTS = 2
HISTORY_DAYS = 600  # the contact log of the demo covers two years; histories stay inside
Status = IntroductionStatus
# The other introductions, by where they got to (each path starts with "planned").
PATHS = (
    (Status.INTRODUCED, Status.MET, Status.COOPERATING),
    (Status.INTRODUCED, Status.MET, Status.COOPERATING),
    (Status.INTRODUCED, Status.MET),
    (Status.INTRODUCED, Status.MET),
    (Status.INTRODUCED,),
    (Status.INTRODUCED,),
    (),
    (),
    (Status.INTRODUCED, Status.DECLINED),
)
PROJECT_PATH = (Status.INTRODUCED, Status.MET, Status.COOPERATING, Status.PROJECT_STARTED)


@dataclass
class Plan:
    """One introduction to write: the two sides, its topic and the steps after "planned"."""

    first: Organisation
    second: Organisation
    topic: str
    steps: tuple[str, ...]
    started: date
    profile: CooperationProfile | None = None
    suggestion: Suggestion | None = None
    project: InnovationProject | None = None
    finished: date | None = None  # the day of the last step, when it is known


def _without_origin() -> Any:
    return InnovationProject.objects.filter(
        origin_event__isnull=True,
        origin_interaction__isnull=True,
        origin_introduction__isnull=True,
        origin_profile__isnull=True,
        origin_note="",
    ).order_by("pk")


def _project_plans(ctx: Context) -> list[Plan]:
    """Introductions of a project's lead and another partner that led to that project."""
    plans = []
    for project in _without_origin().prefetch_related("stage_changes"):
        partners = sorted(
            ProjectPartner.objects.filter(project=project).select_related("organisation"),
            key=lambda partner: (partner.role != "lead", partner.pk),
        )
        if len(partners) < 2:
            continue
        created = _local_date(min(c.changed_at for c in project.stage_changes.all()))
        if created < ctx.today - timedelta(days=HISTORY_DAYS):
            continue
        start = created - timedelta(days=ctx.rng.randint(40, 110))
        topic = re.sub(r"\s*\(\d+\)$", "", project.title)
        plans.append(Plan(partners[0].organisation, partners[1].organisation, topic,
                          PROJECT_PATH, start, project=project, finished=created))  # fmt: skip
        if len(plans) == PROJECT_INTRODUCTIONS:
            break
    return plans


def _suggested_plans(ctx: Context, suggestions: list[Suggestion]) -> list[Plan]:
    good = [s for s in suggestions if s.rating == Rating.GOOD]
    plans = []
    for suggestion, steps in zip(good, PATHS, strict=False):
        profile = suggestion.source_profile
        start = ctx.today - timedelta(days=ctx.rng.randint(10, 35) * (len(steps) + 1))
        plans.append(Plan(profile.organisation, suggestion.organisation, profile.title[:200],
                          steps, start, profile=profile, suggestion=suggestion))  # fmt: skip
    return plans


def _write_introduction(ctx: Context, plan: Plan) -> tuple[Introduction, list, list]:
    """The introduction with its outcome rows (dated afterwards) and contact-log entries."""
    first_person, second_person = _contact(ctx, plan.first), _contact(ctx, plan.second)
    days = [plan.started]
    for _step in plan.steps:
        days.append(min(days[-1] + timedelta(days=ctx.rng.randint(3, 30)), ctx.today))
    if plan.finished is not None and plan.steps:
        days[-1] = max(plan.finished, days[-2])
    introduced = Status.INTRODUCED in plan.steps
    introduction = Introduction.objects.create(
        first_organisation=plan.first, second_organisation=plan.second,
        first_person=first_person, second_person=second_person, topic=plan.topic,
        message=ctx.rng.choice(INTRODUCTION_MESSAGES),
        status=plan.steps[-1] if plan.steps else Status.PLANNED,
        introduced_on=days[1] if introduced else None,
        mailed_first=introduced and bool(first_person and first_person.email),
        mailed_second=introduced and bool(second_person and second_person.email),
        profile=plan.profile, suggestion=plan.suggestion, created_by=ctx.staff,
    )  # fmt: skip
    introduction.created_at = _moment(days[0], 9)
    introduction.updated_at = _moment(days[-1], 16)
    outcomes = [
        IntroductionOutcome(
            introduction=introduction,
            status=status,
            recorded_by=ctx.staff,
            note=_note(status, plan),
            recorded_at=_moment(day, 11),
        )
        for status, day in zip((Status.PLANNED, *plan.steps), days, strict=True)
    ]
    contacts = []
    if introduced:
        sides = ((plan.first, first_person, plan.second), (plan.second, second_person, plan.first))
        for organisation, person, other in sides:
            contacts.append(Interaction(
                kind=Interaction.Kind.INTRODUCTION, happened_on=days[1],
                organisation=organisation, person=person, topic=plan.topic,
                notes=f"Vorgestellt: {other.name}.\n\n{introduction.message}", staff=ctx.staff,
            ))  # fmt: skip
    return introduction, outcomes, contacts


def _note(status: str, plan: Plan) -> str:
    if status == Status.PROJECT_STARTED and plan.project is not None:
        return f"Projekt: {plan.project.title}"[:500]
    return OUTCOME_NOTES.get(status, "")


def _write_introductions(ctx: Context, plans: list[Plan]) -> list[Introduction]:
    introductions, outcomes, contacts = [], [], []
    for plan in plans:
        introduction, rows, logged = _write_introduction(ctx, plan)
        introductions.append(introduction)
        outcomes += rows
        contacts += logged
        if plan.project is not None:
            InnovationProject.objects.filter(pk=plan.project.pk).update(
                origin_introduction=introduction
            )
    Introduction.objects.bulk_update(introductions, ["created_at", "updated_at"])
    # auto_now_add would stamp today on insert; the history keeps its own dates
    stamped = [(row, row.recorded_at) for row in outcomes]
    IntroductionOutcome.objects.bulk_create(outcomes)
    for row, moment in stamped:
        row.recorded_at = moment
    IntroductionOutcome.objects.bulk_update(outcomes, ["recorded_at"])
    Interaction.objects.bulk_create(contacts)
    return introductions


def _link_profile_projects(profiles: list[CooperationProfile], today: date) -> int:
    """Early-stage projects without an origin that grew out of the profile the engine finds
    closest to them (each profile once)."""
    published = {
        str(p.pk): p for p in profiles if p.status == ProfileStatus.PUBLISHED and p.summary
    }
    ideas = _without_origin().filter(stage__in=("idea", "sounding", "consortium"))
    if not published:
        return 0
    index = Index.build(
        Document(id=key, kind="profile", texts={"title": p.title, "keywords": p.keywords,
                                                "summary": p.summary})
        for key, p in published.items()
    )  # fmt: skip
    linked = 0
    for project in ideas:
        query = Query(text=f"{project.title} {project.summary}", today=today)
        found = [r for r in index.search(query, limit=len(published)) if r.id in published]
        if not found:
            continue
        best = published.pop(found[0].id)
        index.remove(found[0].id)
        InnovationProject.objects.filter(pk=project.pk).update(origin_profile=best)
        linked += 1
        if linked == PROFILE_PROJECTS:
            break
    return linked
