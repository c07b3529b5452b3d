"""`innonet restore PATH`: replace the database and the uploaded files with a backup."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from innonet.core.backups import BackupError, restore

from ._progress import ProgressLines


class Command(BaseCommand):
    help = "Replace all data and uploaded files with the backup at PATH. Stop the app first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="A file written by `innonet backup`.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args: Any, path: Path, database: str, yes: bool, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(_("There is no backup file at %(path)s.") % {"path": path})
        if not yes:
            self.confirm(database)
        progress = ProgressLines(self.stderr, enabled=options["verbosity"] > 0)
        try:
            summary = restore(path, using=database, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            progress.end()
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files.")
                % {
                    "path": summary.path,
                    "tables": summary.tables,
                    "rows": summary.rows,
                    "files": summary.files,
                }
            )
        )
        if summary.note:
            self.stdout.write(self.style.WARNING(summary.note))

    def confirm(self, database: str) -> None:
        name = connections[database].settings_dict["NAME"]
        try:
            answer = input(
                _("This replaces ALL data and uploaded files of %(name)s. Type 'yes' to continue: ")
                % {"name": name}
            )
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CommandError(
                _("Restore cancelled; nothing was changed. Use --yes to skip this question.")
            )
