"""Factories of reporting: an issued funder's report, queued (the generation task freezes its
content and renders its files) or already issued."""

import hashlib
from datetime import date
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from innonet.reporting.indicators import Period
from innonet.reporting.indicators.facts import load_facts
from innonet.reporting.models import IndicatorTarget, IssuedReport
from innonet.reporting.reports.content import freeze
from innonet.reporting.reports.label.content import freeze_label


class IssuedReportFactory(factory.django.DjangoModelFactory):
    """Version 1 of last year's report over all networks, not generated yet."""

    class Meta:
        model = IssuedReport

    period_start = factory.LazyFunction(lambda: date(timezone.localdate().year - 1, 1, 1))
    period_end = factory.LazyFunction(lambda: date(timezone.localdate().year - 1, 12, 31))
    version = factory.Sequence(lambda n: n + 1)
    progress_total = 30


def issued_report(network=None, **fields) -> IssuedReport:
    """An issued version with content frozen from the data as it is, and small stand-in files
    (rendering real ones takes seconds; tests of the files issue through the task)."""
    report = IssuedReportFactory(network=network, network_name=network.name if network else "",
                                 **fields)  # fmt: skip
    make = freeze_label if report.kind == "label" else freeze
    report.content = make(
        load_facts(network), Period(report.period_start, report.period_end),
        network=network, version=report.version,
    )  # fmt: skip
    for name, data in (("pdf", b"%PDF-1.7 stand-in"), ("xlsx", b"PK stand-in")):
        getattr(report, name).save(f"bericht.{name}", ContentFile(data), save=False)
        setattr(report, f"{name}_sha256", hashlib.sha256(data).hexdigest())
    report.status = IssuedReport.Status.DONE
    report.progress_done = report.progress_total
    report.save()
    return report


class TargetFactory(factory.django.DjangoModelFactory):
    """The office's target of 100 partners for 2025, for all networks."""

    class Meta:
        model = IndicatorTarget

    indicator = "partners"
    year = 2025
    value = Decimal("100")
