"""An issued report as its page, PDF and XLSX read it: the frozen document with dates as dates
and the rows each section lists. Built from the stored JSON only, never from live data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import IssuedReport

UNIT_LABELS = {
    "count": gettext_lazy("number"),
    "share": gettext_lazy("share"),
    "euro": gettext_lazy("euros"),
    "rating": gettext_lazy("rating 1-5"),
}
# The figures on the first page, in this order, where the report has them.
HEADLINE = ("partners", "events", "participants", "contacts", "RCO01", "RCO10")
EVIDENCE_SHOWN = 3  # evidence items per organisation in the PDF; page and XLSX have them all
# Above this many organisations in a section the PDF lists them as a register (several to a
# line, each with its first activity): WeasyPrint's time grows with every line it sets, and a
# line per organisation made a large network's report take a minute.
DETAILED_EVIDENCE_ROWS = 400
REGISTER_CHUNK = 24  # entries per paragraph of the register (long paragraphs lay out slowly)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass
class IssuedDocument:
    """What every issued document (funder's report, label evidence) says about itself."""

    report_id: int
    title: str
    scope: str
    period_label: str
    period_start: date
    period_end: date
    version: int
    issued_at: datetime
    as_of: date


def issued_fields(report: IssuedReport, title: str) -> dict[str, Any]:
    """The `IssuedDocument` fields of an issued report, read from its frozen content."""
    content = report.content
    return {
        "report_id": report.pk,
        "title": title,
        "scope": content["scope"],
        "period_label": content["period"]["label"],
        "period_start": date.fromisoformat(content["period"]["start"]),
        "period_end": date.fromisoformat(content["period"]["end"]),
        "version": content["version"],
        "issued_at": report.issued_at,
        "as_of": date.fromisoformat(content["as_of"]),
    }


@dataclass
class ReportDocument(IssuedDocument):
    """The sections of one issued report, ready for templates and the workbook."""

    groups: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    events: list[dict[str, Any]]
    event_totals: dict[str, Any]
    contacts: list[dict[str, Any]]
    contact_totals: dict[str, Any]
    differences: dict[str, Any] = field(default_factory=dict)
    previous: dict[str, Any] | None = None

    @property
    def by_code(self) -> dict[str, dict[str, Any]]:
        return {row["code"]: row for row in self.indicators}

    @property
    def headline(self) -> list[dict[str, Any]]:
        rows = self.by_code
        return [rows[code] for code in HEADLINE if code in rows]

    @property
    def evidence_count(self) -> int:
        """Different organisations over all evidence sections."""
        return len({row["id"] for section in self.evidence for row in section["rows"]})

    @property
    def edition_css(self) -> SafeString:
        """ "Version 2 of 07.12.2026" as a CSS string for the page footer (no user text)."""
        text = _("Version %(version)s of %(day)s") % {
            "version": self.version,
            "day": formats.date_format(timezone.localtime(self.issued_at), "SHORT_DATE_FORMAT"),
        }
        escaped = "".join(c if c.isalnum() or c in " .:-/" else f"\\{ord(c):x} " for c in text)
        return mark_safe(f'"{escaped}"')  # noqa: S308  # nosec B308 B703 - escaped above

    @property
    def has_differences(self) -> bool:
        return bool(self.differences.get("figures") or self.differences.get("records"))


def report_document(report: IssuedReport) -> ReportDocument:
    """The document of a report whose content is frozen."""
    content = report.content
    indicators = [_indicator(row) for row in content["indicators"]]
    by_code = {row["code"]: row for row in indicators}
    groups = [
        {**group, "indicators": [by_code[code] for code in group["indicators"] if code in by_code]}
        for group in content["groups"]
    ]
    annex = content["annex"]
    differences = report.differences or {}
    previous = differences.get("previous")
    if previous:
        previous = {**previous, "issued_at": parse_datetime(previous["issued_at"])}
    return ReportDocument(
        **issued_fields(report, _("Report to the funder")),
        groups=groups,
        indicators=indicators,
        evidence=[_evidence_section(section) for section in content["evidence"]],
        events=[_event(row, content["network"]) for row in annex["events"]["rows"]],
        event_totals=annex["events"]["totals"],
        contacts=[_contact(row) for row in annex["contacts"]["rows"]],
        contact_totals=annex["contacts"]["totals"],
        differences=differences,
        previous=previous,
    )


def _event(row: dict[str, Any], network: dict[str, Any] | None) -> dict[str, Any]:
    """An event row; `with_networks` names the other organising networks (for a report over
    all networks: every organising network)."""
    others = [name for name in row["networks"] if network is None or name != network["name"]]
    return {**row, "day": _day(row["date"]), "with_networks": others}


def _indicator(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "unit_label": str(UNIT_LABELS.get(row["unit"], row["unit"]))}


def _evidence_section(section: dict[str, Any]) -> dict[str, Any]:
    rows = [_evidence(row) for row in section["rows"]]
    register = len(rows) > DETAILED_EVIDENCE_ROWS
    chunks = [rows[i : i + REGISTER_CHUNK] for i in range(0, len(rows), REGISTER_CHUNK)]
    return {**section, "rows": rows, "register": chunks if register else None}


def _evidence(entry: dict[str, Any]) -> dict[str, Any]:
    items = [{**item, "day": _day(item["date"])} for item in entry["evidence"]]
    return {
        **entry,
        "evidence": items,
        "shown": items[:EVIDENCE_SHOWN],
        "more": max(0, len(items) - EVIDENCE_SHOWN),
    }


def _contact(row: dict[str, Any]) -> dict[str, Any]:
    year, month = (int(part) for part in row["month"].split("-"))
    label = formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
    return {**row, "month_label": label}
