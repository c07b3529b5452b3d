"""Charts of an issued report, drawn from its frozen document (SVG, for the PDF)."""

from __future__ import annotations

from .document import ReportDocument


def report_charts(document: ReportDocument) -> dict[str, str]:
    """Chart name -> SVG markup; the PDF shows each under the indicator tables."""
    return {}
