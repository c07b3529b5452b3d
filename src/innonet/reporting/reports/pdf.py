"""The PDF of an issued report, rendered with WeasyPrint from the frozen document.

The renderer loads nothing from outside (no http, no files), only inline data: URIs: the
report's text comes from the registry and could otherwise make the server fetch URLs."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

ALLOWED_URL_SCHEMES = frozenset({"data"})
TEMPLATE = "reporting/reports/pdf.html"


def _fetcher() -> Any:
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict:
            if url.split(":", 1)[0].lower() not in ALLOWED_URL_SCHEMES:
                raise ValueError(f"Refusing to load {url[:80]!r} while rendering a PDF")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols=ALLOWED_URL_SCHEMES, allow_redirects=False)


def render_html(
    document: Any, charts: dict[str, Any] | None = None, *, template: str = TEMPLATE
) -> str:
    return render_to_string(template, {"doc": document, "charts": charts or {}})


def render_pdf(
    document: Any, charts: dict[str, Any] | None = None, *, template: str = TEMPLATE
) -> bytes:
    """The report (a ReportDocument, or a LabelDocument with its own template) as PDF
    bytes."""
    from weasyprint import HTML

    html = render_html(document, charts, template=template)
    return HTML(string=html, base_url=None, url_fetcher=_fetcher()).write_pdf()
