"""Uploads on an S3-compatible store (a local moto server): stored under generated names in a
private bucket, served only through the app's own checked views, and in backups and restores
like files in a folder (issue 17, several hosts)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.urls import reverse

from innonet.core.backups import database, table_counts
from innonet.projects import services as project_services
from innonet.projects.models import ProjectDocument
from tests.factories import UserFactory
from tests.s3 import local_s3


@pytest.fixture(scope="module")
def server():
    with local_s3() as s3:
        yield s3


@pytest.fixture
def bucket(server, settings):
    """Uploads go to the bucket, which is emptied after each test."""
    settings.STORAGES = {**settings.STORAGES, "default": server.storage_options()}
    yield server
    client = server.client()
    for key in server.object_keys():
        client.delete_object(Bucket=server.bucket, Key=key)


def contents(s3) -> dict[str, bytes]:
    client = s3.client()
    return {
        key: client.get_object(Bucket=s3.bucket, Key=key)["Body"].read() for key in s3.object_keys()
    }


def save_file(name: str, content: bytes) -> str:
    return storages["default"].save(name, ContentFile(content))


@pytest.mark.django_db
def test_settings_put_uploads_on_s3_from_the_environment(monkeypatch):
    from innonet import settings as module

    monkeypatch.setenv("S3_BUCKET", "innonet-media")
    monkeypatch.setenv("S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("S3_PREFIX", "/uploads/")
    storage = module._s3_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "innonet-media"
    assert options["location"] == "uploads"
    assert options["file_overwrite"] is False, "a second upload never replaces the first"
    assert options["default_acl"] is None, "no public-read objects"


@pytest.mark.django_db
def test_a_project_document_goes_to_the_bucket_and_comes_back_through_the_view(
    bucket, staff_client, staff_user
):
    project = project_services.project_create(
        data={"title": "Sensorik", "confidentiality": "partners"}, acting_user=staff_user
    )
    url = reverse("projects:document_add", kwargs={"pk": project.pk})
    upload = ContentFile(b"%PDF-1.7 Antrag", name="Antrag.pdf")
    assert (
        staff_client.post(url, {"document-file": upload, "document-kind": "other"}).status_code
        == 302
    )

    document = ProjectDocument.objects.get()
    assert bucket.object_keys() == [document.file.name]
    assert not document.file.name.endswith("Antrag.pdf"), "a generated name"
    download = staff_client.get(reverse("projects:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 Antrag"
    assert download["Content-Disposition"].startswith("attachment;")

    other = UserFactory(role="member")
    staff_client.force_login(other)
    assert (
        staff_client.get(reverse("projects:document_download", args=[document.pk])).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_same_name_twice_keeps_both_files(bucket):
    first = save_file("logos/a.png", b"first")
    second = save_file("logos/a.png", b"second")
    assert first != second
    assert contents(bucket) == {first: b"first", second: b"second"}


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_take_the_files_in_the_bucket(bucket, tmp_path, capsys):
    UserFactory.create_batch(2)
    save_file("logos/a.png", b"\x89PNG logo")
    save_file("projects/b.pdf", b"%PDF-1.4 Antrag")
    before, files_before = table_counts(), contents(bucket)
    target = tmp_path / "innonet.backup"

    call_command("backup", str(target))
    out = capsys.readouterr().out
    assert "2 Dateien" in out
    assert "S3Storage" not in out, "nothing left to back up by other means"

    UserFactory()
    save_file("logos/new.png", b"new")
    storages["default"].delete("projects/b.pdf")
    save_file("projects/b.pdf", b"overwritten")

    call_command("restore", str(target), "--yes")
    assert table_counts() == before
    assert contents(bucket) == files_before


@pytest.mark.django_db(transaction=True)
def test_a_failed_database_restore_leaves_the_bucket_as_it_was(bucket, tmp_path, monkeypatch):
    save_file("logos/old.png", b"old")
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    storages["default"].delete("logos/old.png")
    save_file("logos/old.png", b"changed since")
    save_file("logos/newer.png", b"newer")
    files = contents(bucket)

    def broken(path, *, using):
        raise database.BackupError("pg_restore failed: disk full")

    monkeypatch.setattr(database, "load", broken)
    with pytest.raises(CommandError, match="disk full"):
        call_command("restore", str(target), "--yes")
    assert contents(bucket) == files
