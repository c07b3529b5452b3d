"""Pages of the EEN partnering format: download one profile or a selection as JSON or XML,
and import a file: upload -> preview (nothing written) -> confirm (all profiles or none).

The preview's file travels to the confirmation signed, bound to the person and the
organisation, and is read again there, so the server keeps no state between the two steps.
"""

import base64
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import SignedInMixin
from innonet.partners.models import Organisation

from ..een.documents import EenFileError
from ..filters import ProfileFilterSet
from ..forms.een import EenConfirmForm, EenUploadForm
from ..forms.profiles import is_db_id
from ..models import CooperationProfile
from ..services import een as services
from .profiles import profile_to_change

__all__ = [
    "ProfileEenExportView",
    "ProfileEenImportConfirmView",
    "ProfileEenImportView",
    "ProfileEenListExportView",
]

MAX_EXPORT = 500
PREVIEW_SALT = "matching.een-import"
TOKEN_MAX_AGE = 3600
CONTENT_TYPES = {"json": "application/json", "xml": "application/xml"}


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{CONTENT_TYPES[fmt]}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_terms(queryset: Any) -> Any:
    return queryset.select_related("organisation__country").prefetch_related(
        "competences", "ris3_fields"
    )


@method_decorator(rate_limited("export"), name="get")
class ProfileEenExportView(SignedInMixin, View):
    """One profile as an EEN file, for its own organisation and the office."""

    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        profile = profile_to_change(request, pk)
        profile = _with_terms(CooperationProfile.objects).get(pk=profile.pk)
        content = services.een_export([profile], fmt, acting_user=request.user)
        return _download(content, fmt, f"een-profile-{profile.pk}.{fmt}")


@method_decorator(rate_limited("export"), name="get")
class ProfileEenListExportView(SignedInMixin, View):
    """The profiles of the list's filters (or those ticked, `id`) as one EEN file: the office
    exports every profile it sees, a member those of the own organisation."""

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        user = request.user
        queryset = permissions.visible(user, CooperationProfile.objects.all())
        if permissions.role_of(user) == permissions.MEMBER:
            queryset = queryset.filter(organisation_id=user.organisation_id)
        elif not permissions.is_staff(user):
            raise PermissionDenied
        filterset = ProfileFilterSet(request.GET or None, queryset=queryset, request=request)
        if filterset.is_bound and not filterset.is_valid():
            messages.error(request, gettext("The filter is not valid; nothing was exported."))
            return redirect("matching:profile_list")
        rows = filterset.qs if filterset.is_bound else queryset
        ids = [int(value) for value in request.GET.getlist("id") if is_db_id(value)]
        if ids or request.GET.get("selection"):  # the ticked rows, and none when none is ticked
            rows = rows.filter(pk__in=ids[: MAX_EXPORT + 1])
        profiles = list(_with_terms(rows.order_by("pk"))[: MAX_EXPORT + 1])
        if not profiles or len(profiles) > MAX_EXPORT:
            messages.error(
                request,
                gettext("No profiles match; nothing was exported.")
                if not profiles
                else gettext("More than %(count)d profiles match; narrow the filter.")
                % {"count": MAX_EXPORT},
            )
            return redirect(reverse("matching:profile_list") + _query(request))
        content = services.een_export(profiles, fmt, acting_user=user)
        return _download(content, fmt, f"een-profiles.{fmt}")


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    for name in ("id", "selection"):
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else ""


def _may_import(user: Any) -> bool:
    return permissions.can_create(user, CooperationProfile)


def _organisation(user: Any, form: EenUploadForm) -> Organisation:
    if permissions.is_staff(user):
        return form.cleaned_data["organisation"]
    return user.organisation


def _token(request: HttpRequest, data: bytes, filename: str, organisation: Organisation) -> str:
    payload = {
        "file": base64.b64encode(data).decode("ascii"),
        "name": filename[:200],
        "organisation": organisation.pk,
        "user": request.user.pk,
    }
    return signing.dumps(payload, salt=PREVIEW_SALT, compress=True)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ProfileEenImportView(SignedInMixin, View):
    """Upload an EEN file and see what importing it would do; nothing is written yet."""

    template_name = "matching/profile_een_import.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not _may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = EenUploadForm(user=request.user)
        return render(request, self.template_name, {"form": form})

    @method_decorator(rate_limited("import"))
    def post(self, request: HttpRequest) -> HttpResponse:
        form = EenUploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        data, filename = upload.read(), upload.name or ""
        organisation = _organisation(request.user, form)
        try:
            plan = services.een_import_check(
                data, filename, organisation=organisation, acting_user=request.user
            )
        except DomainError as error:
            form.add_error("file", error.message)
            return render(request, self.template_name, {"form": form}, status=400)
        context = {
            "form": form,
            "plan": plan,
            "organisation": organisation,
            "confirm": EenConfirmForm(
                initial={"token": _token(request, data, filename, organisation)}
            ),
        }
        return render(request, self.template_name, context, status=400 if plan.errors else 200)


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ProfileEenImportConfirmView(SignedInMixin, View):
    """POST the signed preview: create all the file's profiles as drafts, or none."""

    http_method_names = ["post"]
    template_name = "matching/profile_een_import.html"

    def post(self, request: HttpRequest) -> HttpResponse:
        if not _may_import(request.user):
            raise PermissionDenied
        confirm = EenConfirmForm(request.POST)
        payload = self._payload(request, confirm)
        if payload is None:
            return self._again(request, gettext("The preview has expired or is not valid."))
        data, filename, organisation = payload
        try:
            created = services.een_profiles_import(
                data,
                filename,
                organisation=organisation,
                acting_user=request.user,
                leave_out_unknown=confirm.cleaned_data["leave_out_unknown"],
            )
        except services.ImportRefusedError as error:
            context = {
                "form": EenUploadForm(user=request.user),
                "plan": error.plan,
                "organisation": organisation,
                "confirm": confirm,
                "refused": error.message,
            }
            return render(request, self.template_name, context, status=400)
        except (EenFileError, DomainError) as error:
            return self._again(request, error.message)
        messages.success(
            request,
            ngettext(
                "%(count)d profile was imported as a draft.",
                "%(count)d profiles were imported as drafts.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect(reverse("matching:profile_list") + "?mine=on")

    def _payload(
        self, request: HttpRequest, confirm: EenConfirmForm
    ) -> tuple[bytes, str, Organisation] | None:
        """The file, its name and the organisation of a valid preview of this person."""
        if not confirm.is_valid():
            return None
        try:
            payload = signing.loads(
                confirm.cleaned_data["token"], salt=PREVIEW_SALT, max_age=TOKEN_MAX_AGE
            )
            data = base64.b64decode(payload["file"], validate=True)
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None
        if payload.get("user") != request.user.pk:
            return None
        organisation = Organisation.objects.filter(pk=payload.get("organisation")).first()
        if organisation is None:
            return None
        return data, str(payload.get("name", "")), organisation

    def _again(self, request: HttpRequest, message: str) -> HttpResponse:
        form = EenUploadForm(user=request.user)
        context = {"form": form, "refused": message}
        return render(request, self.template_name, context, status=400)
