"""The member directory: the network's organisations as the members see them (only those that
consented), one page per organisation, and contact through the office; plus the office's list
of the contact requests."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.generic import ListView
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error, style_filter_form
from innonet.core.pagination import CappedPaginator
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import (
    ReadersRequiredMixin,
    RoleRequiredMixin,
    StaffRequiredMixin,
    get_visible_or_404,
)
from innonet.core.views.sorting import sort_key, sort_queryset

from .. import queries, services
from ..filters.directory import DirectoryFilterSet
from ..forms.directory import ContactRequestForm
from ..models import ContactRequest, ContactRequestStatus, Organisation

DEFAULT_SORT = "name"


class DirectoryListView(RoleRequiredMixin, FilterView):
    """Search, filter, sort and page through the organisations shown to members."""

    roles = queries.DIRECTORY_ROLES
    filterset_class = DirectoryFilterSet
    paginate_by = 20
    paginator_class = CappedPaginator
    template_name = "partners/directory_list.html"

    def get_queryset(self) -> QuerySet[Organisation]:
        sort = sort_key(self.request, queries.DIRECTORY_SORTS, DEFAULT_SORT)
        return sort_queryset(queries.directory_list(), queries.DIRECTORY_SORTS, sort)

    def get_filterset(self, filterset_class: type) -> DirectoryFilterSet:
        filterset = super().get_filterset(filterset_class)
        style_filter_form(filterset.form)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sort"] = sort_key(self.request, queries.DIRECTORY_SORTS, DEFAULT_SORT)
        context["own_organisation_id"] = _own(self.request)
        return context


def _own(request: HttpRequest) -> int | None:
    if permissions.role_of(request.user) == permissions.MEMBER:
        return request.user.organisation_id
    return None


def _detail(request: HttpRequest, pk: int, form: ContactRequestForm | None = None,
            status: int = 200) -> HttpResponse:  # fmt: skip
    organisation = queries.directory_detail(pk)
    own = _own(request)
    can_contact = own is not None and own != organisation.pk
    if can_contact and form is None:
        form = ContactRequestForm(organisation=organisation)
    context = {
        "organisation": organisation,
        "is_own": own == organisation.pk,
        "form": form if can_contact else None,
        "can_open_registry": permissions.can_view(request.user, organisation),
    }
    return render(request, "partners/directory_detail.html", context, status=status)


class DirectoryDetailView(RoleRequiredMixin, View):
    """One organisation as the members see it, with the form to ask the office for contact."""

    roles = queries.DIRECTORY_ROLES

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _detail(request, pk)

    @method_decorator(rate_limited("contact", methods=("POST",)))
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = queries.directory_detail(pk)
        form = ContactRequestForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                services.contact_request_create(
                    organisation,
                    unit=form.cleaned_data.get("unit"),
                    message=form.cleaned_data["message"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext(
                    "Your request reached the network office. It will put you in touch with "
                    "%(name)s."
                ) % {"name": organisation.name})  # fmt: skip
                return redirect("partners:directory_detail", pk=organisation.pk)
        return _detail(request, pk, form)


class ContactRequestListView(ReadersRequiredMixin, ListView):
    """The office's list of members' contact requests, open ones first."""

    paginate_by = 25
    template_name = "partners/contact_request_list.html"

    def get_queryset(self) -> QuerySet[ContactRequest]:
        status = self.request.GET.get("status", ContactRequestStatus.OPEN)
        queryset = queries.contact_requests(self.request.user)
        if status in ContactRequestStatus.values:
            queryset = queryset.filter(status=status)
        return queryset.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", ContactRequestStatus.OPEN)
        context.update(
            status=status if status in ContactRequestStatus.values else "all",
            statuses=ContactRequestStatus.choices,
            can_handle=permissions.is_staff(self.request.user),
        )
        return context


class ContactRequestDoneView(StaffRequiredMixin, View):
    """POST: the office marks a contact request as handled."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = get_visible_or_404(request.user, ContactRequest.objects.all(), pk=pk)
        services.contact_request_done(contact, acting_user=request.user)
        messages.success(request, gettext("The request is marked as done."))
        return redirect("partners:contact_request_list")
