"""Computed figures kept in the shared cache and refreshed in the background.

Computing the dashboard at 10,000 organisations with years of activity takes seconds, and in a
busy office some record changes every minute, so a cache that is simply dropped on every
change would rarely be hit. Each entry therefore remembers the data fingerprint
(`indicators.version`) it was computed from. A request gets:
- the entry, when the data has not changed since;
- the entry marked as of its time, when the data changed less than `STALE_SECONDS` ago,
  while a background task computes it again (pages say "as of 10:42, being updated");
- a fresh computation otherwise, or when the user asks for one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone, translation

from innonet.core.tasking import enqueue_on_commit

from .indicators.version import data_version

STALE_SECONDS = 600
KEEP_SECONDS = 86400
REFRESH_LOCK_SECONDS = 120

# name -> function(*parts) computing the value; filled by the modules that cache figures
COMPUTATIONS: dict[str, Callable[..., Any]] = {}


@dataclass(frozen=True)
class Figures:
    value: Any
    computed_at: datetime
    current: bool  # False: computed before the latest change; a refresh is under way


def computation(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        COMPUTATIONS[name] = function
        return function

    return register


def _key(name: str, parts: tuple, language: str) -> str:
    return ":".join(["reporting", name, language, *map(str, parts)])


def figures(name: str, *parts: Any, fresh: bool = False) -> Figures:
    """The value of computation `name` for `parts` (strings and numbers, as a task takes them), as
    described in the module's text; `fresh` computes it now whatever the cache holds."""
    language = translation.get_language() or ""
    key = _key(name, parts, language)
    fingerprint = data_version()
    entry = None if fresh else cache.get(key)
    if entry is not None:
        if entry["fingerprint"] == fingerprint:
            return Figures(entry["value"], entry["computed_at"], True)
        age = (timezone.now() - entry["computed_at"]).total_seconds()
        if age < STALE_SECONDS:
            if cache.add(f"{key}:refreshing", True, REFRESH_LOCK_SECONDS):
                from .tasks import refresh_figures

                enqueue_on_commit(refresh_figures, name=name, parts=list(parts), language=language)
            return Figures(entry["value"], entry["computed_at"], False)
    return _compute(name, parts, language, key, fingerprint)


def _compute(name: str, parts: tuple, language: str, key: str, fingerprint: str) -> Figures:
    computed_at = timezone.now()
    value = COMPUTATIONS[name](*parts)
    cache.set(
        key,
        {"value": value, "computed_at": computed_at, "fingerprint": fingerprint},
        KEEP_SECONDS,
    )
    return Figures(value, computed_at, True)


def refresh(name: str, parts: tuple, language: str) -> None:
    """Compute cached figures again after the data changed (the task `refresh_figures`)."""
    key = _key(name, parts, language)
    try:
        with translation.override(language or None):
            _compute(name, parts, language, key, data_version())
    finally:
        cache.delete(f"{key}:refreshing")
