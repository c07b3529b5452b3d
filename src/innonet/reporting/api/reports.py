"""REST routes of the issued funder's reports: read-only, for staff and the board.

The list gives each version with its status and file links; the detail adds the frozen
content and the differences to the previous version. The files download as issued, with the
checksum taken when they were made."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import permissions as drf
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.rest.viewsets import ScopedReadOnlyViewSet

from .. import services
from ..filters import IssuedReportFilterSet
from ..models import IssuedReport
from ..reports.views import FILE_TYPES


class ReadersOnly(drf.BasePermission):
    """Staff and the board; other signed-in roles are refused, not shown an empty list."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if not permissions.reads_everything(request.user):
            raise PermissionDenied
        return True


class IssuedReportSerializer(serializers.ModelSerializer):
    network = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    network_name = serializers.CharField(source="network_label", read_only=True)
    period_label = serializers.CharField(read_only=True)
    supersedes = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedReport
        fields = [
            "id", "kind", "period_start", "period_end", "period_label", "network", "network_name",
            "version", "supersedes", "issued_at", "status", "progress_done", "progress_total",
            "error", "finished_at", "pdf_url", "pdf_sha256", "xlsx_url", "xlsx_sha256",
        ]  # fmt: skip
        read_only_fields = fields

    def _file_url(self, report: IssuedReport, fmt: str) -> str | None:
        if report.status != IssuedReport.Status.DONE or not getattr(report, fmt):
            return None
        request = self.context.get("request")
        url = f"/api/issued-reports/{report.pk}/{fmt}/"
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf_url(self, report: IssuedReport) -> str | None:
        return self._file_url(report, "pdf")

    @extend_schema_field(OpenApiTypes.URI)
    def get_xlsx_url(self, report: IssuedReport) -> str | None:
        return self._file_url(report, "xlsx")


class IssuedReportDetailSerializer(IssuedReportSerializer):
    content = serializers.JSONField(read_only=True, help_text="Everything the report shows.")
    differences = serializers.JSONField(
        read_only=True, help_text="What changed from the version this one supersedes."
    )

    class Meta(IssuedReportSerializer.Meta):
        fields = [*IssuedReportSerializer.Meta.fields, "content", "differences"]
        read_only_fields = fields


FILE_RESPONSES = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF"),
}
XLSX_RESPONSES = {
    (200, FILE_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="The XLSX"),
}


class IssuedReportViewSet(ScopedReadOnlyViewSet):
    """Issued reports, newest first; filter by year, network, status, or search."""

    queryset = IssuedReport.objects.select_related("issued_by")
    serializer_class = IssuedReportSerializer
    filterset_class = IssuedReportFilterSet
    permission_classes = [ReadersOnly]
    ordering_fields = ["issued_at", "period_start", "version"]
    ordering = ["-issued_at", "-id"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            return queryset.defer("content", "differences")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return IssuedReportDetailSerializer
        return IssuedReportSerializer

    def perform_content_negotiation(self, request, force: bool = False):
        """The files answer in their own type whatever the client accepts; their errors (and
        everything else) are JSON."""
        return super().perform_content_negotiation(
            request, force=force or self.action in ("pdf", "xlsx")
        )

    def _file(self, fmt: str) -> HttpResponse:
        report = self.get_object()
        try:
            data = services.report_downloaded(report, fmt=fmt, acting_user=self.request.user)
        except DomainError as error:
            raise NotFound(error.message) from error
        response = HttpResponse(data, content_type=FILE_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
        return response

    @extend_schema(responses=FILE_RESPONSES, filters=False)
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None) -> HttpResponse:
        """The PDF as issued."""
        return self._file("pdf")

    @extend_schema(responses=XLSX_RESPONSES, filters=False)
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None) -> HttpResponse:
        """The XLSX as issued."""
        return self._file("xlsx")
