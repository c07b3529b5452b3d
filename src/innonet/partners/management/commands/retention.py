"""`innonet retention`: what is due per kind of personal data (a dry run), `--apply` to delete
or anonymise it, `--erase` to erase the people flagged as inactive (the office's decision).

The kinds and their periods are the retention rules of the register (core/privacy/
retention.py); the daily background task runs the same `--apply`."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from innonet.core.errors import DomainError
from innonet.core.management.commands._progress import progress_bar
from innonet.core.privacy.register import INACTIVITY
from innonet.core.privacy.retention import Action, retention_rules, retention_run
from innonet.partners import services

PEOPLE = "partners.people"


class Command(BaseCommand):
    help = (
        "Show what personal data is past its retention period, per kind (dry run); --apply "
        "deletes or anonymises it, --erase erases the people flagged as inactive."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--apply", action="store_true", help="delete or anonymise what is due")
        parser.add_argument(
            "--kind", action="append", dest="kinds", metavar="KIND",
            help="only this kind (repeatable); see the first column of the dry run",
        )  # fmt: skip
        parser.add_argument(
            "--years", type=int, default=None,
            help="inactivity period for people (default: RETENTION_YEARS)",
        )  # fmt: skip
        parser.add_argument(
            "--erase", action="store_true", help="erase the people past the inactivity period"
        )
        parser.add_argument(
            "--list", action="store_true", dest="list_people",
            help="list the people past the inactivity period",
        )  # fmt: skip

    def handle(self, *args, apply: bool, kinds, years, erase: bool, list_people: bool, **options):
        known = {rule.key for rule in retention_rules()}
        unknown = sorted(set(kinds or []) - known)
        if unknown:
            raise CommandError(
                _("Unknown kind: %(kinds)s. Known kinds: %(known)s")
                % {"kinds": ", ".join(unknown), "known": ", ".join(sorted(known))}
            )
        years = INACTIVITY.value if years is None else years
        try:
            people = services.people_past_retention(years=years)
        except DomainError as error:
            raise CommandError(error.message) from error
        outcomes = retention_run(apply=apply, keys=kinds, progress=self._progress)
        if self._shown:
            sys.stderr.write("\n")
        self._table(outcomes, people_due=people.count(), apply=apply)
        if list_people:
            for person in people:
                self.stdout.write(f"{person.pk}\t{person}\t{person.updated_at:%Y-%m-%d}")
        if erase:
            self._erase(list(people), years)

    _shown: str = ""

    def _progress(self, key: str, done: int, total: int) -> None:
        if self._shown and self._shown != key:
            sys.stderr.write("\n")
        self._shown = key
        progress_bar(done, total, key)

    def _table(self, outcomes, *, people_due: int, apply: bool) -> None:
        header = [_("kind"), _("retention"), _("action"), _("due")]
        self.stdout.write("\t".join([*header, _("done")] if apply else header))
        for outcome in outcomes:
            rule = outcome.rule
            due = people_due if rule.key == PEOPLE else outcome.due
            retention = _("until expiry") if rule.own_expiry else str(rule.period or "\N{EN DASH}")
            cells = [rule.key, retention, str(rule.action.label), str(due)]
            if apply:
                cells.append(str(outcome.done if rule.action != Action.FLAG else 0))
            self.stdout.write("\t".join(cells))
        verb = _("done") if apply else _("dry run: nothing changed, --apply acts")
        self.stdout.write(self.style.SUCCESS(verb))

    def _erase(self, people, years: int) -> None:
        for done, person in enumerate(people, start=1):
            services.person_erase(
                person, reason=f"retention period of {years} years", acting_user=None
            )
            progress_bar(done, len(people), PEOPLE)
        if people:
            sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(f"{len(people)} people erased"))
