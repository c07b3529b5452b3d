"""`{{ entry.action|action_label }}` and `{{ path|task_label }}`: words for developer codes."""

from django import template

from innonet.core import descriptions

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return descriptions.action_label(code or "")


@register.filter
def task_label(path: str) -> str:
    return descriptions.task_label(path or "")
