"""The staff's outbox pages: what was sent to whom and when, one mail as it was stored, "send
again" for a failed mail, and the blocked addresses with add and remove."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from ..errors import DomainError
from ..filters import OutgoingMailFilterSet, page_filters
from ..forms import StyledFormMixin
from ..models import MailStatus, OutgoingMail, SuppressedAddress
from ..outbox import needs_attention
from ..outbox.services import (
    outgoing_mail_retry,
    suppressed_address_add,
    suppressed_address_remove,
)
from .mixins import StaffRequiredMixin
from .sorting import sort_key, sort_queryset

PAGE_SIZE = 50
SORT_COLUMNS = {
    "queued": ("created_at", "id"),
    "sent": ("sent_at", "id"),
    "recipient": ("to_address", "id"),
    "kind": ("category", "created_at", "id"),
    "status": ("status", "created_at", "id"),
    "attempts": ("attempts", "created_at", "id"),
}
DEFAULT_SORT = "-queued"
LIST_FIELDS = (
    "id", "created_at", "sent_at", "to_address", "subject", "category", "status", "attempts",
    "last_error", "not_before",
)  # fmt: skip
BLOCKED_SORT = {"address": ("address",), "recorded": ("recorded_at", "id")}


class OutboxListView(StaffRequiredMixin, View):
    """Every outgoing mail: filter by status, kind, address and date; sort; pages."""

    def get(self, request: HttpRequest) -> HttpResponse:
        categories = (
            OutgoingMail.objects.order_by("category").values_list("category", flat=True).distinct()
        )
        sort = sort_key(request, SORT_COLUMNS, DEFAULT_SORT)
        queryset = sort_queryset(OutgoingMail.objects.only(*LIST_FIELDS), SORT_COLUMNS, sort)
        filterset = OutgoingMailFilterSet(
            request.GET or None, queryset=queryset, categories=list(categories)
        )
        page_filters(filterset.form, ("q", "status", "category", "queued_from", "queued_until"))
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filter": filterset,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "mails": page.object_list,
            "sort": sort,
            "attention": needs_attention(),
            "statuses": MailStatus,
        }
        return render(request, "core/outbox_list.html", context)


class OutboxDetailView(StaffRequiredMixin, View):
    """One mail as stored: headers, plain text, and the HTML as source text (never rendered)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        mail = get_object_or_404(OutgoingMail.objects.select_related("created_by"), pk=pk)
        blocked = SuppressedAddress.objects.filter(address=mail.to_address.lower()).first()
        context = {
            "mail": mail,
            "blocked": blocked,
            "can_retry": mail.status in (MailStatus.FAILED, MailStatus.SUPPRESSED),
            "headers": sorted(mail.headers.items()),
        }
        return render(request, "core/outbox_detail.html", context)


class OutboxRetryView(StaffRequiredMixin, View):
    """Queue a failed mail again (POST only; audited)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        mail = get_object_or_404(OutgoingMail, pk=pk)
        try:
            outgoing_mail_retry(mail, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The mail is queued again and goes out shortly."))
        return redirect("core:outbox_detail", pk=mail.pk)


class BlockForm(StyledFormMixin, forms.Form):
    address = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("For example: the mail came back as undeliverable."),
    )


class SuppressedListView(StaffRequiredMixin, View):
    """The blocked addresses, newest first, with a form to block one more."""

    def render_page(self, request: HttpRequest, form: BlockForm) -> HttpResponse:
        sort = sort_key(request, BLOCKED_SORT, "-recorded")
        queryset = SuppressedAddress.objects.all()
        search = request.GET.get("q", "").strip()[:100]
        if search:
            queryset = queryset.filter(address__icontains=search)
        rows = sort_queryset(queryset, BLOCKED_SORT, sort)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "blocked": page.object_list,
            "sort": sort,
            "search": search,
        }
        return render(request, "core/suppressed_list.html", context, status=200)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, BlockForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BlockForm(request.POST)
        if form.is_valid():
            try:
                suppressed_address_add(
                    form.cleaned_data["address"],
                    reason=form.cleaned_data["reason"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form.add_error("address", error.message)
            else:
                messages.success(request, _("The address is blocked."))
                return redirect("core:suppressed_list")
        return self.render_page(request, form)


class SuppressedDeleteView(StaffRequiredMixin, View):
    """Unblock an address (POST only; audited)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        blocked = get_object_or_404(SuppressedAddress, pk=pk)
        suppressed_address_remove(blocked, acting_user=request.user)
        messages.success(request, _("The address is unblocked."))
        return redirect("core:suppressed_list")
