"""The questions the engine answers, for a given user: ranked organisations with reasons.

Every answer goes through the same steps: build an engine query, ask the shared index for more
than is needed, keep only what the user may see (organisations through the registry's policy or
their public profile, profiles through their visibility), and attach display objects, reasons
and staff ratings. Nothing here writes, except that the first question after a start may build
the index (see search_index.current).
"""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.models import Competence, Ris3Field
from innonet.core.search import fold
from innonet.events.models import Event, Registration
from innonet.partners.models import Consent, Organisation, Unit
from innonet.partners.models.consents import ConsentPurpose

from . import search_index
from .documents import (
    competence_key,
    engine_kind,
    organisation_key,
    parse_key,
    profile_key,
    ris3_key,
)
from .engine import Constraints, Proposal, Query, Result, propose_consortium
from .models import COUNTERPARTS, CooperationProfile, PartnerSought, Rating, Suggestion

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
OVERFETCH = 4  # results asked from the engine per result shown, for what visibility removes
MAX_TEXT = 20000
# A result is shown only when one of these counted: partners of good matches, region or
# freshness alone say nothing about the question.
RELEVANT_SIGNALS = ("text", "competences", "ris3", "cooperation")

SIGNAL_LABELS = {
    "text": _("text"),
    "competences": _("shared competences"),
    "ris3": _("shared RIS3 fields"),
    "kind": _("complementary kind"),
    "cooperation": _("earlier cooperation"),
    "region": _("region"),
    "freshness": _("up to date"),
    "feedback": _("staff rating"),
    "network": _("partners of good matches"),
    "activity": _("project track record"),
}
FIELD_LABELS = {
    "title": _("name or title"),
    "summary": _("summary"),
    "description": _("description"),
    "keywords": _("keywords and competences"),
}
PARTNER_KINDS = {
    PartnerSought.COMPANY: frozenset({"sme", "company"}),
    PartnerSought.SME: frozenset({"sme"}),
    PartnerSought.RESEARCH: frozenset({"research", "university"}),
}
PROBLEMS = {
    "empty": _("Describe the idea, or choose competences or RIS3 fields."),
    "no_words": _(
        "The text holds no words that can be matched (only filler words, symbols or "
        "emoji). Describe the idea in a few words, or choose competences."
    ),
}

CONSORTIUM_PROBLEMS = {
    **PROBLEMS,
    "invalid_size": _("The smallest size must be at least 1 and not above the largest size."),
    "included_and_excluded": _("An organisation cannot be both required and excluded."),
    "too_many_included": _("More organisations are required than the largest size allows."),
    "unknown_member": _("A required organisation is not in the index yet; try again shortly."),
    "no_sme": _("No SME fits the idea and the constraints."),
    "no_research": _("No research institution fits the idea and the constraints."),
    "too_few_candidates": _("Too few organisations fit the idea and the constraints."),
}


@dataclass
class Signal:
    name: str
    label: str
    share: int  # percent of the score


@dataclass
class Reasons:
    terms: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    competences: list[str] = field(default_factory=list)
    ris3: list[str] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "terms": self.terms,
            "fields": [str(f) for f in self.fields],
            "competences": self.competences,
            "ris3_fields": self.ris3,
            "signals": [
                {"name": s.name, "label": str(s.label), "share": s.share} for s in self.signals
            ],
        }


@dataclass
class Match:
    key: str
    organisation: Organisation
    score: float
    reasons: Reasons
    via_unit: Unit | None = None
    via_profile: CooperationProfile | None = None
    profile: CooperationProfile | None = None
    rating: int = Rating.NONE

    @property
    def public_only(self) -> bool:
        """Shown because of its public profile, not because the user may see the record."""
        return getattr(self.organisation, "shown_publicly", False)


@dataclass
class Answer:
    source_key: str
    matches: list[Match] = field(default_factory=list)
    problem: str = ""


@dataclass
class ConsortiumMember:
    organisation: Organisation
    covers: list[str]
    match: Match | None


@dataclass
class ConsortiumAnswer:
    source_key: str
    ok: bool
    members: list[ConsortiumMember] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    coverage: int = 0  # percent
    problems: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [str(CONSORTIUM_PROBLEMS.get(code, code)) for code in self.problems]


# -- building queries ------------------------------------------------------------------------
def idea_key(text: str, competences=(), ris3=()) -> str:
    """A stable key for a free-text question, so ratings of its answers count next time."""
    words = " ".join(sorted(set(fold(text).split())))
    extra = ",".join(sorted(str(c.pk) for c in competences) + sorted(f"r{r.pk}" for r in ris3))
    digest = hashlib.sha256(f"{words}|{extra}".encode()).hexdigest()[:24]
    return f"q:{digest}"


def _query(text: str = "", *, competences=(), ris3=(), partner_kinds=frozenset(),
           region: str = "", country: str = "", partner_ids=frozenset(), feedback_key: str = "",
           today: date | None = None) -> Query:  # fmt: skip
    return Query(
        text=(text or "")[:MAX_TEXT],
        competences=frozenset(competence_key(c.pk) for c in competences),
        ris3=frozenset(ris3_key(r.pk) for r in ris3),
        partner_kinds=frozenset(partner_kinds),
        partner_ids=frozenset(partner_ids),
        region=region,
        country=country,
        today=today or timezone.localdate(),
        feedback_key=feedback_key,
        by_organisation=True,
    )


def text_problem(text: str, competences=(), ris3=()) -> str:
    """Why a free-text question cannot be answered ('' when it can)."""
    if competences or ris3:
        return ""
    if not (text or "").strip():
        return "empty"
    index = search_index.current()
    if not index.analyser.query(text[:MAX_TEXT]):
        return "no_words"
    return ""


# -- visibility ------------------------------------------------------------------------------
def public_organisations(pks: set[int]) -> set[int]:
    """Organisations among `pks` whose newest public-profile consent is a grant."""
    newest: dict[int, bool] = {}
    rows = (
        Consent.objects.filter(organisation_id__in=pks, purpose=ConsentPurpose.PUBLIC_PROFILE)
        .order_by("organisation_id", "-recorded_at", "-id")
        .values_list("organisation_id", "granted")
    )
    for organisation, granted in rows:
        newest.setdefault(organisation, granted)
    return {pk for pk, granted in newest.items() if granted}


def _load(user: Any, results: list[Result]) -> tuple[dict, dict, dict, set[int]]:
    """Organisations, units and profiles behind the results that the user may see."""
    org_pks: set[int] = set()
    unit_pks: set[int] = set()
    profile_pks: set[int] = set()
    for result in results:
        for key in (result.id, result.via):
            parsed = parse_key(key)
            if parsed:
                {"o": org_pks, "u": unit_pks, "p": profile_pks}[parsed[0]].add(parsed[1])
    organisations = Organisation.objects.filter(pk__in=org_pks).select_related("district")
    allowed = set(permissions.visible(user, organisations).values_list("pk", flat=True))
    public = set()
    if not permissions.reads_everything(user):
        public = public_organisations(org_pks - allowed)
    shown = {o.pk: o for o in organisations if o.pk in allowed | public}
    for pk in public:
        if pk in shown:
            shown[pk].shown_publicly = True
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_pks, organisation_id__in=shown)}
    profiles = permissions.visible(user, CooperationProfile.objects.filter(pk__in=profile_pks))
    return shown, units, {p.pk: p for p in profiles.select_related("organisation")}, public


def _names(keys: list[str], model, prefix: str) -> list[str]:
    pks = [int(k[len(prefix) :]) for k in keys if k[len(prefix) :].isdigit()]
    found = model.objects.in_bulk(pks)
    return [found[pk].name for pk in pks if pk in found]


def _term_names(results: list[Result]) -> dict[str, str]:
    """Names of the competences and RIS3 fields the results share, in at most two queries
    (one per result made answers with many results slow)."""
    names: dict[str, str] = {}
    for model, prefix, attribute in (
        (Competence, "c", "shared_competences"),
        (Ris3Field, "r", "shared_ris3"),
    ):
        keys = {key for result in results for key in getattr(result, attribute)}
        pks = [int(key[1:]) for key in keys if key[1:].isdigit()]
        names.update(
            {f"{prefix}{pk}": term.name for pk, term in model.objects.in_bulk(pks).items()}
        )
    return names


def _reasons(result: Result, names: dict[str, str] | None = None) -> Reasons:
    names = _term_names([result]) if names is None else names
    total = sum(result.contributions.values()) or 1.0
    signals = [
        Signal(name, SIGNAL_LABELS.get(name, name), round(100 * value / total))
        for name, value in sorted(result.contributions.items(), key=lambda item: -item[1])
        if value > 0
    ]
    return Reasons(
        terms=list(result.matched_terms),
        fields=[FIELD_LABELS.get(f, f) for f in result.matched_fields],
        competences=[names[key] for key in result.shared_competences if key in names],
        ris3=[names[key] for key in result.shared_ris3 if key in names],
        signals=[s for s in signals if s.share > 0],
    )


def _ratings(source_key: str) -> dict[str, int]:
    rows = Suggestion.objects.filter(source_key=source_key).exclude(rating=Rating.NONE)
    return dict(rows.values_list("document_id", "rating"))


def _ask(user: Any, query: Query, limit: int) -> list[Match]:
    """Run `query` on the shared index and keep what `user` may see, best first."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    index = search_index.current()
    ratings = _ratings(query.feedback_key) if query.feedback_key else {}
    if query.feedback_key:
        # Always replaced, so ratings cleared since the last question stop counting.
        index.feedback[query.feedback_key] = {key: float(value) for key, value in ratings.items()}
    results = index.search(query, limit=limit * OVERFETCH)
    organisations, units, profiles, _public = _load(user, results)
    names = _term_names(results)
    matches = []
    for result in results:
        parsed = parse_key(result.id)
        if not parsed or parsed[1] not in organisations or not _relevant(result):
            continue
        via = parse_key(result.via) if result.via else None
        matches.append(
            Match(
                key=result.id,
                organisation=organisations[parsed[1]],
                score=result.score,
                reasons=_reasons(result, names),
                via_unit=units.get(via[1]) if via and via[0] == "u" else None,
                via_profile=profiles.get(via[1]) if via and via[0] == "p" else None,
                rating=ratings.get(result.id, Rating.NONE),
            )
        )
        if len(matches) == limit:
            break
    return matches


def _relevant(result: Result) -> bool:
    return any(result.contributions.get(name, 0) > 0 for name in RELEVANT_SIGNALS)


def _answer(user: Any, source_key: str, query: Query, limit: int) -> Answer:
    return Answer(source_key=source_key, matches=_ask(user, query, limit))


# -- the questions ---------------------------------------------------------------------------
def who_can_help(user: Any, text: str, *, competences=(), ris3=(), partner_sought: str = "",
                 district=None, country=None, limit: int = DEFAULT_LIMIT) -> Answer:  # fmt: skip
    """Organisations that can help with an idea described in free text."""
    key = idea_key(text, competences, ris3)
    problem = text_problem(text, competences, ris3)
    if problem:
        return Answer(source_key=key, problem=str(PROBLEMS[problem]))
    query = _query(
        text,
        competences=competences,
        ris3=ris3,
        partner_kinds=PARTNER_KINDS.get(partner_sought, frozenset()),
        region=str(district.pk) if district else "",
        country=country.code if country else "",
        feedback_key=key,
    )
    return _answer(user, key, query, limit)


def _profile_query(profile: CooperationProfile) -> Query:
    organisation = profile.organisation
    wanted = PARTNER_KINDS.get(profile.partner_sought)
    return _query(
        " ".join([profile.title, profile.summary, profile.keywords, profile.partner_role]),
        competences=profile.competences.all(),
        ris3=profile.ris3_fields.all(),
        partner_kinds=wanted or _complement(organisation.kind),
        region=str(organisation.district_id or ""),
        partner_ids={organisation_key(organisation.pk)},
        feedback_key=profile_key(profile.pk),
    )


def _complement(kind: str) -> frozenset[str]:
    ours = engine_kind(kind)
    if ours in ("sme", "company"):
        return PARTNER_KINDS[PartnerSought.RESEARCH]
    if ours in ("research", "university"):
        return PARTNER_KINDS[PartnerSought.COMPANY]
    return frozenset()


def who_fits_profile(user: Any, profile: CooperationProfile, limit: int = DEFAULT_LIMIT,
                     ) -> tuple[Answer, list[Match]]:  # fmt: skip
    """Organisations that fit a profile, and the active counterpart profiles (offers for a
    request and the reverse) that fit it."""
    query = _profile_query(profile)
    answer = _answer(user, query.feedback_key, query, limit)
    return answer, counterpart_profiles(user, profile, query, limit)


def counterpart_profiles(user: Any, profile: CooperationProfile, query: Query, limit: int,
                         ) -> list[Match]:  # fmt: skip
    index = search_index.current()
    ask = replace(query, by_organisation=False, kinds=frozenset({"profile"}))
    results = index.search(ask, limit=limit * OVERFETCH)
    pks = [parsed[1] for r in results if (parsed := parse_key(r.id)) and parsed[0] == "p"]
    visible = permissions.visible(
        user,
        CooperationProfile.objects.active()
        .filter(pk__in=pks, kind__in=COUNTERPARTS[profile.kind])
        .exclude(organisation_id=profile.organisation_id),
    ).select_related("organisation")
    by_pk = {p.pk: p for p in visible}
    names = _term_names(results)
    matches = []
    for result in results:
        parsed = parse_key(result.id)
        if parsed and parsed[1] in by_pk:
            found = by_pk[parsed[1]]
            matches.append(
                Match(
                    key=result.id,
                    organisation=found.organisation,
                    score=result.score,
                    reasons=_reasons(result, names),
                    profile=found,
                )
            )
    return matches[:limit]


def whom_to_meet(user: Any, organisation: Organisation, limit: int = DEFAULT_LIMIT) -> Answer:
    """Organisations this one should meet: its competences, keywords and description as the
    question, complementary kinds first."""
    competences = list(organisation.competences.all())
    text = " ".join([organisation.keywords, organisation.description[:3000]])
    query = _query(
        text,
        competences=competences,
        ris3=organisation.ris3_fields.all(),
        partner_kinds=_complement(organisation.kind),
        region=str(organisation.district_id or ""),
        partner_ids={organisation_key(organisation.pk)},
        feedback_key=organisation_key(organisation.pk),
    )
    return _answer(user, query.feedback_key, query, limit)


def event_key(event: Event) -> str:
    return f"e:{event.pk}"


def whom_to_invite(user: Any, event: Event, limit: int = DEFAULT_LIMIT) -> Answer:
    """Organisations that fit the event's subject and have not registered yet."""
    registered = (
        Registration.objects.filter(event=event, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    query = _query(
        " ".join([event.title, event.summary, event.description[:3000]]),
        competences=event.competences.all(),
        ris3=event.ris3_fields.all(),
        feedback_key=event_key(event),
    )
    query = replace(query, exclude_ids=frozenset(organisation_key(pk) for pk in registered))
    return _answer(user, query.feedback_key, query, limit)


def consortium(user: Any, text: str, *, competences=(), ris3=(), must_include=(),
               exclude=(), district=None, country=None, min_size: int = 3, max_size: int = 8,
               needs_sme: bool = True, needs_research: bool = True,
               ) -> ConsortiumAnswer:  # fmt: skip
    """A proposed consortium for an idea, or the reasons none fits the constraints."""
    key = "k" + idea_key(text, competences, ris3)[1:]
    problem = text_problem(text, competences, ris3)
    if problem:
        return ConsortiumAnswer(source_key=key, ok=False, problems=[problem])
    visible = _visible_organisation_keys(user)
    banned = {organisation_key(o.pk) for o in exclude}
    query = _query(text, competences=competences, ris3=ris3, feedback_key=key)
    rules = Constraints(
        min_size=min_size,
        max_size=max_size,
        must_include=frozenset(organisation_key(o.pk) for o in must_include),
        exclude=frozenset(banned),
        region=str(district.pk) if district else "",
        country=country.code if country else "",
        needs_sme=needs_sme,
        needs_research=needs_research,
    )
    index = search_index.current()
    if visible is not None:
        hidden = frozenset(index.members) - visible - rules.must_include
        query = replace(query, exclude_ids=hidden)
    proposal = propose_consortium(index, query, rules)
    return _consortium_answer(user, key, proposal, query)


def _visible_organisation_keys(user: Any) -> frozenset[str] | None:
    """Organisations a non-staff user may see in a proposal (None: all)."""
    if permissions.reads_everything(user):
        return None
    own = set(permissions.visible(user, Organisation.objects.all()).values_list("pk", flat=True))
    candidates = set(Organisation.objects.values_list("pk", flat=True)) - own
    return frozenset(organisation_key(pk) for pk in own | public_organisations(candidates))


def _consortium_answer(user: Any, key: str, proposal: Proposal, query: Query) -> ConsortiumAnswer:
    results = [m.result for m in proposal.members if m.result is not None]
    organisations, _units, _profiles, _public = _load(
        user, results + [Result(id=m.id, score=0) for m in proposal.members]
    )
    members = []
    for member in proposal.members:
        parsed = parse_key(member.id)
        organisation = organisations.get(parsed[1]) if parsed else None
        if organisation is None:
            continue
        match = None
        if member.result is not None:
            match = Match(
                key=member.id,
                organisation=organisation,
                score=member.result.score,
                reasons=_reasons(member.result),
            )
        members.append(
            ConsortiumMember(
                organisation=organisation,
                covers=_names(member.covers, Competence, "c"),
                match=match,
            )
        )
    return ConsortiumAnswer(
        source_key=key,
        ok=proposal.ok,
        members=members,
        covered=_names(proposal.covered, Competence, "c"),
        missing=_names(proposal.missing, Competence, "c"),
        coverage=round(100 * proposal.coverage),
        problems=list(proposal.problems),
    )
