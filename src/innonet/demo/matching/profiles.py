"""Demo cooperation profiles (about thirty, of the demo organisations) and staff-rated
suggestions, with the seeded generator and the registry they read (`Context`)."""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from innonet.core.models import Competence, Ris3Field
from innonet.matching.documents import organisation_key, profile_key
from innonet.matching.models import (
    CooperationProfile,
    PartnerSought,
    ProfileStatus,
    Question,
    Rating,
    Suggestion,
)
from innonet.networks.models import Network
from innonet.partners.models import Affiliation, Organisation, Unit

from ..matching_texts import DemoProfile

BERLIN = ZoneInfo("Europe/Berlin")
NETWORK_SLUGS = {
    "agrar": "agrotech-weser-ems",
    "energie": "energienetzwerk-osnabruecker-land",
    "maritim": "maritimes-netzwerk-nordwest",
}
SMES = ("sme", "startup")
KINDS_SOUGHT = {
    PartnerSought.COMPANY: (*SMES, "large"),
    PartnerSought.SME: SMES,
    PartnerSought.RESEARCH: ("university", "research"),
}
GOOD_SUGGESTIONS = 10
BAD_SUGGESTIONS = 5


@dataclass
class Context:
    """The seeded generator and the registry, read once (a few queries instead of hundreds)."""

    rng: random.Random
    today: date
    staff: Any
    networks: dict[str, Network]
    competences: dict[str, Competence]
    ris3: dict[str, Ris3Field]
    organisations: list[Organisation]
    skills: dict[int, set[str]]  # organisation -> competence slugs
    fields: dict[int, set[str]]  # organisation -> RIS3 slugs
    people: dict[int, list[Affiliation]]  # organisation -> current affiliations, main first
    used: set[int] = field(default_factory=set)  # organisations that have a profile
    wanted: dict[int, tuple[str, ...]] = field(default_factory=dict)  # profile -> competences

    @classmethod
    def load(cls, *, seed: int, today: date, staff: Any) -> "Context":
        skills: dict[int, set[str]] = defaultdict(set)
        rows = Organisation.competences.through.objects.values_list(
            "organisation_id", "competence__slug"
        )
        for organisation, slug in rows:
            skills[organisation].add(slug)
        fields: dict[int, set[str]] = defaultdict(set)
        rows = Organisation.ris3_fields.through.objects.values_list(
            "organisation_id", "ris3field__slug"
        )
        for organisation, slug in rows:
            fields[organisation].add(slug)
        people: dict[int, list[Affiliation]] = defaultdict(list)
        current = Affiliation.objects.filter(ended_on__isnull=True).select_related("person")
        for affiliation in current.order_by("-is_main_contact", "pk"):
            people[affiliation.organisation_id].append(affiliation)
        return cls(
            rng=random.Random(f"{seed}:matching"),  # noqa: S311 - demo data
            today=today,
            staff=staff,
            networks=_networks(),
            competences={c.slug: c for c in Competence.objects.all()},
            ris3={r.slug: r for r in Ris3Field.objects.all()},
            organisations=list(Organisation.objects.order_by("pk")),
            skills=skills,
            fields=fields,
            people=people,
        )


def _moment(day: date, hour: int = 10) -> datetime:
    """That hour of the day, but never later than now (a step recorded today)."""
    return min(datetime.combine(day, time(hour), BERLIN), timezone.now())


def _local_date(moment: datetime) -> date:
    return moment.astimezone(BERLIN).date()


def _networks() -> dict[str, Network]:
    found = {key: Network.objects.filter(slug=slug).first() for key, slug in NETWORK_SLUGS.items()}
    found["host"] = Network.objects.filter(kind=Network.Kind.HOST).order_by("pk").first()
    return {key: network for key, network in found.items() if network is not None}


def _owner(ctx: Context, item: DemoProfile) -> Organisation | None:
    """The named organisation, or a company of the trade (one without a profile first); when
    the seed made no company of that trade, the company closest to the profile's subject."""
    if not item.owner.startswith("trade:"):
        return next((o for o in ctx.organisations if o.name == item.owner), None)
    trade = item.owner.partition(":")[2]
    companies = [o for o in ctx.organisations if o.kind in SMES]
    candidates = [o for o in companies if o.keywords.startswith(f"{trade},")]
    if not candidates:
        candidates = _closest(ctx, companies, item)
    fresh = [o for o in candidates if o.pk not in ctx.used] or candidates
    return ctx.rng.choice(fresh) if fresh else None


def _closest(ctx: Context, companies: list[Organisation], item: DemoProfile) -> list:
    """The companies sharing most of the profile's competences (then RIS3 fields)."""

    def fit(organisation: Organisation) -> int:
        competences = ctx.skills[organisation.pk] & set(item.competences)
        return 2 * len(competences) + len(ctx.fields[organisation.pk] & set(item.ris3))

    scored = [(fit(o), o) for o in companies]
    best = max((score for score, _o in scored), default=0)
    return [o for score, o in scored if score == best and best > 0]


def _contact(ctx: Context, organisation: Organisation, unit: Unit | None = None) -> Any:
    """A current contact of the organisation: in the unit if one is, else the main one."""
    current = ctx.people.get(organisation.pk, [])
    in_unit = [a for a in current if unit is not None and a.unit_id == unit.pk]
    chosen = (in_unit or current)[:1]
    return chosen[0].person if chosen else None


def _validity(ctx: Context, state: str) -> tuple[str, date]:
    if state == "draft":
        return ProfileStatus.DRAFT, ctx.today + timedelta(days=ctx.rng.randint(120, 300))
    if state == "withdrawn":
        return ProfileStatus.WITHDRAWN, ctx.today + timedelta(days=ctx.rng.randint(60, 200))
    if state == "expired":
        return ProfileStatus.PUBLISHED, ctx.today - timedelta(days=ctx.rng.randint(5, 40))
    if state == "expiring":
        return ProfileStatus.PUBLISHED, ctx.today + timedelta(days=ctx.rng.randint(4, 28))
    return ProfileStatus.PUBLISHED, ctx.today + timedelta(days=ctx.rng.randint(45, 330))


def _profile(ctx: Context, item: DemoProfile) -> CooperationProfile | None:
    organisation = _owner(ctx, item)
    network = ctx.networks.get(item.network) or ctx.networks.get("host")
    if organisation is None or network is None:
        return None
    ctx.used.add(organisation.pk)
    unit = (
        Unit.objects.filter(organisation=organisation, competences__slug__in=item.competences)
        .order_by("pk")
        .first()
    )
    status, valid_until = _validity(ctx, item.state)
    published = None
    if status != ProfileStatus.DRAFT:
        published = _moment(min(valid_until, ctx.today) - timedelta(days=ctx.rng.randint(20, 200)))
    profile = CooperationProfile.objects.create(
        kind=item.kind, organisation=organisation, unit=unit, network=network,
        contact=_contact(ctx, organisation, unit), title=item.title, summary=item.summary,
        description=item.description, advantages=item.advantages,
        development_stage=item.stage, ip_status=item.ip_status,
        partner_sought=item.partner_sought, partner_role=item.partner_role,
        keywords=item.keywords, status=status, visibility=item.visibility,
        valid_until=valid_until, published_at=published, created_by=ctx.staff,
    )  # fmt: skip
    profile.competences.set([ctx.competences[s] for s in item.competences if s in ctx.competences])
    ctx.wanted[profile.pk] = item.competences
    profile.ris3_fields.set([ctx.ris3[s] for s in item.ris3 if s in ctx.ris3])
    return profile


def _suggestions(ctx: Context, profiles: list[CooperationProfile]) -> list[Suggestion]:
    """Staff ratings on profile questions: good for organisations of the kind sought that
    share the profile's competences, bad for some that share none."""
    active = [
        p for p in profiles if p.status == ProfileStatus.PUBLISHED and p.valid_until >= ctx.today
    ]
    suggestions: list[Suggestion] = []
    good = bad = 0
    for profile in ctx.rng.sample(active, len(active)):
        wanted = set(ctx.wanted[profile.pk])
        kinds = KINDS_SOUGHT.get(profile.partner_sought)
        others = [o for o in ctx.organisations if o.pk != profile.organisation_id]
        sharing = [
            o for o in others if wanted & ctx.skills[o.pk] and (kinds is None or o.kind in kinds)
        ]
        apart = [o for o in others if not wanted & ctx.skills[o.pk]]
        if good < GOOD_SUGGESTIONS and sharing:
            chosen = ctx.rng.choice(sharing)
            shared = [ctx.competences[slug].name for slug in sorted(wanted & ctx.skills[chosen.pk])]
            suggestions.append(_suggestion(ctx, profile, chosen, Rating.GOOD, shared))
            good += 1
        elif bad < BAD_SUGGESTIONS and apart:
            suggestions.append(_suggestion(ctx, profile, ctx.rng.choice(apart), Rating.BAD, []))
            bad += 1
    return Suggestion.objects.bulk_create(suggestions)


def _suggestion(ctx: Context, profile: CooperationProfile, organisation: Organisation,
                rating: int, shared: list[str]) -> Suggestion:  # fmt: skip
    rated = _moment(ctx.today - timedelta(days=ctx.rng.randint(1, 90)), 14)
    return Suggestion(
        question=Question.PROFILE, source_key=profile_key(profile.pk), source_profile=profile,
        organisation=organisation, document_id=organisation_key(organisation.pk),
        score=round(ctx.rng.uniform(1.2, 2.8) if shared else ctx.rng.uniform(0.3, 0.9), 4),
        reasons={"terms": [], "fields": [], "competences": shared, "ris3_fields": [],
                 "signals": []},
        rating=rating, rated_by=ctx.staff, rated_at=rated,
    )  # fmt: skip
