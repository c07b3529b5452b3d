"""Search through a real index, with the same rows on SQLite (FTS5 trigram table kept current by
triggers) and PostgreSQL (pg_trgm GIN index): German spellings, fragments of words, short
words, hostile input, an index that follows every kind of write, and its repair and rebuild."""

import pytest
from django.db import connection

from innonet.core.search import search_terms, searchable
from innonet.core.search_index import (
    ensure_search_indexes,
    fts_table,
    pg_index,
    rebuild_search_indexes,
    search,
)
from innonet.partners.models import Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index")
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL index")


def found(query: str) -> set[str]:
    """The names of the organisations the search keeps."""
    return set(Organisation.objects.search(query).values_list("name", flat=True))


def contained(query: str) -> set[str]:
    """What the search promises, worked out in Python: every folded word occurs literally in
    the stored search text."""
    terms = search_terms(query)
    return {
        name
        for name, text in Organisation.objects.values_list("name", "search_text")
        if all(term in text for term in terms)
    }


# German spellings


@pytest.fixture
def muellers():
    for name in ("Müller Maschinenbau", "Mueller Logistik", "Muller Design", "Miller Beratung"):
        OrganisationFactory(name=name)


@pytest.mark.parametrize("query", ["Müller", "Mueller", "Muller", "MÜLLER", "mUeLLeR", "MULLER"])
def test_umlaut_name_is_found_by_every_spelling(muellers, query):
    assert "Müller Maschinenbau" in found(query)
    assert "Miller Beratung" not in found(query)


@pytest.mark.parametrize("query", ["Müller", "Mueller", "MÜLLER"])
def test_spelled_out_umlaut_is_found_by_the_umlaut(muellers, query):
    """ü folds to ue in the stored text and in the query alike."""
    assert {"Müller Maschinenbau", "Mueller Logistik"} <= found(query)


@pytest.mark.parametrize(
    "query", ["Großhandel", "Grosshandel", "GROSSHANDEL", "GROẞHANDEL", "großHANDEL"]
)
def test_sharp_s_is_found_by_double_s(query):
    OrganisationFactory(name="Großhandel Weiß")
    OrganisationFactory(name="Großmann Elektro")

    assert found(query) == {"Großhandel Weiß"}


def test_double_s_is_found_by_sharp_s():
    OrganisationFactory(name="Strasse und Weg Bau")
    OrganisationFactory(name="Weiss Druck")
    OrganisationFactory(name="Weise Druck")

    assert found("Straße") == {"Strasse und Weg Bau"}
    assert found("WEIß") == {"Weiss Druck"}


@pytest.mark.parametrize("query", ["Äpfel", "äpfel", "ÄPFEL", "aepfel", "Apfel", "APFEL"])
def test_case_and_umlauts_fold_in_query_and_text(query):
    OrganisationFactory(name="Äpfel vom Hof")
    OrganisationFactory(name="Birnen vom Hof")

    assert found(query) == {"Äpfel vom Hof"}


def test_other_accents_are_removed():
    OrganisationFactory(name="Café Olé Rösterei")

    assert found("cafe ole") == {"Café Olé Rösterei"}
    assert found("CAFÉ röst") == {"Café Olé Rösterei"}


def test_person_is_found_by_any_spelling_of_their_name():
    person = PersonFactory(first_name="Jürgen", last_name="Weiß", email="j.weiss@beispiel.de")
    PersonFactory(first_name="Jörg", last_name="Weise", email="j.weise@beispiel.de")

    for query in ("Jürgen Weiß", "juergen weiss", "JURGEN", "weiß jürgen", "j.weiss@"):
        assert list(Person.objects.search(query)) == [person], query


# Fragments, order, all words, fields


def test_fragment_inside_a_word_is_found(muellers):
    assert found("ller") == {
        "Müller Maschinenbau",
        "Mueller Logistik",
        "Muller Design",
        "Miller Beratung",
    }
    assert found("aschinen") == {"Müller Maschinenbau"}
    assert found("üller") == {"Müller Maschinenbau", "Mueller Logistik"}


def test_words_match_in_any_order(muellers):
    assert found("Maschinenbau Müller") == found("Müller Maschinenbau") == {"Müller Maschinenbau"}
    assert found("gistik mueller") == {"Mueller Logistik"}


def test_every_word_must_match(muellers):
    assert found("Müller Logistik") == {"Mueller Logistik"}
    assert found("Müller Bäckerei") == set()
    assert found("Muller Maschinenbau Design") == set()


def test_words_may_come_from_different_fields():
    OrganisationFactory(
        name="Hasetal Datentechnik",
        legal_form="GmbH",
        city="Osnabrück",
        keywords="Robotik, Sensorik",
        description="Wir bauen Feldroboter.",
    )
    OrganisationFactory(name="Hasetal Gartenbau", city="Bremen")

    assert found("osnabruck datentechnik") == {"Hasetal Datentechnik"}
    assert found("sensorik gmbh hasetal feldroboter") == {"Hasetal Datentechnik"}
    assert found("hasetal bremen") == {"Hasetal Gartenbau"}
    assert found("osnabrück bremen") == set()


# Short words


@pytest.fixture
def short_names():
    for name in ("AB Technik", "Abwasser Zentrum", "Beta GmbH", "Q1 Labor", "Müller 7 Bau"):
        OrganisationFactory(name=name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ab", {"AB Technik", "Abwasser Zentrum", "Q1 Labor"}),
        ("AB", {"AB Technik", "Abwasser Zentrum", "Q1 Labor"}),
        ("q", {"Q1 Labor"}),
        ("1", {"Q1 Labor"}),
        ("7", {"Müller 7 Bau"}),
        ("ü", {"Müller 7 Bau"}),  # folds to "ue"
        ("z", {"Abwasser Zentrum"}),
        ("xy", set()),
        ("bau", {"Müller 7 Bau"}),  # three letters: the shortest the trigram index answers
    ],
)
def test_one_and_two_letter_words_filter(short_names, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ab technik", {"AB Technik"}),
        ("zentrum ab", {"Abwasser Zentrum"}),
        ("ab labor q", {"Q1 Labor"}),
        ("7 müller", {"Müller 7 Bau"}),
        ("8 müller", set()),
        ("ab beta", set()),
        ("gmbh x", set()),
        ("er 7", {"Müller 7 Bau"}),
    ],
)
def test_short_and_long_words_together(short_names, query, expected):
    assert found(query) == expected


# Hostile input

HOSTILE_NAMES = [
    "100% Bio GmbH",
    "Labor_Nord",
    "O'Brien Consulting",
    'Café "Zur Post"',
    "Pfad\\Werk",
    "Stern*Medien",
    "Notfall Müller",
    "Müller Maschinenbau",
    "Nordlicht (Hamm): Technik",
    "Sandwerk OR Kies",
    "Schmidt-Heinze ^ Partner",
]


@pytest.fixture
def hostile_names():
    for name in HOSTILE_NAMES:
        OrganisationFactory(name=name)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("%", {"100% Bio GmbH"}),
        ("100%", {"100% Bio GmbH"}),
        ("%bio", set()),  # a wildcard would match "100% Bio"
        ("_", {"Labor_Nord"}),
        ("r_n", {"Labor_Nord"}),
        ("b_o", set()),  # a wildcard would match "Bio"
        ("'", {"O'Brien Consulting"}),
        ("o'brien", {"O'Brien Consulting"}),
        ('"', {'Café "Zur Post"'}),
        ('"zur post"', {'Café "Zur Post"'}),
        ("\\", {"Pfad\\Werk"}),
        ("pfad\\werk", {"Pfad\\Werk"}),
        ("*", {"Stern*Medien"}),
        ("ster*", set()),  # a prefix operator would match "Stern"
        ("NOT Müller", {"Notfall Müller"}),  # "not" is a word to find, not an operator
        ("Müller AND Maschinenbau", set()),
        ("or kies", {"Sandwerk OR Kies"}),
        ("^", {"Schmidt-Heinze ^ Partner"}),
        ("-heinze", {"Schmidt-Heinze ^ Partner"}),
        ("-müller", set()),
        ("(hamm):", {"Nordlicht (Hamm): Technik"}),
        (":", {"Nordlicht (Hamm): Technik"}),
    ],
)
def test_special_characters_are_literal(hostile_names, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""""',
        "'",
        "''; DROP TABLE partners_organisation; --",
        "%%",
        "%_%",
        "__",
        "*",
        "**",
        "\\",
        "\\%",
        "\\\\_",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(müller maschinenbau)",
        "müller NEAR/2 maschinenbau",
        "müller OR notfall",
        "^müller",
        "-müller",
        "- müller",
        "(",
        ")",
        "(müller)",
        "search_text:müller",
        "search_text : müller",
        "{search_text}: müller",
        '"müller" "notfall"',
        "müller*",
        "+müller",
        "müller & maschinenbau | x",
    ],
)
def test_search_operators_never_fail_and_match_literally(hostile_names, query):
    assert found(query) == contained(query)


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "müller " * 2_000, " ".join(f"wort{n}" for n in range(500)), "ß" * 5_000],
)
def test_very_long_query_does_not_fail(hostile_names, query):
    assert found(query) == contained(query)


def test_nul_character_in_query_does_not_fail(hostile_names):
    assert found("müller\x00notfall") <= set(HOSTILE_NAMES)


@pytest.mark.parametrize("query", ["", " ", "   \t\n  ", "\u00a0"])
def test_empty_query_keeps_every_row(hostile_names, query):
    assert found(query) == set(HOSTILE_NAMES)


def test_search_function_and_manager_method_agree(hostile_names):
    for query in ("müller", "or", "%", "nord technik"):
        by_function = set(search(Organisation.objects.all(), query))
        assert by_function == set(Organisation.objects.search(query)), query


def test_search_combines_with_other_filters(hostile_names):
    kept = Organisation.objects.filter(name__startswith="Notfall").search("müller")
    assert [organisation.name for organisation in kept] == ["Notfall Müller"]
    assert Organisation.objects.search("müller").count() == 2


# The index follows every write


def test_new_row_is_found():
    OrganisationFactory(name="Zwiebelturm Technik")

    assert found("zwiebelturm") == {"Zwiebelturm Technik"}


def test_renamed_row_is_found_by_its_new_name_only():
    organisation = OrganisationFactory(name="Zwiebelturm Technik")

    organisation.name = "Kastanienhof Energie"
    organisation.save()

    assert found("kastanienhof") == {"Kastanienhof Energie"}
    assert found("zwiebelturm") == set()
    assert found("zw") == set()


def test_deleted_row_leaves_the_index():
    doomed = OrganisationFactory(name="Zwiebelturm Technik")
    doomed.delete()
    # SQLite gives the next row the freed id; a stale index entry would lend it the old text.
    OrganisationFactory(name="Kastanienhof Energie")

    assert found("zwiebelturm") == set()
    assert found("kastanienhof") == {"Kastanienhof Energie"}


def test_bulk_created_rows_are_found():
    rows = [Organisation(name=name, kind=Organisation.Kind.SME) for name in ("Erlenbruch", "Eibe")]
    for row in rows:
        row.search_text = row.build_search_text()  # what save() would store

    Organisation.objects.bulk_create(rows)

    assert found("erlenbruch") == {"Erlenbruch"}
    assert found("eib") == {"Eibe"}


def test_search_text_changed_by_update_is_found():
    OrganisationFactory(name="Zwiebelturm Technik")

    Organisation.objects.filter(name="Zwiebelturm Technik").update(
        search_text=searchable("Kastanienhof Energie")
    )

    assert found("kastanienhof") == {"Zwiebelturm Technik"}
    assert found("zwiebelturm") == set()


def test_save_recomputes_the_search_text_from_the_fields():
    organisation = OrganisationFactory(name="Zwiebelturm Technik")

    organisation.search_text = searchable("veraltet")
    organisation.city = "Lübeck"
    organisation.save()

    assert found("veraltet") == set()
    assert found("zwiebelturm lubeck") == {"Zwiebelturm Technik"}


def test_person_renamed_is_found_by_the_new_name_only():
    person = PersonFactory(first_name="Anna", last_name="Zwiebel")

    person.last_name = "Kastanie"
    person.save()

    assert list(Person.objects.search("anna kastanie")) == [person]
    assert not Person.objects.search("zwiebel").exists()


@pytest.mark.django_db(transaction=True)
def test_index_follows_writes_committed_one_by_one():
    """Outside a surrounding transaction, as the application writes: every statement commits
    and the index is current after each."""
    organisation = OrganisationFactory(name="Zwiebelturm Technik")
    assert found("zwiebelturm") == {"Zwiebelturm Technik"}

    organisation.name = "Kastanienhof Energie"
    organisation.save()
    assert (found("zwiebelturm"), found("kastanienhof")) == (set(), {"Kastanienhof Energie"})

    Organisation.objects.filter(pk=organisation.pk).update(search_text=searchable("Erlenbruch"))
    assert (found("kastanienhof"), found("erlenbruch")) == (set(), {"Kastanienhof Energie"})

    row = Organisation(name="Eibenhain", kind=Organisation.Kind.SME)
    row.search_text = row.build_search_text()
    Organisation.objects.bulk_create([row])
    assert found("eibenhain") == {"Eibenhain"}

    Organisation.objects.all().delete()
    assert (found("erlenbruch"), found("eibenhain"), found("")) == (set(), set(), set())


# Repair and rebuild


def test_ensure_creates_nothing_when_the_indexes_exist():
    assert ensure_search_indexes() == []


def _sqlite_search_objects() -> set[str]:
    table = fts_table(Organisation)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s",
            [table + "%"],
        )
        return {row[0] for row in cursor.fetchall()}


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_ensure_repairs_a_dropped_sqlite_index():
    OrganisationFactory(name="Müller Maschinenbau")
    OrganisationFactory(name="Zwiebelturm Technik")
    table = fts_table(Organisation)
    expected = {table, f"{table}_insert", f"{table}_delete", f"{table}_update"}
    assert expected <= _sqlite_search_objects()
    with connection.cursor() as cursor:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f'DROP TRIGGER "{table}_{trigger}"')
        cursor.execute(f'DROP TABLE "{table}"')
    assert not _sqlite_search_objects() & expected

    created = ensure_search_indexes()

    assert expected <= set(created)
    assert expected <= _sqlite_search_objects()
    assert found("mueller") == {"Müller Maschinenbau"}  # existing rows are back in the index
    OrganisationFactory(name="Kastanienhof Energie")
    assert found("kastanienhof") == {"Kastanienhof Energie"}  # and the triggers work again
    assert ensure_search_indexes() == []


@on_sqlite
def test_ensure_refills_the_sqlite_index_when_only_a_trigger_was_missing():
    table = fts_table(Organisation)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TRIGGER "{table}_insert"')
    OrganisationFactory(name="Zwiebelturm Technik")  # written while the trigger was gone
    assert found("zwiebelturm") == set()

    assert ensure_search_indexes() == [f"{table}_insert"]

    assert found("zwiebelturm") == {"Zwiebelturm Technik"}


def _postgresql_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s", ["partners_organisation"]
        )
        return {row[0] for row in cursor.fetchall()}


@on_postgresql
@pytest.mark.django_db(transaction=True)  # as after `migrate`: no writes pending in a transaction
def test_ensure_repairs_a_dropped_postgresql_index():
    OrganisationFactory(name="Müller Maschinenbau")
    name = pg_index(Organisation)
    assert name in _postgresql_indexes()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP INDEX "{name}"')
    assert name not in _postgresql_indexes()

    assert ensure_search_indexes() == [name]

    assert name in _postgresql_indexes()
    assert found("mueller") == {"Müller Maschinenbau"}


def test_rebuild_recomputes_text_changed_behind_the_orm():
    first = OrganisationFactory(name="Zwiebelturm Technik")
    OrganisationFactory(name="Kastanienhof Energie")
    OrganisationFactory(name="Erlenbruch Agrar")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE partners_organisation SET search_text = %s WHERE id = %s",
            ["veraltet", first.pk],
        )
    assert found("veraltet") == {"Zwiebelturm Technik"}
    assert found("zwiebelturm") == set()

    counts = rebuild_search_indexes()

    assert counts["partners.Organisation"] == 3
    assert found("veraltet") == set()
    assert found("zwiebelturm") == {"Zwiebelturm Technik"}
    assert found("energie") == {"Kastanienhof Energie"}


def test_rebuild_reports_progress_per_chunk():
    for name in ("Zwiebelturm Technik", "Kastanienhof Energie", "Erlenbruch Agrar"):
        OrganisationFactory(name=name)
    reports = []

    rebuild_search_indexes(
        chunk=2, progress=lambda model, done, total: reports.append((model, done, total))
    )

    assert [(done, total) for model, done, total in reports if model is Organisation] == [
        (2, 3),
        (3, 3),
    ]


# The index answers the query


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A handful of rows: without these the planner rightly prefers reading them all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(explain + sql, params)
        return "\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall())


@on_sqlite
def test_sqlite_query_reads_the_fts_table():
    OrganisationFactory(name="Müller Maschinenbau")

    assert fts_table(Organisation) in _plan(Organisation.objects.search("mueller"))


@on_postgresql
def test_postgresql_query_uses_the_trigram_index():
    OrganisationFactory(name="Müller Maschinenbau")

    # Unordered: on a tiny table the name index's order would win over the search index.
    assert pg_index(Organisation) in _plan(Organisation.objects.search("mueller").order_by())
