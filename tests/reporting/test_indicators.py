"""Every indicator on the small hand-built network of tests/reporting/world.py, whose right
answers are written here."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from innonet.events.models import EventStatus
from innonet.partners.services import merge
from innonet.reporting.indicators import INDICATORS, Period, compute
from innonet.reporting.indicators.facts import load_facts
from innonet.reporting.indicators.records import describe
from tests.factories import EventFactory, OrganisationFactory, UserFactory
from tests.reporting.world import AS_OF, YEAR, attend, noon

pytestmark = pytest.mark.django_db


def figures(network=None, period=YEAR):
    return compute(load_facts(network, as_of=AS_OF), period)


def names(result):
    return sorted(row.label for row in describe(result.records))


def parts(result):
    return {part.key: part.value for part in result.parts}


def test_network_figures(world):
    result = figures()
    assert result["partners"].value == 4
    assert names(result["partners"]) == ["A", "B", "C", "G"]
    assert parts(result["partners"]) == {"sme": 2, "university": 1, "education": 1}
    assert names(result["partners_new"]) == ["B", "G"]
    assert names(result["partners_left"]) == ["F"]
    assert (result["sme_share"].numerator, result["sme_share"].denominator) == (2, 4)
    assert result["sme_share"].value == 0.5
    assert result["research_share"].value == 0.5
    assert names(result["first_time_participants"]) == ["B", "C"]  # A (and E) came in 2024


def test_members_on_any_date_follow_the_history(world):
    facts = load_facts(None, as_of=AS_OF)
    on = {day: compute(facts, Period(day, day), ["partners"])["partners"] for day in (
        date(2025, 1, 31), date(2025, 2, 1), date(2025, 6, 29), date(2025, 6, 30))}  # fmt: skip
    assert [names(on[day]) for day in sorted(on)] == [
        ["A", "C", "F"],
        ["A", "B", "C", "F"],
        ["A", "B", "C", "F", "G"],
        ["A", "B", "C", "G"],
    ]


def test_event_figures(world):
    result = figures()
    assert result["events"].value == 2  # cancelled and draft events are not held
    assert parts(result["events"]) == {"IT-Frühstück": 1, "Werkstatt": 1}
    assert result["participants"].value == 6
    assert parts(result["participants"]) == {"people": 5}
    # A and its duplicate E are one organisation
    assert result["participant_organisations"].value == 3
    assert result["participant_smes"].value == 2
    assert names(result["participant_research"]) == ["C"]
    rate = result["checkin_rate"]
    assert (rate.numerator, rate.denominator) == (6, 7)
    assert result["feedback_rating"].value == 3.5


def test_an_erased_person_still_counts_without_their_name(world):
    result = figures()
    labels = " ".join(names(result["participants"]))
    assert "Erika" not in labels and "Geheim" not in labels
    assert labels.count(gettext("(erased person)")) == 1


def test_contacts_introductions_projects(world):
    result = figures()
    assert result["contacts"].value == 2
    assert parts(result["contacts"]) == {"consultation": 1, "mail": 1}
    assert result["introductions"].value == 1  # the planned one has not happened
    assert parts(result["introductions"]) == {"met": 1}
    assert result["introductions_completed"].value == 1
    assert result["projects_initiated"].value == 2
    assert parts(result["projects_initiated"]) == {"event": 1, "none": 1}
    assert parts(result["projects_by_stage"]) == {"idea": 1, "granted": 1}
    assert names(result["projects_submitted"]) == ["P1"]
    assert names(result["projects_granted"]) == ["P1"]
    assert result["granted_volume"].value == Decimal("250000")
    assert names(result["international_contacts"]) == ["D"]


def test_erdf_indicators(world):
    result = figures()
    # A (with its duplicate E), B and D received support; the mail to B alone would not count
    for code in ("CO01", "CO04", "RCO01", "RCO04"):
        assert result[code].value == 3, code
    assert parts(result["RCO01"]) == {"micro": 1, "small": 1, "medium": 0, "large": 1,
                                      "unknown": 0}  # fmt: skip
    for code in ("CO26", "RCO10"):  # A in P1 with C; B met C through an introduction
        assert names(result[code]) == ["A", "B"], code
    assert names(result["RCO07"]) == ["C"]


def test_evidence_says_which_activity_counted_and_when(world):
    rco01 = {row.label: row for row in describe(figures()["RCO01"].records)}
    evidence = [(item.kind, item.day) for item in rco01["A"].evidence]
    assert evidence == [
        ("project", date(2025, 2, 1)),
        ("event", date(2025, 3, 10)),
        ("event", date(2025, 9, 15)),  # as E, the same enterprise
    ]
    assert [(item.kind, item.day) for item in rco01["D"].evidence] == [
        ("interaction", date(2025, 4, 1)),
        ("project", date(2025, 8, 1)),
    ]


def test_a_network_sees_its_own_and_its_joint_events(world):
    host = figures(world["host"])
    sector = figures(world["sector"])
    assert host["events"].value == 2
    assert sector["events"].value == 1  # the joint workshop counts in both
    assert names(sector["partners"]) == ["A"]
    # in S: A (as E too) and B at the joint workshop; D was no member of S
    assert names(sector["CO01"]) == ["A", "B"]
    assert host["contacts"].value == 1  # D is no member of H: only the mail to B


def test_a_merged_organisation_counts_once(world):
    before = figures()
    merge.organisation_merge(world["org"]["A"], world["org"]["E"], field_choices={},
                             acting_user=UserFactory(role="staff"))  # fmt: skip
    after = figures()
    for code in ("participant_organisations", "participant_smes", "CO01", "RCO01", "CO26"):
        assert after[code].value == before[code].value, code


def test_a_period_without_data_gives_zeros(world):
    result = figures(period=Period.year(2012))
    for code, indicator in INDICATORS.items():
        value = result[code].value
        if indicator.unit in ("share", "rating"):
            assert value is None, code
        else:
            assert value == 0, code
        assert result[code].records == (), code


def test_facts_and_the_registry_agree_on_members(world):
    from innonet.partners.services.memberships import members_on

    facts = load_facts(world["host"], as_of=AS_OF)
    for day in (date(2024, 12, 31), date(2025, 2, 1), date(2025, 6, 30), date(2025, 12, 31)):
        registry = set(members_on(world["host"], day).values_list("pk", flat=True))
        assert facts.members_on(day) == registry, day


def test_loading_the_facts_takes_the_same_queries_for_more_data(
    world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24) as counted:
        load_facts(None, as_of=AS_OF)
    first = len(counted.captured_queries)
    extra = EventFactory(starts_at=noon(date(2025, 10, 1)), status=EventStatus.FINISHED)
    for name in "XYZ":
        attend(extra, OrganisationFactory(name=name))
    with django_assert_max_num_queries(first):
        load_facts(None, as_of=AS_OF)


def test_periods():
    assert Period.year(2025).previous() == Period.year(2024)
    assert Period(date(2025, 4, 1), date(2025, 6, 30)).previous() == Period(
        date(2025, 1, 1), date(2025, 3, 31)
    )
    assert Period(date(2025, 1, 10), date(2025, 1, 19)).previous() == Period(
        date(2024, 12, 31), date(2025, 1, 9)
    )
    assert [p.label for p in Period(date(2021, 1, 1), date(2025, 12, 31)).buckets()] == [
        "2021", "2022", "2023", "2024", "2025"]  # fmt: skip
    assert len(Period.year(2025).buckets()) == 4
    assert len(Period(date(2025, 3, 1), date(2025, 5, 31)).buckets()) == 3
