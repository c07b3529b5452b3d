"""What an answer holds: matches with their reasons (the signals that counted, shared terms,
competences and RIS3 fields) and proposed consortia, with the labels and messages they show."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innonet.core.models import Competence, Ris3Field
from innonet.partners.models import Organisation, Unit

from ..engine import Result
from ..models import CooperationProfile, Rating

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


# How a match compares with the best one of the same answer (its score in percent of the best):
# the raw score depends on the question (more words, more signals, higher scores), so it says
# nothing on its own.
STRENGTHS = (
    (75, "strong", pgettext_lazy("match strength", "Strong match")),
    (40, "good", pgettext_lazy("match strength", "Good match")),
    (0, "weak", pgettext_lazy("match strength", "Weak match")),
)


@dataclass
class Signal:
    name: str
    label: str | Promise  # translated when shown
    share: int  # percent of the score


@dataclass
class Reasons:
    terms: list[str] = field(default_factory=list)
    fields: list[str | Promise] = field(default_factory=list)
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
    relative: int = 100  # score in percent of the answer's best score (see `relate`)

    @property
    def strength(self) -> tuple[str, str | Promise]:
        """(key, label): strong, good or weak, relative to the best match of the answer."""
        for threshold, key, label in STRENGTHS:
            if self.relative >= threshold:
                return key, label
        return STRENGTHS[-1][1], STRENGTHS[-1][2]

    @property
    def public_only(self) -> bool:
        """Shown because of its public profile, not because the user may see the record."""
        return getattr(self.organisation, "shown_publicly", False)

    @property
    def page(self) -> str:
        """URL name of the page that shows the organisation to this user ("none": seen only
        through one of its cooperation profiles)."""
        return getattr(self.organisation, "shown_on", "partners:organisation_detail")

    @property
    def networks(self) -> list[str]:
        """The networks the partner belongs to: where its profile is posted and where it is an
        active member, by name."""
        names = list(getattr(self.organisation, "network_names", []))
        profile = self.profile or self.via_profile
        if profile is not None and profile.network.name not in names:
            names.insert(0, profile.network.name)
        return names


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


def _names(keys: list[str], model: type[Competence | Ris3Field], prefix: str) -> list[str]:
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


def relate(matches: list["Match"]) -> list["Match"]:
    """Each match's score in percent of the best one, so the page can say how strong it is."""
    best = max((match.score for match in matches), default=0.0)
    for match in matches:
        match.relative = round(100 * match.score / best) if best > 0 else 0
    return matches


def _relevant(result: Result) -> bool:
    return any(result.contributions.get(name, 0) > 0 for name in RELEVANT_SIGNALS)
