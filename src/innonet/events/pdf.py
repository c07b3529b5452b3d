"""Printable PDFs for the day of the event: the participant list and name badges.

Both are rendered from HTML templates with WeasyPrint and system fonts only. The renderer
may load nothing from outside (no http, no files): user text could otherwise make the server
fetch URLs."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from innonet.accounts.models import User
from innonet.core import audit
from innonet.core.access_log import AccessKind, access_record
from innonet.core.collation import german_order

from .models import Event, Registration

BADGES_PER_PAGE = 8  # 2 x 4 badges of 90 x 55 mm on A4
ALLOWED_URL_SCHEMES = frozenset({"data"})


def local_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves inline data: URIs and refuses everything else."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # WeasyPrint before 66 takes a plain function
        from weasyprint import default_url_fetcher

        def fetch(url: str, *args: Any, **kwargs: Any) -> dict:
            if url.split(":", 1)[0].lower() not in ALLOWED_URL_SCHEMES:
                raise ValueError(f"Refusing to load {url[:80]!r} while rendering a PDF")
            return default_url_fetcher(url, *args, **kwargs)

        return fetch
    return URLFetcher(allowed_protocols=ALLOWED_URL_SCHEMES, allow_redirects=False)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """Render a template to PDF bytes without touching the network or the file system."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=None, url_fetcher=local_only_fetcher()).write_pdf()


def participants(event: Event) -> list[Registration]:
    """The confirmed participants of an event, alphabetically."""
    return list(
        event.registrations.confirmed()
        .select_related("organisation")
        .order_by(german_order("last_name"), german_order("first_name"), "pk")
    )


def organisation_of(registration: Registration) -> str:
    return registration.organisation_name or (
        registration.organisation.name if registration.organisation else ""
    )


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


def _size(text: str, steps: tuple[tuple[int, str], ...]) -> str:
    """A size class for the text's length: longer names get smaller type, never overflow."""
    for longest, name in steps:
        if len(text) <= longest:
            return name
    return steps[-1][1]


FIRST_NAME_SIZES = ((11, "xl"), (16, "l"), (24, "m"), (40, "s"), (10_000, "xs"))
LAST_NAME_SIZES = ((20, "l"), (30, "m"), (10_000, "s"))


@dataclass(frozen=True)
class Badge:
    first_name: str
    last_name: str
    organisation: str
    first_size: str
    last_size: str


def _badge(registration: Registration) -> Badge:
    first = _clip(registration.first_name, 80)
    last = _clip(registration.last_name, 80)
    return Badge(
        first_name=first,
        last_name=last,
        organisation=_clip(organisation_of(registration), 90),
        first_size=_size(first, FIRST_NAME_SIZES),
        last_size=_size(last, LAST_NAME_SIZES),
    )


def participant_list_pdf(event: Event, *, acting_user: User | None) -> bytes:
    """The signature list for the entrance: every confirmed participant with a check-in mark."""
    rows = [
        {"registration": item, "organisation": organisation_of(item)}
        for item in participants(event)
    ]
    context = {"event": event, "rows": rows, "printed_at": timezone.now()}
    pdf = render_pdf("events/pdf/participant_list.html", context)
    _printed(
        event,
        "events.participant_list.printed",
        [row["registration"] for row in rows],
        source="participant list (PDF)",
        acting_user=acting_user,
    )
    return pdf


def _printed(
    event: Event, action: str, registrations: list, *, source: str, acting_user: User | None
) -> None:
    """Audit a printed list and log whose data it holds, together or not at all."""
    with transaction.atomic():
        audit.record(event, action, user=acting_user)
        access_record(
            "events.registration",
            [registration.pk for registration in registrations],
            kind=AccessKind.EXPORTED,
            source=source,
            user=acting_user,
        )


def badges_pdf(event: Event, *, acting_user: User | None) -> bytes:
    """Name badges of the confirmed participants, eight to an A4 sheet."""
    people = list(participants(event))
    badges = [_badge(item) for item in people]
    sheets = [
        badges[start : start + BADGES_PER_PAGE] for start in range(0, len(badges), BADGES_PER_PAGE)
    ]
    context = {"event": event, "sheets": sheets, "event_title": _clip(event.title, 110)}
    pdf = render_pdf("events/pdf/badges.html", context)
    _printed(
        event, "events.badges.printed", people, source="name badges (PDF)", acting_user=acting_user
    )
    return pdf
