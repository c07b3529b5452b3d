"""The office's pages: open the marketplace, settings, slots and breaks, tables and rooms,
the requests, the plan (build it, watch its progress, read it per slot) and the outcomes."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from django.views import View

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404
from innonet.projects.models import InnovationProject

from .. import queries, services
from ..forms import MarketplaceForm, OutcomeForm, SlotForm, TableForm
from ..models import Marketplace, Meeting, PlanState, Slot, Table
from ..policies import runs_event
from .common import event_or_404, office_marketplace

REQUESTS_PER_PAGE = 50
SLOTS_PER_PAGE = 3  # up to 40 tables each


class OpenView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = event_or_404(request, pk)
        if not runs_event(request.user, event):
            raise PermissionDenied
        services.marketplace_open(event, acting_user=request.user)
        return redirect("meetings:office", pk=pk)


def _office_page(request: HttpRequest, marketplace: Marketplace, **forms) -> HttpResponse:
    zone = queries.zone(marketplace)
    with timezone.override(zone):
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "can_change": runs_event(request.user, marketplace.event),
            "settings_form": forms.get("settings_form") or MarketplaceForm(instance=marketplace),
            "slot_form": forms.get("slot_form") or SlotForm(),
            "table_form": forms.get("table_form") or TableForm(),
            "slots": marketplace.slots.annotate(meeting_count=Count("meetings")).order_by(
                "starts_at"
            ),
            "tables": marketplace.tables.all(),
            "counts": queries.request_counts(marketplace),
            "participants": marketplace.participants.filter(withdrawn_at__isnull=True).count(),
        }
        return render(request, "meetings/office.html", context)


class OfficeView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _office_page(request, office_marketplace(request, pk, write=False))


class SettingsView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=True)
        with timezone.override(queries.zone(marketplace)):
            form = MarketplaceForm(
                request.POST, instance=Marketplace.objects.get(pk=marketplace.pk)
            )
            valid = form.is_valid()
        if valid:
            try:
                services.marketplace_update(
                    marketplace, acting_user=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The settings have been saved."))
                return redirect("meetings:office", pk=pk)
        marketplace.refresh_from_db()
        return _office_page(request, marketplace, settings_form=form)


class _PartAddView(SignedInMixin, View):
    """Add a slot or a table from the set-up page; a refused one shows its form there again.
    Times are read in the marketplace's time zone."""

    form_class: type[Form]
    form_name: str
    add: Callable[..., Any]
    added: Promise

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=True)
        with timezone.override(queries.zone(marketplace)):
            form = self.form_class(request.POST)
            valid = form.is_valid()
        if valid:
            try:
                type(self).add(marketplace, acting_user=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, str(self.added))
                return redirect("meetings:office", pk=pk)
        return _office_page(request, marketplace, **{self.form_name: form})


class _PartDeleteView(SignedInMixin, View):
    """Remove a slot or a table; its meetings go back to be planned."""

    model: type[Slot] | type[Table]
    remove: Callable[..., int]
    removed: Promise

    def post(self, request: HttpRequest, pk: int, **part: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=True)
        name = self.model._meta.model_name  # the URL names the part: <int:slot>, <int:table>
        found = self.model.objects.filter(marketplace=marketplace, pk=part[name]).first()
        if found is not None:
            freed = type(self).remove(found, acting_user=request.user)
            messages.success(request, str(self.removed) % {"n": freed})
        return redirect("meetings:office", pk=pk)


class SlotAddView(_PartAddView):
    form_class, form_name, add = SlotForm, "slot_form", services.slot_add
    added = gettext_lazy("The slot has been added.")


class SlotDeleteView(_PartDeleteView):
    model, remove = Slot, services.slot_delete
    removed = gettext_lazy("The slot has been removed; %(n)d meetings go back to be planned.")


class TableAddView(_PartAddView):
    form_class, form_name, add = TableForm, "table_form", services.table_add
    added = gettext_lazy("The table has been added.")


class TableDeleteView(_PartDeleteView):
    model, remove = Table, services.table_delete
    removed = gettext_lazy("The table has been removed; %(n)d meetings go back to be planned.")


class OfficeRequestsView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=False)
        rows = marketplace.requests.select_related(
            "requester", "recipient", "meeting__slot", "meeting__table"
        ).order_by("status", "requester__name", "pk")
        status = request.GET.get("status", "")
        if status:
            rows = rows.filter(status=status)
        page = Paginator(rows, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "rows": page,
            "page": page,
            "status": status,
            "counts": queries.request_counts(marketplace),
        }
        with timezone.override(queries.zone(marketplace)):
            return render(request, "meetings/office_requests.html", context)


class PlanBuildView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=True)
        keep = request.POST.get("mode") != "fresh"
        try:
            services.plan_request(marketplace, keep_existing=keep, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.info(request, gettext("The plan is being built in the background."))
        return redirect("meetings:office_plan", pk=pk)


class PlanStatusView(SignedInMixin, View):
    """The plan's progress, polled by the plan page while a run is queued or running."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=False)
        return render(
            request,
            "meetings/_plan_status.html",
            {
                "marketplace": marketplace,
                "busy": marketplace.plan_state in (PlanState.QUEUED, PlanState.RUNNING),
            },
        )


class OfficePlanView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = office_marketplace(request, pk, write=False)
        slots = Paginator(marketplace.slots.order_by("starts_at"), SLOTS_PER_PAGE)
        page = slots.get_page(request.GET.get("page"))
        page.object_list = queries.office_plan(marketplace, list(page.object_list))
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "can_change": runs_event(request.user, marketplace.event),
            "slots": page,
            "page": page,
            "counts": queries.request_counts(marketplace),
            "busy": marketplace.plan_state in (PlanState.QUEUED, PlanState.RUNNING),
            "started": marketplace.event.starts_at <= timezone.now(),
        }
        with timezone.override(queries.zone(marketplace)):
            return render(request, "meetings/office_plan.html", context)


class OutcomeView(SignedInMixin, View):
    template_name = "meetings/outcome.html"

    def objects(self, request: HttpRequest, pk: int):
        meeting = get_visible_or_404(
            request.user,
            Meeting.objects.select_related(
                "marketplace__event", "slot", "table", "request__requester", "request__recipient"
            ),
            pk=pk,
        )
        if not runs_event(request.user, meeting.marketplace.event):
            raise PermissionDenied
        projects = permissions.visible(request.user, InnovationProject.objects.all()).order_by(
            "title", "pk"
        )
        return meeting, projects

    def render_page(self, meeting: Meeting, form: OutcomeForm) -> HttpResponse:
        with timezone.override(queries.zone(meeting.marketplace)):
            return render(
                self.request,
                self.template_name,
                {"meeting": meeting, "form": form, "event": meeting.marketplace.event},
            )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting, projects = self.objects(request, pk)
        initial = {
            "outcome": meeting.outcome or "held",
            "follow_up": meeting.follow_up,
            "note": meeting.outcome_note,
            "project": meeting.project_id,
        }
        return self.render_page(meeting, OutcomeForm(initial=initial, projects=projects))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting, projects = self.objects(request, pk)
        form = OutcomeForm(request.POST, projects=projects)
        if form.is_valid():
            try:
                services.outcome_record(meeting, acting_user=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The outcome has been recorded."))
                return redirect("meetings:office_plan", pk=meeting.marketplace.event_id)
        return self.render_page(meeting, form)
