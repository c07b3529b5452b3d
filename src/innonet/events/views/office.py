"""The office's side of events: create and edit, move the status, and manage registrations
(list, export, add by hand, approve, decline, cancel, link to the registry).

Staff run every event, the board reads, a partner network's manager runs the events its
network organises or co-organises. Views parse input, call one service or query, render."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_order, german_text
from innonet.core.dates import short_moment
from innonet.core.errors import DomainError
from innonet.core.filters import page_filters
from innonet.core.forms import form_error
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404
from innonet.core.views.sorting import sort_key, sort_queryset
from innonet.partners.duplicates import organisation_duplicates
from innonet.partners.models import Organisation

from .. import exports, queries, services
from ..filters import RegistrationFilterSet
from ..forms.events import (
    EventForm,
    EventTransitionForm,
    PersonLookupForm,
    RegistrationAddForm,
    RegistrationLinkForm,
    format_initial,
)
from ..models import Event, EventStatus, Format, Registration, RegistrationStatus
from ..services.events import TRANSITIONS

PAGE_SIZE = 50
SORT_COLUMNS = {
    "name": (german_text("last_name"), german_text("first_name"), "pk"),
    "organisation": (german_text("organisation_name"), german_text("last_name"), "pk"),
    "status": ("status", german_text("last_name"), "pk"),
    "registered": ("created_at", "pk"),
    "checked_in": ("attended_at", german_text("last_name"), "pk"),
}
DEFAULT_SORT = "name"


def _event_to_change(request: HttpRequest, pk: int) -> Event:
    """A visible event (else 404) that the user runs (else 403)."""
    event = get_visible_or_404(request.user, Event.objects.select_related("organiser"), pk=pk)
    if not permissions.can_change(request.user, event):
        raise PermissionDenied
    return event


def _event_to_read(request: HttpRequest, pk: int) -> tuple[Event, bool]:
    """A visible event whose registrations the user may read (the board too); and whether
    the user may also change them."""
    event = get_visible_or_404(request.user, Event.objects.select_related("organiser"), pk=pk)
    can_change = permissions.can_change(request.user, event)
    if not (can_change or permissions.reads_everything(request.user)):
        raise PermissionDenied
    return event, can_change


class EventFormView(SignedInMixin, View):
    """Create an event (optionally prefilled from `?format=<id>`) or edit one."""

    template_name = "events/event_form.html"

    def get_event(self) -> Event | None:
        if "pk" in self.kwargs:
            return _event_to_change(self.request, self.kwargs["pk"])
        if not permissions.can_create(self.request.user, Event):
            raise PermissionDenied
        return None

    def initial(self) -> dict[str, Any]:
        user = self.request.user
        initial: dict[str, Any] = {}  # the form chooses the organiser: the user's own network
        value = self.request.GET.get("format", "")
        if value.isdigit() and len(value) < 12:
            format = permissions.visible(user, Format.objects.active()).filter(pk=value).first()
            if format is not None:
                initial.update(format_initial(format))
        return initial

    def render_form(self, form: EventForm, event: Event | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "event": event})

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        event = self.get_event()
        initial = self.initial() if event is None else None
        return self.render_form(
            EventForm(instance=event, initial=initial, user=request.user), event
        )

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        event = self.get_event()
        form = EventForm(request.POST, instance=event, user=request.user)
        if not form.is_valid():
            return self.render_form(form, event)
        data, m2m = form.data_for_service()
        try:
            if event is None:
                saved = services.event_create(data=data, m2m=m2m, acting_user=request.user)
            else:
                saved = services.event_update(event, data=data, m2m=m2m, acting_user=request.user)
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, event)
        messages.success(request, gettext("“%(title)s” was saved.") % {"title": saved.title})
        return redirect("events:event_detail", pk=saved.pk)


TRANSITION_SERVICES = {
    EventStatus.PUBLISHED: lambda event, reason, user: services.event_publish(
        event, acting_user=user
    ),
    EventStatus.CANCELLED: lambda event, reason, user: services.event_cancel(
        event, reason=reason, acting_user=user
    ),
    EventStatus.FINISHED: lambda event, reason, user: services.event_finish(
        event, acting_user=user
    ),
}
DONE_MESSAGES = {
    EventStatus.PUBLISHED: _("The event is published."),
    EventStatus.CANCELLED: _("The event is cancelled; the participants are being told."),
    EventStatus.FINISHED: _("The event is finished; the participants are asked for feedback."),
}


class EventTransitionView(SignedInMixin, View):
    """GET: the status changes open to this event. POST: publish, cancel or finish it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_to_change(request, pk)
        context = {
            "event": event,
            "form": EventTransitionForm(),
            "next_statuses": TRANSITIONS[event.status],
            "places": services.places(event),
        }
        return render(request, "events/event_manage_status.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_to_change(request, pk)
        form = EventTransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, gettext("Please choose a valid status."))
            return redirect("events:event_detail", pk=event.pk)
        status = form.cleaned_data["status"]
        try:
            TRANSITION_SERVICES[status](event, form.cleaned_data["reason"], request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, DONE_MESSAGES[status])
        return redirect("events:event_detail", pk=event.pk)


def _registrations(request: HttpRequest, event: Event) -> RegistrationFilterSet:
    queryset = permissions.visible(request.user, Registration.objects.filter(event=event))
    queryset = sort_queryset(
        queryset.select_related("registered_by"),
        SORT_COLUMNS,
        sort_key(request, SORT_COLUMNS, DEFAULT_SORT),
        nulls_last=False,
    )
    return RegistrationFilterSet(request.GET or None, queryset=queryset, request=request)


# The badge of each status on the registrants page.
STATUS_BADGES = {
    RegistrationStatus.CONFIRMED: "text-bg-success",
    RegistrationStatus.WAITING: "text-bg-warning",
    RegistrationStatus.PENDING: "text-bg-warning",
    RegistrationStatus.UNCONFIRMED: "text-bg-light border",
}
STATUS_LABELS = dict(RegistrationStatus.choices)


@dataclass(frozen=True)
class RegistrantRow:
    """What a row of the registrants page shows, prepared here: worked out in the template,
    the row's link, badge and times took a fifth of a millisecond each, half of the page."""

    registration: Registration
    url: str
    status_label: str
    badge: str
    registered: str
    checked_in: str  # the time, or "" while not checked in

    @property
    def can_approve(self) -> bool:
        return self.registration.status == RegistrationStatus.PENDING

    @property
    def can_decline(self) -> bool:
        return self.registration.status in (RegistrationStatus.PENDING, RegistrationStatus.WAITING)


def _registrant_rows(registrations: Iterable[Registration]) -> list[RegistrantRow]:
    return [
        RegistrantRow(
            registration=row,
            url=reverse("events:registration_detail", args=[row.pk]),
            status_label=STATUS_LABELS.get(row.status, row.status),
            badge=STATUS_BADGES.get(row.status, "text-bg-secondary"),
            registered=short_moment(row.created_at),
            checked_in=timezone.localtime(row.attended_at).strftime("%H:%M")
            if row.attended_at
            else "",
        )
        for row in registrations
    ]


def _status_counts(event: Event) -> dict[str, int]:
    rows = event.registrations.order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


class RegistrationListView(SignedInMixin, View):
    """The registrations of one event: counts by status, filter, search, sort, pages."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event, can_change = _event_to_read(request, pk)
        filterset = _registrations(request, event)
        page_filters(filterset.form, ("q", "status", "checked_in"))
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        counts = _status_counts(event)
        sort = sort_key(request, SORT_COLUMNS, DEFAULT_SORT)
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "event": event,
            "filter": filterset,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "rows": _registrant_rows(page.object_list),
            "places": services.Places.counted(event.capacity, counts),
            "status_counts": [
                (status.value, status.label, counts.get(status, 0)) for status in RegistrationStatus
            ],
            "sort": sort,
            "export_query": query.urlencode(),
            "can_change": can_change,
        }
        return render(request, "events/registration_list.html", context)


class RegistrationExportView(SignedInMixin, View):
    """The filtered registrations as CSV or XLSX; every export is audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        event, _can_change = _event_to_read(request, pk)
        filterset = _registrations(request, event)
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponseBadRequest(
                gettext("The filter is not valid; please correct it on the list page.")
            )
        rows = filterset.qs if filterset.is_bound else filterset.queryset
        export = exports.registration_export(event, rows, fmt=fmt, acting_user=request.user)
        return export.response()


class RegistrationAddView(SignedInMixin, View):
    """The office registers someone by hand (a phone call, a walk-in): it looks the person up
    in the registry first (`?q=`, live with htmx) and picks one (`?person=`), so the
    registration links to that entry; a new entry is made only when none fits."""

    template_name = "events/registration_form.html"

    def render_form(
        self, form: RegistrationAddForm, event: Event, *, picked: Any = None
    ) -> HttpResponse:
        lookup = PersonLookupForm(self.request.GET or None)
        query = lookup.cleaned_data["q"] if lookup.is_valid() else ""
        matches = queries.registry_people(self.request.user, query) if query else []
        context = {
            "form": form,
            "event": event,
            "lookup": lookup,
            "query": query,
            "matches": matches,
            "picked": picked,
        }
        if getattr(self.request, "htmx", False) and "q" in self.request.GET:
            return render(self.request, "events/_person_lookup.html", context)
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_to_change(request, pk)
        picked = queries.registry_person(request.user, request.GET.get("person"))
        initial = queries.attendee_initial(picked) if picked else {}
        initial = {"registry_person": initial.pop("person", None), **initial}
        return self.render_form(RegistrationAddForm(initial=initial), event, picked=picked)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = _event_to_change(request, pk)
        form = RegistrationAddForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, event)
        picked = None
        if form.cleaned_data.get("registry_person"):
            picked = queries.registry_person(request.user, form.cleaned_data["registry_person"])
            if picked is None:
                form.add_error(None, gettext("Please pick the person from the registry again."))
                return self.render_form(form, event)
        attendee = services.Attendee(**form.attendee_data())
        try:
            registration = services.registration_register_by_staff(
                event, attendee, person=picked, acting_user=request.user
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, event, picked=picked)
        messages.success(
            request,
            gettext("%(name)s was registered (%(status)s).")
            % {"name": registration, "status": registration.get_status_display()},
        )
        return redirect("events:registration_list", pk=event.pk)


def _registration_to_read(request: HttpRequest, pk: int) -> tuple[Registration, bool]:
    queryset = Registration.objects.select_related(
        "event__organiser", "person", "organisation", "registered_by", "user", "checked_in_by"
    )
    registration = get_visible_or_404(request.user, queryset, pk=pk)
    can_change = permissions.can_change(request.user, registration)
    if not (can_change or permissions.reads_everything(request.user)):
        raise PermissionDenied
    return registration, can_change


def _group(registration: Registration) -> list[Registration]:
    """The registrations made together with this one (the lead first), if any."""
    lead = registration.registered_by or registration
    colleagues = list(
        lead.colleagues.order_by(german_order("last_name"), german_order("first_name"), "pk")
    )
    return [lead, *colleagues] if colleagues else []


class RegistrationDetailView(SignedInMixin, View):
    """Everything about one registration, its links into the registry and its group."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration, can_change = _registration_to_read(request, pk)
        duplicates = []
        office = permissions.is_staff(request.user)
        if office and registration.organisation_id is None and registration.organisation_name:
            duplicates = organisation_duplicates({"name": registration.organisation_name})[:10]
        context = {
            "registration": registration,
            "event": registration.event,
            "group": _group(registration),
            "duplicates": duplicates,
            "can_change": can_change,
            "can_link": office,
            "readers": permissions.reads_everything(request.user),
            "content_type_id": ContentType.objects.get_for_model(Registration).pk,
        }
        return render(request, "events/registration_detail.html", context)


def _link_organisation(request: HttpRequest, registration: Registration, user: Any) -> None:
    form = RegistrationLinkForm(request.POST)
    organisation = None
    if form.is_valid():
        organisations = permissions.visible(user, Organisation.objects.all())
        organisation = organisations.filter(pk=form.cleaned_data["organisation"]).first()
    if organisation is None:
        raise DomainError(gettext("Please choose an organisation from the registry."))
    services.registration_link_organisation(
        registration, organisation=organisation, acting_user=user
    )


ACTIONS = {
    "approve": (services.registration_approve, _("The registration was approved.")),
    "reject": (services.registration_reject, _("The registration was declined.")),
    "cancel": (services.registration_cancel, _("The registration was cancelled.")),
    "link_organisation": (None, _("The registration was linked to the organisation.")),
}


class RegistrationActionView(SignedInMixin, View):
    """POST: approve, decline or cancel a registration, or link it to an organisation."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if action not in ACTIONS:
            raise Http404
        registration, can_change = _registration_to_read(request, pk)
        if not can_change:
            raise PermissionDenied
        service, done = ACTIONS[action]
        try:
            if service is None:
                _link_organisation(request, registration, request.user)
            else:
                service(registration, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        if request.POST.get("back") == "list":
            return redirect("events:registration_list", pk=registration.event_id)
        return redirect("events:registration_detail", pk=registration.pk)
