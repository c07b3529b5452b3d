"""Bootstrap widgets for forms we do not own (allauth's), without touching their classes."""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.simple_tag
def bootstrap_widget(field: forms.BoundField) -> SafeString:
    """Render a field's widget with Bootstrap's class and its help and error references."""
    widget = field.field.widget
    css = f"{widget.attrs.get('class', '')} {_css_class(widget)}".strip()
    attrs: dict[str, str] = {}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        css += " is-invalid"
        attrs["aria-invalid"] = "true"
        described_by.append(f"{field.auto_id}-errors")
    attrs["class"] = css
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def button_class(tags: list[str] | None) -> str:
    """Map allauth's semantic button tags onto Bootstrap button classes."""
    tags = tags or []
    if "link" in tags:
        return "btn btn-link"
    colour = "primary"
    for candidate in ("danger", "secondary", "warning", "success"):
        if candidate in tags:
            colour = candidate
            break
    if "outline" in tags:
        return f"btn btn-outline-{colour}"
    return f"btn btn-{colour}"


@register.simple_tag
def badge_class(tags: list[str] | None) -> str:
    tags = tags or []
    for colour in ("success", "warning", "danger", "secondary"):
        if colour in tags:
            return f"badge text-bg-{colour}"
    return "badge text-bg-primary"
