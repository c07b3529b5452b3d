"""The restore drill (RELIABILITY item 44): data with a logo and a project document is backed
up, then restored on a "new machine" (a fresh database and an empty media folder, in other
processes) where the rows are all there and the application serves the same bytes."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from PIL import Image

from innonet.core.backups import table_counts
from innonet.projects import services as projects
from tests.factories import OrganisationFactory

from .drill_check import served_digests

pytestmark = pytest.mark.django_db(transaction=True)
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def media_dir(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "old-machine" / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of an empty database of the same kind as the test database."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'new-machine' / 'innonet.sqlite3'}"
        return
    name = f"{params['NAME']}_drill"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield (
        f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{params['HOST']}:"
        f"{params['PORT'] or 5432}/{name}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 16), color=(20, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_through_the_pages(client, staff_user) -> None:
    organisation = OrganisationFactory()
    response = client.post(
        reverse("partners:organisation_update", args=[organisation.pk]),
        {
            "name": organisation.name,
            "kind": organisation.kind,
            "version": organisation.version,
            "logo": SimpleUploadedFile("Logo.png", png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    project = projects.project_create(data={"title": "Wasserstoff-Netz"}, acting_user=staff_user)
    response = client.post(
        reverse("projects:document_add", args=[project.pk]),
        {
            "document-kind": "application",
            "document-file": SimpleUploadedFile(
                "Antrag.pdf", b"%PDF-1.4 Antrag", "application/pdf"
            ),
        },
    )
    assert response.status_code == 302


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def on_the_new_machine(var_dir: Path, database_url: str, *args: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innonet.settings",
        "PYTHONPATH": os.pathsep.join([str(PROJECT / "src"), str(PROJECT)]),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "n" * 60,  # a new machine has its own key
        "VAR_DIR": str(var_dir),
        "HTTPS": "false",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("SQLITE_TEST_NAME", None)
    result = subprocess.run(
        [sys.executable, *args], cwd=PROJECT, env=env, capture_output=True, text=True,
        timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def test_restore_drill_on_a_new_machine(
    tmp_path, media_dir, fresh_database, staff_client, staff_user
):
    upload_through_the_pages(staff_client, staff_user)
    served_before = served_digests(staff_client)
    assert [status for status, _digest in served_before.values()] == [200, 200]
    files_before = tree(media_dir)
    assert len(files_before) == 2  # the logo and the document
    backup = tmp_path / "innonet.backup"
    call_command("backup", str(backup), verbosity=0)
    counts_before = table_counts()

    new_machine = tmp_path / "new-machine"
    new_machine.mkdir()
    restored = on_the_new_machine(
        new_machine, fresh_database, "-m", "django", "restore", str(backup), "--yes"
    )
    assert "2 Dateien" in restored

    assert tree(new_machine / "media") == files_before  # the same bytes under the same names
    on_the_new_machine(new_machine, fresh_database, "-m", "django", "check")
    report = json.loads(
        on_the_new_machine(
            new_machine, fresh_database, "-m", "tests.core.drill_check", staff_user.email
        ).splitlines()[-1]
    )
    assert report["counts"] == counts_before
    assert report["served"] == served_before
    assert media_dir == django_settings.MEDIA_ROOT  # the old machine's files were never touched
    assert tree(media_dir) == files_before
