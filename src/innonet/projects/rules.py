"""Pure rules of innovation projects: stage transitions, the consortium check and budget
arithmetic. No database access (only gettext for messages), so they are tested at their edges
without fixtures; services feed them plain values."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext as _


class Stage(StrEnum):
    IDEA = "idea"
    SOUNDING = "sounding"
    CONSORTIUM = "consortium"
    PREPARATION = "preparation"
    SUBMITTED = "submitted"
    GRANTED = "granted"
    REJECTED = "rejected"
    RUNNING = "running"
    FINISHED = "finished"
    DROPPED = "dropped"


class PartnerKind(StrEnum):
    """The kinds funding programmes give different rates to."""

    SME = "sme"
    LARGE = "large"
    RESEARCH = "research"
    OTHER = "other"


class PartnerRole(StrEnum):
    LEAD = "lead"
    PARTNER = "partner"
    ASSOCIATED = "associated"
    SUBCONTRACTOR = "subcontractor"


class Confidentiality(StrEnum):
    STAFF = "staff"
    PARTNERS = "partners"
    NETWORK = "network"


# The one place that says which stage may follow which. A rejected project can be revised and
# resubmitted (back to preparation); a dropped one can be revived as an idea.
TRANSITIONS: dict[Stage, tuple[Stage, ...]] = {
    Stage.IDEA: (Stage.SOUNDING, Stage.DROPPED),
    Stage.SOUNDING: (Stage.CONSORTIUM, Stage.IDEA, Stage.DROPPED),
    Stage.CONSORTIUM: (Stage.PREPARATION, Stage.SOUNDING, Stage.DROPPED),
    Stage.PREPARATION: (Stage.SUBMITTED, Stage.CONSORTIUM, Stage.DROPPED),
    Stage.SUBMITTED: (Stage.GRANTED, Stage.REJECTED, Stage.DROPPED),
    Stage.REJECTED: (Stage.PREPARATION, Stage.DROPPED),
    Stage.GRANTED: (Stage.RUNNING, Stage.DROPPED),
    Stage.RUNNING: (Stage.FINISHED, Stage.DROPPED),
    Stage.FINISHED: (),
    Stage.DROPPED: (Stage.IDEA,),
}

# The forward path a successful project takes; the funnel counts conversions along it.
PATH: tuple[Stage, ...] = (
    Stage.IDEA,
    Stage.SOUNDING,
    Stage.CONSORTIUM,
    Stage.PREPARATION,
    Stage.SUBMITTED,
    Stage.GRANTED,
    Stage.RUNNING,
    Stage.FINISHED,
)

# Roles that are beneficiaries of the grant. Associated partners and subcontractors take part
# but are not consortium members in the funders' sense, so they do not count for its rules.
COUNTING_ROLES = frozenset({PartnerRole.LEAD, PartnerRole.PARTNER})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(Stage(current), ())


def needs_reason(current: str, target: str) -> bool:
    """Dropping, reviving and every step back must say why; forward steps may."""
    if target in (Stage.DROPPED, Stage.REJECTED) or current == Stage.DROPPED:
        return True
    if current in PATH and target in PATH:
        return PATH.index(Stage(target)) < PATH.index(Stage(current))
    return False


def partner_kind(organisation_kind: str, sme_class: str) -> PartnerKind:
    """Map a registry organisation to the kind funding rates are set for.

    Research kinds (university, research institute, education provider) are research. For
    companies the EU size class from the figures wins; without figures the declared kind
    decides (SME and start-up count as SME). Public bodies, associations and others: other."""
    if organisation_kind in ("university", "research", "education"):
        return PartnerKind.RESEARCH
    if organisation_kind not in ("sme", "large", "startup"):
        return PartnerKind.OTHER
    if sme_class in ("micro", "small", "medium"):
        return PartnerKind.SME
    if sme_class == "large":
        return PartnerKind.LARGE
    return PartnerKind.LARGE if organisation_kind == "large" else PartnerKind.SME


# -- consortium check ------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerFacts:
    """What the consortium check needs to know about one project partner."""

    organisation_id: int
    kind: PartnerKind
    role: PartnerRole
    country: str | None = None


@dataclass(frozen=True)
class ConsortiumRules:
    """A programme's rules for consortia; the defaults ask nothing but one lead."""

    min_partners: int = 1
    max_partners: int | None = None
    requires_sme: bool = False
    requires_research: bool = False
    min_countries: int = 1


@dataclass(frozen=True)
class Finding:
    rule: str
    met: bool
    message: str


@dataclass(frozen=True)
class ConsortiumCheck:
    ok: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def unmet(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.met]


def consortium_check(
    partners: Iterable[PartnerFacts], rules: ConsortiumRules | None
) -> ConsortiumCheck:
    """Check the partner mix against a programme's rules. Only leads and partners count;
    an organisation taking part with several units counts once."""
    rules = rules or ConsortiumRules()
    partners = list(partners)
    members = [p for p in partners if p.role in COUNTING_ROLES]
    organisations = {p.organisation_id for p in members}
    countries = {p.country for p in members if p.country}
    leads = sum(1 for p in partners if p.role == PartnerRole.LEAD)
    count = len(organisations)
    findings = [_size_finding(count, rules)]
    if rules.requires_sme:
        findings.append(
            _presence(
                "sme",
                any(p.kind == PartnerKind.SME for p in members),
                _("At least one SME is a partner."),
                _("The programme requires at least one SME among the partners."),
            )
        )
    if rules.requires_research:
        findings.append(
            _presence(
                "research",
                any(p.kind == PartnerKind.RESEARCH for p in members),
                _("At least one research institution is a partner."),
                _("The programme requires at least one research institution among the partners."),
            )
        )
    if rules.min_countries > 1:
        findings.append(_countries_finding(members, countries, rules.min_countries))
    findings.append(
        Finding(
            "lead",
            leads == 1,
            _("The consortium has exactly one lead.")
            if leads == 1
            else _("A consortium needs exactly one lead; it has %(count)d.") % {"count": leads},
        )
    )
    return ConsortiumCheck(ok=all(f.met for f in findings), findings=findings)


def _presence(rule: str, met: bool, met_message: str, unmet_message: str) -> Finding:
    return Finding(rule, met, met_message if met else unmet_message)


def _size_finding(count: int, rules: ConsortiumRules) -> Finding:
    params = {"count": count, "min": rules.min_partners, "max": rules.max_partners}
    if count < rules.min_partners:
        return Finding(
            "min_partners",
            False,
            _("The programme requires at least %(min)d partners; there are %(count)d.") % params,
        )
    if rules.max_partners is not None and count > rules.max_partners:
        return Finding(
            "max_partners",
            False,
            _("The programme allows at most %(max)d partners; there are %(count)d.") % params,
        )
    return Finding("partners", True, _("%(count)d partners fit the programme's limits.") % params)


def _countries_finding(members: list[PartnerFacts], countries: set[str], minimum: int) -> Finding:
    unknown = sum(1 for p in members if not p.country)
    params = {"count": len(countries), "min": minimum, "unknown": unknown}
    if len(countries) >= minimum:
        return Finding("countries", True, _("Partners come from %(count)d countries.") % params)
    message = _("The programme requires partners from %(min)d countries; there are %(count)d.")
    if unknown:
        message += " " + _("%(unknown)d partners have no country in the registry.")
    return Finding("countries", False, message % params)


# -- budgets ---------------------------------------------------------------------------------

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_AMOUNT = Decimal("9999999999.99")  # what a Decimal(12, 2) column holds


@dataclass(frozen=True)
class BudgetProblem:
    field: str
    message: str


def budget_problems(
    requested: Decimal | None, granted: Decimal | None, rate: Decimal | None
) -> list[BudgetProblem]:
    """Every rule one partner's budget breaks: amounts in euros and cents, not negative,
    at most the column's size; the granted sum not above the requested; rate 0 to 100."""
    problems = []
    for name, amount in (("requested_amount", requested), ("granted_amount", granted)):
        if amount is None:
            continue
        if amount < 0:
            problems.append(BudgetProblem(name, _("An amount cannot be negative.")))
        elif amount > MAX_AMOUNT or amount != amount.quantize(CENT):
            problems.append(BudgetProblem(name, _("Enter an amount in euros and cents.")))
    if requested is None:
        problems.append(BudgetProblem("requested_amount", _("Enter the requested amount.")))
    elif granted is not None and granted > requested:
        problems.append(
            BudgetProblem(
                "granted_amount", _("The granted amount cannot exceed the requested amount.")
            )
        )
    if rate is not None and not (0 <= rate <= HUNDRED):
        problems.append(
            BudgetProblem("funding_rate", _("A funding rate lies between 0 and 100 percent."))
        )
    return problems


def funded_amount(requested: Decimal, rate: Decimal | None) -> Decimal:
    """The funder's share, rounded half up to cents; nothing without a known rate."""
    if rate is None:
        return Decimal("0.00")
    return (requested * rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def own_share(requested: Decimal, rate: Decimal | None) -> Decimal:
    """What the partner pays itself: the requested sum minus the rounded funded share, so
    funded share and own share always add up to the requested sum to the cent."""
    return (requested - funded_amount(requested, rate)).quantize(CENT)


@dataclass(frozen=True)
class BudgetLine:
    requested: Decimal
    granted: Decimal | None = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class BudgetTotals:
    requested: Decimal
    funded: Decimal
    own_share: Decimal
    granted: Decimal
    without_rate: int


def budget_totals(lines: Iterable[BudgetLine]) -> BudgetTotals:
    """Sums over a project's (or a stage's) partner budgets; partners without a known rate
    count fully as own share and are counted so a page can say so."""
    requested = funded = own = granted = Decimal("0.00")
    without_rate = 0
    for line in lines:
        requested += line.requested
        funded += funded_amount(line.requested, line.rate)
        own += own_share(line.requested, line.rate)
        granted += line.granted or Decimal(0)
        without_rate += line.rate is None
    return BudgetTotals(requested, funded, own, granted.quantize(CENT), without_rate)
