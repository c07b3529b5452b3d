"""Rich text passes an allow-list sanitiser and never reaches the template engine (item 14)."""

from django.template import Context, Template

from innonet.core.text import sanitize_html
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers


def render(value: str) -> str:
    return Template("{% load innonet_text %}{{ value|rich }}").render(Context({"value": value}))


def test_harmless_formatting_survives():
    html = '<p>Ein <strong>Workshop</strong> mit <a href="https://example.org">Link</a></p>'
    cleaned = sanitize_html(html)
    assert "<strong>Workshop</strong>" in cleaned
    assert 'href="https://example.org"' in cleaned
    assert 'rel="noopener noreferrer nofollow"' in cleaned


def test_scripts_handlers_and_javascript_links_are_removed():
    cleaned = sanitize_html(
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>'
        '<p style="color:red" onclick="alert(1)">t</p><iframe src="https://evil.example"></iframe>'
    )
    for forbidden in ("<script", "onerror", "javascript:", "onclick", "style=", "<iframe", "<img"):
        assert forbidden not in cleaned


def test_template_syntax_stays_literal():
    output = render("{{ settings.SECRET_KEY }} {% debug %}")
    assert output == "{{ settings.SECRET_KEY }} {% debug %}"


def test_nasty_corpus_never_comes_back_as_markup():
    for value in NASTY_STRINGS:
        assert_no_raw_markers(render(value))
