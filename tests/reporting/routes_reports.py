"""Route x role rows for the funder's reports and the cluster label evidence: staff and the
board read, only staff issue or start a failed generation again; the REST API reads, for the
same two roles."""

from django.utils import timezone

from tests.access import LOGIN, READERS, STAFF_ONLY, Route, api_rows, expect, pk_of

from .factories import IssuedReportFactory, issued_report

API_READERS = expect(401, 403, 403, 403, 200, 200)


def objects(objs):
    return {
        "issued_report": issued_report(),
        "failed_report": IssuedReportFactory(status="failed", error="Test"),
        "label_report": issued_report(kind="label"),
    }


def _last_year(objs):
    return {"year": str(timezone.localdate().year - 1)}


ROUTES = [
    Route("reporting:report_list", READERS),
    Route("reporting:report_issue", STAFF_ONLY),
    Route(
        "reporting:report_issue",
        expect(LOGIN, 403, 403, 403, 403, 200),
        method="POST",
        data=_last_year,
        note="a version exists: staff are asked to confirm version 2",
    ),
    Route(
        "reporting:report_issue",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        data=lambda objs: {**_last_year(objs), "confirm": "True"},
    ),
    Route("reporting:report_detail", READERS, kwargs=pk_of("issued_report")),
    Route("reporting:report_detail", READERS, kwargs=pk_of("failed_report")),
    Route("reporting:report_detail", READERS, kwargs=pk_of("label_report")),
    Route("reporting:report_pdf", READERS, kwargs=pk_of("label_report")),
    Route("reporting:report_xlsx", READERS, kwargs=pk_of("label_report")),
    Route("reporting:label_issue", STAFF_ONLY),
    Route(
        "reporting:label_issue",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        data=lambda objs: {"start": "2025-01-01", "end": "2025-12-31", "confirm": "True"},
    ),
    Route(
        "reporting:label_issue",
        expect(LOGIN, 403, 403, 403, 403, 400),
        method="POST",
        data=lambda objs: {"start": "2025-12-31", "end": "2025-01-01"},
        note="a period that ends before it starts",
    ),
    Route("reporting:report_pdf", READERS, kwargs=pk_of("issued_report")),
    Route("reporting:report_xlsx", READERS, kwargs=pk_of("issued_report")),
    Route(
        "reporting:report_retry",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=pk_of("failed_report"),
    ),
    Route(
        "reporting:report_retry",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=pk_of("failed_report"),
        note="starting again changes data, so only POST",
    ),
    *api_rows("issued-report", "issued_report", list_get=API_READERS, detail_get=API_READERS),
    Route("issued-report-pdf", API_READERS, kwargs=pk_of("issued_report")),
    Route("issued-report-xlsx", API_READERS, kwargs=pk_of("issued_report")),
]
