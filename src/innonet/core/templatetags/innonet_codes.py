"""`{{ entry.action|action_label }}`, `{{ path|task_label }}` and
`{{ mail.category|mail_kind_label }}`: words for developer codes."""

from django import template

from innonet.core import descriptions

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return descriptions.action_label(code or "")


@register.filter
def task_label(path: str) -> str:
    return descriptions.task_label(path or "")


@register.filter
def mail_kind_label(category: str) -> str:
    return descriptions.mail_kind_label(category or "")
