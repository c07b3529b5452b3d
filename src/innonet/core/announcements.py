"""Lines `innonet serve` prints once the site answers. Apps above core add theirs from their
`ready()` (the demo its logins), so core imports none of them."""

from collections.abc import Callable, Iterable

Announcer = Callable[[], Iterable[str]]
_ANNOUNCERS: list[Announcer] = []


def on_serve(announcer: Announcer) -> Announcer:
    """Register a function whose lines `serve` prints after the address."""
    if announcer not in _ANNOUNCERS:
        _ANNOUNCERS.append(announcer)
    return announcer


def serve_lines() -> list[str]:
    """Every registered app's lines; an app whose announcer fails adds none."""
    lines: list[str] = []
    for announcer in _ANNOUNCERS:
        try:
            lines.extend(announcer())
        except Exception:  # noqa: S112 - a broken demo must not stop the server
            continue
    return lines
