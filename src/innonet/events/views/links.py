"""The signed links in participants' mails. Opening a link (GET) only shows a page with a
button; the change happens on POST, so mail scanners that fetch links change nothing.
A tampered or expired link gets a friendly page with the reason, never a server error."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from innonet.core.collation import german_order
from innonet.core.errors import DomainError
from innonet.core.forms import form_error

from .. import links, services
from ..forms.registration import FeedbackForm
from ..models import Feedback, Registration, RegistrationStatus


def _invalid(request: HttpRequest, error: DomainError) -> HttpResponse:
    return render(request, "events/link_invalid.html", {"message": error.message}, status=400)


@method_decorator(never_cache, name="dispatch")
class TokenView(View):
    """Resolves the token of the URL to its registration for the given purpose."""

    purpose = ""
    template_name = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.registration = links.registration_for_token(kwargs["token"], self.purpose)
        except DomainError as error:
            return _invalid(request, error)
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
            return super().dispatch(request, *args, **kwargs)
        # Someone coming from the mail reads the page in the mail's language.
        with translation.override(self.registration.language or settings.LANGUAGE_CODE):
            return super().dispatch(request, *args, **kwargs)

    def page(self, status: int = 200, **context: Any) -> HttpResponse:
        registration = self.registration
        context = {"registration": registration, "event": registration.event, **context}
        return render(self.request, self.template_name, context, status=status)


def _group(registration: Registration) -> list[Registration]:
    """The colleagues registered together with this registration."""
    return list(
        registration.colleagues.order_by(
            german_order("last_name"), german_order("first_name"), "pk"
        )
    )


class ConfirmView(TokenView):
    """Double opt-in: the registration counts once the visitor presses the button."""

    purpose = links.CONFIRM
    template_name = "events/link_confirm.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        registration = self.registration
        pending = registration.status == RegistrationStatus.UNCONFIRMED or (
            registration.is_active
            and registration.colleagues.filter(status=RegistrationStatus.UNCONFIRMED).exists()
        )
        return self.page(ask=pending, colleagues=_group(registration))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            registration = services.registration_confirm(self.registration)
        except DomainError as error:
            return self.page(status=400, error=error.message, ask=False)
        self.registration = registration
        return self.page(ask=False, outcome=True, colleagues=_group(registration))


class CancelView(TokenView):
    """Cancel one's own registration; a second press says it is already cancelled."""

    purpose = links.CANCEL
    template_name = "events/link_cancel.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self.page(ask=self.registration.is_active)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        was_active = self.registration.is_active
        try:
            self.registration = services.registration_cancel(self.registration)
        except DomainError as error:
            return self.page(status=400, error=error.message, ask=False)
        return self.page(ask=False, just_cancelled=was_active)


class FeedbackView(TokenView):
    """Rate the event from 1 to 5 with a comment; sending again updates the answer."""

    purpose = links.FEEDBACK
    template_name = "events/link_feedback.html"

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        existing = Feedback.objects.filter(registration=self.registration).first()
        initial = {"rating": existing.rating, "comment": existing.comment} if existing else {}
        return self.page(form=FeedbackForm(initial=initial), existing=existing)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_submit(
                    self.registration,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                form_error(form, error)
            else:
                self.template_name = "events/link_feedback_thanks.html"
                return self.page()
        return self.page(form=form)
