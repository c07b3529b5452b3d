"""`{{ text|rich }}`: show sanitised user HTML; the text is data, never a template."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from innonet.core.text import render_markdown, sanitize_html

register = template.Library()


@register.filter
def rich(value: str | None) -> SafeString:
    # Safe to mark: nh3 has just reduced the text to the allow-listed tags and attributes.
    return mark_safe(sanitize_html(str(value or "")))  # noqa: S308  # nosec B308 B703


@register.filter
def markdown(value: str | None) -> SafeString:
    """`{{ event.description|markdown }}`: user Markdown rendered and sanitised."""
    return mark_safe(render_markdown(str(value or "")))  # noqa: S308  # nosec B308 B703


@register.filter
def initials(value: object) -> str:
    """`{{ user|initials }}`: "Julia Hoffmann" -> "JH", "stab@innonet.example" -> "S"."""
    words = str(value or "").split("@")[0].replace(".", " ").split()
    letters = [word[0] for word in words if word[0].isalnum()]
    return "".join(letters[:1] + letters[1:][-1:]).upper()
