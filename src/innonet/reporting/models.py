"""The funder's report as issued: one row per version of a period's report, holding everything
the report showed (frozen content) and the files handed out, so it reads the same years later."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from innonet.core.models.fields import OneLineCharField
from innonet.networks.models import Network

FILE_EXTENSIONS = frozenset({"pdf", "xlsx"})


@deconstructible
class ReportFileName:
    """`upload_to`: reports/<year>/<uuid>.<pdf|xlsx>; never a name from user text."""

    def __call__(self, instance: Any, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        extension = extension if extension in FILE_EXTENSIONS else "bin"
        year = instance.period_start.year if instance.period_start else "undated"
        return f"reports/{year}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReportFileName)

    def __hash__(self) -> int:
        return hash(type(self))


class ReportKind(models.TextChoices):
    """What an issued report is for: the funder's report, or the evidence a cluster
    excellence assessment (ESCA's cluster label, EUCLES) asks for."""

    FUNDER = "funder", _("report to the funder")
    LABEL = "label", _("cluster label evidence")


class IssuedReportQuerySet(models.QuerySet):
    def for_scope(
        self, start, end, network: Network | None, kind: str = ReportKind.FUNDER
    ) -> IssuedReportQuerySet:
        """The versions of one period's report of one kind for one network (None: all
        networks)."""
        scope = self.filter(period_start=start, period_end=end, kind=kind)
        return (
            scope.filter(network__isnull=True) if network is None else scope.filter(network=network)
        )

    def listing(self) -> IssuedReportQuerySet:
        """For lists: without the frozen content, with what a row shows."""
        return self.select_related("issued_by").defer("content", "differences")


class IssuedReport(models.Model):
    """One issued version of the funder's report for a period and a network (or all).

    `content` is what the report shows, frozen when it was computed; pages, PDF and XLSX are
    made from it and never from live data. The PDF and XLSX are kept as issued, with their
    SHA-256, so a copy handed to the funder can be checked against them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being generated")
        DONE = "done", _("issued")
        FAILED = "failed", _("failed")

    kind = OneLineCharField(
        _("kind of report"), max_length=6, choices=ReportKind.choices, default=ReportKind.FUNDER
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: all networks together."),
    )
    # The network's name when the report was issued ("" for all networks): lists and search
    # show it without reading the frozen content, and a later rename does not change it.
    network_name = OneLineCharField(_("network name"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"))
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = OneLineCharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("steps done"), default=0)
    progress_total = models.PositiveIntegerField(_("steps"), default=0)
    error = OneLineCharField(_("error"), max_length=500, blank=True)
    started_at = models.DateTimeField(_("generation started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("generation finished"), null=True, blank=True)
    content = models.JSONField(_("frozen content"), default=dict, blank=True)
    differences = models.JSONField(_("differences to the previous version"), default=dict)
    pdf = models.FileField(_("PDF"), upload_to=ReportFileName(), max_length=200, blank=True)
    pdf_sha256 = OneLineCharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to=ReportFileName(), max_length=200, blank=True)
    xlsx_sha256 = OneLineCharField(_("SHA-256 of the XLSX"), max_length=64, blank=True)

    objects = IssuedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        constraints = [
            # Partial indexes: a NULL network (all networks) would never clash in a plain one.
            models.UniqueConstraint(
                fields=["kind", "period_start", "period_end", "version"],
                condition=models.Q(network__isnull=True),
                name="issued_report_kind_version_all_networks",
            ),
            models.UniqueConstraint(
                fields=["kind", "period_start", "period_end", "network", "version"],
                condition=models.Q(network__isnull=False),
                name="issued_report_kind_version_per_network",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="issued_report_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["period_start", "period_end", "network"])]

    def __str__(self) -> str:
        if self.kind == ReportKind.LABEL:
            return _("Cluster label evidence %(period)s, version %(version)s") % {
                "period": self.period_label,
                "version": self.version,
            }
        return _("Report %(period)s, version %(version)s") % {
            "period": self.period_label,
            "version": self.version,
        }

    @property
    def period(self):
        from .indicators import Period

        return Period(self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def network_label(self) -> str:
        """The network as it was named when the report was issued."""
        return self.network_name or str(_("all networks"))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def file_stem(self) -> str:
        """A download name: bericht-2025-v2, bericht-2025-01-01-2025-06-30-v1."""
        start, end = self.period_start, self.period_end
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
            start.year == end.year
        ):
            span = str(start.year)
        else:
            span = f"{start.isoformat()}-{end.isoformat()}"
        prefix = "cluster-label" if self.kind == ReportKind.LABEL else "bericht"
        return f"{prefix}-{span}-v{self.version}"

    @property
    def is_label(self) -> bool:
        return self.kind == ReportKind.LABEL


ReportStatus = IssuedReport.Status  # named for the API schema (settings.SPECTACULAR_SETTINGS)


class IndicatorTarget(models.Model):
    """The value the office aims at for one indicator in one year, for one network or, with
    no network, for the whole installation."""

    indicator = OneLineCharField(_("indicator"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_targets",
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "network"],
                condition=Q(network__isnull=False),
                name="target_once_per_network",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(network__isnull=True),
                name="target_once_for_all_networks",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
