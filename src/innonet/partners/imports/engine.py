"""The import run shared by the page, the background task and the command line.

A run checks every row first (the dry run) and, if nothing blocks, writes every row in ONE
transaction: any error during writing rolls everything back. Rows are streamed from the file
twice and written one by one, so memory does not grow with the file.

Re-importing is idempotent: a row that names an existing record (organisations by register
entry, VAT id, website domain or exact name; people by e-mail, or by name at the same
organisation) updates that record with the row's non-empty values and never creates a second
one; empty cells never erase data. Imports never record consents.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from innonet.accounts.models import User
from innonet.core import audit

from ..duplicates import (
    OrganisationIndex,
    exact_name,
    normalise_domain,
    normalise_register,
    normalise_vat,
    person_name_key,
    reason_text,
)
from ..models import Affiliation, Organisation, Person
from .columns import ORGANISATIONS, ignored_columns, mapping_problems
from .reading import Table
from .rows import CellError, Issue, RowCleaner

MAX_ISSUES = 1000  # stored and shown; the counts say how many there were in all
PROGRESS_EVERY = 250
BATCH = 500
ORGANISATION_FIELDS = (
    "name", "legal_form", "kind", "employees", "annual_turnover", "balance_sheet_total",
    "register_id", "vat_id", "street", "postcode", "city", "website", "email", "phone",
    "description", "keywords",
)  # fmt: skip
PERSON_FIELDS = ("title", "first_name", "last_name", "email", "phone", "language")
Progress = Callable[[str, int, int], None]


@dataclass
class Report:
    """What a run found and did; `issues` keeps the first MAX_ISSUES findings."""

    kind: str
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    committed: bool = False

    def add(self, issue: Issue) -> None:
        if issue.blocking:
            self.error_count += 1
        else:
            self.warning_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(issue)

    def count(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class _AbortError(Exception):
    """An error while writing: leave the transaction, writing nothing."""


class _Planner:
    """Checks rows against the file so far and the database; writes one row."""

    def __init__(self, cleaner: RowCleaner) -> None:
        self.cleaner = cleaner
        self.seen: dict[tuple[str, str], int] = {}
        self.organisations = OrganisationIndex.load()

    def _once_in_file(self, number: int, keys: list[tuple[str, str]], report: Report) -> bool:
        for key in keys:
            if key[1] and key in self.seen:
                report.add(
                    Issue(
                        number,
                        "",
                        _("This row repeats row %(row)d (%(reason)s).")
                        % {"row": self.seen[key], "reason": reason_text(key[0])},
                    )
                )
                return False
        for key in keys:
            if key[1]:
                self.seen[key] = number
        return True

    def finish(self) -> None:
        """Write whatever is still buffered."""

    @staticmethod
    def _changes(record: Any, data: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
        changed = []
        for name in fields:
            if name in data and getattr(record, name) != data[name]:
                setattr(record, name, data[name])
                changed.append(name)
        return changed


class OrganisationPlanner(_Planner):
    def plan(self, number: int, data: dict[str, Any], report: Report) -> tuple[str, int | None]:
        keys = [
            ("register_id", normalise_register(data.get("register_id", ""))),
            ("vat_id", normalise_vat(data.get("vat_id", ""))),
            ("website", normalise_domain(data.get("website", ""))),
            ("name", exact_name(data.get("name", ""))),
        ]
        if not self._once_in_file(number, keys, report):
            return "error", None
        match = self.organisations.exact_match(data)
        if match is not None:
            pk, reason = match
            report.add(
                Issue(
                    number,
                    "",
                    _("Matches the existing organisation “%(name)s” (%(reason)s): it is updated.")
                    % {"name": self.organisations.labels[pk], "reason": reason_text(reason)},
                    blocking=False,
                )
            )
            return "update", pk
        for pk, reason in self.organisations.matches(data)[:3]:
            report.add(
                Issue(
                    number,
                    "",
                    _("Possible duplicate of “%(name)s” (%(reason)s); a new record is created.")
                    % {"name": self.organisations.labels[pk], "reason": reason_text(reason)},
                    blocking=False,
                )
            )
        return "create", None

    def write(self, action: str, pk: int | None, data: dict[str, Any], report: Report) -> None:
        values = {name: data[name] for name in ORGANISATION_FIELDS if name in data}
        if "district" in data:
            values["district_id"] = data["district"]
        if "country" in data:
            values["country_id"] = data["country"]
        if action == "create":
            organisation = Organisation(**values)
            _full_clean(organisation)
            organisation.save()
            report.count("created")
            return
        organisation = Organisation.objects.get(pk=pk)
        changed = self._changes(
            organisation, values, (*ORGANISATION_FIELDS, "district_id", "country_id")
        )
        if not changed:
            report.count("unchanged")
            return
        _full_clean(organisation)
        organisation.version += 1
        organisation.save()
        report.count("updated")


class PeoplePlanner(_Planner):
    def __init__(self, cleaner: RowCleaner) -> None:
        super().__init__(cleaner)
        self._pending: list[tuple[Person, int | None, dict[str, Any]]] = []
        self.emails: dict[str, int] = {}
        for email, pk in Person.objects.present().exclude(email="").values_list("email", "pk"):
            self.emails.setdefault(email.casefold(), pk)
        self.names: dict[tuple[int, str], int] = {}
        affiliations = Affiliation.objects.filter(person__erased_at__isnull=True).values_list(
            "organisation_id", "person__first_name", "person__last_name", "person_id"
        )
        for organisation, first, last, pk in affiliations.iterator(chunk_size=2000):
            self.names.setdefault((organisation, person_name_key(first, last)), pk)

    def _organisation(self, number: int, data: dict[str, Any], report: Report) -> int | bool | None:
        wanted = {
            "register_id": data.get("organisation_register_id", ""),
            "vat_id": data.get("organisation_vat_id", ""),
            "name": data.get("organisation", ""),
        }
        if not any(wanted.values()):
            return None
        index = self.organisations
        for table, key in (
            (index.register, normalise_register(wanted["register_id"])),
            (index.vat, normalise_vat(wanted["vat_id"])),
            (index.exact, exact_name(wanted["name"])),
        ):
            if key and key in table:
                return table[key]
        label = wanted["name"] or wanted["register_id"] or wanted["vat_id"]
        message = _("Unknown organisation “%(name)s”: import the organisation first.") % {
            "name": label[:80]
        }
        similar = index.matches({"name": wanted["name"]})[:1] if wanted["name"] else []
        if similar:
            message += " " + _("Did you mean “%(name)s”?") % {"name": index.labels[similar[0][0]]}
        report.add(Issue(number, "", message))
        return False

    def plan(self, number: int, data: dict[str, Any], report: Report) -> tuple[str, Any]:
        organisation = self._organisation(number, data, report)
        if organisation is False:
            return "error", None
        name = person_name_key(data.get("first_name", ""), data.get("last_name", ""))
        email = data.get("email", "").casefold()
        if not email and not organisation:
            # Nothing would recognise the person again: a re-import would duplicate them.
            report.add(Issue(number, "", _("A person needs an e-mail address or an organisation.")))
            return "error", None
        keys = [("email", email), ("person_name", f"{organisation}:{name}" if organisation else "")]
        if not self._once_in_file(number, keys, report):
            return "error", None
        pk = self.emails.get(email) if email else None
        if pk is None and organisation:
            pk = self.names.get((organisation, name))
        if pk is not None:
            report.add(
                Issue(number, "", _("Matches an existing person: the record is updated."), False)
            )
            return "update", (pk, organisation)
        return "create", (None, organisation)

    def write(self, action: str, target: Any, data: dict[str, Any], report: Report) -> None:
        pk, organisation = target
        values = {name: data[name] for name in PERSON_FIELDS if name in data}
        if action == "create":
            self._pending.append((Person(**values), organisation, data))
            report.count("created")
            if len(self._pending) >= BATCH:
                self.finish()
            return
        person = Person.objects.get(pk=pk)
        if self._changes(person, values, PERSON_FIELDS):
            _full_clean(person)
            person.version += 1
            person.save()
            report.count("updated")
        else:
            report.count("unchanged")
        if organisation:
            self._affiliate(person, organisation, data)

    def finish(self) -> None:
        """Write the buffered new people, their history and their roles in bulk: the cells
        were checked one by one already, and single saves would take minutes for 50,000."""
        if not self._pending:
            return
        people = []
        for person, _organisation, _data in self._pending:
            # What Person.save() would store; bulk_create does not call save().
            person.search_text = person.build_search_text()
            people.append(person)
        bulk_create_with_history(people, Person, batch_size=BATCH)
        Affiliation.objects.bulk_create(
            [
                Affiliation(
                    person=person,
                    organisation_id=organisation,
                    position=data.get("position", ""),
                    is_main_contact=data.get("is_main_contact", False),
                )
                for person, organisation, data in self._pending
                if organisation
            ],
            batch_size=BATCH,
        )
        self._pending = []

    @staticmethod
    def _affiliate(person: Person, organisation: int, data: dict[str, Any]) -> None:
        affiliation = Affiliation.objects.filter(
            person=person, organisation_id=organisation, unit__isnull=True
        ).first()
        if affiliation is None:
            affiliation = Affiliation(person=person, organisation_id=organisation)
        changed = _Planner._changes(affiliation, data, ("position", "is_main_contact"))
        if affiliation.pk is None or changed:
            affiliation.save()


def _full_clean(record: Any) -> None:
    try:
        record.full_clean(exclude=["logo"], validate_unique=False)
    except ValidationError as error:
        raise _AbortError(
            "; ".join(str(m) for messages in error.message_dict.values() for m in messages)
        ) from error


def run_import(
    table: Table,
    *,
    kind: str,
    mapping: dict[str, str],
    defaults: dict[str, str] | None = None,
    dry_run: bool,
    acting_user: User | None,
    audit_object: Any = None,
    progress: Progress | None = None,
) -> Report:
    """Check every row and, unless `dry_run` or an error was found, write them all at once.
    `defaults` gives fields without a column one value for all rows."""
    report = Report(kind=kind)
    for problem in mapping_problems(kind, mapping, table.headers, defaults):
        report.add(Issue(1, "", problem))
    if not report.ok:
        return report
    try:
        cleaner = RowCleaner(kind, table.headers, mapping, defaults)
    except CellError as error:
        report.add(Issue(1, "", str(error)))
        return report
    for header in ignored_columns(mapping, table.headers):
        report.add(Issue(1, header, _("This column is not imported."), blocking=False))
    report.rows = table.count()
    plans = _check(table, cleaner, report, progress)
    if dry_run or not report.ok:
        report.counts = plans
        return report
    try:
        with transaction.atomic():
            _write(table, cleaner, report, progress)
            audit.record(
                audit_object,
                "partners.import.committed",
                user=acting_user,
                data={"kind": kind, "rows": report.rows, **report.counts},
            )
    except _AbortError as error:
        report.counts = {}
        report.add(Issue(0, "", _("Nothing was imported: %(reason)s") % {"reason": str(error)}))
        return report
    report.committed = True
    return report


def _blocking(issues: list[Issue]) -> bool:
    return any(issue.blocking for issue in issues)


def _planner(kind: str, cleaner: RowCleaner) -> _Planner:
    return OrganisationPlanner(cleaner) if kind == ORGANISATIONS else PeoplePlanner(cleaner)


def _check(table: Table, cleaner: RowCleaner, report: Report, progress: Progress | None) -> dict:
    planner = _planner(cleaner.kind, cleaner)
    plans: dict[str, int] = {}
    for done, (number, cells) in enumerate(table.rows(), start=1):
        data, issues = cleaner.clean(number, cells)
        for issue in issues:
            report.add(issue)
        action = "error" if _blocking(issues) else planner.plan(number, data, report)[0]
        if action != "error":
            key = "to_create" if action == "create" else "to_update"
            plans[key] = plans.get(key, 0) + 1
        if progress and done % PROGRESS_EVERY == 0:
            progress("checking", done, report.rows)
    if progress:
        progress("checking", report.rows, report.rows)
    return plans


def _write(table: Table, cleaner: RowCleaner, report: Report, progress: Progress | None) -> None:
    planner = _planner(cleaner.kind, cleaner)
    scratch = Report(kind=report.kind)
    for done, (number, cells) in enumerate(table.rows(), start=1):
        data, issues = cleaner.clean(number, cells)
        action, target = (
            ("error", None) if _blocking(issues) else planner.plan(number, data, scratch)
        )
        if action == "error" or scratch.error_count:
            raise _AbortError(
                _("row %(row)d changed or became invalid while importing.") % {"row": number}
            )
        try:
            planner.write(action, target, data, report)
        except _AbortError as error:
            raise _AbortError(
                _("row %(row)d: %(error)s") % {"row": number, "error": error}
            ) from error
        if progress and done % PROGRESS_EVERY == 0:
            progress("writing", done, report.rows)
    planner.finish()
