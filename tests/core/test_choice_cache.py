"""Drop-down rows of small reference tables are kept between requests, and a change shows on
the next page (core.choice_cache)."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from innonet.core import choice_cache
from innonet.core.models import Competence, District
from tests.factories import OrganisationFactory
from tests.projects.factories import CallFactory

pytestmark = pytest.mark.django_db

LIST = "/partners/"


def _district_reads(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST).content.decode()
    return sum('FROM "core_district"' in q["sql"] for q in queries.captured_queries), page


def test_the_districts_of_a_filter_form_are_read_once(staff_client):
    first, page = _district_reads(staff_client)
    again, page_again = _district_reads(staff_client)
    assert first == 1
    assert again == 0
    assert page_again.count("<option") == page.count("<option")


def test_a_new_or_renamed_district_shows_on_the_next_page(staff_client):
    _district_reads(staff_client)
    district = District.objects.create(name="Landkreis Neuland", slug="neuland")
    assert "Landkreis Neuland" in _district_reads(staff_client)[1]
    district.name = "Landkreis Umbenannt"
    district.save()
    page = _district_reads(staff_client)[1]
    assert "Landkreis Umbenannt" in page
    assert "Landkreis Neuland" not in page
    district.delete()
    assert "Landkreis Umbenannt" not in _district_reads(staff_client)[1]


def test_a_change_another_process_made_shows_once_its_stamp_is_new(staff_client):
    """Another process renews the shared stamp; this one's kept rows are then stale."""
    _district_reads(staff_client)
    District.objects.filter(pk=District.objects.first().pk).update(name="Anderswo")  # no signal
    assert "Anderswo" not in _district_reads(staff_client)[1]
    cache.set("innonet.choices:core.district", "from another process", None)
    assert "Anderswo" in _district_reads(staff_client)[1]


def test_a_write_without_signals_shows_after_the_maximum_age(staff_client, monkeypatch):
    _district_reads(staff_client)
    District.objects.filter(pk=District.objects.first().pk).update(name="Stillgeändert")
    monkeypatch.setattr(choice_cache, "MAX_AGE", 0)
    assert "Stillgeändert" in _district_reads(staff_client)[1]


def test_a_rolled_back_change_never_shows(staff_client):
    _district_reads(staff_client)
    try:
        with transaction.atomic():
            District.objects.create(name="Landkreis Zurückgerollt", slug="zurueck")
            assert "Landkreis Zurückgerollt" in _district_reads(staff_client)[1]
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert "Landkreis Zurückgerollt" not in _district_reads(staff_client)[1]


def test_only_queries_that_read_registered_tables_alone_are_kept():
    from innonet.partners.models import Organisation

    competence = Competence.objects.first()
    OrganisationFactory().competences.add(competence)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):  # a new query set each time, as each request's form has
            choice_cache.rows(Competence.objects.filter(parent__name=competence.name))
            choice_cache.rows(Competence.objects.filter(is_active=True))
            choice_cache.rows(
                Competence.objects.filter(
                    pk__in=Organisation.competences.through.objects.values("competence_id")
                )
            )
            choice_cache.rows(Competence.objects.filter(organisations__name__startswith="A"))
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "core_competence"' in q["sql"]]
    # Kept: the join of competences with themselves and the plain query. Read each time: the
    # subquery and the join with organisations.
    assert len(reads) == 2 + 2 + 2


def test_a_join_of_registered_tables_notices_a_change_in_either():
    from innonet.projects.models import FundingCall

    call = CallFactory()

    def programme() -> str:
        rows = choice_cache.rows(FundingCall.objects.select_related("programme"))
        return rows[0].programme.name

    assert programme() == call.programme.name
    call.programme.name = "Umbenanntes Programm"
    call.programme.save()
    assert programme() == "Umbenanntes Programm"


def test_a_model_not_registered_is_read_every_time():
    from innonet.partners.models import Organisation

    with CaptureQueriesContext(connection) as queries:
        choice_cache.rows(Organisation.objects.all())
        choice_cache.rows(Organisation.objects.all())
    assert sum('"partners_organisation"' in q["sql"] for q in queries.captured_queries) == 2
