"""Template helpers of the newsletter pages."""

from django import forms, template

register = template.Library()


@register.filter
def fields_named(form: forms.BaseForm, names: str) -> list[forms.BoundField]:
    """The bound fields of `form` named in the space-separated `names`, in that order."""
    return [form[name] for name in names.split() if name in form.fields]
