"""The public side of events: the calendar (list and month), an event's page, the public
registration form, one-click registration for signed-in users and one's own registrations.
Views parse input, call a service, and render; every event is scoped by the policy."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.filters import page_filters
from innonet.core.forms import form_error
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404

from .. import links, services
from ..filters import EventFilterSet
from ..forms.registration import MORE_ROWS, RegistrationForm, colleague_formset
from ..models import Event, EventStatus, Registration, RegistrationStatus
from ..models.registrations import ACTIVE_STATUSES
from ..services.events import TRANSITIONS
from ..services.registrations import MAX_COLLEAGUES

# What the calendar's form offers; the API's other filters are accepted, too, as hidden fields.
PAGE_FILTERS = ("q", "ris3_field", "organiser", "past")


def calendar_events(user: Any) -> QuerySet[Event]:
    """Events of the calendar this user may see (no drafts), with their places counted in
    subqueries so that a page costs the same number of queries however long it is."""
    queryset = (
        Event.objects.exclude(status=EventStatus.DRAFT)
        .select_related("organiser")
        .prefetch_related("ris3_fields")
        .with_places()
    )
    return permissions.visible(user, queryset)


class EventListView(ListView):
    """Upcoming (or past) events as a list, searchable and filterable, paginated."""

    template_name = "events/event_list.html"
    paginate_by = 20
    context_object_name = "events"

    def get_queryset(self) -> QuerySet[Event]:
        """The FilterSet's valid filters (an invalid one is shown and ignored), upcoming
        events unless `past` is asked for."""
        self.filterset = EventFilterSet(
            self.request.GET or None, queryset=calendar_events(self.request.user)
        )
        page_filters(self.filterset.form, PAGE_FILTERS, checkboxes=("past",))
        queryset = self.filterset.qs
        if self.show_past:
            return queryset.order_by("-starts_at", "-pk")
        return queryset.upcoming().order_by("starts_at", "pk")

    @property
    def show_past(self) -> bool:
        form = self.filterset.form
        form.is_valid()  # cleans the form; an invalid filter is left out, not fatal
        return bool(self.filterset.is_bound and form.cleaned_data.get("past"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset.form,
            show_past=self.show_past,
            this_month={"year": today.year, "month": today.month},
            query=query.urlencode(),
            can_create_event=permissions.can_create(self.request.user, Event),
            reads_office=permissions.reads_everything(self.request.user),
        )
        return context


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


def _month_grid(year: int, month: int, events: list[Event]) -> list[list[Day]]:
    """Weeks (Monday first) of the month; an event appears on every day it spans."""
    today = timezone.localdate()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {
        day: Day(date=day, in_month=day.month == month, is_today=day == today)
        for week in weeks
        for day in week
    }
    first, last = weeks[0][0], weeks[-1][-1]
    for event in events:
        start = max(timezone.localtime(event.starts_at).date(), first)
        end = min(timezone.localtime(event.ends_at).date(), last)
        for offset in range((end - start).days + 1):
            days[start + timedelta(days=offset)].events.append(event)
    return [[days[day] for day in week] for week in weeks]


class EventMonthView(View):
    """One month as an accessible table (a list of days with events on small screens)."""

    def get(self, request: HttpRequest, year: int, month: int) -> HttpResponse:
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise Http404
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        zone = timezone.get_current_timezone()
        start = datetime.combine(weeks[0][0], datetime.min.time(), tzinfo=zone)
        end = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tzinfo=zone)
        events = list(
            calendar_events(request.user)
            .filter(starts_at__lt=end, ends_at__gte=start)
            .order_by("starts_at", "pk")[:500]
        )
        grid = _month_grid(year, month, events)
        previous = (date(year, month, 1) - timedelta(days=1)).replace(day=1)
        following = (date(year, month, 28) + timedelta(days=7)).replace(day=1)
        today = timezone.localdate()
        context = {
            "month": date(year, month, 1),
            "weeks": grid,
            "weekdays": weeks[0],
            "days_with_events": [day for week in grid for day in week if day.events],
            "previous": {"year": previous.year, "month": previous.month},
            "previous_date": previous,
            "next": {"year": following.year, "month": following.month},
            "next_date": following,
            "this_month": {"year": today.year, "month": today.month},
        }
        return render(request, "events/event_month.html", context)


def _event_for(request: HttpRequest, pk: int) -> Event:
    queryset = Event.objects.select_related("organiser", "format").prefetch_related(
        "co_organisers", "ris3_fields", "competences"
    )
    try:
        return get_visible_or_404(request.user, queryset, pk=pk)
    except Http404:
        # A published public event's page stays open to everyone who has its address, also
        # to signed-in users of a network it is not shared with (their lists leave it out).
        return get_visible_or_404(AnonymousUser(), queryset, pk=pk)


def _own_registration(user: Any, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        event.registrations.filter(status__in=ACTIVE_STATUSES)
        .filter(Q(user=user) | Q(email=(user.email or "").lower()))
        .first()
    )


def _registration_state(event: Event) -> dict[str, Any]:
    """What the page says about registering: places, window, and what it offers."""
    places = services.places(event)
    window_error = services.registration_window_error(event)
    closed = window_error or (
        gettext("This event is fully booked.")
        if places.is_full and not event.waiting_list
        else None
    )
    return {
        "places": places,
        "window_error": window_error,
        "closed_reason": closed,
        "waiting_list_only": places.is_full and event.waiting_list and not window_error,
        "closes_at": event.registration_closes_at or event.ends_at,
    }


class EventDetailView(View):
    """Everything a visitor needs to decide and register; the office box for organisers."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_for(request, pk)
        start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        can_change = permissions.can_change(request.user, event)
        context = {
            "event": event,
            "start": start,
            "end": end,
            "same_day": start.date() == end.date(),
            "own_registration": _own_registration(request.user, event),
            "can_change": can_change,
            # The board reads the office's lists and figures of every event, without changing it.
            "reads_office": can_change or permissions.reads_everything(request.user),
            "transitions": [
                (status, EventStatus(status).label) for status in TRANSITIONS[event.status]
            ]
            if can_change
            else [],
            **_registration_state(event),
        }
        return render(request, "events/event_detail.html", context)


@method_decorator(never_cache, name="dispatch")
class RegistrationFormView(View):
    """The public form: the lead, the questions the event asks, and colleagues."""

    template_name = "events/register.html"

    def render_page(
        self, event: Event, form: Any, formset: Any, colleague_error: str = ""
    ) -> HttpResponse:
        context = {
            "event": event,
            "form": form,
            "formset": formset,
            "colleague_error": colleague_error,
            "max_colleagues": MAX_COLLEAGUES,
            "open_colleagues": bool(formset is not None and formset.is_bound),
            **_registration_state(event),
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_for(request, pk)
        form = RegistrationForm(event=event)
        return self.render_page(event, form, colleague_formset()(prefix="colleagues"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_for(request, pk)
        if "add_colleagues" in request.POST:
            return self.more_rows(event)
        form = RegistrationForm(request.POST, event=event)
        formset = colleague_formset(0)(request.POST, prefix="colleagues")
        colleague_error = ""
        if form.is_valid() and formset.is_valid():
            try:
                services.registration_submit(
                    event,
                    lead=form.attendee(),
                    colleagues=formset.attendees(language=form.cleaned_data["language"]),
                    consent=form.cleaned_data["consent"],
                )
            except DomainError as error:
                if error.field == "colleagues":
                    colleague_error = error.message
                else:
                    form_error(form, error)
            else:
                return redirect("events:event_registered", pk=event.pk)
        return self.render_page(event, form, formset, colleague_error)

    def more_rows(self, event: Event) -> HttpResponse:
        """Without JavaScript, "more rows" posts the form: show it again, unchecked, with
        the entries kept and more empty colleague rows."""
        form = RegistrationForm(
            initial=_posted(self.request, RegistrationForm.base_fields), event=event
        )
        posted = colleague_formset(0)(self.request.POST, prefix="colleagues")
        rows = [
            {name: self.request.POST.get(f"{row.prefix}-{name}", "")[:254] for name in row.fields}
            for row in posted.forms
        ]
        extra = max(0, min(MORE_ROWS, MAX_COLLEAGUES - len(rows)))
        formset = colleague_formset(extra)(initial=rows, prefix="colleagues")
        return self.render_page(event, form, formset)


def _posted(request: HttpRequest, fields: dict[str, Any]) -> dict[str, Any]:
    values = {name: request.POST.get(name, "")[:2000] for name in fields if name != "consent"}
    values["consent"] = request.POST.get("consent") == "on"
    return values


class RegistrationSubmittedView(View):
    """The same answer for every address, new or already registered (no enumeration)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_for(request, pk)
        return render(request, "events/register_done.html", {"event": event})


class MemberRegistrationView(SignedInMixin, View):
    """One click: the account's verified address registers without a confirmation mail."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_for(request, pk)
        existing = _own_registration(request.user, event)
        if existing is not None:
            messages.info(
                request,
                gettext("You are already registered for this event (%(status)s).")
                % {"status": existing.get_status_display()},
            )
            return redirect("events:event_detail", pk=event.pk)
        try:
            registration = services.registration_register_member(event, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _member_outcome(registration))
        return redirect("events:event_detail", pk=event.pk)


def _member_outcome(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITING:
        return gettext("The event is fully booked; you are on the waiting list.")
    if registration.status == RegistrationStatus.PENDING:
        return gettext("Your registration is awaiting the organisers' approval.")
    return gettext("You are registered. A confirmation is on its way to your inbox.")


class MyRegistrationsView(SignedInMixin, View):
    """The signed-in user's registrations, upcoming and past, with cancel buttons."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        mine = (
            Registration.objects.filter(Q(user=user) | Q(email=(user.email or "").lower()))
            .select_related("event", "event__organiser")
            .order_by("event__starts_at", "pk")
        )
        now = timezone.now()
        upcoming = list(mine.filter(event__ends_at__gte=now)[:200])
        for registration in upcoming:
            if registration.is_active and registration.event.status == EventStatus.PUBLISHED:
                registration.cancel_token = links.make_token(registration, links.CANCEL)
        past = Paginator(mine.filter(event__ends_at__lt=now).reverse(), 20)
        context = {
            "upcoming": upcoming,
            "past_page": past.get_page(request.GET.get("page")),
        }
        return render(request, "events/my_registrations.html", context)
