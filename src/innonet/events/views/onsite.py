"""On the day and after: the check-in page, the printable list and badges, the event's
figures and its follow-up tasks.

Check-in and tasks belong to whoever runs the event (staff, managers of the organising
networks); the board also reads the figures and the PDFs. Other events answer 404 when the
user cannot see them and 403 when the user sees but does not run them."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import RoleRequiredMixin, get_visible_or_404

from .. import pdf, queries, services
from ..forms.onsite import EventTaskForm
from ..models import Event, EventStatus, EventTask, Registration, RegistrationStatus
from ..services.events import can_move

RUNNERS = (permissions.NETWORK_MANAGER, permissions.STAFF)
RUNNERS_AND_BOARD = (permissions.NETWORK_MANAGER, permissions.BOARD, permissions.STAFF)
CHECKIN_ROWS = 200  # more than fit on a phone; the search narrows the rest
COMMENTS_SHOWN = 200
SEARCH_LENGTH = 100


def event_to_run(user: Any, pk: int) -> Event:
    """The event if this user runs it: 404 when not visible, 403 when only visible."""
    event = get_visible_or_404(user, Event.objects.select_related("organiser"), pk=pk)
    if not permissions.can_change(user, event):
        raise PermissionDenied
    return event


def event_to_read(user: Any, pk: int) -> Event:
    """The event if this user may read its registrations: its runners and the board."""
    event = get_visible_or_404(user, Event.objects.select_related("organiser"), pk=pk)
    if not (permissions.reads_everything(user) or permissions.can_change(user, event)):
        raise PermissionDenied
    return event


def _is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


# Check-in ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInFilter:
    query: str = ""
    missing_only: bool = False

    @classmethod
    def from_data(cls, data: Any) -> "CheckInFilter":
        query = " ".join(str(data.get("q", ""))[:SEARCH_LENGTH].split())
        return cls(query=query, missing_only=data.get("show") == "missing")

    def params(self) -> dict[str, str]:
        params = {"q": self.query} if self.query else {}
        if self.missing_only:
            params["show"] = "missing"
        return params

    def url(self, event: Event, anchor: str = "") -> str:
        url = reverse("events:checkin", kwargs={"pk": event.pk})
        query = urlencode(self.params())
        return f"{url}{'?' + query if query else ''}{'#' + anchor if anchor else ''}"


def _checkin_context(event: Event, selection: CheckInFilter) -> dict[str, Any]:
    rows = event.registrations.confirmed().select_related("organisation").search(selection.query)
    if selection.missing_only:
        rows = rows.filter(attended_at__isnull=True)
    rows = list(
        rows.order_by(german_order("last_name"), german_order("first_name"), "pk")[
            : CHECKIN_ROWS + 1
        ]
    )
    return {
        "event": event,
        "selection": selection,
        "rows": rows[:CHECKIN_ROWS],
        "more_rows": len(rows) > CHECKIN_ROWS,
        "counts": queries.checkin_counts(event),
        "started": timezone.now() >= event.starts_at,
        "timing": queries.checkin_timing(event),
    }


class CheckInView(RoleRequiredMixin, View):
    """The door list on a phone: search as you type, one tap per person."""

    roles = RUNNERS

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_to_run(request.user, pk)
        context = _checkin_context(event, CheckInFilter.from_data(request.GET))
        partial = _is_partial(request)
        template = "events/checkin_results.html" if partial else "events/checkin.html"
        response = render(request, template, context)
        patch_vary_headers(response, ("HX-Request",))
        return response


class CheckInToggleView(RoleRequiredMixin, View):
    """Check a confirmed participant in, or undo it. htmx gets the row back; without
    JavaScript the browser returns to the list with its search."""

    roles = RUNNERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = Registration.objects.select_related("event", "organisation")
        registration = get_visible_or_404(request.user, queryset, pk=pk)
        if not permissions.can_change(request.user, registration):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in ("in", "undo"):
            return HttpResponseBadRequest(gettext("Unknown check-in action."))
        event, error = registration.event, None
        change = (
            services.registration_check_in
            if action == "in"
            else (services.registration_check_in_undo)
        )
        try:
            change(registration, acting_user=request.user)
        except DomainError as exc:
            error = exc.message
        registration.refresh_from_db()
        selection = CheckInFilter.from_data(request.POST)
        if _is_partial(request):
            return self.row(request, registration, selection, error)
        if error:
            messages.error(request, error)
        elif action == "in":
            messages.success(request, gettext("%(name)s is checked in.") % {"name": registration})
        else:
            messages.info(request, gettext("Check-in of %(name)s undone.") % {"name": registration})
        return redirect(selection.url(event, anchor=f"checkin-row-{registration.pk}"))

    def row(self, request, registration, selection, error) -> HttpResponse:
        event = registration.event
        context = {
            "event": event,
            "row": registration,
            "selection": selection,
            "error": error,
            "counts": queries.checkin_counts(event),
            "started": timezone.now() >= event.starts_at,
            "swap_counts": True,
        }
        return render(request, "events/checkin_row.html", context)


# PDFs --------------------------------------------------------------------------------------


def _pdf_response(content: bytes, *, name: str, event: Event) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{slugify(name) or 'document'}-{event.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ParticipantListPdfView(RoleRequiredMixin, View):
    """The list of confirmed participants with a signature column, as an A4 PDF."""

    roles = RUNNERS_AND_BOARD

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_to_read(request.user, pk)
        content = pdf.participant_list_pdf(event, acting_user=request.user)
        return _pdf_response(content, name=gettext("participant list"), event=event)


class BadgesPdfView(RoleRequiredMixin, View):
    """Name badges of the confirmed participants, 2 x 4 to an A4 sheet."""

    roles = RUNNERS_AND_BOARD

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_to_read(request.user, pk)
        content = pdf.badges_pdf(event, acting_user=request.user)
        return _pdf_response(content, name=gettext("name badges"), event=event)


# Figures and follow-up tasks -----------------------------------------------------------------

CHART_BAR = 240  # the longest bar in SVG units
CHART_ROW = 28


def rating_chart(distribution: dict[int, int]) -> dict[str, Any]:
    """Geometry of the horizontal bar chart of ratings (5 at the top), in whole SVG units."""
    top = max(distribution.values(), default=0)
    bars = [
        {
            "rating": rating,
            "count": count,
            "y": index * CHART_ROW,
            "width": round(CHART_BAR * count / top) if top else 0,
        }
        for index, (rating, count) in enumerate(sorted(distribution.items(), reverse=True))
    ]
    for bar in bars:
        bar["label_x"] = 40 + bar["width"] + 6
        bar["text_y"] = bar["y"] + 17
    return {"bars": bars, "height": CHART_ROW * len(bars), "width": 40 + CHART_BAR + 40}


def render_figures(
    request: HttpRequest, event: Event, *, form: EventTaskForm | None = None, status: int = 200
) -> HttpResponse:
    figures = queries.event_figures(event)
    can_change = permissions.can_change(request.user, event)
    context = {
        "event": event,
        "figures": figures,
        "rate_percent": (
            round(figures.attendance_rate * 100) if figures.attendance_rate is not None else None
        ),
        "statuses": [
            (label, figures.by_status[value]) for value, label in RegistrationStatus.choices
        ],
        "chart": rating_chart(figures.rating_distribution),
        "comments": queries.feedback_comments(event, limit=COMMENTS_SHOWN),
        "tasks": event.tasks.select_related("assignee"),
        "can_change": can_change,
        "can_finish": can_change
        and can_move(event, EventStatus.FINISHED)
        and timezone.now() >= event.starts_at,
        "form": form or EventTaskForm(),
        "today": timezone.localdate(),
    }
    return render(request, "events/figures.html", context, status=status)


class EventFiguresView(RoleRequiredMixin, View):
    """What the event achieved, its feedback and the office's follow-up tasks."""

    roles = RUNNERS_AND_BOARD

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render_figures(request, event_to_read(request.user, pk))


class TaskAddView(RoleRequiredMixin, View):
    roles = RUNNERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_to_run(request.user, pk)
        form = EventTaskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.event_task_add(
                    event,
                    title=data["title"],
                    assignee=data["assignee"],
                    due_on=data["due_on"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The task was added."))
                return redirect(reverse("events:event_figures", kwargs={"pk": event.pk}) + "#tasks")
        return render_figures(request, event, form=form, status=400)


class TaskDoneView(RoleRequiredMixin, View):
    """Tick a task off (done=1) or open it again (done=0)."""

    roles = RUNNERS
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = EventTask.objects.select_related("event")
        task = get_visible_or_404(request.user, queryset, pk=pk)
        if not permissions.can_change(request.user, task):
            raise PermissionDenied
        done = request.POST.get("done", "1") != "0"
        services.event_task_done(task, done=done, acting_user=request.user)
        if done:
            messages.success(request, gettext("“%(task)s” is done.") % {"task": task.title})
        else:
            messages.info(request, gettext("“%(task)s” is open again.") % {"task": task.title})
        return redirect(reverse("events:event_figures", kwargs={"pk": task.event_id}) + "#tasks")
