"""`{{ start|span:end }}` and `{{ start|time_span:end }}`: spans as `core.dates` writes them."""

from datetime import datetime

from django import template

from innonet.core.dates import format_span, format_time_span

register = template.Library()


@register.filter
def span(start: datetime | None, end: datetime | None) -> str:
    return format_span(start, end) if start else ""


@register.filter
def time_span(start: datetime | None, end: datetime | None) -> str:
    return format_time_span(start, end) if start and end else ""
