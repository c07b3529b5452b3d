"""German sort order (DIN 5007-1) on whichever database the suite runs: the key alone, the
collation in SQL, and the lists and drop-downs that use it."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from innonet.core.collation import german_compare, german_key, german_order
from innonet.core.models import Competence
from innonet.partners.models import MemberVisibility, Organisation, Person
from tests.factories import CompetenceFactory, OrganisationFactory, PersonFactory

NAMES = ["zahnarzt Meyer", "Bildungszentrum", "Ober GmbH", "Öko-Institut", "bäckerei Kunde",
         "Apfel AG", "Straße 1", "Strasse 2", "Ärztehaus", "Obst"]  # fmt: skip
EXPECTED = ["Apfel AG", "Ärztehaus", "bäckerei Kunde", "Bildungszentrum", "Ober GmbH", "Obst",
            "Öko-Institut", "Straße 1", "Strasse 2", "zahnarzt Meyer"]  # fmt: skip


def expected_order(names: list[str]) -> list[str]:
    return sorted(names, key=german_key)


def test_key_sorts_umlauts_as_their_vowel_and_ignores_case():
    ordered = expected_order(["Zahnarzt", "Bildungszentrum", "Bäckerei", "apfel", "Ober", "Öko"])
    assert ordered == ["apfel", "Bäckerei", "Bildungszentrum", "Ober", "Öko", "Zahnarzt"]
    assert german_compare("Straße", "strasse") != 0  # a total order: different text differs
    assert german_key("Straße")[0] == german_key("STRASSE")[0]  # ß is ss, case folded


TIES = ["STRASSE", "Äpfel", "apfel", "straße", "APFEL", "Strasse", "äpfel", "Apfel"]


@pytest.mark.django_db
def test_names_equal_but_for_accents_and_case_order_alike_on_both_databases():
    """ICU's levels: first the letters, then accents and ß, then case with lower case first.
    The API's keyset pages rely on the database and the key agreeing."""
    for name in TIES:
        OrganisationFactory(name=name)
    rows = Organisation.objects.filter(name__in=TIES).order_by(german_order("name"))
    ordered = list(rows.values_list("name", flat=True))
    assert ordered == expected_order(TIES)
    assert ordered == ["apfel", "Apfel", "APFEL", "äpfel", "Äpfel", "Strasse", "STRASSE", "straße"]


@pytest.mark.django_db
def test_database_orders_like_the_key():
    """ "Bäckerei" before "Bildungszentrum" before "Zahnarzt", "Öko" among the O's, case
    ignored: the same on SQLite (Python key) and PostgreSQL (ICU)."""
    for name in NAMES:
        OrganisationFactory(name=name)
    rows = Organisation.objects.filter(name__in=NAMES)
    ascending = list(rows.order_by(german_order("name"), "pk").values_list("name", flat=True))
    assert ascending == EXPECTED == expected_order(NAMES)
    descending = list(rows.order_by(german_order("-name")).values_list("name", flat=True))
    assert descending == EXPECTED[::-1]


@pytest.mark.django_db
def test_models_default_to_german_order():
    for name in ("Zukunftstechnik", "Ökologie", "Abwasser", "Oberflächen"):
        CompetenceFactory(name=name)
    names = [c.name for c in Competence.objects.filter(name__in=[
        "Zukunftstechnik", "Ökologie", "Abwasser", "Oberflächen"])]  # fmt: skip
    assert names == ["Abwasser", "Oberflächen", "Ökologie", "Zukunftstechnik"]
    for last in ("Zander", "Özdemir", "Becker", "Bäumer"):
        PersonFactory(last_name=last, first_name="Eva")
    people = [p.last_name for p in Person.objects.filter(first_name="Eva")]
    assert people == ["Bäumer", "Becker", "Özdemir", "Zander"]


@pytest.mark.django_db
def test_organisation_list_and_filter_drop_down_in_german_order(staff_client):
    for name in ("Zahnarzt Meyer", "Bildungszentrum Nord", "Bäckerei Kunde"):
        OrganisationFactory(name=name)
    for name in ("Zählertechnik", "Aalbau", "Ätztechnik"):
        CompetenceFactory(name=name)
    page = staff_client.get(reverse("partners:organisation_list")).content.decode()
    rows = ["Bäckerei Kunde", "Bildungszentrum Nord", "Zahnarzt Meyer"]
    assert [page.index(n) for n in rows] == sorted(page.index(n) for n in rows)
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", page)
    competences = [o for o in options if o in ("Zählertechnik", "Aalbau", "Ätztechnik")]
    assert competences == ["Aalbau", "Ätztechnik", "Zählertechnik"]
    reverse_page = staff_client.get(reverse("partners:organisation_list") + "?sort=-name")
    text = reverse_page.content.decode()
    assert (
        text.index("Zahnarzt Meyer")
        < text.index("Bildungszentrum Nord")
        < text.index("Bäckerei Kunde")
    )


@pytest.mark.django_db
def test_postgresql_uses_an_icu_collation():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'de_german'")
        assert cursor.fetchone() == ("i",)


@pytest.mark.django_db
def test_api_sorts_names_in_german_order(client, staff_user):
    from tests.partners.test_api import call

    for name in ("Zahnarzt Meyer", "Bildungszentrum Nord", "Bäckerei Kunde"):
        OrganisationFactory(name=name)
    wanted = ["Bäckerei Kunde", "Bildungszentrum Nord", "Zahnarzt Meyer"]
    for ordering, expected in (("name", wanted), ("-name", wanted[::-1])):
        answer = call(
            client, "GET", f"/api/organisations/?ordering={ordering}&page_size=100", staff_user
        )
        assert answer.status_code == 200
        names = [row["name"] for row in answer.json()["results"] if row["name"] in wanted]
        assert names == expected


def test_member_directory_sorts_in_german_order(client_for, role_users):
    for name in ("Zahnarzt Meyer", "Bildungszentrum Nord", "Bäckerei Kunde"):
        OrganisationFactory(name=name, member_visibility=MemberVisibility.SHOWN)
    client = client_for(role_users["member"])
    page = client.get(reverse("partners:directory")).content.decode()
    rows = ["Bäckerei Kunde", "Bildungszentrum Nord", "Zahnarzt Meyer"]
    assert [page.index(n) for n in rows] == sorted(page.index(n) for n in rows)
    text = client.get(reverse("partners:directory") + "?sort=-name").content.decode()
    assert (
        text.index("Zahnarzt Meyer")
        < text.index("Bildungszentrum Nord")
        < text.index("Bäckerei Kunde")
    )
