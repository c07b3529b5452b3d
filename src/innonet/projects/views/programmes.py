"""Funding programmes and calls: list, detail, create and edit (staff), the call's matching
organisations and ideas, and the deadline calendar feed. Views parse input, call a service or
query, render."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.ical import response as calendar_response
from innonet.core.views.mixins import SignedInMixin, StaffRequiredMixin, get_visible_or_404
from innonet.events import ical as event_ical

from .. import ical, services
from ..filters import ProgrammeFilterSet
from ..forms.programmes import CallForm, ProgrammeForm, deadline_formset
from ..matching import call_matches
from ..models import CallDeadline, FundingCall, FundingProgramme, InnovationProject
from ..queries import upcoming_deadlines

PAGE_SIZE = 25
SORTS = {
    "name": (german_order("name"), "pk"),
    "-name": (german_order("-name"), "-pk"),
    "funder": (german_order("funder"), german_order("name"), "pk"),
    "-funder": (german_order("-funder"), german_order("-name"), "-pk"),
    "level": ("level", german_order("name"), "pk"),
    "next_deadline": ("next_deadline", german_order("name"), "pk"),
}
PROJECTS_SHOWN = 20


def _next_deadline() -> Subquery:
    rows = CallDeadline.objects.filter(
        call__programme=OuterRef("pk"), call__is_active=True, due_at__gte=timezone.now()
    ).order_by("due_at")
    return Subquery(rows.values("due_at")[:1])


class ProgrammeListView(SignedInMixin, View):
    """Programmes with their level, funder, open calls and next deadline; filter and sort."""

    def get(self, request: HttpRequest) -> HttpResponse:
        programmes = permissions.visible(request.user, FundingProgramme.objects.all())
        filterset = ProgrammeFilterSet(request.GET or None, queryset=programmes)
        for field in filterset.form.fields.values():
            field.widget.attrs["class"] = "form-control"
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else programmes
        sort = request.GET.get("sort", "name")
        sort = sort if sort in SORTS else "name"
        queryset = queryset.annotate(
            open_calls=Count("calls", filter=Q(calls__is_active=True)),
            next_deadline=_next_deadline(),
        ).order_by(*SORTS[sort])
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filter": filterset,
            "programmes": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "sort": sort,
            "sorts": SORTS,
            "reset_url": reverse("projects:programme_list"),
            "deadlines": list(upcoming_deadlines(limit=10)),
            "feed_url": _feed_url(request),
            "can_create": permissions.can_create(request.user, FundingProgramme),
        }
        return render(request, "projects/programme_list.html", context)


def _feed_url(request: HttpRequest) -> str:
    """The subscription address of the deadline feed, with the user's calendar key."""
    token = event_ical.feed_token(request.user)
    return request.build_absolute_uri(f"{reverse('projects:deadline_feed')}?{_token_query(token)}")


def _token_query(token: str) -> str:
    return urlencode({"token": token})


def _visible_projects(user: Any, **lookup: Any) -> QuerySet:
    projects = InnovationProject.objects.filter(**lookup).select_related("owner")
    return permissions.visible(user, projects).order_by("-updated_at", "-pk")


class ProgrammeDetailView(SignedInMixin, View):
    """One programme: rules, funding rates, calls with their deadlines, projects the user
    may see that use it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        programme = get_visible_or_404(user, FundingProgramme.objects.all(), pk=pk)
        calls = programme.calls.prefetch_related("deadlines").order_by(
            "-is_active", german_order("title")
        )
        projects = _visible_projects(user, programme=programme)
        context = {
            "programme": programme,
            "rates": list(programme.rates.all()),
            "calls": list(calls),
            "projects": list(projects[:PROJECTS_SHOWN]),
            "project_count": projects.count(),
            "can_change": permissions.can_change(user, programme),
            "can_create_call": permissions.can_create(user, FundingCall),
            "now": timezone.now(),
        }
        return render(request, "projects/programme_detail.html", context)


class ProgrammeFormView(StaffRequiredMixin, View):
    """Create or edit a programme with its consortium rules and funding rates (staff)."""

    template_name = "projects/programme_form.html"

    def get_programme(self) -> FundingProgramme | None:
        if "pk" not in self.kwargs:
            return None
        return get_visible_or_404(
            self.request.user, FundingProgramme.objects.all(), pk=self.kwargs["pk"]
        )

    def render_form(self, form: ProgrammeForm, programme: FundingProgramme | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "programme": programme})

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        programme = self.get_programme()
        return self.render_form(ProgrammeForm(instance=programme), programme)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        programme = self.get_programme()
        form = ProgrammeForm(request.POST, instance=programme)
        if not form.is_valid():
            return self.render_form(form, programme)
        data, rates = form.data_for_service(), form.rates_for_service()
        try:
            if programme is None:
                saved = services.programme_create(data=data, rates=rates, acting_user=request.user)
            else:
                saved = services.programme_update(
                    FundingProgramme.objects.get(pk=programme.pk),
                    data=data,
                    rates=rates,
                    acting_user=request.user,
                )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, programme)
        messages.success(request, gettext("“%(name)s” was saved.") % {"name": saved.name})
        return redirect("projects:programme_detail", pk=saved.pk)


class CallDetailView(SignedInMixin, View):
    """One call: topics, deadlines, the projects aimed at it, and the organisations and ideas
    (visible to the user) it fits."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        call = get_visible_or_404(user, FundingCall.objects.select_related("programme"), pk=pk)
        projects = _visible_projects(user, call=call)
        context = {
            "call": call,
            "programme": call.programme,
            "deadlines": list(call.deadlines.all()),
            "projects": list(projects[:PROJECTS_SHOWN]),
            "project_count": projects.count(),
            "matches": call_matches(call, user),
            "can_change": permissions.can_change(user, call),
            "now": timezone.now(),
        }
        return render(request, "projects/call_detail.html", context)


def _keep_stored_times(call: FundingCall | None, deadlines: list) -> list:
    """The form shows minutes only: a deadline the call has, to the minute and with its
    label, keeps its stored time (an API client may have given seconds)."""
    if call is None:
        return deadlines
    stored = {
        (d.label, d.due_at.replace(second=0, microsecond=0)): d.due_at for d in call.deadlines.all()
    }
    return [
        services.Deadline(d.label, stored.get((d.label, d.due_at), d.due_at)) for d in deadlines
    ]


class CallFormView(StaffRequiredMixin, View):
    """Open a call of a programme (the URL names the programme) or edit one (the URL names
    the call), with its deadlines (staff)."""

    template_name = "projects/call_form.html"

    def get_objects(self) -> tuple[FundingProgramme, FundingCall | None]:
        user, pk = self.request.user, self.kwargs["pk"]
        if self.request.resolver_match.url_name == "call_create":
            return get_visible_or_404(user, FundingProgramme.objects.all(), pk=pk), None
        call = get_visible_or_404(user, FundingCall.objects.select_related("programme"), pk=pk)
        return call.programme, call

    def render_form(self, form, formset, programme, call) -> HttpResponse:
        context = {"form": form, "formset": formset, "programme": programme, "call": call}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme, call = self.get_objects()
        return self.render_form(CallForm(instance=call), deadline_formset(call), programme, call)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme, call = self.get_objects()
        form = CallForm(request.POST, instance=call)
        formset = deadline_formset(call, request.POST)
        if not (form.is_valid() and formset.is_valid()):
            return self.render_form(form, formset, programme, call)
        deadlines = _keep_stored_times(call, formset.deadlines())
        try:
            if call is None:
                saved = services.call_create(
                    programme,
                    data=form.data_for_service(),
                    deadlines=deadlines,
                    acting_user=request.user,
                )
            else:
                saved = services.call_update(
                    FundingCall.objects.get(pk=call.pk),
                    data=form.data_for_service(),
                    deadlines=deadlines,
                    acting_user=request.user,
                )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, formset, programme, call)
        messages.success(request, gettext("“%(title)s” was saved.") % {"title": saved.title})
        return redirect("projects:call_detail", pk=saved.pk)


class DeadlineFeedView(View):
    """The deadlines of active calls as iCalendar: for a signed-in user, or for a calendar
    client with the user's personal feed key (`?token=`); a wrong key answers 404."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        token = request.GET.get("token")
        if token is not None:
            user = event_ical.user_for_feed_token(token[:500])
            if user is None:
                raise Http404
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return redirect_to_login(request.get_full_path())
        return calendar_response(ical.deadline_calendar(ical.feed_deadlines()))
