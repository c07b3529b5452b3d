"""Sortable list columns: the `?sort=` key a request asks for, the order it means, and the
link of a column header (it sorts by its column, or reverses the current order)."""

from collections.abc import Mapping, Sequence

from django.db.models import Expression, F, QuerySet
from django.http import HttpRequest

# column key -> model fields (or text expressions such as `german_text("name")`) to order by
Columns = Mapping[str, Sequence[str | Expression]]


def sort_key(request: HttpRequest, columns: Columns, default: str) -> str:
    """The requested `sort` if it names a column (with an optional leading -), else `default`."""
    requested = request.GET.get("sort", "")
    return requested if requested.lstrip("-") in columns else default


def sort_queryset(
    queryset: QuerySet, columns: Columns, sort: str, *, nulls_last: bool = True
) -> QuerySet:
    """Order by the column's fields; empty values come last in either direction, or where
    the database puts them if not `nulls_last`."""
    descending = sort.startswith("-")
    keys = [F(field) if isinstance(field, str) else field for field in columns[sort.lstrip("-")]]
    last = True if nulls_last else None
    return queryset.order_by(
        *(key.desc(nulls_last=last) if descending else key.asc(nulls_last=last) for key in keys)
    )


def sort_link(request: HttpRequest, column: str, sort: str) -> tuple[str, str]:
    """The query string that sorts by `column` (reversing it when it is the current order),
    and the current direction of that column for `aria-sort`."""
    params = request.GET.copy()
    params.pop("page", None)
    params["sort"] = f"-{column}" if sort == column else column
    direction = "ascending" if sort == column else "descending" if sort == f"-{column}" else "none"
    return params.urlencode(), direction
