"""`{{ organisation|address_lines }}`: a record's postal address as lines in its country's order."""

from typing import Any

from django import template

from innonet.core import addresses

register = template.Library()


@register.filter
def address_lines(record: Any) -> list[str]:
    return addresses.address_lines(addresses.address_parts(record)) if record else []
