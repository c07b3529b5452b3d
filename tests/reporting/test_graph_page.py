"""The network graph page and its exports, as staff and the board see them: a server-drawn
picture with its tables, the period and network filters, GraphML and CSV that other programs
read, no person data, and a query count that does not grow with the network."""

import csv
import io
import itertools
import re
from datetime import timedelta
from urllib.parse import urlencode

import networkx as nx
import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from tests.clock import counting_queries
from tests.factories import EventFactory, OrganisationFactory, RegistrationFactory
from tests.matching.factories import IntroductionFactory
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers

from .graph_world import PERSON_FIRST, PERSON_LAST, build_world

pytestmark = pytest.mark.django_db
URL = reverse("reporting:network_graph")
GRAPHML = reverse("reporting:network_graph_graphml")
CSV_URL = reverse("reporting:network_graph_csv")


@pytest.fixture
def world():
    return build_world()


def de(msgid: str) -> str:
    with translation.override("de"):
        return translation.gettext(msgid)


def table(page: str, caption: str) -> str:
    """The HTML of the table with this caption (an English msgid, shown in German)."""
    found = re.search(
        rf"<table[^>]*>\s*<caption>{re.escape(de(caption))}</caption>.*?</table>", page, re.S
    )
    assert found, caption
    return found.group(0)


def row_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*>(?:<a [^>]*>)?([^<]+)', html)


def test_the_page_draws_the_network_and_lists_central_partners_bridges_and_white_spots(
    world, staff_client
):
    response = staff_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    # The picture is in the page itself: no script draws it.
    svg = re.search(r"<svg xmlns=[^>]*class=\"network-graph\".*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg and '<title id="graph-title">' in svg and "<desc" in svg
    assert svg.count("<circle") >= 4 and "<path" in svg
    central = table(page, "Central partners, strongest first")
    assert row_names(central) == [
        "Softwarehaus Test GmbH",
        "Hochschule Test",
        "Agrarhof Test GmbH",
        "Energiewerk Test GmbH",
    ]
    assert "11,0" in central and "10,0" in central
    assert (
        row_names(table(page, "Bridges between sectors, strongest first"))[0] == "Hochschule Test"
    )
    spots = table(page, "RIS3 fields, white spots first")
    assert row_names(spots).index("Testfeld Maritim") < row_names(spots).index("Testfeld Digital")
    white = re.search(r'<tr class="table-warning">\s*<th scope="row"[^>]*>Testfeld Agrar', spots)
    assert white is not None
    assert '<th scope="col"' in central and "<caption>" in central
    assert '<div class="figure">79 %</div>' in page  # of the ties' weight crosses sectors


def test_the_board_sees_the_page_and_finds_it_in_its_reports_menu(world, client_for, role_users):
    client = client_for(role_users["board"])
    page = client.get(URL).content.decode()
    assert "Hochschule Test" in page
    home = client.get(reverse("reporting:home")).content.decode()
    assert f'href="{URL}"' in home


def test_the_office_finds_the_page_in_its_menu(staff_client):
    assert f'href="{URL}"' in staff_client.get(reverse("reporting:home")).content.decode()


def test_the_period_filter_shows_older_ties(world, staff_client):
    assert "Altbetrieb Test GmbH" not in staff_client.get(URL).content.decode()
    today = timezone.localdate()
    start, end = today - timedelta(days=800), today - timedelta(days=300)
    page = staff_client.get(URL, {"start": start.isoformat(), "end": end.isoformat()})
    content = page.content.decode()
    assert "Altbetrieb Test GmbH" in content and "Softwarehaus Test GmbH" not in content
    assert f'value="{start.isoformat()}"' in content


def test_the_network_filter_keeps_its_members(world, staff_client):
    page = staff_client.get(URL, {"network": world.network.pk}).content.decode()
    assert "Hochschule Test" in page and "Energiewerk Test GmbH" not in page
    assert f'href="{GRAPHML}?start=' in page and f"network={world.network.pk}" in page


@pytest.mark.parametrize(
    "query",
    [
        {"start": "gestern", "end": "2020-13-45"},
        {"start": "2026-05-01", "end": "2025-05-01"},
        {"network": "99999999999999999999999999"},
        {"network": "x", "colour": "lila"},
        {"start": "1900-01-01", "end": "2100-01-01"},
    ],
)
def test_bad_filters_show_the_default_and_say_why(world, staff_client, query):
    response = staff_client.get(URL, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "invalid-feedback" in page
    assert "Softwarehaus Test GmbH" in page  # the last twelve months of all organisations


@pytest.mark.parametrize("url", [URL, GRAPHML, CSV_URL])
def test_the_nasty_string_corpus_in_every_filter_field(staff_client, url):
    for value in NASTY_STRINGS:
        query = dict.fromkeys(("start", "end", "network", "colour"), value)
        # As a browser would send it, lone surrogates included.
        response = staff_client.get(f"{url}?{urlencode(query, errors='surrogatepass')}")
        assert response.status_code == 200, value[:40]
        assert_no_raw_markers(response.content.decode(errors="replace"))


def test_the_colours_follow_the_ris3_fields_on_request(world, staff_client):
    page = staff_client.get(URL, {"colour": "ris3"}).content.decode()
    legend = re.search(r'<ul class="list-unstyled graph-legend">.*?</ul>', page, re.S).group(0)
    assert "Testfeld Agrar" in legend and "KMU" not in legend
    legend = re.search(
        r'<ul class="list-unstyled graph-legend">.*?</ul>',
        staff_client.get(URL).content.decode(),
        re.S,
    ).group(0)
    assert "KMU" in legend and "Hochschule" in legend


def test_graphml_export_opens_in_networkx(world, staff_client):
    response = staff_client.get(GRAPHML)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="netzwerkgraph-')
    graph = nx.read_graphml(io.BytesIO(response.content))
    orgs = world.orgs
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 6
    hs = graph.nodes[str(orgs["hs"].pk)]
    assert hs["name"] == "Hochschule Test" and hs["kind"] == "Hochschule"
    assert hs["ris3_fields"] == "Testfeld Agrar; Testfeld Energie"
    edge = graph.edges[str(orgs["hs"].pk), str(orgs["soft"].pk)]
    assert edge["weight"] == pytest.approx(16 / 3, abs=1e-4)
    assert (edge["events"], edge["introductions"], edge["projects"]) == (1, 1, 1)
    today = timezone.localdate()
    assert edge["first"] == (today - timedelta(days=100)).isoformat()
    assert edge["last"] == today.isoformat()
    assert PERSON_LAST.encode() not in response.content
    assert PERSON_FIRST.encode() not in response.content


def test_csv_export_lists_every_tie_strongest_first(world, staff_client):
    response = staff_client.get(CSV_URL)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 6
    assert rows[1][1] == "Hochschule Test" or rows[1][3] == "Hochschule Test"
    assert {rows[1][1], rows[1][3]} == {"Hochschule Test", "Softwarehaus Test GmbH"}
    assert rows[1][4:8] == ["5.3333", "1", "1", "1"]
    assert PERSON_LAST not in text and PERSON_FIRST not in text


def test_names_are_escaped_in_the_picture_and_formulas_in_the_csv(staff_client):
    evil = OrganisationFactory(name='=HYPERLINK("x")<script>alert(1)</script>')
    other = OrganisationFactory(name="Nachbar GmbH")
    IntroductionFactory(first_organisation=evil, second_organisation=other, status="met",
                        introduced_on=timezone.localdate())  # fmt: skip
    page = staff_client.get(URL).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    text = staff_client.get(CSV_URL).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_note_on_quiet_partners_links_to_their_list_when_it_exists(staff_client):
    page = staff_client.get(URL).content.decode()
    try:
        attention = reverse("reporting:attention")
    except NoReverseMatch:
        assert 'id="quiet-heading"' not in page
    else:
        assert f'href="{attention}"' in page


def test_an_empty_network_says_so(staff_client):
    page = staff_client.get(URL).content.decode()
    assert 'class="network-graph"' not in page and "<caption>" in page


def _grow(count: int) -> None:
    """`count` more organisations, all at one event, each introduced to the next."""
    event = EventFactory(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        status="finished",
    )
    organisations = [OrganisationFactory() for _ in range(count)]
    for organisation in organisations:
        RegistrationFactory(event=event, organisation=organisation, attended_at=event.starts_at)
    for first, second in itertools.pairwise(organisations):
        IntroductionFactory(first_organisation=first, second_organisation=second, status="met",
                            introduced_on=timezone.localdate())  # fmt: skip


def _queries(client, url: str) -> int:
    cache.clear()  # every request computes layout and betweenness afresh
    with counting_queries() as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [URL, GRAPHML, CSV_URL])
def test_queries_do_not_grow_with_the_network(
    world, staff_client, url, django_assert_max_num_queries
):
    _queries(staff_client, url)  # the session's first request
    small = _queries(staff_client, url)
    _grow(30)
    with django_assert_max_num_queries(20):
        assert staff_client.get(url).status_code == 200
    assert _queries(staff_client, url) == small
