"""API token pages: list, create (the key is shown once), revoke."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_variables

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.views.mixins import SignedInMixin, get_visible_or_404

from . import services
from .forms import ApiTokenForm
from .models import ApiToken


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
