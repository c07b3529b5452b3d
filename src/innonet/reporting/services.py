"""The reporting app's writes. Issuing the funder's report: a new version row at once, then a
background task that freezes its content and renders its PDF and XLSX from the frozen content.
And the office's yearly targets of the indicators (at the end).

Reporting writes only its own rows (IssuedReport) and audit entries; it reads everything else.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks.base import Task

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.errors import DomainError
from innonet.core.tasking import enqueue_on_commit
from innonet.networks.models import Network

from .indicators import INDICATORS, Period
from .indicators.facts import load_facts
from .indicators.registry import RATING, SHARE
from .models import IndicatorTarget, IssuedReport, ReportKind
from .reports.charts import report_charts
from .reports.content import freeze
from .reports.differences import compare
from .reports.document import report_document
from .reports.label.charts import label_charts
from .reports.label.content import freeze_label, section_steps
from .reports.label.document import label_document
from .reports.label.workbook import render_label_xlsx
from .reports.pdf import render_pdf
from .reports.workbook import render_xlsx

logger = logging.getLogger(__name__)
Status = IssuedReport.Status
LABEL_TEMPLATE = "reporting/reports/label_pdf.html"
VERSION_ATTEMPTS = 3  # two staff issuing the same report at once: the loser takes the next number


def total_steps(kind: str = ReportKind.FUNDER) -> int:
    """Loading the facts, each indicator, the annex (the label evidence: its sections), the PDF
    and the XLSX. The label evidence computes only the indicators it shows, so its bar may
    jump at the end."""
    if kind == ReportKind.LABEL:
        return 1 + len(INDICATORS) + section_steps() + 2
    return 1 + len(INDICATORS) + 1 + 2


def issue_report(
    period: Period,
    network: Network | None,
    *,
    acting_user: User | None,
    kind: str = ReportKind.FUNDER,
) -> IssuedReport:
    """Create the next version of the report of `kind` (the funder's report or the cluster
    label evidence) for `period` and `network` (None: all networks) and generate it in the
    background; returns the new, queued version."""
    if period.start > timezone.localdate():
        raise DomainError(_("The period has not begun yet."), field="start")
    for attempt in range(1, VERSION_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                report = _next_version(period, network, acting_user, kind)
                audit.record(
                    report,
                    "reporting.report.issued",
                    user=acting_user,
                    data={**period.as_query(), "network": network.pk if network else None,
                          "version": report.version, "kind": kind},
                )  # fmt: skip
                enqueue_on_commit(_task(), report_id=report.pk)
            return report
        except IntegrityError:
            if attempt == VERSION_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _task() -> Task:
    from .tasks import report_generate_task

    return report_generate_task


def _next_version(
    period: Period, network: Network | None, acting_user: User | None, kind: str
) -> IssuedReport:
    versions = IssuedReport.objects.for_scope(period.start, period.end, network, kind)
    last = versions.aggregate(last=Max("version"))["last"] or 0
    return IssuedReport.objects.create(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        network=network,
        network_name=network.name if network else "",
        version=last + 1,
        issued_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        progress_total=total_steps(kind),
    )


def versions_of(
    period: Period, network: Network | None, kind: str = ReportKind.FUNDER
) -> list[IssuedReport]:
    """The versions of one kind issued so far for this period and network, newest first."""
    return list(
        IssuedReport.objects.for_scope(period.start, period.end, network, kind)
        .listing()
        .order_by("-version")
    )


def report_generate(report_id: int) -> IssuedReport | None:
    """Freeze the report's content (once) and render the files it lacks; safe to run again
    after a crash at any point. A failure leaves the report `failed` with a message."""
    report = IssuedReport.objects.select_related("network").filter(pk=report_id).first()
    if report is None or report.status == Status.DONE:
        return report
    with translation.override(settings.LANGUAGE_CODE):
        try:
            _generate(report)
        except Exception as error:
            logger.exception("report %s could not be generated", report.pk)
            report_fail(report, error)
            raise
    report.refresh_from_db()
    return report


def _progress(report: IssuedReport, **fields: Any) -> None:
    IssuedReport.objects.filter(pk=report.pk).update(**fields)
    for name, value in fields.items():
        setattr(report, name, value)


def _generate(report: IssuedReport) -> None:
    if report.kind == ReportKind.LABEL:
        _generate_label(report)
        return
    total = total_steps()
    _progress(
        report, status=Status.RUNNING, started_at=timezone.now(), finished_at=None, error="",
        progress_done=0, progress_total=total,
    )  # fmt: skip
    if not report.content:
        _freeze(report)
    _progress(report, progress_done=total - 2)
    document = report_document(report)
    if not report.pdf:
        _store(report, "pdf", render_pdf(document, report_charts(document)))
    _progress(report, progress_done=total - 1)
    if not report.xlsx:
        _store(report, "xlsx", render_xlsx(document))
    _progress(report, status=Status.DONE, progress_done=total, finished_at=timezone.now())


def _generate_label(report: IssuedReport) -> None:
    """The cluster label evidence: frozen once, then its PDF and XLSX, as the funder's report
    (no differences to an earlier version: the assessment asks for the facts as they are)."""
    total = total_steps(ReportKind.LABEL)
    _progress(
        report, status=Status.RUNNING, started_at=timezone.now(), finished_at=None, error="",
        progress_done=0, progress_total=total,
    )  # fmt: skip
    if not report.content:
        facts = load_facts(report.network)
        done = 1
        _progress(report, progress_done=done)

        def step() -> None:
            nonlocal done
            done += 1
            if done % 4 == 0:
                _progress(report, progress_done=done)

        content = freeze_label(
            facts, report.period, network=report.network, version=report.version, step=step
        )
        with transaction.atomic():
            locked = IssuedReport.objects.select_for_update().get(pk=report.pk)
            if not locked.content:
                locked.content = content
                locked.save(update_fields=["content"])
        report.refresh_from_db(fields=["content"])
    _progress(report, progress_done=total - 2)
    document = label_document(report)
    if not report.pdf:
        pdf = render_pdf(document, label_charts(document), template=LABEL_TEMPLATE)
        _store(report, "pdf", pdf)
    _progress(report, progress_done=total - 1)
    if not report.xlsx:
        _store(report, "xlsx", render_label_xlsx(document))
    _progress(report, status=Status.DONE, progress_done=total, finished_at=timezone.now())


def _freeze(report: IssuedReport) -> None:
    """Compute from the data as it is now and keep the result, with the differences to the
    latest issued version before this one. Done once: a second run finds it frozen."""
    facts = load_facts(report.network)
    done = 1
    _progress(report, progress_done=done)

    def step() -> None:
        nonlocal done
        done += 1
        if done % 4 == 0:  # a write per few steps is enough for a progress bar
            _progress(report, progress_done=done)

    content = freeze(
        facts, report.period, network=report.network, version=report.version, step=step
    )
    previous = (
        IssuedReport.objects.for_scope(report.period_start, report.period_end, report.network)
        .filter(status=Status.DONE, version__lt=report.version)
        .order_by("-version")
        .first()
    )
    differences = {}
    if previous is not None:
        differences = {
            "previous": {
                "id": previous.pk,
                "version": previous.version,
                "issued_at": previous.issued_at.isoformat(),
            },
            **compare(previous.content, content),
        }
    with transaction.atomic():
        locked = IssuedReport.objects.select_for_update().get(pk=report.pk)
        if not locked.content:
            locked.content, locked.differences, locked.supersedes = content, differences, previous
            locked.save(update_fields=["content", "differences", "supersedes"])
    report.refresh_from_db(fields=["content", "differences", "supersedes"])


def _store(report: IssuedReport, name: str, data: bytes) -> None:
    """Keep a rendered file under a generated name, with its SHA-256."""
    field = getattr(report, name)
    field.save(f"{report.file_stem}.{name}", ContentFile(data), save=False)
    digest = hashlib.sha256(data).hexdigest()
    _progress(report, **{name: field.name, f"{name}_sha256": digest})


def report_fail(report: IssuedReport, error: BaseException | str) -> None:
    """Mark the report failed with a message the office can act on."""
    if isinstance(error, str):
        message = error
    elif isinstance(error, DomainError):
        message = error.message
    else:
        detail = f"{type(error).__name__}: {error}"[:300]
        message = _("Generating the report failed (%(error)s). Start it again; if it fails "
                    "again, tell the administrator.") % {"error": detail}  # fmt: skip
    _progress(report, status=Status.FAILED, error=message[:500], finished_at=timezone.now())


@transaction.atomic
def report_retry(report: IssuedReport, *, acting_user: User | None) -> IssuedReport:
    """Generate a failed report again: its frozen content, if it got that far, is kept."""
    report = IssuedReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.FAILED:
        raise DomainError(_("Only a report whose generation failed can be started again."))
    report.status, report.error, report.progress_done = Status.QUEUED, "", 0
    report.save(update_fields=["status", "error", "progress_done"])
    audit.record(report, "reporting.report.retried", user=acting_user)
    enqueue_on_commit(_task(), report_id=report.pk)
    return report


def report_downloaded(report: IssuedReport, *, fmt: str, acting_user: User | None) -> bytes:
    """The stored file as issued, recorded in the audit log; refuses a file that no longer
    matches the checksum taken when it was issued."""
    field = getattr(report, fmt)
    expected = getattr(report, f"{fmt}_sha256")
    if report.status != Status.DONE or not field:
        raise DomainError(_("This report has no file yet."))
    with field.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != expected:
        logger.error("stored %s of report %s does not match its checksum", fmt, report.pk)
        raise DomainError(_("The stored file does not match the one issued. Tell the "
                            "administrator; issue a new version if it is needed now."))  # fmt: skip
    audit.record(report, "reporting.report.downloaded", user=acting_user, data={"format": fmt})
    return data


def release_interrupted(report_id: int | None, *, retried: bool) -> None:
    """The worker died while generating: queued again when the task is retried, else failed."""
    report = IssuedReport.objects.filter(pk=report_id).first() if report_id else None
    if report is None or report.status == Status.DONE:
        return
    if retried:
        _progress(report, status=Status.QUEUED)
        return
    report_fail(report, _("The background worker stopped while generating the report. Start "
                          "it again."))  # fmt: skip


# Yearly targets -------------------------------------------------------------------------------
LIMITS = {SHARE: Decimal(100), RATING: Decimal(5)}  # shares are entered in percent
MAX_TARGET = Decimal("999999999999")


def targets_for(year: int, network: Network | None) -> dict[str, Decimal]:
    return dict(
        IndicatorTarget.objects.filter(year=year, network=network).values_list("indicator", "value")
    )


def parse_target(code: str, text: str) -> Decimal | None:
    """A target as typed ("1.200", "12,5", empty for none); DomainError names the indicator."""
    indicator = INDICATORS.get(code)
    if indicator is None:
        raise DomainError(_("Unknown indicator."), field=code)
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError(_("Enter a number."), field=code) from None
    if not value.is_finite():
        raise DomainError(_("Enter a number."), field=code)
    if value < 0:
        raise DomainError(_("Enter a number that is not negative."), field=code)
    limit = LIMITS.get(indicator.unit, MAX_TARGET)
    if value > limit:
        raise DomainError(
            _("Enter a number up to %(limit)s.") % {"limit": f"{limit.normalize():f}"}, field=code
        )
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def targets_set(
    year: int,
    network: Network | None,
    values: Mapping[str, Decimal | None],
    *,
    acting_user: User | None,
) -> dict[str, list[str]]:
    """Set (or, with None, remove) the year's targets; returns the codes set and removed."""
    if not 1990 <= year <= 2100:
        raise DomainError(_("Enter a year between 1990 and 2100."), field="year")
    unknown = set(values) - set(INDICATORS)
    if unknown:
        raise DomainError(_("Unknown indicator."), field=sorted(unknown)[0])
    current = targets_for(year, network)
    changed: dict[str, list[str]] = {"set": [], "removed": []}
    for code, value in values.items():
        if value is None:
            if code in current:
                IndicatorTarget.objects.filter(year=year, network=network, indicator=code).delete()
                changed["removed"].append(code)
        elif current.get(code) != value:
            IndicatorTarget.objects.update_or_create(
                year=year, network=network, indicator=code,
                defaults={"value": value, "updated_by": acting_user},
            )  # fmt: skip
            changed["set"].append(code)
    if changed["set"] or changed["removed"]:
        audit.record(
            network,
            "reporting.targets.saved",
            user=acting_user,
            data={"year": year, **changed},
        )
    return changed
