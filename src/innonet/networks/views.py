"""The office's pages of networks and their agreements. Thin: parse, call, render."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View

from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import StaffRequiredMixin

from . import queries, services
from .forms import AgreementForm
from .models import NetworkAgreement


class NetworkListView(StaffRequiredMixin, View):
    """Every network with its members and the agreements it grants and receives."""

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {"networks": list(queries.network_overview()), "today": timezone.localdate()}
        return render(request, "networks/network_list.html", context)


class AgreementFormView(StaffRequiredMixin, View):
    """Make a new agreement or change one."""

    template_name = "networks/agreement_form.html"

    def _agreement(self) -> NetworkAgreement | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(
            NetworkAgreement.objects.select_related("grantor", "grantee"), pk=self.kwargs["pk"]
        )

    def _render(self, form: AgreementForm, agreement: NetworkAgreement | None) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form, "agreement": agreement})

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        agreement = self._agreement()
        initial = {"valid_from": timezone.localdate()} if agreement is None else None
        return self._render(AgreementForm(instance=agreement, initial=initial), agreement)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        agreement = self._agreement()
        form = AgreementForm(request.POST, instance=agreement)
        if not form.is_valid():
            return self._render(form, agreement)
        try:
            if agreement is None:
                services.agreement_create(data=form.data_for_service(), acting_user=request.user)
            else:
                services.agreement_update(
                    agreement, data=form.data_for_service(), acting_user=request.user
                )
        except DomainError as error:
            form_error(form, error)
            return self._render(form, agreement)
        messages.success(request, gettext("The agreement was saved."))
        return redirect("networks:network_list")


class AgreementEndView(StaffRequiredMixin, View):
    """POST: end an agreement today; from tomorrow it shares nothing."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = get_object_or_404(NetworkAgreement, pk=pk)
        try:
            services.agreement_end(agreement, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext("The agreement was ended."))
        return redirect("networks:network_list")
