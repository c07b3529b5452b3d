"""Freezing the cluster label evidence: six sections in the order an assessment of cluster
management excellence reads them (members, services, events, cooperation, international,
governance), each with its figures from the indicator engine and the tables behind them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innonet.core.collation import german_key
from innonet.events.models import Format
from innonet.networks.models import Network
from innonet.partners.models import InternationalActivity, Organisation
from innonet.partners.models.organisations import SME_CLASS_CHOICES
from innonet.projects.models.projects import STAGE_CHOICES

from ...indicators import Period
from ...indicators.activity import ORIGIN_LABELS
from ...indicators.facts import Facts
from ...indicators.international import abroad_in_scope
from .governance import governance_section
from .tables import COUNT, DATE, EURO, SHARE, TEXT, Figures, share, table

FORMAT = 1
SIZES = ("micro", "small", "medium", "large", "unknown")


def freeze_label(
    facts: Facts,
    period: Period,
    *,
    network: Network | None,
    version: int,
    step: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """The evidence for `period`, computed from `facts`; `step` is called after each indicator
    and each section, for the progress shown while it is made."""
    figures = Figures(facts, period, step)
    sections = []
    for build in (_members, _services, _events, _cooperation, _international):
        sections.append(build(facts, period, figures, network))
        step()
    sections.append(governance_section(facts, period, figures, network))
    step()
    return {
        "format": FORMAT,
        "kind": "label",
        "language": translation.get_language(),
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period.label,
        },
        "network": {"id": network.pk, "name": network.name} if network else None,
        "scope": network.name if network else _("all networks"),
        "version": version,
        "as_of": facts.as_of.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "sections": sections,
    }


def section_steps() -> int:
    """The progress steps of the sections (the indicators add one each)."""
    return 6


def _section(key: str, title: str, intro: str, figures: list, tables: list) -> dict[str, Any]:
    return {"key": key, "title": title, "intro": intro, "figures": figures, "tables": tables}


def _members(facts: Facts, period: Period, figures: Figures, network) -> dict[str, Any]:
    members = sorted(facts.members_on(period.end) & facts.organisations.keys())
    orgs = [facts.organisations[pk] for pk in members]
    total = len(orgs)
    kinds = Counter(org.kind for org in orgs)
    kind_rows = [
        [str(label), kinds[kind], share(kinds[kind], total)]
        for kind, label in Organisation.Kind.choices
        if kinds[kind]
    ]
    enterprises = [org for org in orgs if org.is_enterprise]
    sizes = Counter(org.size for org in enterprises)
    size_labels = dict(SME_CLASS_CHOICES)
    size_rows = [
        [str(size_labels.get(size, size)), sizes[size], share(sizes[size], total)]
        for size in SIZES
        if sizes[size]
    ]
    others = total - len(enterprises)
    if others:
        size_rows.append([_("not an enterprise (research, education, public and others)"),
                          others, share(others, total)])  # fmt: skip
    countries = Counter(org.country or "" for org in orgs)
    country_rows = sorted(
        ([facts.country_names.get(code, code) if code else _("no country recorded"), n,
          share(n, total)] for code, n in countries.items()),
        key=lambda row: (-row[1], german_key(row[0])),
    )  # fmt: skip
    columns = [(_("Members"), COUNT), (_("Share of members"), SHARE)]
    return _section(
        "members",
        _("Member composition"),
        _("Members are the organisations with an active membership on the last day of the "
          "period. SME classes follow the EU definition (2003/361/EC) from the employees, "
          "turnover and balance sheet recorded in the registry."),
        figures.rows("partners", "partners_new", "partners_left", "sme_share", "research_share",
                     "foreign_members"),
        [
            table("by_kind", _("Members by kind"), [(_("Kind"), TEXT), *columns], kind_rows,
                  total=[_("Total"), total, share(total, total)]),
            table("by_size", _("Members by size class"), [(_("Size class"), TEXT), *columns],
                  size_rows, total=[_("Total"), total, share(total, total)]),
            table("by_country", _("Members by country"), [(_("Country"), TEXT), *columns],
                  country_rows),
        ],
    )  # fmt: skip


def _formats_offered(network: Network | None) -> dict[str, str]:
    """Format name -> goal, for the formats in use (of the network, or of all networks)."""
    formats = Format.objects.filter(is_active=True).order_by()
    if network is not None:
        formats = formats.filter(network=network)
    return dict(formats.values_list("name", "goal"))


def _services(facts: Facts, period: Period, figures: Figures, network) -> dict[str, Any]:
    offered = _formats_offered(network)
    held = facts.within("events", period)
    attended: dict[int, list] = defaultdict(list)
    for attendance in facts.within("attendances", period):
        attended[attendance.event].append(attendance)
    per_format: dict[str, list[int]] = {name: [0, 0, 0] for name in offered}
    organisations: dict[str, set[str]] = defaultdict(set)
    for event in held:
        name = event.format or _("without a format")
        row = per_format.setdefault(name, [0, 0, 0])
        row[0] += 1
        row[1] += len(attended[event.pk])
        organisations[name] |= _identities(facts, attended[event.pk]).keys()
    rows = [
        [name, offered.get(name, ""), counts[0], counts[1], len(organisations[name])]
        for name, counts in sorted(per_format.items(), key=lambda item: german_key(item[0]))
    ]
    return _section(
        "services",
        _("Services and formats"),
        _("The formats the network offers (in use at the time of issue) with the events held in "
          "the period, and the office's services to its partners: consultations and other "
          "contacts, introductions and cooperation profiles."),
        figures.rows("contacts", "introductions", "profiles_published"),
        [table("formats", _("Formats and their events"),
               [(_("Format"), TEXT), (_("Goal"), TEXT), (_("Events"), COUNT),
                (_("Participants"), COUNT), (_("Organisations"), COUNT)], rows,
               total=[_("Total"), "", len(held), sum(r[3] for r in rows), None])],
    )  # fmt: skip


def _identities(facts: Facts, attendances: list) -> dict[str, bool]:
    """The organisations present, each once by its identity (register or VAT id, as the
    indicators count them), with whether it is from abroad."""
    found = {}
    for attendance in attendances:
        org = facts.organisations.get(attendance.organisation)
        if org is not None:
            found[org.key] = org.is_foreign
    return found


def _events(facts: Facts, period: Period, figures: Figures, network) -> dict[str, Any]:
    attended: dict[int, list] = defaultdict(list)
    for attendance in facts.within("attendances", period):
        attended[attendance.event].append(attendance)
    rows = []
    all_orgs: dict[str, bool] = {}
    for event in sorted(facts.within("events", period), key=lambda e: (e.day, e.title, e.pk)):
        present = attended[event.pk]
        orgs = _identities(facts, present)
        all_orgs.update(orgs)
        rows.append([event.day.isoformat(), event.title, event.format, len(present),
                     len({a.person for a in present}), len(orgs),
                     sum(orgs.values())])  # fmt: skip
    total = [_("Total"), "", "", sum(r[3] for r in rows), None, len(all_orgs),
             sum(all_orgs.values())]  # fmt: skip
    return _section(
        "events",
        _("Events and participants"),
        _("Events held in the period (published or finished, not cancelled) with the people "
          "checked in. Organisations are counted once by their register or VAT id; the total "
          "counts each organisation once."),
        figures.rows("events", "participants", "participant_organisations", "participant_smes",
                     "participant_research", "first_time_participants", "checkin_rate",
                     "feedback_rating"),
        [table("events", _("Events held"),
               [(_("Date"), DATE), (_("Title"), TEXT), (_("Format"), TEXT),
                (_("Participants"), COUNT), (_("Different people"), COUNT),
                (_("Organisations"), COUNT), (_("From abroad"), COUNT)], rows, total=total)],
    )  # fmt: skip


def _stage_on(project, period: Period) -> str:
    reached = [stage for day, stage in project.stages if day <= period.end]
    return reached[-1] if reached else project.stage


def _cooperation(facts: Facts, period: Period, figures: Figures, network) -> dict[str, Any]:
    by_stage = figures.result("projects_by_stage")
    stage_rows = [[part.label, part.value] for part in by_stage.parts]
    projects = {project.pk: project for project in facts.projects}
    stages, origins = dict(STAGE_CHOICES), ORIGIN_LABELS
    project_rows = []
    for record in sorted(by_stage.records, key=lambda r: (german_key(projects[r.pk].title), r.pk)):
        project = projects[record.pk]
        stage = _stage_on(project, period)
        project_rows.append([
            project.title, str(stages.get(stage, stage)),
            str(origins.get(project.origin, project.origin)), len(project.partners),
            str(project.granted_amount) if stage in ("granted", "running", "finished") else None,
        ])  # fmt: skip
    return _section(
        "cooperation",
        _("Cooperation outcomes"),
        _("What the network's matchmaking led to: introductions and what came of them, "
          "innovation projects by stage and the funding granted to them."),
        figures.rows("introductions", "introductions_completed", "projects_initiated",
                     "projects_by_stage", "projects_submitted", "projects_granted",
                     "granted_volume"),
        [
            table("stages", _("Projects by stage on the last day"),
                  [(_("Stage"), TEXT), (_("Projects"), COUNT)], stage_rows,
                  total=[_("Total"), by_stage.value]),
            table("projects", _("Projects worked on in the period"),
                  [(_("Project"), TEXT), (_("Stage"), TEXT), (_("Origin"), TEXT),
                   (_("Partners"), COUNT), (_("Granted (EUR)"), EURO)], project_rows),
        ],
    )  # fmt: skip


def _international(facts: Facts, period: Period, figures: Figures, network) -> dict[str, Any]:
    kinds = dict(InternationalActivity.Kind.choices)
    directions = {"incoming": _("incoming"), "outgoing": _("outgoing")}
    activities = sorted(abroad_in_scope(facts, period), key=lambda a: (a.day, a.pk))
    names = facts.country_names
    rows = [
        [a.day.isoformat(), str(kinds.get(a.kind, a.kind)), directions.get(a.direction, ""),
         ", ".join(sorted((names.get(c, c) for c in a.countries), key=german_key)),
         a.visitors or None, len(a.organisations)]
        for a in activities
    ]  # fmt: skip
    per_country: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for activity in activities:
        for code in activity.countries:
            per_country[code][0 if activity.kind == "contact" else 1] += 1
    for part in figures.result("foreign_members").parts:
        per_country[part.key][2] = part.value
    for part in figures.result("foreign_event_organisations").parts:
        per_country[part.key][3] = part.value
    country_rows = sorted(
        ([names.get(code, code), *counts] for code, counts in per_country.items()),
        key=lambda row: (-sum(row[1:]), german_key(row[0])),
    )
    return _section(
        "international",
        _("International activity"),
        _("International contacts and delegation visits the office recorded, members and "
          "event participants from abroad."),
        figures.rows("international_activity_contacts", "delegation_visits",
                     "delegation_visitors", "foreign_members", "foreign_event_organisations",
                     "international_contacts"),
        [
            table("activities", _("International contacts and delegation visits"),
                  [(_("Date"), DATE), (_("Kind"), TEXT), (_("Direction"), TEXT),
                   (_("Countries"), TEXT), (_("People in the delegation"), COUNT),
                   (_("Organisations met"), COUNT)], rows),
            table("countries", _("By country"),
                  [(_("Country"), TEXT), (_("International contacts"), COUNT),
                   (_("Delegation visits"), COUNT), (_("Members"), COUNT),
                   (_("Organisations at events"), COUNT)], country_rows),
        ],
    )  # fmt: skip
