"""`{% sort_header "name" _("Name") %}`: a sortable column header of a list table."""

from django import template

from innonet.core.views.sorting import sort_link

register = template.Library()


@register.inclusion_tag("core/_sort_header.html", takes_context=True)
def sort_header(context: template.Context, column: str, label: str, css: str = "") -> dict:
    """The column's header cell: a link that sorts by it (or reverses the current order) and
    `aria-sort` saying how the list is sorted now; reads `request` and `sort` from the page."""
    query, direction = sort_link(context["request"], column, context.get("sort", ""))
    return {"label": label, "query": query, "direction": direction, "css": css}
