"""Charts of an issued report, drawn from its frozen document with the chart kit: the
enterprises supported by size (RCO01), the partners by kind and the events by format. Only
frozen numbers go in, so a chart reads the same whenever the report is opened."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..charts import COUNT, Chart, Series, horizontal_bar_chart
from .document import ReportDocument

# (indicator whose breakdown is drawn, chart name)
CHARTS = (
    ("RCO01", "enterprises_by_size"),
    ("partners", "partners_by_kind"),
    ("events", "events_by_format"),
)


def report_charts(document: ReportDocument) -> dict[str, Chart]:
    """Chart name -> Chart, for the indicators that have a breakdown in this report."""
    rows = document.by_code
    texts = {
        "enterprises_by_size": (
            _("Enterprises supported, by size (RCO01)"),
            _("Enterprises"),
            _("Size"),
        ),
        "partners_by_kind": (_("Partners by kind"), _("Partners"), _("Kind")),
        "events_by_format": (_("Events by format"), _("Events"), _("Format")),
    }
    charts = {}
    for code, name in CHARTS:
        row = rows.get(code)
        if row is None or not row["parts"]:
            continue
        title, series, category = texts[name]
        parts = row["parts"]
        charts[name] = horizontal_bar_chart(
            [part["label"] for part in parts],
            [Series(series, [part["value"] for part in parts])],
            title=title,
            description=_("%(indicator)s: %(value)s in total") % {
                "indicator": row["label"], "value": row["display"],
            },
            unit=COUNT,
            category_label=category,
            chart_id=f"report-{document.report_id}-{name}",
        )  # fmt: skip
    return charts
