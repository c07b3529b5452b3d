"""A visitor answers a public cooperation profile (to the office, with consent), and the
office's list of those answers."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.generic import ListView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin, get_visible_or_404

from ..forms.responses import ProfileResponseForm
from ..models import CooperationProfile, ProfileResponse, ProfileResponseStatus
from ..services.responses import (
    answerable_profiles,
    profile_response_create,
    profile_response_done,
)


def _answerable_or_404(pk: int) -> CooperationProfile:
    profile = answerable_profiles().select_related("organisation").filter(pk=pk).first()
    if profile is None:
        raise Http404
    return profile


def _page(request: HttpRequest, profile: CooperationProfile, form: ProfileResponseForm,
          ) -> HttpResponse:  # fmt: skip
    return render(request, "matching/profile_respond.html", {"profile": profile, "form": form})


class ProfileRespondView(View):
    """GET: the answer form of a public profile; POST: store the answer for the office."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _page(request, _answerable_or_404(pk), ProfileResponseForm())

    @method_decorator(rate_limited("contact", methods=("POST",)))
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = _answerable_or_404(pk)
        form = ProfileResponseForm(request.POST)
        if not form.is_valid():
            return _page(request, profile, form)
        try:
            profile_response_create(profile, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
            return _page(request, profile, form)
        messages.success(request, gettext(
            "Thank you. Your answer reached the network office, which will get back to you."
        ))  # fmt: skip
        return redirect("matching:profile_detail", pk=profile.pk)


class ProfileResponseListView(ReadersRequiredMixin, ListView):
    """Visitors' answers to public profiles, open ones first."""

    paginate_by = 25
    template_name = "matching/profile_response_list.html"

    def status(self) -> str:
        status = self.request.GET.get("status", ProfileResponseStatus.OPEN)
        return status if status in ProfileResponseStatus.values else "all"

    def get_queryset(self) -> QuerySet[ProfileResponse]:
        queryset = permissions.visible(
            self.request.user,
            ProfileResponse.objects.select_related(
                "profile", "profile__organisation", "handled_by"
            ),
        )
        if self.status() != "all":
            queryset = queryset.filter(status=self.status())
        return queryset.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            status=self.status(),
            statuses=ProfileResponseStatus.choices,
            can_handle=permissions.is_staff(self.request.user),
        )
        return context


class ProfileResponseDoneView(StaffRequiredMixin, View):
    """POST: the office marks an answer as handled."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        response = get_visible_or_404(request.user, ProfileResponse.objects.all(), pk=pk)
        profile_response_done(response, acting_user=request.user)
        messages.success(request, gettext("The answer is marked as done."))
        return redirect("matching:profile_response_list")
