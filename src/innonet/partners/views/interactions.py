"""The office's interaction log: list, detail, record and edit, and "my follow-ups".

The policy keeps these notes to staff (write) and the board (read); partners never see them."""

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.generic import ListView
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import (
    ReadersRequiredMixin,
    StaffRequiredMixin,
    get_visible_or_404,
)

from .. import exports, services
from ..filters.interactions import InteractionFilterSet
from ..forms.interactions import InteractionForm
from ..models import Interaction
from .people import export_response, list_export_query

SORTS = {
    "date": ("happened_on", "pk"),
    "-date": ("-happened_on", "-pk"),
    "follow_up": ("follow_up_on", "pk"),
    "-follow_up": ("-follow_up_on", "-pk"),
}


def _interactions(user: Any) -> QuerySet:
    queryset = Interaction.objects.select_related("organisation", "person", "staff")
    return permissions.visible(user, queryset)


class InteractionListView(ReadersRequiredMixin, FilterView):
    """The log for staff and board: filter by kind, dates, partner, staff member and open
    follow-ups; search in the topic."""

    filterset_class = InteractionFilterSet
    paginate_by = 25
    template_name = "partners/interaction_list.html"

    def sort_key(self) -> str:
        sort = self.request.GET.get("sort", "")
        return sort if sort in SORTS else "-date"

    def get_queryset(self) -> QuerySet:
        return _interactions(self.request.user).order_by(*SORTS[self.sort_key()])

    def get_filterset(self, filterset_class: type) -> InteractionFilterSet:
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sort = self.sort_key()
        context.update(
            sort=sort,
            today=timezone.localdate(),
            can_create=permissions.can_create(self.request.user, Interaction),
            export_query=list_export_query(self.request),
        )
        return context


class InteractionExportView(ReadersRequiredMixin, View):
    """The filtered log as CSV or XLSX; staff and board only, every export audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        sort = request.GET.get("sort", "")
        queryset = _interactions(request.user).order_by(*SORTS[sort if sort in SORTS else "-date"])
        filterset = InteractionFilterSet(request.GET, queryset=queryset, request=request)
        if not filterset.is_valid():
            return HttpResponseBadRequest(
                gettext("The filter is not valid; please correct it on the list page.")
            )
        export = exports.interaction_export(filterset.qs, fmt=fmt, acting_user=request.user)
        return export_response(export)


class InteractionDetailView(ReadersRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        interaction = get_visible_or_404(request.user, _interactions(request.user), pk=pk)
        context = {
            "interaction": interaction,
            "can_change": permissions.can_change(request.user, interaction),
            "today": timezone.localdate(),
        }
        return render(request, "partners/interaction_detail.html", context)


def _initial_partners(request: HttpRequest) -> dict[str, Any]:
    """Pre-select organisation and person from links such as "record a contact" on a person."""
    initial: dict[str, Any] = {"happened_on": timezone.localdate(), "staff": request.user.pk}
    for key in ("organisation", "person"):
        value = request.GET.get(key, "")
        if value.isdigit() and len(value) < 12:
            initial[key] = int(value)
    return initial


class InteractionFormView(StaffRequiredMixin, View):
    """Record a new contact (no pk) or change one; the service checks the partners."""

    def get_interaction(self) -> Interaction | None:
        if "pk" not in self.kwargs:
            return None
        return get_visible_or_404(
            self.request.user, Interaction.objects.all(), pk=self.kwargs["pk"]
        )

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        interaction = self.get_interaction()
        initial = _initial_partners(request) if interaction is None else None
        return self.render(InteractionForm(instance=interaction, initial=initial), interaction)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        interaction = self.get_interaction()
        form = InteractionForm(request.POST, instance=interaction)
        if form.is_valid():
            try:
                if interaction is None:
                    saved = services.interaction_record(
                        data=form.cleaned_data, acting_user=request.user
                    )
                else:
                    saved = services.interaction_update(
                        interaction, data=form.cleaned_data, acting_user=request.user
                    )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The contact was saved."))
                return redirect("partners:interaction_detail", pk=saved.pk)
        return self.render(form, interaction)

    def render(self, form: InteractionForm, interaction: Interaction | None) -> HttpResponse:
        context = {"form": form, "interaction": interaction}
        return render(self.request, "partners/interaction_form.html", context)


class FollowUpListView(StaffRequiredMixin, ListView):
    """The signed-in staff member's open follow-ups, the most urgent first."""

    paginate_by = 50
    template_name = "partners/interaction_followups.html"

    def get_queryset(self) -> QuerySet:
        return (
            _interactions(self.request.user)
            .open_follow_ups()
            .filter(staff=self.request.user)
            .order_by("follow_up_on", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class FollowUpDoneView(StaffRequiredMixin, View):
    """Close a follow-up (POST only: it changes data)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        interaction = get_visible_or_404(request.user, Interaction.objects.all(), pk=pk)
        try:
            services.follow_up_done(interaction, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, gettext("Follow-up “%(topic)s” is done.") % {"topic": interaction.topic}
            )
        return redirect("partners:followup_list")
