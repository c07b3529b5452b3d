"""The pure project rules at their edges: stage transitions, partner kinds, the consortium
check and budget arithmetic (no database)."""

from decimal import Decimal

import pytest

from innonet.projects.rules import (
    BudgetLine,
    ConsortiumRules,
    PartnerFacts,
    PartnerKind,
    PartnerRole,
    Stage,
    budget_problems,
    budget_totals,
    can_move,
    consortium_check,
    funded_amount,
    needs_reason,
    own_share,
    partner_kind,
)

S = Stage
# Written out independently of TRANSITIONS, so a change there must be made here too.
ALLOWED = {
    (S.IDEA, S.SOUNDING), (S.IDEA, S.DROPPED),
    (S.SOUNDING, S.CONSORTIUM), (S.SOUNDING, S.IDEA), (S.SOUNDING, S.DROPPED),
    (S.CONSORTIUM, S.PREPARATION), (S.CONSORTIUM, S.SOUNDING), (S.CONSORTIUM, S.DROPPED),
    (S.PREPARATION, S.SUBMITTED), (S.PREPARATION, S.CONSORTIUM), (S.PREPARATION, S.DROPPED),
    (S.SUBMITTED, S.GRANTED), (S.SUBMITTED, S.REJECTED), (S.SUBMITTED, S.DROPPED),
    (S.REJECTED, S.PREPARATION), (S.REJECTED, S.DROPPED),
    (S.GRANTED, S.RUNNING), (S.GRANTED, S.DROPPED),
    (S.RUNNING, S.FINISHED), (S.RUNNING, S.DROPPED),
    (S.DROPPED, S.IDEA),
}  # fmt: skip
ALL_PAIRS = [(a, b) for a in Stage for b in Stage if a != b]


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_transitions(current, target):
    assert can_move(current, target)


@pytest.mark.parametrize(("current", "target"), [pair for pair in ALL_PAIRS if pair not in ALLOWED])
def test_illegal_transitions(current, target):
    assert not can_move(current, target)


@pytest.mark.parametrize("stage", list(Stage))
def test_no_stage_moves_to_itself(stage):
    assert not can_move(stage, stage)


def test_finished_is_final():
    assert not any(can_move(S.FINISHED, target) for target in Stage)


@pytest.mark.parametrize(
    ("current", "target", "expected"),
    [
        (S.IDEA, S.SOUNDING, False),
        (S.PREPARATION, S.SUBMITTED, False),
        (S.SUBMITTED, S.GRANTED, False),
        (S.SUBMITTED, S.REJECTED, True),
        (S.IDEA, S.DROPPED, True),
        (S.DROPPED, S.IDEA, True),  # revival
        (S.SOUNDING, S.IDEA, True),  # a step back
        (S.PREPARATION, S.CONSORTIUM, True),
        (S.REJECTED, S.PREPARATION, False),  # resubmission is the expected way on
    ],
)
def test_reason_is_needed_for_drops_revivals_and_steps_back(current, target, expected):
    assert needs_reason(current, target) is expected


@pytest.mark.parametrize(
    ("kind", "sme_class", "expected"),
    [
        ("sme", "micro", PartnerKind.SME),
        ("sme", "unknown", PartnerKind.SME),
        ("sme", "large", PartnerKind.LARGE),  # the figures win over the declared kind
        ("startup", "unknown", PartnerKind.SME),
        ("large", "unknown", PartnerKind.LARGE),
        ("large", "medium", PartnerKind.SME),
        ("university", "unknown", PartnerKind.RESEARCH),
        ("research", "unknown", PartnerKind.RESEARCH),
        ("education", "unknown", PartnerKind.RESEARCH),
        ("public", "unknown", PartnerKind.OTHER),
        ("association", "unknown", PartnerKind.OTHER),
        ("other", "unknown", PartnerKind.OTHER),
    ],
)
def test_partner_kind_from_the_registry(kind, sme_class, expected):
    assert partner_kind(kind, sme_class) == expected


# consortium check ---------------------------------------------------------------------------


def facts(org, kind=PartnerKind.SME, role=PartnerRole.PARTNER, country="DE"):
    return PartnerFacts(org, kind, role, country)


STRICT = ConsortiumRules(
    min_partners=3, max_partners=4, requires_sme=True, requires_research=True, min_countries=2
)


def unmet_rules(partners, rules=STRICT) -> set[str]:
    return {finding.rule for finding in consortium_check(partners, rules).unmet}


def test_a_fitting_consortium_passes_with_every_rule_reported():
    partners = [
        facts(1, role=PartnerRole.LEAD),
        facts(2, PartnerKind.RESEARCH),
        facts(3, PartnerKind.LARGE, country="NL"),
    ]
    check = consortium_check(partners, STRICT)
    assert check.ok
    assert {f.rule for f in check.findings} == {"partners", "sme", "research", "countries", "lead"}
    assert all(f.met and f.message for f in check.findings)


def test_too_few_and_too_many_partners():
    two = [facts(1, role=PartnerRole.LEAD), facts(2, PartnerKind.RESEARCH, country="NL")]
    assert unmet_rules(two) == {"min_partners"}
    five = [*two, facts(3), facts(4), facts(5)]
    assert unmet_rules(five) == {"max_partners"}


def test_associated_partners_and_subcontractors_do_not_count():
    partners = [
        facts(1, role=PartnerRole.LEAD),
        facts(2, PartnerKind.RESEARCH, role=PartnerRole.ASSOCIATED, country="NL"),
        facts(3, PartnerKind.RESEARCH, role=PartnerRole.SUBCONTRACTOR, country="FR"),
    ]
    assert unmet_rules(partners) == {"min_partners", "research", "countries"}


def test_one_organisation_with_two_units_counts_once():
    partners = [
        facts(1, role=PartnerRole.LEAD),
        facts(2, PartnerKind.RESEARCH, country="NL"),
        facts(2, PartnerKind.RESEARCH, country="NL"),
    ]
    assert unmet_rules(partners) == {"min_partners"}


def test_missing_sme_research_and_countries():
    partners = [facts(i, PartnerKind.LARGE) for i in (1, 2, 3)]
    partners[0] = facts(1, PartnerKind.LARGE, role=PartnerRole.LEAD)
    assert unmet_rules(partners) == {"sme", "research", "countries"}


def test_partners_without_country_are_named_in_the_message():
    partners = [
        facts(1, role=PartnerRole.LEAD),
        facts(2, PartnerKind.RESEARCH, country=None),
        facts(3, country=None),
    ]
    check = consortium_check(partners, STRICT)
    (finding,) = [f for f in check.unmet if f.rule == "countries"]
    assert "2" in finding.message


@pytest.mark.parametrize("leads", [0, 2])
def test_exactly_one_lead(leads):
    partners = [facts(i, role=PartnerRole.LEAD) for i in range(1, leads + 1)]
    partners += [facts(9, PartnerKind.RESEARCH, country="NL"), facts(8), facts(7)][: 3 - leads]
    assert "lead" in unmet_rules(partners)


def test_without_programme_only_a_lead_is_needed():
    assert consortium_check([facts(1, role=PartnerRole.LEAD)], None).ok
    assert not consortium_check([], None).ok


# budgets ------------------------------------------------------------------------------------

D = Decimal


def problem_fields(requested, granted=None, rate=None) -> set[str]:
    return {p.field for p in budget_problems(requested, granted, rate)}


@pytest.mark.parametrize(
    ("requested", "granted", "rate", "expected"),
    [
        (D("0"), None, None, set()),
        (D("0.00"), D("0.00"), D("0"), set()),
        (D("100000.00"), D("100000.00"), D("100"), set()),  # granted may equal requested
        (D("-0.01"), None, None, {"requested_amount"}),
        (D("100"), D("-1"), None, {"granted_amount"}),
        (D("100.00"), D("100.01"), None, {"granted_amount"}),
        (D("100"), None, D("100.01"), {"funding_rate"}),
        (D("100"), None, D("-0.01"), {"funding_rate"}),
        (D("100.001"), None, None, {"requested_amount"}),  # cents only
        (D("10000000000.00"), None, None, {"requested_amount"}),  # beyond the column
        (None, None, None, {"requested_amount"}),
    ],
)
def test_budget_rules_at_their_edges(requested, granted, rate, expected):
    assert problem_fields(requested, granted, rate) == expected


@pytest.mark.parametrize(
    ("requested", "rate", "funded", "own"),
    [
        (D("100000.00"), D("45"), D("45000.00"), D("55000.00")),
        (D("10.01"), D("50"), D("5.01"), D("5.00")),  # 5.005 rounds half up
        (D("0.01"), D("50"), D("0.01"), D("0.00")),
        (D("0.01"), D("49.99"), D("0.00"), D("0.01")),
        (D("33.33"), D("33.33"), D("11.11"), D("22.22")),
        (D("1000.00"), D("0"), D("0.00"), D("1000.00")),
        (D("1000.00"), D("100"), D("1000.00"), D("0.00")),
        (D("1000.00"), None, D("0.00"), D("1000.00")),  # no known rate: nothing funded
        (D("0.00"), D("70"), D("0.00"), D("0.00")),
    ],
)
def test_funded_and_own_share_add_up_to_the_cent(requested, rate, funded, own):
    assert funded_amount(requested, rate) == funded
    assert own_share(requested, rate) == own
    assert funded + own == requested


def test_budget_totals_sum_per_project():
    totals = budget_totals(
        [
            BudgetLine(D("10.01"), D("10.00"), D("50")),
            BudgetLine(D("200.00"), None, None),
            BudgetLine(D("0.00"), D("0.00"), D("100")),
        ]
    )
    assert totals.requested == D("210.01")
    assert totals.funded == D("5.01")
    assert totals.own_share == D("205.00")
    assert totals.granted == D("10.00")
    assert totals.without_rate == 1


def test_budget_totals_of_nothing_are_zero():
    totals = budget_totals([])
    assert (totals.requested, totals.funded, totals.own_share, totals.granted) == (D(0),) * 4
