"""Pages of long lists that cost the same however long the list grows.

An exact count reads every matching row; past a few thousand rows that scan costs more than
the page itself. `CappedPaginator` counts at most `COUNT_CAP` rows (a scan that stops there)
and, when there are more, says "more than 1,000" and finds out whether a next page exists by
reading one row more than it shows. Counting up to 10,000 rows took 1-4 ms of every list page
of a large registry, up to 1,000 it takes a tenth of that (decisions.md, "Lists count up to
1,000").
"""

from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet

COUNT_CAP = 1_000


def capped_count(rows: Any, cap: int) -> int:
    """The number of rows, counted at most to `cap + 1` (a scan that stops there)."""
    if isinstance(rows, QuerySet):
        return rows.order_by().values("pk")[: cap + 1].count()
    return len(rows)


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


class CappedPaginator(Paginator):
    """A paginator whose count stops at `cap`; `count_is_capped` tells the template to say
    "more than"."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        """Rows counted, at most one beyond the cap."""
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        """Exact up to the cap; the cap when there are more."""
        return min(self._counted, self.cap)

    @property
    def count_is_capped(self) -> bool:
        return self._counted > self.cap

    @cached_property
    def num_pages(self) -> int:
        if not self.count_is_capped:
            return super().num_pages
        return -(-self.cap // self.per_page)

    def validate_number(self, number: Any) -> int:
        if not self.count_is_capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if not self.count_is_capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)
