"""Which organisations and ideas a funding call fits.

One entry point, `call_matches(call, user)`, so the call page does not care how the ranking is
made: today it counts the folded words the call's title and topics share with an
organisation's competences, keywords, description and RIS3 fields; later it can ask the
matching engine instead. Only what the user may see is ranked: organisations through the
registry's policy, ideas (projects in the stages idea and sounding) through the projects'.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from innonet.core import permissions
from innonet.core.search import fold
from innonet.partners.models import Organisation

from .models import FundingCall, InnovationProject
from .rules import Stage

IDEA_STAGES = (Stage.IDEA, Stage.SOUNDING)
MAX_TERMS = 40
MAX_CANDIDATES = 400
MIN_WORD = 4
# Words that occur in almost every call text and say nothing about its subject.
STOPWORDS = frozenset(
    """
    aber alle auch auf aus bei bis das dass dem den der des die durch eine einem einen einer
    eines fuer haben hat ihre im in ist kann koennen mit nach nicht noch oder sich sie sind
    ueber und unter von vor wird werden wie zum zur zwischen sowie sollen soll insbesondere
    bereich bereiche entwicklung projekt projekte projekten vorhaben foerderung gefoerdert
    the and for with from that this into their which will other about over such
    project projects call calls funding development research innovation innovative
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_WORD = re.compile(r"[a-z0-9]+")


def words(*texts: str | None) -> set[str]:
    """The folded content words of `texts` (at least four letters, no filler words)."""
    found: set[str] = set()
    for text in texts:
        for word in _WORD.findall(fold(text or "")):
            if len(word) >= MIN_WORD and word not in STOPWORDS:
                found.add(word)
    return found


@dataclass
class OrganisationMatch:
    organisation: Organisation
    score: int
    shared: list[str] = field(default_factory=list)


@dataclass
class CallMatches:
    organisations: list[OrganisationMatch]
    ideas: list[tuple[InnovationProject, list[str]]]
    terms: list[str]


def _organisation_words(organisation: Organisation) -> set[str]:
    names = [c.name for c in organisation.competences.all()]
    names += [c.synonyms for c in organisation.competences.all()]
    names += [r.name for r in organisation.ris3_fields.all()]
    return words(organisation.keywords, organisation.description[:5000], *names)


def _candidates(user: Any, terms: list[str]) -> QuerySet:
    """Organisations whose stored text or taxonomy names contain one of the terms."""
    query = Q()
    for term in terms:
        query |= Q(search_text__contains=term)
        query |= Q(competences__name__icontains=term) | Q(ris3_fields__name__icontains=term)
    visible = permissions.visible(user, Organisation.objects.all())
    pks = visible.filter(query).values_list("pk", flat=True).distinct()[:MAX_CANDIDATES]
    return Organisation.objects.filter(pk__in=list(pks)).prefetch_related(
        "competences", "ris3_fields"
    )


def _rank_organisations(user: Any, terms: set[str], limit: int) -> list[OrganisationMatch]:
    ranked = []
    for organisation in _candidates(user, sorted(terms)[:MAX_TERMS]):
        shared = sorted(terms & _organisation_words(organisation))
        if shared:
            ranked.append(OrganisationMatch(organisation, len(shared), shared))
    ranked.sort(key=lambda match: (-match.score, match.organisation.name.casefold()))
    return ranked[:limit]


def _rank_ideas(user: Any, call: FundingCall, terms: set[str], limit: int) -> list:
    projects = InnovationProject.objects.filter(stage__in=IDEA_STAGES)
    projects = permissions.visible(user, projects).select_related("owner")
    ranked = []
    for project in projects.order_by("-updated_at")[:MAX_CANDIDATES]:
        shared = sorted(terms & words(project.title, project.summary, project.goals))
        aimed = project.call_id == call.pk or project.programme_id == call.programme_id
        if shared or aimed:
            ranked.append((project, shared, aimed))
    ranked.sort(key=lambda row: (not row[2], -len(row[1]), row[0].title.casefold()))
    return [(project, shared) for project, shared, _aimed in ranked[:limit]]


def call_matches(call: FundingCall, user: Any, *, limit: int = 10) -> CallMatches:
    """The organisations and ideas (visible to `user`) that the call fits best, each with the
    words they share with the call, so the office sees why."""
    terms = words(call.title, call.topics)
    organisations = _rank_organisations(user, terms, limit) if terms else []
    return CallMatches(
        organisations=organisations,
        ideas=_rank_ideas(user, call, terms, limit),
        terms=sorted(terms),
    )
