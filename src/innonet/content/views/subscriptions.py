"""Subscriptions: the public sign-up with its double opt-in, the signed links of the mails
(confirm, preferences, unsubscribe, also with one click per RFC 8058), and the office's list
of subscribers with each one's consent history.

Opening a link (GET) only shows a page with a button; the change happens on POST, so mail
scanners that fetch links change nothing. The one-click address takes a POST without a CSRF
token, as RFC 8058 requires: the signed token in the address is its proof."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from innonet.core.errors import DomainError
from innonet.core.forms import form_error, style_filter_form
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import StaffRequiredMixin

from ..forms.newsletter import PreferencesForm, SubscribeForm
from ..models import ConsentSource, Issue, Subscription
from ..newsletter import links
from ..newsletter.filters import SubscriptionFilterSet
from ..services import newsletter as services

PAGE_SIZE = 50


@method_decorator(never_cache, name="dispatch")
class SubscribeView(View):
    """The sign-up form. Whatever the address, the answer is the same page (no enumeration)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language() or settings.LANGUAGE_CODE
        form = SubscribeForm(initial={"language": language[:2]})
        return render(request, "content/newsletter/subscribe.html", {"form": form})

    @method_decorator(rate_limited("newsletter", methods=("POST",)))
    def post(self, request: HttpRequest) -> HttpResponse:
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.subscribe(
                    email=data["email"],
                    name=data["name"],
                    language=data["language"],
                    topics=data["topics"],
                    ris3_fields=data["ris3_fields"],
                    source=ConsentSource.FORM,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                return redirect("content:subscription_requested")
        return render(request, "content/newsletter/subscribe.html", {"form": form}, status=400)


class SubscribeDoneView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "content/newsletter/subscribe_done.html")


def _invalid(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(
        request, "content/newsletter/link_invalid.html", {"message": error.message}, status=400
    )


@method_decorator(never_cache, name="dispatch")
class TokenView(View):
    purpose = links.MANAGE
    template_name = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.target = links.target_for_token(kwargs["token"], self.purpose)
        except DomainError as error:
            return _invalid(request, error)
        self.subscription = self.target.subscription
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(self.subscription.language or settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def page(self, status: int = 200, **context: Any) -> HttpResponse:
        context = {"subscription": self.subscription, "token": self.kwargs["token"], **context}
        return render(self.request, self.template_name, context, status=status)


class ConfirmView(TokenView):
    """Double opt-in: the subscription counts once the visitor presses the button."""

    purpose = links.CONFIRM
    template_name = "content/newsletter/confirm.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page(ask=not self.subscription.is_active)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        self.subscription = services.confirm(self.subscription, source=ConsentSource.LINK)
        manage = links.make_token(self.subscription, links.MANAGE)
        return self.page(ask=False, confirmed=True, manage_token=manage)


class ManageView(TokenView):
    """The preferences of a subscription, from the link in every newsletter."""

    template_name = "content/newsletter/manage.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page(form=PreferencesForm.for_subscription(self.subscription))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        form = PreferencesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                self.subscription = services.update_preferences(
                    self.subscription,
                    name=data["name"],
                    language=data["language"],
                    topics=data["topics"],
                    ris3_fields=data["ris3_fields"],
                    source=ConsentSource.LINK,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                return self.page(form=form, saved=True)
        return self.page(status=400, form=form)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(TokenView):
    """GET: a page with a button. POST: unsubscribe, from the page or from a mail client's
    one-click request (body `List-Unsubscribe=One-Click`, RFC 8058), which gets a short answer
    and no page."""

    template_name = "content/newsletter/unsubscribe.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page(ask=self.subscription.is_active)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        issue_id = self.target.issue_id
        if issue_id is not None and not Issue.objects.filter(pk=issue_id).exists():
            issue_id = None
        self.subscription = services.unsubscribe(
            self.subscription,
            source=ConsentSource.ONE_CLICK if one_click else ConsentSource.LINK,
            issue_id=issue_id,
        )
        if one_click:
            return HttpResponse(_("You have been unsubscribed."), content_type="text/plain")
        return self.page(ask=False, done=True)


# The office ----------------------------------------------------------------------------------


class SubscriptionListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        queryset = Subscription.objects.select_related("person").order_by("email")
        filterset = SubscriptionFilterSet(request.GET or None, queryset=queryset)
        style_filter_form(filterset.form)
        if filterset.is_bound and filterset.is_valid():
            queryset = filterset.qs
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filter": filterset,
            "subscriptions": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "reset_url": reverse("content:subscription_list"),
            "total": queryset.count(),
        }
        return render(request, "content/newsletter/subscription_list.html", context)


class SubscriptionDetailView(StaffRequiredMixin, View):
    """A subscriber's preferences and complete consent history; the office may end it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = get_object_or_404(Subscription.objects.select_related("person"), pk=pk)
        context = {
            "subscription": subscription,
            "events": subscription.events.select_related("recorded_by", "issue"),
        }
        return render(request, "content/newsletter/subscription_detail.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = get_object_or_404(Subscription, pk=pk)
        services.unsubscribe(subscription, source=ConsentSource.STAFF, acting_user=request.user)
        messages.success(request, _("The subscription has been ended."))
        return redirect("content:subscription_detail", pk=pk)
