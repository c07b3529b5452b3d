"""The database runs out of space during an import (RELIABILITY.md item 29): the upload and
the commit answer clearly, write nothing half, and leave no job "running".

SQLite's `max_page_count` caps the database file where it stands, so the next page it needs
fails with SQLITE_FULL ("database or disk is full"), the error a full disk gives. PostgreSQL's
"disk full" (SQLSTATE 53100) is recognised by test_disk_full; filling a server's disk is not
something a test on a shared server does."""

import contextlib

import pytest
from django.db import connection
from django.urls import reverse

from innonet.partners.models import ImportJob, Organisation

from .test_disk_full import GERMAN, assert_clear_507, import_post, organisations_csv

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="caps an SQLite database")
SQLITE_MAX_PAGES = 4294967294


@contextlib.contextmanager
def database_full():
    """Let the database grow by no more than a page beyond its free pages."""
    with connection.cursor() as cursor:
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages + 1}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA max_page_count = {SQLITE_MAX_PAGES}")


def free_bytes() -> int:
    with connection.cursor() as cursor:
        free = cursor.execute("PRAGMA freelist_count").fetchone()[0]
        size = cursor.execute("PRAGMA page_size").fetchone()[0]
    return (free + 1) * size


@sqlite_only
def test_an_import_upload_into_a_full_database(staff_client, caplog):
    # The upload must not fit into the pages the database has free, which depends on what
    # earlier tests of this process left behind: some 17 bytes a row, 70 KB at 4,000 rows.
    rows = max(4000, free_bytes() // 10)
    assert len(organisations_csv(rows)) > free_bytes()
    with database_full():
        assert_clear_507(import_post(staff_client, rows=rows), caplog)
    assert not ImportJob.objects.exists()
    assert import_post(staff_client, rows=rows).status_code == 302


# SQLite rolls the whole transaction back on SQLITE_FULL, so the test runs outside one, as
# the worker does; tasks run at once on commit.
@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_an_import_commit_into_a_full_database(staff_client):
    import_post(staff_client, rows=300)
    job = ImportJob.objects.get()
    detail = reverse("partners:import_detail", args=[job.pk])
    staff_client.post(detail, {"col_0": "name", "col_1": "city", "default_kind": "sme"})
    job.refresh_from_db()
    assert job.status == "checked", job.message

    with database_full():
        response = staff_client.post(reverse("partners:import_commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert not job.is_running
    assert job.status == ImportJob.Status.INTERRUPTED
    assert not Organisation.objects.exists()  # the commit is one transaction
    page = staff_client.get(detail)
    assert page.status_code == 200
    assert GERMAN not in page.content.decode()


@pytest.mark.django_db(databases=[])
def test_an_sqlite_file_on_a_full_disk_says_sqlite_full(tiny_disk):
    """What the cap above stands for: a database file in WAL mode (as settings open it) on a
    disk that fills up fails with SQLITE_FULL, which the 507 answer recognises."""
    import os
    import sqlite3

    from innonet.core.storage import is_out_of_space

    database = sqlite3.connect(tiny_disk.root / "innonet.sqlite3")
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("CREATE TABLE payload (data BLOB)")
    with pytest.raises(sqlite3.OperationalError) as full:
        for _ in range(100):
            database.execute("INSERT INTO payload VALUES (?)", (os.urandom(8000),))
            database.commit()
    database.close()
    assert is_out_of_space(full.value)
