"""`innonet backup PATH`: a consistent copy of the whole database in one file."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from innonet.core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to PATH (SQLite online backup, or pg_dump custom format)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="File to write; replaced if it exists.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        try:
            summary = backup(path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {summary.path}: {summary.tables} tables, {summary.rows} rows."
            )
        )
