"""The questions the engine answers, for a given user: ranked organisations with reasons.

Every answer goes through the same steps: build an engine query limited to the documents the
user may see (organisations through the registry's policy, the member directory or their public
profile, profiles through their visibility; never a member's own organisation), ask the shared
index, and attach display objects, reasons and staff ratings. Nothing here writes, except that
the first question after a start may build the index (see search_index.current), and every
search reads the index under `search_index.reading()`.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from django.utils import timezone

from innonet.core import permissions
from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.core.search import fold
from innonet.events.models import Event, Registration
from innonet.partners.models import Organisation

from .. import engine, search_index
from ..documents import (
    competence_key,
    engine_kind,
    organisation_key,
    parse_key,
    profile_key,
    ris3_key,
)
from ..engine import Constraints, Proposal, Query, Result
from ..models import COUNTERPARTS, CooperationProfile, PartnerSought, Rating, Suggestion
from .answers import (
    PROBLEMS,
    Answer,
    ConsortiumAnswer,
    ConsortiumMember,
    Match,
    _names,
    _reasons,
    _relevant,
    _term_names,
    relate,
)
from .visibility import _load, _visible_organisation_keys, visible_documents

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
OVERFETCH = 4  # results asked from the engine per result shown, for what visibility removes
MAX_TEXT = 20000
PARTNER_KINDS: dict[str, frozenset[str]] = {
    PartnerSought.COMPANY: frozenset({"sme", "company"}),
    PartnerSought.SME: frozenset({"sme"}),
    PartnerSought.RESEARCH: frozenset({"research", "university"}),
}


# -- building queries ------------------------------------------------------------------------
def idea_key(
    text: str, competences: Iterable[Competence] = (), ris3: Iterable[Ris3Field] = ()
) -> str:
    """A stable key for a free-text question, so ratings of its answers count next time."""
    words = " ".join(sorted(set(fold(text).split())))
    extra = ",".join(sorted(str(c.pk) for c in competences) + sorted(f"r{r.pk}" for r in ris3))
    digest = hashlib.sha256(f"{words}|{extra}".encode()).hexdigest()[:24]
    return f"q:{digest}"


def _query(text: str = "", *, competences: Iterable[Competence] = (),
           ris3: Iterable[Ris3Field] = (), partner_kinds: Iterable[str] = frozenset(),
           region: str = "", country: str = "", partner_ids: Iterable[str] = frozenset(),
           feedback_key: str = "", today: date | None = None) -> Query:  # fmt: skip
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


def text_problem(
    text: str, competences: Iterable[Competence] = (), ris3: Iterable[Ris3Field] = ()
) -> str:
    """Why a free-text question cannot be answered ('' when it can)."""
    if competences or ris3:
        return ""
    if not (text or "").strip():
        return "empty"
    with search_index.reading() as index:
        words = index.analyser.query(text[:MAX_TEXT])
    return "" if words else "no_words"


def _ratings(source_key: str) -> dict[str, int]:
    rows = Suggestion.objects.filter(source_key=source_key).exclude(rating=Rating.NONE)
    return dict(rows.values_list("document_id", "rating"))


def _ask(user: Any, query: Query, limit: int, *, partner_networks: bool = True) -> list[Match]:
    """Run `query` on the shared index over what `user` may see, best first."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = replace(query, visible=visible_documents(user, partner_networks=partner_networks))
    ratings = _ratings(query.feedback_key) if query.feedback_key else {}
    with search_index.reading() as index:
        if query.feedback_key:
            # Always replaced, so ratings cleared since the last question stop counting.
            index.feedback[query.feedback_key] = {k: float(v) for k, v in ratings.items()}
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
    return relate(matches)


def _answer(user: Any, source_key: str, query: Query, limit: int, *,
            partner_networks: bool = True) -> Answer:  # fmt: skip
    matches = _ask(user, query, limit, partner_networks=partner_networks)
    return Answer(source_key=source_key, matches=matches)


# -- the questions ---------------------------------------------------------------------------
def who_can_help(user: Any, text: str, *, competences: Iterable[Competence] = (),
                 ris3: Iterable[Ris3Field] = (), partner_sought: str = "",
                 district: District | None = None, country: Country | None = None,
                 limit: int = DEFAULT_LIMIT, partner_networks: bool = True,
                 ) -> Answer:  # fmt: skip
    """Organisations that can help with an idea described in free text; without
    `partner_networks`, profiles of other networks than the user's own are left out."""
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
    return _answer(user, key, query, limit, partner_networks=partner_networks)


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
    ask = replace(
        query,
        by_organisation=False,
        kinds=frozenset({"profile"}),
        visible=visible_documents(user),
    )
    with search_index.reading() as index:
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
    return relate(matches[:limit])


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


def consortium(user: Any, text: str, *, competences: Iterable[Competence] = (),
               ris3: Iterable[Ris3Field] = (), must_include: Iterable[Organisation] = (),
               exclude: Iterable[Organisation] = (), district: District | None = None,
               country: Country | None = None, min_size: int = 3, max_size: int = 8,
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
    with search_index.reading() as index:
        if visible is not None:
            hidden = frozenset(index.members) - visible - rules.must_include
            query = replace(query, exclude_ids=hidden)
        proposal = engine.propose_consortium(index, query, rules)
    return _consortium_answer(user, key, proposal, query)


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
