"""`innonet backup PATH`: the database and every uploaded file in one archive."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from innonet.core.backups import BackupError, backup

from ._progress import ProgressLines


class Command(BaseCommand):
    help = "Back up the database and the uploaded files to PATH (one archive with checksums)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="File to write; replaced if it exists.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        progress = ProgressLines(self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = backup(path, using=database, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            progress.end()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: %(tables)d tables, %(rows)d rows, "
                    "%(files)d files (%(size)s)."
                )
                % {
                    "path": summary.path,
                    "tables": summary.tables,
                    "rows": summary.rows,
                    "files": summary.files,
                    "size": filesizeformat(summary.file_bytes),
                }
            )
        )
        if summary.note:
            self.stdout.write(self.style.WARNING(summary.note))
