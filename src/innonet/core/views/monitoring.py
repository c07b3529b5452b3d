"""The detailed health check and the metrics, for the operators' monitoring only
(`core.monitoring.access`); `/healthz` in `health` stays the load balancer's cheap check."""

from django.http import HttpRequest, HttpResponse, JsonResponse

from innonet.core.monitoring.access import monitoring_only
from innonet.core.monitoring.health import Status, run_checks
from innonet.core.monitoring.metrics import CONTENT_TYPE_LATEST, exposition


@monitoring_only
def health_status(request: HttpRequest) -> HttpResponse:
    """Every check with its status and time: 200 when all are ok, else 503."""
    report = run_checks()
    response = JsonResponse(report.as_dict(), status=200 if report.status is Status.OK else 503)
    # Each problem is logged once as a warning by its check; Django would add an error line
    # (and a mail to ADMINS) for every 503 of every poll.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@monitoring_only
def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus metrics in the text format."""
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
