"""API list pages: keyset pagination through `next` and `previous` links, a count that stops at
1,000, and page numbers for clients that ask for them.

A client that follows `next` gets keyset pages: the link's `cursor` names the last row shown
(the values of the list's order, signed), and the next page is "the rows after it" in the same
order, which an index answers as fast on page 2,000 as on page 2. German-ordered names compare
in the German collation, so the cursor agrees with the order. `?page=N` still works (an offset,
slower on deep pages); `count` is exact up to 1,000, `count_is_exact` says whether it is.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.models import Expression, F, Model, OrderBy, Q, QuerySet
from django.db.models.functions import Collate
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..collation import COLLATION
from ..pagination import COUNT_CAP, CappedPaginator, capped_count

CURSOR_SALT = "innonet.api.cursor"


def _positive_int_param(request, name: str, maximum: int | None = None) -> None:
    """A page parameter, if given, is one positive whole number up to `maximum`; anything else
    is an error, not silently replaced."""
    values = request.query_params.getlist(name)
    if not values:
        return
    raw = values[0]
    if len(values) > 1 or not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
        raise ValidationError({name: [_("Expected a positive whole number.")]})
    if maximum is not None and int(raw) > maximum:
        raise ValidationError(
            {name: [_("At most %(maximum)s rows per page.") % {"maximum": maximum}]}
        )


@dataclass(frozen=True)
class Key:
    """One term of a list's order: a concrete field, its direction, German collation or not."""

    field: str
    descending: bool
    german: bool

    def expression(self) -> Expression:
        return Collate(F(self.field), COLLATION) if self.german else F(self.field)

    def ordering(self) -> OrderBy:
        return self.expression().desc() if self.descending else self.expression().asc()


def order_keys(queryset: QuerySet) -> list[Key] | None:
    """The queryset's order as keys ending in the primary key, or None when a term is not a
    field of the model or of a model it points to (then keyset pages are not possible)."""
    query = queryset.query
    if not query.standard_ordering:
        return None
    terms: Sequence[Any] = query.order_by or (
        query.get_meta().ordering if query.default_ordering else ()
    )
    keys: list[Key] = []
    for term in terms:
        key = _key(term, queryset.model)
        if key is None:
            return None
        keys.append(key)
    pk = queryset.model._meta.pk.attname
    if not any(key.field == pk for key in keys):
        keys.append(Key(pk, False, False))
    return keys


def _key(term: Any, model: type[Model]) -> Key | None:
    if isinstance(term, str):
        descending = term.startswith("-")
        path = _field_path(model, term.lstrip("-"))
        return Key(path, descending, False) if path else None
    if isinstance(term, OrderBy) and term.nulls_first is None and term.nulls_last is None:
        inner, german = term.expression, False
        if isinstance(inner, Collate):
            german = True
            inner = inner.get_source_expressions()[0]
        if isinstance(inner, F):
            path = _field_path(model, inner.name)
            return Key(path, term.descending, german) if path else None
    return None


def _field_path(model: type[Model], name: str) -> str | None:
    """`name` as a lookup path whose every step but the last is a foreign key and whose last
    step is a plain column, or None. Ordering by a relation itself is left out: Django then
    orders by the other model's own ordering, which a cursor cannot follow."""
    parts = name.split("__")
    steps = []
    for index, part in enumerate(parts):
        if part == "pk":
            part = model._meta.pk.name
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        last = index == len(parts) - 1
        if last:
            if field.is_relation or not field.concrete:
                return None
            steps.append(field.attname)
        else:
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                return None
            steps.append(field.name)
            model = field.related_model
    return "__".join(steps)


def _value(row: Any, path: str) -> Any:
    for step in path.split("__"):
        if row is None:
            return None
        row = getattr(row, step)
    return row


def _tie_broken(queryset: QuerySet, keys: list[Key] | None) -> QuerySet:
    """The queryset in its order made total by the primary key, so that numbered pages
    neither repeat nor skip rows that tie (PostgreSQL returns ties in any order)."""
    if keys is not None:
        return queryset.order_by(*(key.ordering() for key in keys))
    query = queryset.query
    if not query.standard_ordering:
        return queryset
    terms = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    return queryset.order_by(*terms, "pk")


def _alias(key: Key) -> str:
    return f"_key_{key.field}"


def _compare(key: Key, value: Any, after: bool, nulls_high: bool) -> Q | None:
    """Rows strictly after (or before) `value` in this key's order; None for none."""
    alias = _alias(key)
    greater = after != key.descending  # moving towards larger values
    isnull, notnull = Q(**{f"{alias}__isnull": True}), Q(**{f"{alias}__isnull": False})
    if value is None:
        # Nulls sort as the largest value on PostgreSQL, the smallest on SQLite.
        return None if greater == nulls_high else notnull
    strictly = Q(**{f"{alias}__{'gt' if greater else 'lt'}": value})
    if greater == nulls_high:
        return strictly | isnull
    return strictly


def _equal(key: Key, value: Any) -> Q:
    alias = _alias(key)
    if value is None:
        return Q(**{f"{alias}__isnull": True})
    return Q(**{alias: value})


def beyond(queryset: QuerySet, keys: list[Key], values: list[Any], *, after: bool) -> QuerySet:
    """The rows after (or before) the row whose order values are `values`."""
    nulls_high = connections[queryset.db].vendor == "postgresql"
    queryset = queryset.alias(**{_alias(key): key.expression() for key in keys})
    condition = Q(pk__in=[])
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        step = _compare(key, value, after, nulls_high)
        if step is not None:
            condition |= prefix & step
        prefix &= _equal(key, value)
    return queryset.filter(condition)


class Pagination(BasePagination):
    """Keyset pages by `cursor` (what `next` and `previous` link to), or numbered pages by
    `page`; `page_size` up to 200; `count` exact up to `COUNT_CAP` (1,000)."""

    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_param = "cursor"
    page_query_param = "page"

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int_param(request, self.page_query_param)
        _positive_int_param(request, self.page_size_query_param, self.max_page_size)
        self.request = request
        keys = order_keys(queryset)
        if request.query_params.get(self.page_query_param) or keys is None:
            if self.cursor_query_param in request.query_params:
                message = (
                    _("Give either a cursor or a page number, not both.")
                    if keys is not None
                    else _("This list is paged by page number; it has no cursor.")
                )
                raise ValidationError({self.cursor_query_param: [message]})
            self.numbered = NumberedPagination()
            return self.numbered.paginate_queryset(_tie_broken(queryset, keys), request, view)
        self.numbered = None
        self.counted = capped_count(queryset, COUNT_CAP)
        return self._keyset_page(
            queryset.order_by(*(key.ordering() for key in keys)), keys, request
        )

    def page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        default = settings.REST_FRAMEWORK.get("PAGE_SIZE", 50)
        return int(raw) if raw else default  # checked: a whole number up to the maximum

    def _signature(self, keys: list[Key]) -> dict[str, Any]:
        """What a cursor is valid for: this list (its path) in this order."""
        return {
            "list": self.request.path,
            "order": [[k.field, k.descending, k.german] for k in keys],
        }

    def _read_cursor(self, request, keys: list[Key]) -> tuple[list[Any], bool] | None:
        values = request.query_params.getlist(self.cursor_query_param)
        if not values:
            return None
        try:
            if len(values) > 1:
                raise signing.BadSignature
            data = signing.loads(values[0], salt=CURSOR_SALT)
            signature = self._signature(keys)
            if any(data.get(name) != value for name, value in signature.items()):
                raise signing.BadSignature
            if len(data.get("values", ())) != len(keys):
                raise signing.BadSignature
            return data["values"], bool(data["after"])
        except (signing.BadSignature, TypeError, AttributeError, ValueError) as error:
            raise ValidationError(
                {self.cursor_query_param: [_("This cursor is not valid for this list.")]}
            ) from error

    def _link(self, values: list[Any], keys: list[Key], *, after: bool) -> str:
        data = {**self._signature(keys), "values": values, "after": after}
        encoded = signing.dumps(data, salt=CURSOR_SALT, serializer=_JsonSerializer)
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, encoded)

    def _cursor(self, row: Any, keys: list[Key], *, after: bool) -> str:
        return self._link([_value(row, key.field) for key in keys], keys, after=after)

    def _keyset_page(self, queryset, keys: list[Key], request) -> list:
        size = self.page_size(request)
        cursor = self._read_cursor(request, keys)
        if cursor is not None:
            values, after = cursor
            rows = list(
                beyond(queryset, keys, values, after=after)[: size + 1]
                if after
                else beyond(queryset, keys, values, after=False).reverse()[: size + 1]
            )
            more = len(rows) > size
            rows = rows[:size]
            if after:
                self.next_link = self._cursor(rows[-1], keys, after=True) if more else None
                # Rows deleted since: the way back still starts where this page began.
                self.previous_link = (
                    self._cursor(rows[0], keys, after=False)
                    if rows
                    else self._link(values, keys, after=False)
                )
                return rows
            if more:
                rows.reverse()
                self.previous_link = self._cursor(rows[0], keys, after=False)
                self.next_link = self._cursor(rows[-1], keys, after=True)
                return rows
            # Back at the start of the list (rows may have gone since): the first page.
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        self.next_link = self._cursor(rows[-1], keys, after=True) if more else None
        self.previous_link = None
        return rows

    def get_paginated_response(self, data):
        if self.numbered is not None:
            paginator = self.numbered.page.paginator  # it has counted, once
            count, exact = paginator.count, not paginator.count_is_capped
            next_link = self.numbered.get_next_link()
            previous_link = self.numbered.get_previous_link()
        else:
            count, exact = min(self.counted, COUNT_CAP), self.counted <= COUNT_CAP
            next_link, previous_link = self.next_link, self.previous_link
        return Response(
            {
                "count": count,
                "count_is_exact": exact,
                "next": next_link,
                "previous": previous_link,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_is_exact", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": f"Rows in the list; at most {COUNT_CAP:,} (see count_is_exact).",
                    "example": 123,
                },
                "count_is_exact": {
                    "type": "boolean",
                    "description": f"False when the list has more than {COUNT_CAP:,} rows.",
                },
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from the `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number instead of a cursor (slower on deep pages).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, at most {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class NumberedPagination(PageNumberPagination):
    """`?page=N`: an offset into the list (a query set or a Python list), with the capped
    count."""

    django_paginator_class = CappedPaginator
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int_param(request, self.page_query_param)
        _positive_int_param(request, self.page_size_query_param, self.max_page_size)
        return super().paginate_queryset(queryset, request, view)


class _ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder cuts them to milliseconds, which would
    skip or repeat rows at a page boundary)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _JsonSerializer:
    """`signing.dumps` serializer that also writes dates, times, decimals and UUIDs; read back
    by the default JSON serializer."""

    def dumps(self, obj: Any) -> bytes:
        return _ExactEncoder(separators=(",", ":")).encode(obj).encode("latin-1")
