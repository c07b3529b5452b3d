"""The form renderer: Django's, except that drop-downs are written in Python.

Django renders a `<select>` through one template include per option (and another for each
option's attributes). A country list of 250 entries then took 20 ms of a page on this machine,
and every filter form pays it again. `FormRenderer` writes the same markup directly for the
standard select and option templates, escaped as the templates escape it, and hands every other
template (and any widget with its own option template) to Django.
"""

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

__all__ = ["FormRenderer", "render_select"]

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attributes(attrs: dict[str, Any]) -> str:
    """Like Django's attrs.html: True writes the bare name, False leaves the attribute out."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option: dict[str, Any]) -> str:
    value = conditional_escape(str(option["value"]))
    label = conditional_escape(option["label"])
    return f'<option value="{value}"{_attributes(option["attrs"])}>{label}</option>'


def render_select(widget: dict[str, Any]) -> SafeString | None:
    """The `<select>` of a widget context, or None when an option has a template of its own."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            if option.get("template_name", OPTION_TEMPLATE) != OPTION_TEMPLATE:
                return None
            parts.append("\n  " + _option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped  # nosec B308 B703


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE:
            written = render_select(context["widget"])
            if written is not None:
                return written
        return super().render(template_name, context, request)
