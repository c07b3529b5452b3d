"""How an indicator's value reads, the same on the dashboard, the drill-down and the report."""

from decimal import Decimal

from django.utils.translation import gettext as _

from innonet.reporting.charts import COUNT, DECIMAL, EURO, PERCENT, Unit, format_number
from innonet.reporting.indicators import Indicator
from innonet.reporting.indicators.registry import EURO as EURO_UNIT
from innonet.reporting.indicators.registry import RATING, SHARE

CHART_UNITS = {SHARE: PERCENT, EURO_UNIT: EURO, RATING: DECIMAL}
DASH = "\u2013"


def chart_unit(indicator: Indicator) -> Unit:
    return CHART_UNITS.get(indicator.unit, COUNT)


def format_value(indicator: Indicator, value) -> str:
    if value is None:
        return DASH
    if indicator.unit == EURO_UNIT:
        return chart_unit(indicator).format(value, 0)
    return chart_unit(indicator).format(value)


def target_in_unit(indicator: Indicator, target: Decimal) -> Decimal:
    """Targets of shares are entered in per cent; values are fractions."""
    return target / 100 if indicator.unit == SHARE else target


def format_change(indicator: Indicator, value, previous) -> str:
    """The change to the previous period, signed ("+12"); percentage points for shares."""
    if value is None or previous is None:
        return ""
    difference = Decimal(str(value)) - Decimal(str(previous))
    unit = chart_unit(indicator)
    if indicator.unit == SHARE:
        points = format_number(difference * 100, 1, signed=True)
        return _("%(points)s pp") % {"points": points}
    return unit.format(difference, 0 if indicator.unit == EURO_UNIT else None, signed=True)
