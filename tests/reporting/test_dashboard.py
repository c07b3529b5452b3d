"""The figures pages as staff and board use them: the dashboard with its charts, the records
behind a figure, the yearly targets, and the same figures through the REST API."""

import csv
import io
from decimal import Decimal
from xml.etree import ElementTree

import openpyxl
import pytest
from django.urls import reverse

from innonet.core.models import AuditEntry
from innonet.reporting.models import IndicatorTarget
from tests.factories import EventFactory, OrganisationFactory
from tests.reporting.world import attend, noon

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("reporting:dashboard")


def detail(code: str) -> str:
    return reverse("reporting:indicator_detail", args=[code])


def test_dashboard_shows_the_year_against_the_year_before(world, staff_client):
    page = staff_client.get(DASHBOARD, {"year": "2025"}).content.decode()
    assert "2025, verglichen mit 2024" in page
    assert f'href="{detail("RCO01")}?start=2025-01-01&amp;end=2025-12-31"' in page
    assert "CO26 Unternehmen, die mit Forschungseinrichtungen zusammenarbeiten" in page


def test_every_chart_is_an_accessible_svg_with_its_numbers_beside_it(world, staff_client):
    page = staff_client.get(DASHBOARD, {"year": "2025"}).content.decode()
    figures = page.count('<figure class="chart"')
    assert figures == 5
    assert page.count('role="img"') >= figures
    assert page.count('<table class="table table-sm caption-top">') == figures
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    ElementTree.fromstring(svg)  # noqa: S314 - our own page; well-formed


def test_a_network_filter_counts_only_that_network(world, staff_client):
    sector = world["sector"]
    response = staff_client.get(DASHBOARD, {"year": "2025", "network": sector.pk})
    assert response.context["network"] == sector
    rows = {row.code: row for s in response.context["sections"] for row in s.rows}
    assert rows["events"].value == "1"
    assert rows["partners"].value == "1"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-05-01", "end": "2025-01-01"}, "endet vor seinem Beginn"),
        ({"start": "2001-01-01", "end": "2025-01-01"}, "höchstens zwölf Jahre"),
        ({"year": "20x5"}, "ganze Zahl"),
        ({"start": "gestern"}, "gültiges Datum"),
        ({"network": "999999"}, "gültige Auswahl"),
    ],
)
def test_bad_filters_are_explained_and_this_year_is_shown(world, staff_client, query, message):
    response = staff_client.get(DASHBOARD, query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["period"].start.month == 1


def test_the_records_behind_a_figure_with_their_evidence(world, staff_client):
    response = staff_client.get(detail("RCO01"), {"year": "2025"})
    page = response.content.decode()
    assert "3 gezählte Datensätze" in page
    assert [row.label for row in response.context["rows"]] == ["A", "B", "D"]
    assert "Größe unbekannt" in page  # the split
    org_a = world["org"]["A"]
    assert f'href="{reverse("partners:organisation_detail", args=[org_a.pk])}"' in page
    assert f'href="{reverse("events:event_detail", args=[world["ev1"].pk])}"' in page


def test_participants_list_an_erased_person_without_a_name(world, staff_client):
    page = staff_client.get(detail("participants"), {"year": "2025"}).content.decode()
    assert "(gelöschte Person)" in page
    assert "Erika" not in page and "Geheim" not in page


def test_an_unknown_indicator_is_not_found(staff_client):
    assert staff_client.get(detail("CO99")).status_code == 404


def test_records_export_as_typed_xlsx_and_csv_and_are_audited(world, staff_client):
    response = staff_client.get(detail("CO01"), {"year": "2025", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Art", "Name", "Datum", "Gezählt wegen")
    assert [row[1] for row in rows[1:]] == ["A", "B", "D"]
    assert rows[1][2].year == 2025  # a real date
    response = staff_client.get(detail("CO01"), {"year": "2025", "format": "csv"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == 4
    assert AuditEntry.objects.filter(action="reporting.indicator.exported").count() == 2


def test_dashboard_queries_do_not_grow_with_the_data(world, staff_client,
                                                     django_assert_max_num_queries):  # fmt: skip
    with django_assert_max_num_queries(60) as counted:
        staff_client.get(DASHBOARD, {"year": "2025"})
    event = EventFactory(starts_at=noon(world["ev1"].starts_at.date()), status="finished")
    for _ in range(5):
        attend(event, OrganisationFactory())
    with django_assert_max_num_queries(len(counted.captured_queries)):
        staff_client.get(DASHBOARD, {"year": "2025"})


def test_staff_set_targets_and_the_dashboard_shows_the_distance(world, staff_client):
    url = reverse("reporting:targets") + "?year=2025"
    response = staff_client.post(url, {"target-partners": "6", "target-sme_share": "40"})
    assert response.status_code == 302
    assert IndicatorTarget.objects.get(indicator="partners", year=2025).value == Decimal(6)
    page = staff_client.get(DASHBOARD, {"year": "2025"}).content.decode()
    assert "Ziel 2025" in page
    assert "noch 2" in page  # 4 partners of 6
    assert "erreicht" in page  # an SME share of 50 % against 40 %
    assert AuditEntry.objects.filter(action="reporting.targets.saved").count() == 1
    # an emptied field removes the target
    staff_client.post(url, {"target-partners": "", "target-sme_share": "40"})
    assert list(IndicatorTarget.objects.values_list("indicator", flat=True)) == ["sme_share"]


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("target-partners", "viele", "Bitte geben Sie eine Zahl ein."),
        ("target-partners", "-3", "nicht negativ"),
        ("target-sme_share", "120", "bis 100"),
        ("target-partners", "1e400", "bis 999999999999"),
        ("target-partners", "NaN", "Bitte geben Sie eine Zahl ein."),
        ("target-partners", "Infinity", "Bitte geben Sie eine Zahl ein."),
    ],
)
def test_bad_targets_are_explained_and_nothing_is_saved(staff_client, field, text, message):
    url = reverse("reporting:targets") + "?year=2025"
    response = staff_client.post(url, {"target-events": "12", field: text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not IndicatorTarget.objects.exists()


def test_targets_entered_in_german_notation(staff_client):
    url = reverse("reporting:targets") + "?year=2026"
    staff_client.post(url, {"target-granted_volume": "1.250.000,50"})
    assert IndicatorTarget.objects.get().value == Decimal("1250000.50")
    page = staff_client.get(url).content.decode()
    assert 'value="1250000,5"' in page


def test_the_api_gives_the_same_figures(world, staff_client):
    data = staff_client.get(reverse("indicator-list"), {"year": "2025"}).json()
    assert data["period"] == {"start": "2025-01-01", "end": "2025-12-31", "label": "2025"}
    figures = {row["code"]: row for row in data["indicators"]}
    assert figures["RCO01"]["value"] == 3
    assert figures["sme_share"]["value"] == 0.5
    assert figures["sme_share"]["numerator"] == 2
    assert {p["key"]: p["value"] for p in figures["RCO01"]["parts"]}["micro"] == 1
    detail_data = staff_client.get(
        reverse("indicator-detail", args=["CO26"]), {"year": "2025"}
    ).json()
    assert [row["label"] for row in detail_data["records"]] == ["A", "B"]
    assert detail_data["records"][1]["evidence"][0]["kind"] == "introduction"


@pytest.mark.parametrize(
    "query",
    [{"year": "1800"}, {"start": "2025-02-30"}, {"network": "x"}, {"network": "99999"},
     {"colour": "red"}, {"page": "0"}],
)  # fmt: skip
def test_the_api_rejects_bad_parameters(staff_client, query):
    path = reverse("indicator-detail", args=["CO01"])
    response = staff_client.get(path, query)
    assert response.status_code == 400, response.content


def test_after_a_change_the_kept_figures_show_until_they_are_computed_again(world, staff_client):
    """The dashboard keeps its figures (reporting.caching): after a change it shows them with
    their time and a note while the background recomputes; "compute again now" is immediate."""
    first = staff_client.get(DASHBOARD, {"year": "2025"})
    assert "wird im Hintergrund aktualisiert" not in first.content.decode()
    late = EventFactory(starts_at=noon(world["ev1"].starts_at.date()), status="finished")
    attend(late, OrganisationFactory())
    stale = staff_client.get(DASHBOARD, {"year": "2025"})
    assert "wird im Hintergrund aktualisiert" in stale.content.decode()
    rows = {row.code: row.value for s in stale.context["sections"] for row in s.rows}
    assert rows["events"] == "2"
    fresh = staff_client.get(DASHBOARD, {"year": "2025", "refresh": "1"})
    rows = {row.code: row.value for s in fresh.context["sections"] for row in s.rows}
    assert rows["events"] == "3"
    assert "wird im Hintergrund aktualisiert" not in fresh.content.decode()


def test_the_background_refresh_brings_the_figures_up_to_date(
    world, staff_client, django_capture_on_commit_callbacks
):
    staff_client.get(DASHBOARD, {"year": "2025"})
    late = EventFactory(starts_at=noon(world["ev1"].starts_at.date()), status="finished")
    attend(late, OrganisationFactory())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        staff_client.get(DASHBOARD, {"year": "2025"})
    assert len(callbacks) == 1  # the refresh task, run at once by the tests' task backend
    current = staff_client.get(DASHBOARD, {"year": "2025"})
    rows = {row.code: row.value for s in current.context["sections"] for row in s.rows}
    assert rows["events"] == "3"
    assert "wird im Hintergrund aktualisiert" not in current.content.decode()
