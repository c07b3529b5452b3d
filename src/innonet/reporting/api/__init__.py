"""REST routes of the reporting app: the indicators for a period and network, and the issued
funder reports (both for staff and board, read only)."""

from .indicators import IndicatorViewSet
from .reports import IssuedReportViewSet


def register_routes(router) -> None:
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("issued-reports", IssuedReportViewSet, basename="issued-report")
