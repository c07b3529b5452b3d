"""API list pages: following `next` (keyset cursors) and `previous` shows every row once, in the
list's order, whatever the order (German names, ties, empty values, times, related fields) and
whatever changes between two pages; bad cursors and page sizes answer 400; page numbers still
work; the count stops at a cap, on the API and on the staff pages."""

import base64
import html
import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from innonet.core.collation import german_key
from innonet.core.pagination import CappedPaginator
from innonet.core.rest import pagination as api_pagination
from innonet.partners.models import Organisation
from innonet.partners.views.organisations import OrganisationListView
from tests.factories import (
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

# Tied, German and case-different names, with employee numbers that tie and are empty.
REGISTRY = [
    ("Äpfel", 5), ("Apfel", None), ("apfel", 5), ("Apfel", 12), ("Zebra", None),
    ("Ödland", 250), ("Odland", 5), ("Oedland", None), ("Zebra", 5), ("Zebra", 12),
    ("Müller", None), ("Mueller", 40), ("Muller", 5), ("Straße", None), ("Strasse", 12),
    ("STRASSE", 40), ("Bäckerei", 5), ("Bäckerei", None), ("Bildung", 250), ("Café", 12),
    ("Cafe", None), ("Ärztehaus", 5),
]  # fmt: skip
PAGE = 3


def get(api, url: str, params: dict | None = None) -> dict:
    """The body of a successful answer."""
    response = api.get(url, params or {})
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict) -> list[int]:
    return [row["id"] for row in body["results"]]


def walk(api, body: dict, link: str) -> list[list[int]]:
    """The pages from `body` on, following its `link` ("next" or "previous")."""
    return [ids(page) for page in bodies(api, body, link)]


def bodies(api, body: dict, link: str) -> list[dict]:
    answers = [body]
    while answers[-1][link]:
        answers.append(get(api, answers[-1][link]))
    return answers


def walk_both_ways(api, url: str, params: dict) -> None:
    """Forward by `next` gives the rows of one big page in order, each once; back by
    `previous` from the last page gives the same pages in reverse."""
    everything = ids(get(api, url, {**params, "page_size": 200}))
    first = get(api, url, {**params, "page_size": PAGE})
    assert first["previous"] is None

    answers = bodies(api, first, "next")
    forward = [ids(answer) for answer in answers]

    assert [row for page in forward for row in page] == everything
    assert all(len(page) == PAGE for page in forward[:-1])
    assert 0 < len(forward[-1]) <= PAGE
    assert walk(api, answers[-1], "previous") == forward[::-1]


def cursor_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


def in_language(response, text: str) -> str:
    """`text` as the answer's language says it."""
    with translation.override(response.headers["Content-Language"]):
        return gettext(text)


@pytest.fixture
def registry():
    organisations = [OrganisationFactory(name=name, employees=n) for name, n in REGISTRY]
    # Some creation times tie to the microsecond, some differ by one microsecond only.
    start = timezone.now().replace(microsecond=500_000)
    for index, organisation in enumerate(organisations):
        created = start + timedelta(microseconds=index // 3)
        Organisation.objects.filter(pk=organisation.pk).update(created_at=created)
    return organisations


@pytest.fixture
def distinct():
    """Eight organisations whose names all differ, so that any order of them is total."""
    names = ["Äpfel", "Apfelbaum", "Bäckerei", "Bildung", "Ödland", "Ofenbau", "Straße", "Zebra"]
    return [OrganisationFactory(name=name) for name in names]


@pytest.fixture
def units():
    """Units ordered by their organisation's name and their own: tied names on both levels."""
    for name in ("Zebra", "Äpfel", "Zebra", "Apfel", "Ödland"):
        organisation = OrganisationFactory(name=name)
        for unit in ("Labor", "Ärzte", "labor", "Zentrum"):
            UnitFactory(organisation=organisation, name=unit)


@pytest.fixture
def memberships():
    """Memberships ordered by network name (unique, but German), then organisation name (tied)."""
    networks = [NetworkFactory(name=name) for name in ("Ökonetz", "Oekonetz", "Okonetz")]
    for name in ("Zebra", "Äpfel", "Zebra", "Apfel", "Ödland", "Mueller", "Müller"):
        organisation = OrganisationFactory(name=name)
        for network in networks:
            MembershipFactory(organisation=organisation, network=network)


@pytest.fixture
def people():
    names = [("Weiß", "Jürgen"), ("Weiss", "Jürgen"), ("weiss", "Anna"), ("Weiß", "Jürgen"),
             ("Öz", "Ali"), ("Oz", "Ali"), ("Ahrens", "Björn"), ("Ahrens", "Bjorn"),
             ("Ahrens", ""), ("Müller", "Eva"), ("Muller", "Eva")]  # fmt: skip
    for last, first in names:
        PersonFactory(last_name=last, first_name=first)


@pytest.fixture
def registrations():
    events = [EventFactory(), EventFactory()]
    for index, (last, first) in enumerate(
        [("Weiß", "Jürgen"), ("Weiss", "Jürgen"), ("Öz", "Ali"), ("Oz", "Ali"), ("Ahrens", "B"),
         ("Ahrens", "B"), ("Müller", "Eva"), ("Muller", "Eva"), ("Zander", "Ute")]
    ):  # fmt: skip
        RegistrationFactory(event=events[index % 2], last_name=last, first_name=first)


# Walking every page


@pytest.mark.parametrize(
    "ordering",
    [None, "name", "-name", "employees", "-employees", "created_at", "-created_at",
     "employees,-name", "-employees,created_at"],
)  # fmt: skip
def test_organisation_pages_walk_forward_and_back(api, registry, ordering):
    walk_both_ways(api, "/api/organisations/", {"ordering": ordering} if ordering else {})


@pytest.mark.parametrize(
    ("url", "fixture", "ordering"),
    [
        ("/api/units/", "units", None),
        ("/api/units/", "units", "-name"),
        ("/api/memberships/", "memberships", None),
        ("/api/memberships/", "memberships", "-created_at"),
        ("/api/people/", "people", None),
        ("/api/people/", "people", "-first_name"),
        ("/api/registrations/", "registrations", None),
        ("/api/registrations/", "registrations", "-last_name"),
    ],
)
def test_other_lists_walk_forward_and_back(api, request, url, fixture, ordering):
    request.getfixturevalue(fixture)
    walk_both_ways(api, url, {"ordering": ordering} if ordering else {})


def test_one_big_page_is_in_german_order(api, registry):
    """The big page the walks compare with is itself right: German order ("Ä" as "A", "ß" as
    "ss", case aside), and the same name in the order the rows were created."""
    rows = get(api, "/api/organisations/", {"page_size": 200})["results"]

    letters = [german_key(row["name"])[0] for row in rows]
    assert letters == sorted(letters)
    for name in ("Zebra", "Apfel", "Bäckerei"):
        same = [row["id"] for row in rows if row["name"] == name]
        assert len(same) > 1
        assert same == sorted(same)


def test_empty_employee_numbers_keep_their_place_on_every_page(api, registry):
    everything = get(api, "/api/organisations/", {"ordering": "employees", "page_size": 200})
    empty = [row["id"] for row in everything["results"] if row["employees"] is None]
    walked = walk(
        api, get(api, "/api/organisations/", {"ordering": "employees", "page_size": 2}), "next"
    )

    seen = [row for page in walked for row in page]
    assert sorted(seen) == sorted(ids(everything))
    assert [row for row in seen if row in empty] == empty  # together, in id order


# Changes between two pages


def test_rows_changed_between_pages_are_neither_repeated_nor_skipped(api, registry):
    url = "/api/organisations/"
    first = get(api, url, {"page_size": PAGE})
    second = get(api, first["next"])
    seen = ids(first) + ids(second)
    cursor_row = Organisation.objects.get(pk=seen[-1])
    everything = ids(get(api, url, {"page_size": 200}))
    future = everything[len(seen) :]
    # The row the cursor names, a row already shown and a row not yet shown go away;
    Organisation.objects.filter(pk__in=[cursor_row.pk, seen[0], future[2]]).delete()
    # rows before the cursor, beside it (the same name) and after it come.
    before = OrganisationFactory(name="Aaaa Erste")
    tie = OrganisationFactory(name=cursor_row.name)
    after = OrganisationFactory(name="Zzzz Letzte")

    rest = walk(api, get(api, second["next"]), "next")

    shown = seen + [row for page in rest for row in page]
    assert len(shown) == len(set(shown))
    throughout = set(everything) - {cursor_row.pk, seen[0], future[2]}
    assert throughout <= set(shown)
    assert future[2] not in shown
    assert before.pk not in shown  # it sorts before the pages already read
    assert {tie.pk, after.pk} <= set(shown)


def test_cursor_of_a_deleted_row_still_continues_after_it(api, registry):
    first = get(api, "/api/organisations/", {"ordering": "employees", "page_size": PAGE})
    everything = ids(get(api, "/api/organisations/", {"ordering": "employees", "page_size": 200}))
    Organisation.objects.filter(pk=ids(first)[-1]).delete()

    second = get(api, first["next"])

    assert ids(second) == everything[PAGE : 2 * PAGE]


def test_page_emptied_before_going_back_still_leads_on(api, registry):
    first = get(api, "/api/organisations/", {"page_size": PAGE})
    second = get(api, first["next"])
    Organisation.objects.filter(pk__in=ids(first)).delete()
    remaining = ids(get(api, "/api/organisations/", {"page_size": 200}))

    back = get(api, second["previous"])

    assert [row for page in walk(api, back, "next") for row in page] == remaining


# Bad cursors


def _invalid_cursor(api, url: str, params: dict) -> None:
    response = api.get(url, params)
    assert response.status_code == 400, response.content
    assert response.json()["cursor"] == [
        in_language(response, "This cursor is not valid for this list.")
    ]


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "", "x" * 10_000, "eyJvcmRlciI6W119:1abc:def", "\x00", "%00", "\u00fc\u00f6\u00e4"],
)
def test_garbage_cursor_is_refused(api, registry, cursor):
    _invalid_cursor(api, "/api/organisations/", {"cursor": cursor})


def test_cursor_with_a_changed_signature_is_refused(api, registry):
    cursor = cursor_of(get(api, "/api/organisations/", {"page_size": PAGE})["next"])
    value, signature = cursor.rsplit(":", 1)
    forged = signature[:-1] + ("A" if signature[-1] != "A" else "B")

    _invalid_cursor(api, "/api/organisations/", {"cursor": f"{value}:{forged}"})


def test_cursor_with_changed_values_is_refused(api, registry):
    """Editing the values inside the cursor breaks its signature."""
    cursor = cursor_of(get(api, "/api/organisations/", {"page_size": PAGE})["next"])
    payload, timestamp, signature = cursor.split(":")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["values"][-1] = 1
    changed = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    _invalid_cursor(api, "/api/organisations/", {"cursor": f"{changed}:{timestamp}:{signature}"})


def test_cursor_of_another_order_is_refused(api, registry):
    link = get(api, "/api/organisations/", {"ordering": "name", "page_size": PAGE})["next"]

    _invalid_cursor(
        api, "/api/organisations/", {"ordering": "-created_at", "cursor": cursor_of(link)}
    )
    _invalid_cursor(api, "/api/organisations/", {"ordering": "-name", "cursor": cursor_of(link)})


def test_cursor_of_the_same_order_works_without_naming_it(api, registry):
    """`?ordering=name` is the list's default order: its cursor fits the default list."""
    first = get(api, "/api/organisations/", {"ordering": "name", "page_size": PAGE})
    plain = get(api, "/api/organisations/", {"cursor": cursor_of(first["next"]), "page_size": PAGE})
    assert ids(plain) == ids(get(api, first["next"]))


def test_cursor_of_another_list_is_refused(api, registry, people):
    link = get(api, "/api/organisations/", {"page_size": PAGE})["next"]

    _invalid_cursor(api, "/api/people/", {"cursor": cursor_of(link)})
    _invalid_cursor(api, "/api/units/", {"cursor": cursor_of(link)})


def test_cursor_of_another_list_with_the_same_order_is_refused(api, registry):
    link = get(api, "/api/organisations/", {"page_size": PAGE})["next"]

    _invalid_cursor(api, "/api/ris3-fields/", {"cursor": cursor_of(link)})


def test_two_cursors_are_refused(api, registry):
    first = get(api, "/api/organisations/", {"page_size": PAGE})
    second = get(api, first["next"])
    query = urlencode([("cursor", cursor_of(first["next"])), ("cursor", cursor_of(second["next"]))])

    response = api.get(f"/api/organisations/?{query}")

    assert response.status_code == 400
    assert "cursor" in response.json()


def test_cursor_and_page_number_together_are_refused(api, registry):
    link = get(api, "/api/organisations/", {"page_size": PAGE})["next"]

    response = api.get("/api/organisations/", {"cursor": cursor_of(link), "page": 2})

    assert response.status_code == 400
    assert response.json()["cursor"] == [
        in_language(response, "Give either a cursor or a page number, not both.")
    ]


# Numbered pages and page sizes


def test_page_number_still_pages_by_offset(api, distinct):
    everything = ids(get(api, "/api/organisations/", {"page_size": 200}))

    body = get(api, "/api/organisations/", {"page": 2, "page_size": PAGE})

    assert ids(body) == everything[PAGE : 2 * PAGE]
    assert parse_qs(urlsplit(body["next"]).query)["page"] == ["3"]
    assert "cursor" not in body["next"]
    assert "page" not in parse_qs(urlsplit(body["previous"]).query)  # page 1: the plain list
    assert ids(get(api, body["next"])) == everything[2 * PAGE : 3 * PAGE]


def test_page_numbers_walk_to_the_end(api, distinct):
    everything = ids(get(api, "/api/organisations/", {"ordering": "-name", "page_size": 200}))

    first = get(api, "/api/organisations/", {"ordering": "-name", "page": 1, "page_size": PAGE})

    assert [row for page in walk(api, first, "next") for row in page] == everything


def test_numbered_pages_of_a_tied_order_show_every_row_once(api, registry):
    everything = ids(get(api, "/api/organisations/", {"ordering": "employees", "page_size": 200}))

    first = get(api, "/api/organisations/", {"ordering": "employees", "page": 1, "page_size": 3})

    assert [row for page in walk(api, first, "next") for row in page] == everything


@pytest.mark.parametrize("size", ["0", "-1", "abc", "201", "1.5", "", " 3", "٣"])
@pytest.mark.parametrize("page", [None, "1"])
def test_bad_page_size_is_refused(api, registry, size, page):
    params = {"page_size": size, **({"page": page} if page else {})}

    response = api.get("/api/organisations/", params)

    assert response.status_code == 400, response.content
    assert "page_size" in response.json()


@pytest.mark.parametrize("page", [None, "1"])
def test_largest_page_size_is_allowed(api, registry, page):
    params = {"page_size": 200, **({"page": page} if page else {})}

    body = get(api, "/api/organisations/", params)

    assert len(body["results"]) == len(REGISTRY)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2.0"])
def test_bad_page_number_is_refused(api, registry, page):
    response = api.get("/api/organisations/", {"page": page})

    assert response.status_code == 400
    assert "page" in response.json()


# Counts


def test_count_is_exact_for_a_short_list(api, registry):
    for params in ({}, {"page": 2, "page_size": PAGE}, {"ordering": "employees"}):
        body = get(api, "/api/organisations/", params)
        assert body["count"] == len(REGISTRY)
        assert body["count_is_exact"] is True


def test_count_counts_the_filtered_list(api, registry):
    body = get(api, "/api/organisations/", {"q": "zebra", "page_size": 2})

    assert body["count"] == 3
    assert body["count_is_exact"] is True
    assert len([row for page in walk(api, body, "next") for row in page]) == 3


@pytest.fixture
def cap_of_five(monkeypatch):
    """A count cap of five: the API reads its module's cap on every request; the paginator
    behind numbered pages and the staff pages keeps its own."""
    monkeypatch.setattr(api_pagination, "COUNT_CAP", 5)
    monkeypatch.setattr(CappedPaginator, "cap", 5)


def test_count_above_the_cap_says_so_and_pages_still_reach_the_end(api, distinct, cap_of_five):
    everything = ids(get(api, "/api/organisations/", {"page_size": 200}))

    first = get(api, "/api/organisations/", {"page_size": PAGE})
    pages = walk(api, first, "next")

    assert first["count"] == 5
    assert first["count_is_exact"] is False
    assert [row for page in pages for row in page] == everything


def test_numbered_pages_above_the_cap_reach_the_end(api, distinct, cap_of_five):
    everything = ids(get(api, "/api/organisations/", {"page_size": 200}))

    first = get(api, "/api/organisations/", {"page": 1, "page_size": PAGE})
    pages = walk(api, first, "next")

    assert (first["count"], first["count_is_exact"]) == (5, False)
    assert [row for page in pages for row in page] == everything
    assert parse_qs(urlsplit(first["next"]).query)["page"] == ["2"]


def test_count_at_the_cap_is_exact(api, cap_of_five):
    for name in ("Äpfel", "Apfel", "Zebra", "Ödland", "Bäckerei"):
        OrganisationFactory(name=name)

    body = get(api, "/api/organisations/", {"page_size": 2})

    assert (body["count"], body["count_is_exact"]) == (5, True)


# The staff page's capped count


def _next_page_link(page: str, number: int) -> bool:
    return re.search(rf'href="\?(?:[^"]*&amp;)?page={number}"', page) is not None


@pytest.fixture
def short_staff_pages(monkeypatch, cap_of_five):
    """Two organisations a page and a cap of five: seven organisations are "more than five"."""
    monkeypatch.setattr(OrganisationListView, "paginate_by", 2)
    for name in ("Äpfel", "Apfel", "apfel", "Zebra", "Ödland", "Bäckerei", "Bildung"):
        OrganisationFactory(name=name)


def test_staff_list_says_more_than_the_cap(staff_client, short_staff_pages):
    response = staff_client.get(reverse("partners:organisation_list"))

    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    more = in_language(
        response, "More than %(counter)s organisations; a search or filter narrows the list."
    )
    assert more % {"counter": 5} in text
    assert in_language(response, "Page %(number)s") % {"number": 1} in text
    assert (
        in_language(response, "Page %(number)s of %(total)s") % {"number": 1, "total": 3}
        not in text
    )
    assert _next_page_link(response.content.decode(), 2)


def test_staff_list_links_to_pages_beyond_the_cap(staff_client, short_staff_pages):
    url = reverse("partners:organisation_list")
    shown = []
    for number in (1, 2, 3, 4):
        response = staff_client.get(url, {"page": number})
        assert response.status_code == 200
        page = response.content.decode()
        shown += [o.pk for o in response.context["object_list"]]
        assert _next_page_link(page, number + 1) is (number < 4), number

    assert sorted(shown) == sorted(Organisation.objects.values_list("pk", flat=True))
    assert staff_client.get(url, {"page": 5}).status_code == 404


def test_staff_list_below_the_cap_counts_exactly(staff_client, monkeypatch):
    monkeypatch.setattr(OrganisationListView, "paginate_by", 2)
    for name in ("Äpfel", "Zebra", "Ödland"):
        OrganisationFactory(name=name)

    response = staff_client.get(reverse("partners:organisation_list"), {"page": 2})

    text = html.unescape(response.content.decode())
    with translation.override(response.headers["Content-Language"]):
        assert gettext("Page %(number)s of %(total)s") % {"number": 2, "total": 2} in text
    assert not _next_page_link(response.content.decode(), 3)


@pytest.mark.parametrize("params", [{}, {"page": "2", "page_size": "3"}])
def test_a_page_counts_its_list_once(api, registry, params):

    with CaptureQueriesContext(connection) as queries:
        get(api, "/api/organisations/", params)
    counts = [
        q["sql"] for q in queries if "COUNT(" in q["sql"] and "partners_organisation" in q["sql"]
    ]
    assert len(counts) == 1
