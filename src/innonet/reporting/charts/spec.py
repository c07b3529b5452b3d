"""A chart's input, checked once: categories, series with their looks, values as floats."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from . import palette
from .model import COUNT, DECIMAL, Number, Series, Unit
from .palette import Look
from .svg import new_id

FONT_SIZE = 13.0
SMALL = 11.5
MIN_WIDTH, MIN_HEIGHT = 240, 160


@dataclass(frozen=True)
class Spec:
    """What one chart draws; `numbers` holds floats for the geometry (None for a gap) and
    `exact` the values as given, for the text."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    numbers: tuple[tuple[float | None, ...], ...]
    looks: tuple[Look, ...]
    title: str
    description: str
    unit: Unit
    target: float | None
    category_label: str
    width: int
    id: str

    @property
    def empty(self) -> bool:
        """Nothing to draw: every value missing or zero."""
        return not any(value for row in self.numbers for value in row)

    def values(self) -> list[float]:
        return [value for row in self.numbers for value in row if value is not None]

    def exact(self, series: int, category: int) -> Number | None:
        """The value as given (a Decimal stays exact), or None for a gap."""
        if self.numbers[series][category] is None:
            return None
        return self.series[series].values[category]

    def tooltip(self, series: int, category: int) -> str:
        """The tooltip of a mark: "2024: 12", or with several series "2024, Vorperiode: 12"."""
        shown = self.unit.format_cell(self.exact(series, category))
        if len(self.series) == 1:
            return f"{self.categories[category]}: {shown}"
        return f"{self.categories[category]}, {self.series[series].label}: {shown}"


def make_spec(
    kind: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    unit: Unit | None,
    target: Number | None,
    category_label: str,
    width: int,
    chart_id: str | None,
) -> Spec:
    """Check the input (one value per category in every series) and settle unit and looks;
    without a unit, whole numbers count (COUNT) and others get one decimal."""
    if not series:
        raise ValueError("a chart needs at least one series")
    if width < MIN_WIDTH:
        raise ValueError(f"a chart needs a width of at least {MIN_WIDTH}")
    for one in series:
        if len(one.values) != len(categories):
            count, expected = len(one.values), len(categories)
            raise ValueError(f"series {one.label!r} has {count} values, not {expected}")
    if unit is None:
        whole = all(isinstance(v, int) for one in series for v in one.values if v is not None)
        unit = COUNT if whole else DECIMAL
    return Spec(
        kind=kind,
        categories=tuple(str(c) for c in categories),
        series=tuple(series),
        numbers=tuple(tuple(one.numbers()) for one in series),
        looks=tuple(
            palette.look_for(i, colour=one.colour, style=one.style) for i, one in enumerate(series)
        ),
        title=title,
        description=description,
        unit=unit,
        target=None if target is None else float(target),
        category_label=category_label or gettext("Category"),
        width=width,
        id=new_id(chart_id),
    )
