"""The XLSX of an issued report: one sheet each for the report's facts, the indicators, their
parts, the per-enterprise evidence, the events, the office's contacts and the differences to
the previous version. Cells are typed (numbers, dates) and text is never a formula."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from innonet.core.exports import new_workbook, workbook_bytes, write_sheet

from .document import IssuedDocument, ReportDocument


def number_cell(value: Any) -> Any:
    """Frozen values as spreadsheet numbers: euros were kept as exact decimal text."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def render_xlsx(document: ReportDocument) -> bytes:
    """The workbook as bytes."""
    workbook = new_workbook()
    write_sheet(workbook, [_("Field"), _("Value")], about_rows(document), title=_("Report"))
    write_sheet(
        workbook,
        [_("Group"), _("Code"), _("Indicator"), _("Value"), _("Unit"), _("Numerator"),
         _("Denominator"), _("Records"), _("Definition"), _("Source")],
        _indicators(document),
        title=_("Indicators"),
    )  # fmt: skip
    write_sheet(
        workbook,
        [_("Code"), _("Indicator"), _("Part"), _("Value")],
        _parts(document),
        title=_("Breakdown"),
    )
    write_sheet(
        workbook,
        [_("Indicators"), _("Organisation"), _("Kind"), _("Size"), _("SME"),
         _("Register or VAT id"), _("Evidence"), _("Activity"), _("Date")],
        _evidence(document),
        title=_("Enterprises"),
    )  # fmt: skip
    write_sheet(
        workbook,
        [_("Date"), _("Format"), _("Title"), _("Networks"), _("Registered"), _("Participants"),
         _("Of them from SMEs"), _("Organisations"), _("SMEs")],
        _events(document),
        title=_("Events"),
    )  # fmt: skip
    write_sheet(
        workbook,
        [_("Month"), _("Kind"), _("Counts as support"), _("Contacts"), _("Organisations"),
         _("SMEs")],
        _contacts(document),
        title=_("Contacts"),
    )  # fmt: skip
    write_sheet(
        workbook,
        [_("Code"), _("Indicator"), _("Change"), _("Before"), _("After"), _("Record")],
        _differences(document),
        title=_("Differences"),
    )
    return workbook_bytes(workbook)


def about_rows(document: IssuedDocument) -> Iterator[list[Any]]:
    """The first sheet of every issued document's workbook: what, whose, when, which version."""
    yield [_("Report"), document.title]
    yield [_("Network"), document.scope]
    yield [_("Period"), document.period_label]
    yield [_("Period from"), document.period_start]
    yield [_("Period to"), document.period_end]
    yield [_("Version"), document.version]
    yield [_("Issued"), document.issued_at]
    yield [_("Data as of"), document.as_of]
    previous = getattr(document, "previous", None)
    if previous:
        yield [_("Supersedes version"), previous["version"]]


def _indicators(document: ReportDocument) -> Iterator[list[Any]]:
    for group in document.groups:
        for row in group["indicators"]:
            yield [
                group["label"], row["code"], row["label"], number_cell(row["value"]),
                row["unit_label"], number_cell(row["numerator"]), number_cell(row["denominator"]),
                row["record_count"], row["definition"], row["source"],
            ]  # fmt: skip


def _parts(document: ReportDocument) -> Iterator[list[Any]]:
    for row in document.indicators:
        for part in row["parts"]:
            yield [row["code"], row["label"], part["label"], number_cell(part["value"])]


def _evidence(document: ReportDocument) -> Iterator[list[Any]]:
    for section in document.evidence:
        codes = ", ".join(section["codes"])
        for entry in section["rows"]:
            head = [
                codes, entry["name"], entry["kind_label"], entry["size_label"],
                _("yes") if entry["sme"] else _("no"), entry["identifier"],
            ]  # fmt: skip
            if not entry["evidence"]:
                yield [*head, "", "", None]
            for item in entry["evidence"]:
                yield [*head, item["kind_label"], item["label"], item["day"]]


def _events(document: ReportDocument) -> Iterator[list[Any]]:
    for row in document.events:
        yield [
            row["day"], row["format"], row["title"], ", ".join(row["networks"]),
            row["registered"], row["attended"], row["attended_sme"], row["organisations"],
            row["smes"],
        ]  # fmt: skip


def _contacts(document: ReportDocument) -> Iterator[list[Any]]:
    for row in document.contacts:
        yield [
            row["month_label"], row["kind_label"], _("yes") if row["support"] else _("no"),
            row["contacts"], row["organisations"], row["smes"],
        ]  # fmt: skip


def _differences(document: ReportDocument) -> Iterator[list[Any]]:
    changes = document.differences
    for figure in changes.get("figures", []):
        kind = _("new indicator") if figure["new"] else _("value changed")
        yield [
            figure["code"], figure["label"], kind, number_cell(figure["before"]),
            number_cell(figure["after"]), "",
        ]  # fmt: skip
        for part in figure["parts"]:
            yield [
                figure["code"], figure["label"], _("part changed"), number_cell(part["before"]),
                number_cell(part["after"]), part["label"],
            ]  # fmt: skip
    for change in changes.get("records", []):
        for item in change["added"]:
            yield [change["code"], change["label"], _("added"), None, None, item["label"]]
        for item in change["removed"]:
            yield [change["code"], change["label"], _("removed"), None, None, item["label"]]
