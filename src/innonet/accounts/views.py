"""API token pages (list, create with the key shown once, revoke) and the admin's door."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_variables
from django.views.i18n import set_language

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.middleware import SESSION_LANGUAGE_KEY
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404

from . import services
from .forms import ApiTokenForm
from .models import ApiToken

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's language switch (the cookie, a safe redirect), and for a signed-in person also
    their account's language: the pages follow it on every device after sign-in, and the mails
    the platform sends them (password reset) are written in it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    valid = check_for_language(language) and language in LANGUAGES
    if request.method == "POST" and valid and request.user.is_authenticated:
        request.session[SESSION_LANGUAGE_KEY] = language
        services.user_set_language(request.user, language=language)
    return response


class TokenListView(SignedInMixin, View):
    """The user's own tokens and a form for a new one."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, ApiTokenForm())

    @sensitive_variables("plain")
    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, plain = services.api_token_create(
                    request.user, **form.cleaned_data, acting_user=request.user
                )
            except DomainError as error:
                form.add_error(error.field, error.message)
            else:
                return self.render(request, ApiTokenForm(), new_token=token, plain=plain)
        return self.render(request, form, status=400)

    def render(self, request, form, status=200, **extra) -> HttpResponse:
        tokens = ApiToken.objects.filter(user=request.user)
        context = {"form": form, "tokens": tokens, **extra}
        return render(request, "accounts/token_list.html", context, status=status)


class TokenRevokeView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_visible_or_404(request.user, ApiToken.objects.all(), pk=pk)
        if not permissions.can_change(request.user, token):
            return redirect("accounts:token_list")
        services.api_token_revoke(token, acting_user=request.user)
        messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
        return redirect("accounts:token_list")


def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Replaces the admin's own login form, which would bypass two-factor and rate limits.

    Visitors go to the site's sign-in; signed-in users without admin rights get 403 rather than
    the admin's login form; staff go where they wanted.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.GET.get("next") or request.get_full_path())
    if not admin.site.has_permission(request):
        raise PermissionDenied
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    return redirect(target or "admin:index")


class EmailAddressView(SignedInMixin, View):
    """The sign-in address; only the network office changes it, so it stays verified."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/email.html", {"address": request.user.email})
