"""Turn registry records into the engine's documents.

Document ids name their source: `o:<pk>` an organisation, `u:<pk>` a unit, `p:<pk>` a
cooperation profile; competences are `c<pk>`, RIS3 fields `r<pk>`. Only active profiles (published
and valid) are documents. Earlier cooperation counts shared innovation projects and small events
both attended (at most `SMALL_EVENT` organisations: a workshop where people actually meet, not a
conference where 80 companies sat in one hall).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations

from django.db.models import Count, Q

from innonet.events.models import Registration
from innonet.partners.models import Organisation, Unit

from . import feeds
from .engine import Document
from .models import CooperationProfile

SMALL_EVENT = 30
BATCH = 500

# The registry's organisation kinds in the engine's terms (see engine.types.COMPLEMENTARY_KINDS).
ENGINE_KIND = {
    Organisation.Kind.SME: "sme",
    Organisation.Kind.STARTUP: "sme",
    Organisation.Kind.LARGE: "company",
    Organisation.Kind.UNIVERSITY: "university",
    Organisation.Kind.EDUCATION: "university",
    Organisation.Kind.RESEARCH: "research",
}


def organisation_key(pk: int) -> str:
    return f"o:{pk}"


def unit_key(pk: int) -> str:
    return f"u:{pk}"


def profile_key(pk: int) -> str:
    return f"p:{pk}"


def competence_key(pk: int) -> str:
    return f"c{pk}"


def ris3_key(pk: int) -> str:
    return f"r{pk}"


def parse_key(key: str) -> tuple[str, int] | None:
    """('o', 12) for 'o:12'; None for anything else."""
    prefix, _sep, number = key.partition(":")
    if prefix in ("o", "u", "p") and number.isdigit():
        return prefix, int(number)
    return None


def engine_kind(kind: str) -> str:
    return ENGINE_KIND.get(kind, kind)


def _terms(competences: Iterable) -> str:
    return ", ".join(f"{c.name} {c.synonyms}".strip() for c in competences)


def _organisation_document(organisation: Organisation, cooperation: dict[str, int],
                           activity: int) -> Document:  # fmt: skip
    competences = list(organisation.competences.all())
    return Document(
        id=organisation_key(organisation.pk),
        kind="organisation",
        texts={
            "title": organisation.name,
            "description": organisation.description,
            "keywords": f"{organisation.keywords}, {_terms(competences)}",
        },
        competences=frozenset(competence_key(c.pk) for c in competences),
        ris3=frozenset(ris3_key(r.pk) for r in organisation.ris3_fields.all()),
        region=str(organisation.district_id or ""),
        country=organisation.country.code if organisation.country_id else "",
        org_kind=engine_kind(organisation.kind),
        updated_at=organisation.updated_at.date(),
        cooperation=cooperation,
        activity=activity,
    )


def _unit_document(unit: Unit) -> Document:
    organisation = unit.organisation
    competences = list(unit.competences.all())
    return Document(
        id=unit_key(unit.pk),
        kind="unit",
        texts={
            "title": unit.name,
            "description": unit.description,
            "keywords": f"{unit.keywords}, {_terms(competences)}",
        },
        competences=frozenset(competence_key(c.pk) for c in competences),
        ris3=frozenset(ris3_key(r.pk) for r in organisation.ris3_fields.all()),
        region=str(organisation.district_id or ""),
        country=organisation.country.code if organisation.country_id else "",
        org_kind=engine_kind(organisation.kind),
        updated_at=unit.updated_at.date(),
        organisation_id=organisation_key(organisation.pk),
    )


def _profile_document(profile: CooperationProfile) -> Document:
    organisation = profile.organisation
    competences = list(profile.competences.all())
    changed = profile.renewed_at or profile.updated_at
    return Document(
        id=profile_key(profile.pk),
        kind="profile",
        texts={
            "title": profile.title,
            "summary": profile.summary,
            "description": f"{profile.description}\n{profile.advantages}\n{profile.partner_role}",
            "keywords": f"{profile.keywords}, {_terms(competences)}",
        },
        competences=frozenset(competence_key(c.pk) for c in competences),
        ris3=frozenset(ris3_key(r.pk) for r in profile.ris3_fields.all()),
        region=str(organisation.district_id or ""),
        country=organisation.country.code if organisation.country_id else "",
        org_kind=engine_kind(organisation.kind),
        updated_at=changed.date(),
        organisation_id=organisation_key(organisation.pk),
    )


def cooperation_counts(organisation_ids: Iterable[int] | None = None) -> dict[int, Counter]:
    """Per organisation: how often it shared a project or a small event with each other one."""
    counts: dict[int, Counter] = defaultdict(Counter)
    wanted = set(organisation_ids) if organisation_ids is not None else None
    for group in _groups(wanted):
        for first, second in combinations(sorted(group), 2):
            if wanted is None or first in wanted:
                counts[first][organisation_key(second)] += 1
            if wanted is None or second in wanted:
                counts[second][organisation_key(first)] += 1
    return counts


def _groups(wanted: set[int] | None = None) -> Iterator[set[int]]:
    """Sets of organisations that worked together: those the feeds name (one per project), one
    per small event (only those with one of the `wanted` organisations, when given)."""
    for feed in feeds.cooperation_feeds():
        yield from feed.groups(wanted)
    attended = Registration.objects.filter(attended_at__isnull=False, organisation__isnull=False)
    events = attended
    if wanted is not None:
        events = attended.filter(
            event_id__in=attended.filter(organisation_id__in=wanted).values("event_id")
        )
    small = (
        events.values("event_id")
        .annotate(size=Count("organisation_id", distinct=True))
        .filter(size__lte=SMALL_EVENT, size__gte=2)
        .values_list("event_id", flat=True)
    )
    by_event: dict[int, set[int]] = defaultdict(set)
    rows = attended.filter(event_id__in=small).values_list("event_id", "organisation_id")
    for event, organisation in rows.iterator(chunk_size=2000):
        by_event[event].add(organisation)
    yield from by_event.values()


def project_activity(organisation_ids: Iterable[int] | None = None) -> dict[int, int]:
    """The track record per organisation: earlier projects, as the feeds count them."""
    ids = list(organisation_ids) if organisation_ids is not None else None
    activity: Counter = Counter()
    for feed in feeds.cooperation_feeds():
        activity.update(feed.activity(ids))
    return dict(activity)


def _organisations(filter_q: Q) -> Iterator[Organisation]:
    queryset = (
        Organisation.objects.filter(filter_q)
        .select_related("country")
        .prefetch_related("competences", "ris3_fields")
        .order_by("pk")
    )
    yield from queryset.iterator(chunk_size=BATCH)


def _units(filter_q: Q) -> Iterator[Unit]:
    queryset = (
        Unit.objects.filter(filter_q)
        .select_related("organisation__country")
        .prefetch_related("competences", "organisation__ris3_fields")
        .order_by("pk")
    )
    yield from queryset.iterator(chunk_size=BATCH)


def _profiles(filter_q: Q) -> Iterator[CooperationProfile]:
    queryset = (
        CooperationProfile.objects.active()
        .filter(filter_q)
        .select_related("organisation__country")
        .prefetch_related("competences", "ris3_fields")
        .order_by("pk")
    )
    yield from queryset.iterator(chunk_size=BATCH)


def expected_documents() -> int:
    """How many documents a full build will have (for progress bars)."""
    return (
        Organisation.objects.count()
        + Unit.objects.count()
        + CooperationProfile.objects.active().count()
    )


def all_documents() -> Iterator[Document]:
    """Every document of the registry, for a full build."""
    cooperation = cooperation_counts()
    activity = project_activity()
    for organisation in _organisations(Q()):
        pk = organisation.pk
        yield _organisation_document(organisation, dict(cooperation[pk]), activity.get(pk, 0))
    for unit in _units(Q()):
        yield _unit_document(unit)
    for profile in _profiles(Q()):
        yield _profile_document(profile)


def documents_for(keys: Iterable[str]) -> tuple[list[Document], set[str]]:
    """The current documents for the given keys, and the keys that no longer have one
    (deleted records, expired or withdrawn profiles)."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for key in keys:
        parsed = parse_key(key)
        if parsed:
            wanted[parsed[0]].add(parsed[1])
    found: list[Document] = []
    if wanted["o"]:
        cooperation = cooperation_counts(wanted["o"])
        activity = project_activity(wanted["o"])
        for organisation in _organisations(Q(pk__in=wanted["o"])):
            found.append(
                _organisation_document(
                    organisation,
                    dict(cooperation[organisation.pk]),
                    activity.get(organisation.pk, 0),
                )
            )
    if wanted["u"]:
        found.extend(_unit_document(unit) for unit in _units(Q(pk__in=wanted["u"])))
    if wanted["p"]:
        found.extend(_profile_document(p) for p in _profiles(Q(pk__in=wanted["p"])))
    present = {document.id for document in found}
    gone = {f"{prefix}:{pk}" for prefix, pks in wanted.items() for pk in pks} - present
    return found, gone
