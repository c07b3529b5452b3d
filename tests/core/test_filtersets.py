"""One FilterSet per model, in its app's filters module: the page, its export and the API
share it, so no list can filter one way on the page and another in the API; every one
searches with `q`."""

from collections import Counter

import django_filters
from django.urls import get_resolver


def _filtersets() -> list[type]:
    get_resolver().url_patterns  # noqa: B018 - imports every view and API module
    found, todo = [], [django_filters.FilterSet]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("innonet."):
                found.append(cls)
    return found


def test_filtersets_live_in_filters_modules():
    elsewhere = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _filtersets()
        if ".filters" not in cls.__module__
    ]
    assert not elsewhere


def test_no_two_filtersets_share_a_name():
    names = Counter(cls.__name__ for cls in _filtersets())
    assert [name for name, count in names.items() if count > 1] == []


def test_every_list_searches_with_q():
    without = [cls.__name__ for cls in _filtersets() if "q" not in cls.base_filters]
    assert without == []
