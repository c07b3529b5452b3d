"""The sortable column header: the link sorts by its column or reverses the current order, keeps
the filters but not the page, and `aria-sort` says how the list is sorted now."""

from django.template import Context, Template
from django.test import RequestFactory

TEMPLATE = Template(
    "{% load innonet_lists %}"
    '{% sort_header "name" label %}|{% sort_header "kind" "Art" css="text-end" %}'
)


def render(query: str, sort: str, label: str = "Name") -> tuple[str, str]:
    request = RequestFactory().get(f"/liste/?{query}")
    html = TEMPLATE.render(Context({"request": request, "sort": sort, "label": label}))
    name, kind = html.split("|")
    return name, kind


def test_the_sorted_column_says_ascending_and_links_to_the_reverse_order():
    name, kind = render("q=werft&page=3&sort=name", "name")
    assert name.startswith('<th scope="col" aria-sort="ascending">')
    assert 'href="?q=werft&amp;sort=-name"' in name
    assert "▲" in name and "▼" not in name
    assert 'aria-sort="none"' in kind
    assert 'href="?q=werft&amp;sort=kind"' in kind
    assert "▲" not in kind and "▼" not in kind


def test_a_descending_column_links_back_to_ascending():
    name, _kind = render("sort=-name", "-name")
    assert 'aria-sort="descending"' in name
    assert 'href="?sort=name"' in name
    assert "▼" in name


def test_css_class_and_escaped_label():
    name, kind = render("", "", label="<b>Name</b>")
    assert kind.startswith('<th scope="col" class="text-end" aria-sort="none">')
    assert "&lt;b&gt;Name&lt;/b&gt;" in name and "<b>" not in name


def test_without_a_current_sort_every_column_is_unsorted():
    request = RequestFactory().get("/liste/")
    html = TEMPLATE.render(Context({"request": request, "label": "Name"}))
    assert html.count('aria-sort="none"') == 2
