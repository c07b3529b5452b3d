"""Charts of issued cluster label evidence, drawn from its frozen tables with the chart kit
(the same server-rendered SVG as the funder's report): members by kind and by size class,
events by format and projects by stage."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...charts import COUNT, Chart, Series, horizontal_bar_chart
from .document import LabelDocument
from .tables import CHARTS


def label_charts(document: LabelDocument) -> dict[str, Chart]:
    """Chart name -> Chart, for the tables that have rows in this evidence."""
    tables = {
        (section["key"], frozen["key"]): frozen
        for section in document.sections
        for frozen in section["tables"]
    }
    charts = {}
    for section, key, name, column in CHARTS:
        frozen = tables.get((section, key))
        rows = [row for row in (frozen or {}).get("rows", []) if row[column]["value"]]
        if not rows:
            continue
        charts[name] = horizontal_bar_chart(
            [row[0]["display"] for row in rows],
            [Series(frozen["columns"][column]["label"], [row[column]["value"] for row in rows])],
            title=frozen["title"],
            description=_("%(period)s, %(scope)s")
            % {"period": document.period_label, "scope": document.scope},
            unit=COUNT,
            category_label=frozen["columns"][0]["label"],
            chart_id=f"label-{document.report_id}-{name}",
        )
    return charts
