"""`innonet backup` / `innonet restore`: one archive with the database and the uploaded files,
checked before anything changes, restored together or not at all (RELIABILITY 30 and 44).
The full round trip onto a new machine is `test_restore_drill`."""

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from innonet.core.backups import archive, database, table_counts
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_dir(tmp_path, settings):
    """Uploaded files in a real folder, as in production."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_data() -> None:
    for role in ("staff", "board", "member", "member"):
        UserFactory(role=role)
    OrganisationFactory.create_batch(5)


def save_file(name: str, content: bytes) -> str:
    return storages["default"].save(name, ContentFile(content))


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as backup:
        return {m.name: backup.extractfile(m).read() for m in backup.getmembers()}


def rewrite(path: Path, change) -> None:
    """Rewrite the archive at `path` with `change(name, data)` applied to each member."""
    contents = members(path)
    with tarfile.open(path, "w:gz") as backup:
        for name, data in contents.items():
            result = change(name, data)
            for new_name, new_data in result if isinstance(result, list) else [(name, result)]:
                info = tarfile.TarInfo(new_name)
                info.size = len(new_data)
                backup.addfile(info, io.BytesIO(new_data))


def test_round_trip_restores_identical_rows_and_files(tmp_path, media_dir, capsys):
    make_data()
    save_file("logos/a.png", b"\x89PNG logo")
    save_file("projects/b.pdf", b"%PDF-1.4 Antrag")
    before, files_before = table_counts(), tree(media_dir)
    target = tmp_path / "innonet.backup"

    call_command("backup", str(target))
    captured = capsys.readouterr()
    assert f"{len(before)} Tabellen, {sum(before.values())} Zeilen, 2 Dateien" in captured.out
    assert "Dateien: 2 von 2" in captured.err  # progress lines
    assert sorted(path.name for path in tmp_path.iterdir()) == ["innonet.backup", "media"]
    assert target.stat().st_mode & 0o777 == 0o600

    # Change data and files after the backup: the restore must undo all of it.
    UserFactory.create_batch(3)
    save_file("logos/new.png", b"\x89PNG new")
    (media_dir / "projects" / "b.pdf").write_bytes(b"overwritten")
    assert table_counts() != before

    call_command("restore", str(target), "--yes")
    assert table_counts() == before
    assert tree(media_dir) == files_before
    assert "Wiederhergestellt" in capsys.readouterr().out
    assert not [p for p in media_dir.iterdir() if p.name.startswith(".innonet-")]
    call_command("check", databases=["default"])
    call_command("migrate", check=True, verbosity=0)  # exits non-zero if migrations are missing


def test_archive_lists_database_and_files_with_checksums(tmp_path, media_dir):
    save_file("logos/a.png", b"\x89PNG logo")
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    contents = members(target)
    manifest = json.loads(contents["manifest.json"])
    assert manifest["format"] == "innonet-backup"
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["file"] in contents
    [entry] = manifest["files"]
    assert entry["path"] == "logos/a.png" and entry["size"] == len(b"\x89PNG logo")
    assert contents["media/logos/a.png"] == b"\x89PNG logo"


def test_a_changed_file_in_the_backup_is_refused_before_anything_changes(tmp_path, media_dir):
    make_data()
    save_file("logos/a.png", b"\x89PNG logo")
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    rewrite(target, lambda name, data: b"\x89PNG evil" if name.endswith("a.png") else data)
    UserFactory()
    save_file("logos/later.png", b"later")
    rows, files = table_counts(), tree(media_dir)
    with pytest.raises(CommandError, match="Prüfsumme"):
        call_command("restore", str(target), "--yes")
    assert table_counts() == rows
    assert tree(media_dir) == files


@pytest.mark.parametrize("bad_name", ["media/../../etwas.txt", "/etc/passwd", "media/.innonet-x"])
def test_unexpected_members_are_refused(tmp_path, media_dir, bad_name):
    save_file("logos/a.png", b"logo")
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    rewrite(target, lambda name, data: [(name, data), (bad_name, b"x")])
    with pytest.raises(CommandError, match="unerwartete Datei"):
        call_command("restore", str(target), "--yes")
    assert not (tmp_path / "etwas.txt").exists()


def test_failed_database_restore_puts_the_old_files_back(tmp_path, media_dir, monkeypatch):
    save_file("logos/old.png", b"old")
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    save_file("logos/newer.png", b"newer")
    files = tree(media_dir)

    def broken(path, *, using):
        raise database.BackupError("pg_restore failed: disk full")

    monkeypatch.setattr(database, "load", broken)
    with pytest.raises(CommandError, match="disk full"):
        call_command("restore", str(target), "--yes")
    assert tree(media_dir) == files
    assert [p.name for p in media_dir.iterdir()] == ["logos"]


def test_backup_of_another_database_kind_is_refused(tmp_path, media_dir):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    dump = tmp_path / "dump"
    dump.write_bytes(b"whatever")
    target = tmp_path / "b.backup"
    archive.write(
        target, database=dump, vendor=other, counts={}, files=[], progress=lambda *a: None
    )
    with pytest.raises(CommandError, match="diese Installation verwendet"):
        call_command("restore", str(target), "--yes")


def test_old_database_only_backups_still_restore_and_say_so(tmp_path, media_dir, capsys):
    make_data()
    save_file("logos/kept.png", b"kept")
    old = tmp_path / "old.backup"
    database.dump(old)  # what `innonet backup` wrote before it took the files along
    before = table_counts()
    UserFactory.create_batch(2)
    call_command("restore", str(old), "--yes")
    assert table_counts() == before
    assert "Hochgeladene Dateien wurden nicht wiederhergestellt" in capsys.readouterr().out
    assert tree(media_dir) == {"logos/kept.png": b"kept"}  # files untouched


def test_a_storage_that_cannot_list_its_files_is_named_in_the_backup(tmp_path, capsys, monkeypatch):
    # The test settings keep uploads in memory, like a storage service would elsewhere; one
    # that cannot list its files cannot be backed up through its API (S3 can: test_s3_storage).
    storage = storages["default"]
    monkeypatch.setattr(type(storage), "listdir", _cannot_list)
    call_command("backup", str(tmp_path / "b.backup"), verbosity=0)
    assert "InMemoryStorage" in capsys.readouterr().out


def _cannot_list(self, path):
    raise NotImplementedError


def test_restore_of_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="keine Sicherungsdatei"):
        call_command("restore", str(tmp_path / "nothing.backup"), "--yes")


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(tmp_path):
    make_data()
    before = table_counts()
    junk = tmp_path / "notes.backup"
    junk.write_text("SELECT 1; -- not a backup\n")
    with pytest.raises(CommandError, match="keine mit `innonet backup` erstellte Sicherung"):
        call_command("restore", str(junk), "--yes")
    assert table_counts() == before


def test_truncated_backup_is_refused(tmp_path, media_dir):
    make_data()
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    before = table_counts()
    with pytest.raises(CommandError, match="beschädigt oder unvollständig"):
        call_command("restore", str(target), "--yes")
    assert table_counts() == before


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite reads foreign db files")
def test_restore_of_a_foreign_sqlite_file_is_refused(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(CommandError, match="keine innonet-Datenbank"):
        call_command("restore", str(foreign), "--yes")


def test_restore_asks_first_and_no_means_nothing_changes(tmp_path, monkeypatch):
    make_data()
    target = tmp_path / "b.backup"
    call_command("backup", str(target), verbosity=0)
    UserFactory()
    after = table_counts()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="abgebrochen"):
        call_command("restore", str(target))
    assert table_counts() == after


def test_backup_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="existiert nicht"):
        call_command("backup", str(tmp_path / "missing" / "b.backup"))
    assert not (tmp_path / "missing").exists()
