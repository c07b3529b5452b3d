"""Demo funding programmes, calls and an innovation pipeline of about forty projects.

Projects walk through the stages along the allowed transitions with dated history entries,
have an SME lead and research partners with budgets, and many started from a demo event or an
introduction logged by the office, so the funnel and origin figures show something real."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from innonet.core.models import Competence, Ris3Field
from innonet.events.models import Event, EventStatus
from innonet.partners.models import Interaction, Organisation
from innonet.projects.models import (
    CallDeadline,
    FundingCall,
    FundingProgramme,
    FundingRate,
    InnovationProject,
    ProjectPartner,
    StageChange,
)
from innonet.projects.rules import Confidentiality, PartnerRole, Stage, partner_kind

BERLIN = ZoneInfo("Europe/Berlin")
PROJECTS = 40


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    funder: str
    level: str
    url: str
    min_partners: int
    requires_sme: bool
    requires_research: bool
    min_countries: int
    rates: dict[str, str]
    calls: tuple[tuple[str, str], ...]


PROGRAMMES = (
    DemoProgramme(
        "Zentrales Innovationsprogramm Mittelstand (ZIM)",
        "Bundesministerium für Wirtschaft und Klimaschutz",
        "federal",
        "https://www.zim.de/",
        2, True, True, 1,
        {"sme": "45", "research": "100", "large": "0"},
        (("ZIM-Kooperationsprojekte 2027", "Digitalisierung, Sensorik, Automatisierung, KI"),),
    ),
    DemoProgramme(
        "Niedersächsisches Innovationsförderprogramm",
        "NBank",
        "regional",
        "https://www.nbank.de/",
        2, True, True, 1,
        {"sme": "50", "research": "90", "large": "25"},
        (("Innovation durch Kooperation", "Agrarsystemtechnik, Energie, maritime Wirtschaft"),),
    ),
    DemoProgramme(
        "Horizont Europa, Cluster 6",
        "Europäische Kommission",
        "eu",
        "https://ec.europa.eu/info/funding-tenders/",
        3, False, False, 3,
        {"sme": "100", "research": "100", "large": "70", "other": "100"},
        (("Digitale Lösungen für nachhaltige Landwirtschaft", "Smart farming, sensors, data"),),
    ),
)  # fmt: skip

IDEAS = (
    ("Sensorgestützte Tierwohl-Überwachung", "Sensorik und KI erkennen Stress im Stall früh."),
    ("Digitaler Zwilling für Biogasanlagen", "Betriebsoptimierung durch Simulation."),
    ("KI-Qualitätsprüfung in der Lebensmittelproduktion", "Bildverarbeitung am Band."),
    ("Batteriespeicher für Gewerbegebiete", "Gemeinsame Speicher und Lastmanagement."),
    ("Hafenlogistik mit digitalen Frachtpapieren", "Medienbruchfreie Abläufe im Hafen."),
    ("Robotik für die Feldarbeit", "Autonome Unkrautregulierung ohne Chemie."),
    ("Cybersicherheit für Landmaschinen", "Sichere Datenschnittstellen im Feld."),
    ("Wasserstoff-Logistik im Nordwesten", "Planungswerkzeug für Transport und Lager."),
)
# Where each demo project ends up, as a path through the allowed transitions.
PATHS = (
    (Stage.IDEA,),
    (Stage.IDEA, Stage.SOUNDING),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION, Stage.SUBMITTED),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION, Stage.SUBMITTED,
     Stage.GRANTED),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION, Stage.SUBMITTED,
     Stage.GRANTED, Stage.RUNNING),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION, Stage.SUBMITTED,
     Stage.REJECTED),
    (Stage.IDEA, Stage.SOUNDING, Stage.CONSORTIUM, Stage.PREPARATION, Stage.SUBMITTED,
     Stage.REJECTED, Stage.PREPARATION, Stage.SUBMITTED, Stage.GRANTED, Stage.RUNNING,
     Stage.FINISHED),
    (Stage.IDEA, Stage.SOUNDING, Stage.DROPPED),
)  # fmt: skip
REASONS = {
    Stage.REJECTED: "Gutachten: Verwertungsplan zu schwach.",
    Stage.DROPPED: "Kein Unternehmen bereit, die Leitung zu übernehmen.",
}
CENT = Decimal("0.01")


def _programmes(today) -> list[FundingProgramme]:
    found = []
    for item in PROGRAMMES:
        programme, _created = FundingProgramme.objects.update_or_create(
            name=item.name,
            defaults={
                "funder": item.funder,
                "level": item.level,
                "url": item.url,
                "min_partners": item.min_partners,
                "requires_sme": item.requires_sme,
                "requires_research": item.requires_research,
                "min_countries": item.min_countries,
            },
        )
        for kind, rate in item.rates.items():
            FundingRate.objects.update_or_create(
                programme=programme, partner_kind=kind, defaults={"rate": Decimal(rate)}
            )
        for number, (title, topics) in enumerate(item.calls):
            call, created = FundingCall.objects.get_or_create(
                programme=programme, title=title, defaults={"topics": topics, "url": item.url}
            )
            if created:
                first = today + timedelta(days=20 + 25 * number + 10 * len(found))
                for offset, label in ((0, "Projektskizze"), (70, "Vollantrag")):
                    due = datetime.combine(first + timedelta(days=offset), time(12), BERLIN)
                    CallDeadline.objects.create(call=call, label=label, due_at=due)
        found.append(programme)
    return found


def _partners(rng, smes, research) -> list[tuple[Organisation, str]]:
    chosen = [(rng.choice(smes), PartnerRole.LEAD), (rng.choice(research), PartnerRole.PARTNER)]
    if rng.random() < 0.6:
        extra = rng.choice(smes)
        if extra.pk != chosen[0][0].pk:
            chosen.append((extra, PartnerRole.PARTNER))
    if rng.random() < 0.3:
        extra = rng.choice(research)
        if extra.pk != chosen[1][0].pk:
            chosen.append((extra, PartnerRole.ASSOCIATED))
    return chosen


def _rate(programme: FundingProgramme, organisation: Organisation) -> Decimal | None:
    kind = partner_kind(organisation.kind, organisation.sme_class)
    rate = programme.rates.filter(partner_kind=kind).first()
    return rate.rate if rate else None


def write_projects(*, seed: int, today, staff: Any) -> dict:
    """Programmes, calls and the project pipeline; nothing when projects exist already."""
    if InnovationProject.objects.exists():
        return {"projects": InnovationProject.objects.count()}
    rng = random.Random(f"{seed}:projects")  # noqa: S311 - demo data
    programmes = _programmes(today)
    smes = list(Organisation.objects.filter(kind__in=("sme", "startup")).order_by("pk"))
    research = list(Organisation.objects.filter(kind__in=("university", "research")).order_by("pk"))
    if not smes or not research:
        return {"projects": 0}
    events = list(Event.objects.filter(status=EventStatus.FINISHED).order_by("starts_at"))
    introductions = list(Interaction.objects.filter(kind="introduction").order_by("pk")[:30])
    fields = list(Ris3Field.objects.order_by("pk"))
    competences = list(Competence.objects.order_by("pk")[:60])
    now = datetime.combine(today, time(10), BERLIN)
    for number in range(PROJECTS):
        title, summary = IDEAS[number % len(IDEAS)]
        path = PATHS[number % len(PATHS)]
        programme = programmes[number % len(programmes)]
        origin = number % 3
        project = InnovationProject.objects.create(
            title=f"{title} ({number + 1})",
            summary=summary,
            goals="Prototyp im Feldtest, Verwertung durch die beteiligten Unternehmen.",
            owner=staff,
            stage=path[-1],
            next_step="Projektskizze abstimmen" if len(path) < 5 else "",
            next_step_due=today + timedelta(days=rng.randint(5, 40)) if len(path) < 5 else None,
            confidentiality=(Confidentiality.PARTNERS, Confidentiality.NETWORK,
                             Confidentiality.STAFF)[number % 3],
            programme=programme if len(path) >= 3 else None,
            call=programme.calls.first() if len(path) >= 4 else None,
            origin_event=events[number % len(events)] if origin == 0 and events else None,
            origin_interaction=introductions[number % len(introductions)]
            if origin == 1 and introductions
            else None,
        )  # fmt: skip
        if fields:
            project.ris3_fields.add(rng.choice(fields))
        if competences:
            project.competences.add(*rng.sample(competences, min(3, len(competences))))
        started = now - timedelta(days=rng.randint(60, 700))
        moments = sorted(
            started + timedelta(days=rng.randint(0, (now - started).days)) for _step in path[1:]
        )
        changes = [StageChange(project=project, from_stage="", to_stage=path[0],
                               changed_at=started, changed_by=staff)]  # fmt: skip
        for previous, stage, moment in zip(path, path[1:], moments, strict=False):
            changes.append(
                StageChange(project=project, from_stage=previous, to_stage=stage,
                            changed_at=moment, changed_by=staff, reason=REASONS.get(stage, ""))
            )  # fmt: skip
        StageChange.objects.bulk_create(changes)
        if len(path) >= 3:
            granted = Stage.GRANTED in path
            for organisation, role in _partners(rng, smes, research):
                requested = Decimal(rng.randrange(80_000, 450_000, 5_000))
                ProjectPartner.objects.create(
                    project=project,
                    organisation=organisation,
                    role=role,
                    requested_amount=requested,
                    granted_amount=(requested * Decimal("0.9")).quantize(CENT, ROUND_HALF_UP)
                    if granted
                    else None,
                    funding_rate=_rate(programme, organisation),
                )
        project.save()  # search text
    return {"projects": PROJECTS}
