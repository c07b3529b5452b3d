"""`innonet restore PATH`: replace the database with a backup made by `innonet backup`."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from innonet.core.backups import BackupError, restore


class Command(BaseCommand):
    help = "Replace all data in the database with the backup at PATH. Stop the app first."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="A file written by `innonet backup`.")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args: Any, path: Path, database: str, yes: bool, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"There is no backup file at {path}.")
        if not yes:
            self.confirm(database)
        try:
            summary = restore(path, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {summary.path}: {summary.tables} tables, {summary.rows} rows."
            )
        )

    def confirm(self, database: str) -> None:
        name = connections[database].settings_dict["NAME"]
        try:
            answer = input(f"This replaces ALL data in {name}. Type 'yes' to continue: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed. Use --yes to skip this.")
