"""The cluster label evidence on the hand-built network of label_world.py: every section's
figures and tables against values counted by hand, the period's bounds, an empty period, and
the files made from it."""

import io
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from openpyxl import load_workbook

from innonet.reporting.indicators import Period
from innonet.reporting.indicators.facts import load_facts
from innonet.reporting.models import ReportKind
from innonet.reporting.reports.label.charts import label_charts
from innonet.reporting.reports.label.content import freeze_label
from innonet.reporting.reports.label.document import label_document
from innonet.reporting.reports.label.workbook import render_label_xlsx
from innonet.reporting.reports.pdf import render_html
from tests.factories import UserFactory
from tests.reporting.factories import IssuedReportFactory, TargetFactory
from tests.reporting.world import AS_OF, YEAR

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def english():
    """The evidence is frozen and rendered in the active language; these tests read English."""
    with translation.override("en"):
        yield


def evidence(network=None, period=YEAR):
    return freeze_label(load_facts(network, as_of=AS_OF), period, network=network, version=1)


def section(content, key):
    return next(s for s in content["sections"] if s["key"] == key)


def figure(content, key, code):
    return next(row for row in section(content, key)["figures"] if row["code"] == code)


def rows(content, key, table):
    frozen = next(t for t in section(content, key)["tables"] if t["key"] == table)
    return frozen["rows"]


def counts(content, key, table, column=1):
    return {row[0]: row[column] for row in rows(content, key, table)}


def test_sections_in_the_assessment_order(label_world):
    keys = [s["key"] for s in evidence()["sections"]]
    assert keys == ["members", "services", "events", "cooperation", "international",
                    "governance"]  # fmt: skip


def test_member_composition(label_world):
    content = evidence()
    # Members on 31 December 2025: A, B, H (SMEs), C (university), G (education); F left.
    assert figure(content, "members", "partners")["value"] == 5
    assert counts(content, "members", "by_kind") == {"SME": 3, "university": 1,
                                                     "education provider": 1}  # fmt: skip
    # A has 20 employees and H 30 (small), B 3 (micro); C and G are no enterprises.
    assert counts(content, "members", "by_size") == {
        "small enterprise": 2, "micro enterprise": 1,
        "not an enterprise (research, education, public and others)": 2,
    }  # fmt: skip
    assert counts(content, "members", "by_size", 2)["small enterprise"] == 2 / 5
    sme = figure(content, "members", "sme_share")
    assert (sme["numerator"], sme["denominator"], sme["value"]) == (3, 5, 0.6)
    assert figure(content, "members", "research_share")["value"] == 0.4
    by_country = counts(content, "members", "by_country")
    assert by_country == {"no country recorded": 3, "Deutschland": 1, "Niederlande": 1}
    assert figure(content, "members", "foreign_members")["value"] == 1


def test_services_and_formats(label_world):
    content = evidence()
    formats = {row[0]: row[2:] for row in rows(content, "services", "formats")}
    # event 1 (IT-Frühstück): A, B, C checked in; event 2 (Werkstatt): A, E, B, H, where E
    # has A's register id and counts as the same organisation.
    assert formats == {"IT-Frühstück": [1, 3, 3], "Werkstatt": [1, 4, 3]}
    assert figure(content, "services", "contacts")["value"] == 2  # D's consultation, B's mail
    assert figure(content, "services", "introductions")["value"] == 1


def test_events_and_participants(label_world):
    content = evidence()
    held = rows(content, "events", "events")
    assert [row[0] for row in held] == ["2025-03-10", "2025-09-15"]
    # Event 2: A and E (same register id) are one organisation; H is from abroad.
    assert [row[3:] for row in held] == [[3, 3, 3, 0], [4, 4, 3, 1]]
    frozen = next(t for t in section(content, "events")["tables"] if t["key"] == "events")
    assert frozen["total"][3] == 7 and frozen["total"][5:] == [4, 1]  # A/E, B, C, H once
    assert figure(content, "events", "events")["value"] == 2
    assert figure(content, "events", "participants")["value"] == 7
    assert figure(content, "events", "participant_organisations")["value"] == 4


def test_cooperation_outcomes(label_world):
    content = evidence()
    assert figure(content, "cooperation", "introductions_completed")["value"] == 1
    assert figure(content, "cooperation", "projects_initiated")["value"] == 2
    assert counts(content, "cooperation", "stages") == {"granted": 1, "idea": 1}
    projects = {row[0]: row[1:] for row in rows(content, "cooperation", "projects")}
    assert projects["P1"][2] == 2 and Decimal(projects["P1"][3]) == 250000
    assert projects["P2"][2:] == [2, None]
    assert Decimal(figure(content, "cooperation", "granted_volume")["value"]) == 250000


def test_international_activity(label_world):
    content = evidence()
    listed = rows(content, "international", "activities")
    assert [row[0] for row in listed] == ["2025-02-03", "2025-06-10", "2025-10-01", "2025-11-20"]
    assert [row[4] for row in listed] == [None, None, 12, 4]
    assert listed[1][3] == "Norwegen, Schweden"
    by_country = {row[0]: row[1:] for row in rows(content, "international", "countries")}
    assert by_country["Niederlande"] == [0, 1, 1, 1]
    assert by_country["Dänemark"] == [1, 0, 0, 0]
    assert by_country["Polen"] == [0, 1, 0, 0]
    assert figure(content, "international", "delegation_visitors")["value"] == 16


def test_governance_facts_and_targets(label_world):
    UserFactory(role="staff")
    UserFactory(role="staff", is_active=False)
    UserFactory(role="board")
    TargetFactory(indicator="partners", year=2025, value=4)
    TargetFactory(indicator="sme_share", year=2025, value=70)
    IssuedReportFactory(
        kind=ReportKind.FUNDER,
        status="done",
        issued_at=datetime.combine(date(2025, 3, 1), time(9), tzinfo=BERLIN),
    )
    IssuedReportFactory(
        kind=ReportKind.LABEL,
        status="done",
        issued_at=datetime.combine(date(2025, 4, 1), time(9), tzinfo=BERLIN),
    )
    content = evidence()
    facts = counts(content, "governance", "facts")
    assert facts["Networks"] == 2
    assert facts["Partner networks on this installation"] == 1
    assert facts["Staff of the office (active accounts)"] == 1
    assert facts["Board members (active accounts)"] == 1
    assert facts["Funder's reports issued in the period"] == 1
    targets = {row[0]: row[1:] for row in rows(content, "governance", "targets")}
    assert targets["Partners"][2] == "yes"  # 5 against 4
    assert targets["SME share"][2] == "no"  # 60 % against 70 %


def test_one_network(label_world):
    content = evidence(label_world["sector"])
    assert content["scope"] == "Agrotech"
    assert figure(content, "members", "partners")["value"] == 1  # A, since March
    assert counts(content, "members", "by_kind") == {"SME": 1}
    assert figure(content, "events", "events")["value"] == 1  # event 2, co-organised
    assert figure(content, "international", "delegation_visits")["value"] == 1  # to Poland
    assert counts(content, "governance", "facts")["Network"] == "Agrotech"


@pytest.mark.parametrize(
    ("start", "end", "events", "visits"),
    [
        (date(2025, 9, 15), date(2025, 10, 1), 1, 1),  # both ends are included
        (date(2025, 9, 16), date(2025, 9, 30), 0, 0),
        (date(2025, 10, 1), date(2025, 10, 1), 0, 1),
        (date(2025, 3, 10), date(2025, 3, 10), 1, 0),
    ],
)
def test_period_bounds(label_world, start, end, events, visits):
    content = evidence(period=Period(start, end))
    assert len(rows(content, "events", "events")) == events
    assert figure(content, "international", "delegation_visits")["value"] == visits
    assert len(rows(content, "international", "activities")) == visits


def test_an_empty_period_still_makes_readable_files(label_world):
    report = IssuedReportFactory(kind=ReportKind.LABEL, period_start=date(2019, 1, 1),
                                 period_end=date(2019, 12, 31))  # fmt: skip
    report.content = evidence(period=Period.year(2019))
    document = label_document(report)
    assert figure(report.content, "members", "partners")["value"] == 0
    offered = rows(report.content, "services", "formats")
    assert [row[2:] for row in offered] == [[0, 0, 0], [0, 0, 0]]  # offered, none held
    tables = [t for s in document.sections[:5] for t in s["tables"] if t["key"] != "formats"]
    assert tables and all(not t["rows"] for t in tables)
    assert label_charts(document) == {}
    html = render_html(document, {}, template="reporting/reports/label_pdf.html")
    assert html.count("Nothing in this period.") >= 6
    workbook = load_workbook(io.BytesIO(render_label_xlsx(document)))
    assert len(workbook.sheetnames) == 7


def test_workbook_has_a_sheet_per_section_with_typed_cells(label_world):
    report = IssuedReportFactory(kind=ReportKind.LABEL)
    report.period_start, report.period_end = YEAR.start, YEAR.end
    report.content = evidence()
    document = label_document(report)
    workbook = load_workbook(io.BytesIO(render_label_xlsx(document)))
    titles = [s["title"] for s in report.content["sections"]]
    assert workbook.sheetnames == ["Evidence", *titles]
    events = workbook["Events and participants"]
    values = [[cell.value for cell in row] for row in events.iter_rows()]
    assert values[1][:2] == ["Events", 2]
    dated = [row for row in values if isinstance(row[0], datetime)]
    assert [row[0].date() for row in dated] == [date(2025, 3, 10), date(2025, 9, 15)]
    assert set(label_charts(document)) == {
        "members_by_kind", "members_by_size", "events_by_format", "projects_by_stage",
    }  # fmt: skip
