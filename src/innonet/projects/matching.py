"""Which organisations and ideas a funding call fits.

One entry point, `call_matches(call, user)`, so the call page does not care how the ranking is
made. The call's title and topics are the question. Organisations come from matchmaking's
"who can help" (the shared index, with its visibility rules: records the user may see, and
organisations that agreed to a public profile). Ideas (projects in the stages idea and sounding
that the user may see) are few, so they are ranked by a small engine index built on the fly
with the same analysis (stems, German compounds, synonyms); ideas aimed at the call or its
programme come first.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from innonet.core import permissions
from innonet.core.models import Ris3Field
from innonet.core.search import fold
from innonet.matching import engine
from innonet.matching.engine import Document, Query
from innonet.matching.queries import who_can_help
from innonet.partners.models import Organisation

from .models import FundingCall, InnovationProject
from .rules import Stage

IDEA_STAGES = (Stage.IDEA, Stage.SOUNDING)
MAX_CANDIDATES = 300  # most recently changed ideas ranked by text (those aimed at it always)
MAX_TEXT = 20000
IDEA_TEXT = 1000  # characters of an idea's summary and goals that are ranked (bounds the work)
_WORD = re.compile(r"\w+")


@dataclass
class OrganisationMatch:
    organisation: Organisation
    score: float
    shared: list[str] = field(default_factory=list)
    public_only: bool = False  # shown because of its public profile, not the user's access


@dataclass
class CallMatches:
    organisations: list[OrganisationMatch]
    ideas: list[tuple[InnovationProject, list[str]]]
    terms: list[str]


def call_text(call: FundingCall) -> str:
    return f"{call.title}\n{call.topics}"[:MAX_TEXT]


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))


def named_ris3_fields(text: str) -> list[Ris3Field]:
    """The RIS3 fields the text names ("Energie", "Agrarsystemtechnik / Bioökonomie": either
    part counts), matched on whole words of the folded text."""
    words = f" {_plain(text)} "
    found = []
    for ris3 in Ris3Field.objects.filter(is_active=True).order_by("pk"):
        parts = [_plain(part) for part in ris3.name.split("/")]
        if any(part and f" {part} " in words for part in parts):
            found.append(ris3)
    return found


def _rank_organisations(user: Any, text: str, limit: int) -> tuple[list, list[str]]:
    answer = who_can_help(user, text, ris3=named_ris3_fields(text), limit=limit)
    matches, terms = [], set()
    for match in answer.matches:
        shared = [*match.reasons.terms, *match.reasons.competences, *match.reasons.ris3]
        terms.update(match.reasons.terms)
        matches.append(
            OrganisationMatch(
                match.organisation, match.score, list(dict.fromkeys(shared)), match.public_only
            )
        )
    return matches, sorted(terms)


def _idea_document(project: InnovationProject) -> Document:
    return Document(
        id=str(project.pk),
        kind="project",
        texts={
            "title": project.title,
            "summary": project.summary[:IDEA_TEXT],
            "goals": project.goals[:IDEA_TEXT],
        },
        updated_at=project.updated_at.date(),
    )


def _idea_candidates(user: Any, call: FundingCall, limit: int) -> list[InnovationProject]:
    """The ideas aimed at the call or its programme, and the most recently changed others."""
    visible = permissions.visible(
        user, InnovationProject.objects.filter(stage__in=IDEA_STAGES)
    ).order_by("-updated_at")
    aimed = visible.filter(Q(call=call) | Q(programme_id=call.programme_id))
    found = {project.pk: project for project in aimed[:limit]}
    for project in visible[:MAX_CANDIDATES]:
        found.setdefault(project.pk, project)
    return list(found.values())


def _rank_ideas(user: Any, call: FundingCall, text: str, limit: int) -> list:
    """Ideas aimed at the call or its programme first, then by how well their text fits."""
    candidates = _idea_candidates(user, call, limit)
    if not candidates:
        return []
    index = engine.Index.build(_idea_document(project) for project in candidates)
    query = Query(text=text, today=timezone.localdate())
    results = {r.id: r for r in index.search(query, limit=len(candidates))}
    ranked = []
    for project in candidates:
        result = results.get(str(project.pk))
        aimed = project.call_id == call.pk or project.programme_id == call.programme_id
        if result is not None or aimed:
            score = result.score if result else 0.0
            shared = list(result.matched_terms) if result else []
            ranked.append((project, shared, aimed, score))
    ranked.sort(key=lambda row: (not row[2], -row[3], row[0].title.casefold()))
    return [(project, shared) for project, shared, _aimed, _score in ranked[:limit]]


def call_matches(call: FundingCall, user: Any, *, limit: int = 10) -> CallMatches:
    """The organisations and ideas (visible to `user`) that the call fits best, each with the
    words and terms they share with the call, so the office sees why."""
    text = call_text(call)
    organisations, terms = _rank_organisations(user, text, limit)
    return CallMatches(
        organisations=organisations,
        ideas=_rank_ideas(user, call, text, limit),
        terms=terms,
    )
