"""Server-rendered SVG charts for pages, the PDF report and e-mails.

Pure Python without models or JavaScript: a chart function takes category names and series
and returns a `Chart` with self-contained SVG (inline attributes only, no CSS, no fonts to
fetch, ids unique per chart) and the same numbers as a `DataTable`, which
`reporting/_chart.html` shows beside the picture. docs/decisions.md, "Charts are our own SVG".
"""

from .horizontal import horizontal_bar_chart
from .model import (
    COUNT,
    DECIMAL,
    EURO,
    PERCENT,
    Chart,
    DataTable,
    Series,
    TableRow,
    Unit,
    format_number,
)
from .palette import SERIES_COLOURS, contrast_ratio
from .vertical import bar_chart, line_chart, stacked_bar_chart

__all__ = [
    "COUNT",
    "DECIMAL",
    "EURO",
    "PERCENT",
    "SERIES_COLOURS",
    "Chart",
    "DataTable",
    "Series",
    "TableRow",
    "Unit",
    "bar_chart",
    "contrast_ratio",
    "format_number",
    "horizontal_bar_chart",
    "line_chart",
    "stacked_bar_chart",
]
