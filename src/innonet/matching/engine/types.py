"""The plain data the engine takes and returns; no behaviour beyond small conveniences."""

from dataclasses import dataclass, field
from datetime import date

# Organisation kinds that complement each other: a research group for an SME's request and the
# reverse. Values are the innonet organisation kinds; unknown kinds simply get no bonus.
COMPLEMENTARY_KINDS: dict[str, frozenset[str]] = {
    "sme": frozenset({"research", "university"}),
    "company": frozenset({"research", "university"}),
    "research": frozenset({"sme", "company"}),
    "university": frozenset({"sme", "company"}),
}
RESEARCH_KINDS = frozenset({"research", "university"})
SME_KINDS = frozenset({"sme"})


@dataclass(slots=True)
class Document:
    """Something that can be matched: an organisation, a unit or a cooperation profile.

    `texts` maps a field name (title, summary, keywords, ...) to its text. `cooperation` counts
    earlier co-participations (events, projects) with other documents' ids; `activity` is the
    track record (number of earlier projects), a tie-breaker among equally relevant partners.
    `organisation_id` groups a unit or profile under its organisation for consortium building.
    `competence_levels` optionally grades competences (e.g. number of projects in a field);
    a competence without a level counts as 1.
    """

    id: str
    kind: str = "organisation"
    texts: dict[str, str] = field(default_factory=dict)
    competences: frozenset[str] = frozenset()
    ris3: frozenset[str] = frozenset()
    region: str = ""
    country: str = ""
    org_kind: str = ""
    updated_at: date | None = None
    cooperation: dict[str, int] = field(default_factory=dict)
    activity: int = 0
    organisation_id: str = ""
    competence_levels: dict[str, float] = field(default_factory=dict)

    @property
    def owner(self) -> str:
        """The organisation this document stands for (itself for an organisation)."""
        return self.organisation_id or self.id


@dataclass(slots=True)
class Query:
    """What is looked for. `kinds` filters document kinds; `partner_kinds` are the organisation
    kinds wanted (complementary ones get a bonus); `partner_ids` are the asking side, whose
    earlier cooperations count; `feedback_key` selects staff feedback (see `Index.search`).
    With `by_organisation`, documents are summed per organisation and results name those.
    `visible` (None: all) are the only document ids the asker may see: the others are left out
    before the top results are taken, so a cut-off never hides what the asker could see."""

    text: str = ""
    competences: frozenset[str] = frozenset()
    ris3: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    partner_kinds: frozenset[str] = frozenset()
    partner_ids: frozenset[str] = frozenset()
    exclude_ids: frozenset[str] = frozenset()
    visible: frozenset[str] | None = None
    region: str = ""
    country: str = ""
    today: date | None = None
    feedback_key: str = ""
    by_organisation: bool = False


@dataclass(slots=True)
class Weights:
    """How much each signal counts. Defaults were set on the German set's design and checked on
    a CORDIS validation split (history before 2015, 2015 projects as queries); see docs."""

    text: float = 1.0
    competences: float = 0.4
    ris3: float = 0.2
    kind: float = 0.15
    cooperation: float = 0.3
    region: float = 0.1
    freshness: float = 0.05
    feedback: float = 1.0  # a staff "bad match" cancels even a perfect text match
    network: float = 0.2  # earlier partners of the best matches (see ranking._network)
    activity: float = 0.5  # multiplies: relevance x (1 + activity x normalised track record)
    synonym: float = 0.8  # weight of a synonym relative to the word itself
    compound_part: float = 0.6  # weight of a query compound's parts
    freshness_half_life_days: float = 365.0
    # Ranked by organisation: the best document counts fully, the further ones (units,
    # profiles, past projects) add this share of their scores, but at most this share of the
    # best one. 1.0 sums them all (a track record of many matching projects); a registry with
    # many units per university wants less, or size alone wins.
    further_documents: float = 1.0


@dataclass(slots=True)
class Result:
    """One ranked document and why: the query words and fields that matched, the shared
    competences and RIS3 fields, and each signal's contribution (they add up to `score`).
    Ranked by organisation, `id` is the organisation and `via` its best-matching document."""

    id: str
    score: float
    matched_terms: list[str] = field(default_factory=list)
    matched_fields: list[str] = field(default_factory=list)
    shared_competences: list[str] = field(default_factory=list)
    shared_ris3: list[str] = field(default_factory=list)
    contributions: dict[str, float] = field(default_factory=dict)
    via: str = ""


@dataclass(slots=True)
class Constraints:
    """What a consortium must satisfy. Sizes count organisations, not documents."""

    min_size: int = 3
    max_size: int = 8
    must_include: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    region: str = ""
    country: str = ""
    needs_sme: bool = True
    needs_research: bool = True


@dataclass(slots=True)
class Member:
    """A consortium member with the competences it brings and its match reasons."""

    id: str
    org_kind: str
    covers: list[str]
    result: Result | None = None


@dataclass(slots=True)
class Proposal:
    """A proposed consortium, or (`ok` false) an explanation of why none fits."""

    ok: bool
    members: list[Member] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    coverage: float = 0.0
    problems: list[str] = field(default_factory=list)
