"""`{% record_panels object %}`: the panels higher apps registered for this record's page
(core.panels), each rendered with its own data inside the page's context."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from innonet.core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def record_panels(context: template.Context, record) -> SafeString:
    """Every panel of `record` the signed-in user may see, in order; nothing for others."""
    user = getattr(context.get("request"), "user", None)
    shown = panels_for(user, record) if record is not None and user is not None else []
    parts = []
    for panel in shown:
        data = panel.context(user, record)
        if data is None:
            continue
        panel_template = context.template.engine.get_template(panel.template_name)
        with context.push(record=record, **data):
            parts.append(panel_template.render(context))
    # Safe to mark: each part is the output of an autoescaping template.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703
