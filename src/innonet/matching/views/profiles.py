"""The cooperation profile pages: the partner-search board (public profiles for everyone, more
for signed-in users as the policy allows), a profile's page, create and edit, publish or
withdraw, and renew. Views parse input, call one service and render; whatever the user may
not see answers 404."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View

from innonet.core import permissions
from innonet.core.dates import short_date
from innonet.core.errors import DomainError
from innonet.core.filters import page_filters
from innonet.core.forms import form_error
from innonet.core.versioning import ConflictError
from innonet.core.versioning.forms import differences
from innonet.core.views.mixins import SignedInMixin
from innonet.core.views.sorting import sort_key, sort_queryset
from innonet.partners.models import Organisation
from innonet.partners.queries import DIRECTORY_ROLES, has_public_profile

from ..filters import ProfileFilterSet, profile_page_fields
from ..forms.profiles import SORT_FIELDS, ProfileForm, is_db_id
from ..forms.responses import ProfileResponseForm
from ..models import CooperationProfile, ProfileStatus, Visibility
from ..queries import sharing
from ..services import profiles as services
from ..services.profiles import RENEWAL_WINDOW_DAYS

__all__ = [
    "ProfileDetailView",
    "ProfileFormView",
    "ProfileListView",
    "ProfileRenewView",
    "ProfileStatusView",
]

PAGE_SIZE = 25
DEFAULT_SORT = "-updated"


def _visible(request: HttpRequest, queryset: QuerySet | None = None) -> QuerySet:
    queryset = CooperationProfile.objects.all() if queryset is None else queryset
    return permissions.visible(request.user, queryset)


def profile_or_404(request: HttpRequest, pk: int) -> CooperationProfile:
    """A profile the user may see; any other answers 404, whether it exists or not."""
    queryset = CooperationProfile.objects.select_related(
        "organisation", "unit", "network", "contact", "created_by"
    )
    profile = _visible(request, queryset).filter(pk=pk).first()
    if profile is None:
        raise Http404
    return profile


def profile_to_change(request: HttpRequest, pk: int) -> CooperationProfile:
    """A visible profile (else 404) the user may change (else 403)."""
    profile = profile_or_404(request, pk)
    if not permissions.can_change(request.user, profile):
        raise PermissionDenied
    return profile


class ProfileListView(View):
    """Search, filter, sort and page through the profiles the user may see; anonymous
    visitors see the public board of active public profiles."""

    def get(self, request: HttpRequest) -> HttpResponse:
        sort = sort_key(request, SORT_FIELDS, DEFAULT_SORT)
        queryset = sort_queryset(
            _visible(request).select_related("organisation"), SORT_FIELDS, sort
        )
        filterset = ProfileFilterSet(request.GET or None, queryset=queryset, request=request)
        page_filters(filterset.form, profile_page_fields(request.user))
        valid = not filterset.is_bound or filterset.is_valid()
        rows = filterset.qs if filterset.is_bound and valid else filterset.queryset
        if not valid:
            rows = rows.none()
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filter": filterset,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "profiles": page.object_list,
            "sort": sort,
            "can_create": permissions.can_create(request.user, CooperationProfile),
            "can_export": permissions.is_staff(request.user)
            or permissions.role_of(request.user) == permissions.MEMBER,
            "export_query": _export_query(request),
            "signed_in": permissions.role_of(request.user) != permissions.ANONYMOUS,
            "today": timezone.localdate(),
        }
        return render(request, "matching/profile_list.html", context)


def _export_query(request: HttpRequest) -> str:
    """The list's filters for its export links (without sorting and paging)."""
    query = request.GET.copy()
    for name in ("page", "sort"):
        query.pop(name, None)
    return f"?{query.urlencode()}" if query else ""


def _organisation_link(user: Any, organisation: Organisation) -> tuple[str, int] | None:
    """(URL name, pk) of the organisation's registry page if the user may see it, else of its
    member-directory page for those who see the directory, else of its public profile if it
    has one, else None (just the name is shown)."""
    if permissions.can_view(user, organisation):
        return ("partners:organisation_detail", organisation.pk)
    if organisation.in_directory and permissions.role_of(user) in DIRECTORY_ROLES:
        return ("partners:directory_detail", organisation.pk)
    if has_public_profile(organisation):
        return ("partners:organisation_public", organisation.pk)
    return None


def _actions(profile: CooperationProfile, today: date) -> list[dict[str, str]]:
    """The buttons of the profile's owners: publish or withdraw, and renew when it is due."""
    status_url = reverse("matching:profile_status", kwargs={"pk": profile.pk})
    if profile.status == ProfileStatus.PUBLISHED:
        actions = [
            {"url": status_url, "action": "withdraw", "label": gettext("Withdraw"), "css": "danger"}
        ]
    else:
        actions = [
            {"url": status_url, "action": "publish", "label": gettext("Publish"), "css": "primary"}
        ]
    if (profile.valid_until - today).days <= RENEWAL_WINDOW_DAYS:
        actions.append(
            {
                "url": reverse("matching:profile_renew", kwargs={"pk": profile.pk}),
                "action": "",
                "label": gettext("Renew for a year"),
                "css": "primary",
            }
        )
    return actions


class ProfileDetailView(View):
    """A profile with all its fields; the contact person only for the office and the
    profile's own organisation, who also get the actions."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = profile_or_404(request, pk)
        user = request.user
        can_change = permissions.can_change(user, profile)
        today = timezone.localdate()
        own = permissions.role_of(user) == permissions.MEMBER and (
            user.organisation_id == profile.organisation_id
        )
        context = {
            "profile": profile,
            "competences": list(profile.competences.all()),
            "ris3_fields": list(profile.ris3_fields.all()),
            "organisation_link": _organisation_link(user, profile.organisation),
            "days_left": (profile.valid_until - today).days,
            "can_change": can_change,
            "show_contact": can_change or sharing.sees_contact(user, profile),
            "show_matches": permissions.reads_everything(user) or own,
            "can_request": (
                permissions.role_of(user) == permissions.MEMBER and not own and profile.is_active
            ),
            "actions": _actions(profile, today) if can_change else [],
            # Visitors answer a public profile through the office (members say "interested").
            "response_form": (
                ProfileResponseForm()
                if permissions.role_of(user) == permissions.ANONYMOUS
                and profile.is_active
                and profile.visibility == Visibility.PUBLIC
                else None
            ),
        }
        return render(request, "matching/profile_detail.html", context)


class ProfileFormView(SignedInMixin, View):
    """Create a profile (as a draft) or edit one, with optimistic locking on edits. Members
    always post for their own organisation; an `organisation` they send is ignored."""

    template_name = "matching/profile_form.html"

    def get_profile(self) -> CooperationProfile | None:
        if "pk" in self.kwargs:
            return profile_to_change(self.request, self.kwargs["pk"])
        if not permissions.can_create(self.request.user, CooperationProfile):
            raise PermissionDenied
        return None

    def fixed_organisation(self) -> Organisation | None:
        """Members post for their own organisation; staff choose one in the form."""
        user = self.request.user
        if permissions.is_staff(user):
            return None
        return user.organisation

    def make_form(self, profile: CooperationProfile | None, **kwargs: Any) -> ProfileForm:
        return ProfileForm(
            instance=profile,
            user=self.request.user,
            organisation=self.fixed_organisation(),
            **kwargs,
        )

    def render_form(self, form: ProfileForm, profile: Any, **extra: Any) -> HttpResponse:
        context = {"form": form, "profile": profile, **extra}
        status = 409 if "conflict" in extra else 200
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        profile = self.get_profile()
        initial = {}
        chosen = request.GET.get("organisation", "")
        if profile is None and permissions.is_staff(request.user) and is_db_id(chosen):
            initial["organisation"] = chosen
        return self.render_form(self.make_form(profile, initial=initial), profile)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        profile = self.get_profile()
        form = self.make_form(profile, data=request.POST)
        if not form.is_valid():
            return self.render_form(form, profile)
        data = form.data_for_service()
        try:
            if profile is None:
                organisation = self.fixed_organisation() or form.cleaned_data["organisation"]
                saved = services.profile_create(organisation, acting_user=request.user, **data)
            else:
                saved = services.profile_update(
                    profile,
                    version=form.cleaned_data.get("version"),
                    acting_user=request.user,
                    **data,
                )
        except ConflictError as error:
            current = error.current
            return self.render_form(
                self.make_form(current),
                current,
                conflict=error.message,
                differences=differences(form, current),
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, profile)
        messages.success(request, gettext("“%(title)s” was saved.") % {"title": saved.title})
        return redirect("matching:profile_detail", pk=saved.pk)


def _posted_version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if is_db_id(value) else None


class ProfileStatusView(SignedInMixin, View):
    """POST `action=publish|withdraw`: show the profile on the board or take it off."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = profile_to_change(request, pk)
        action = request.POST.get("action", "")
        change = {"publish": services.profile_publish, "withdraw": services.profile_withdraw}
        if action not in change:
            messages.error(request, gettext("Please choose whether to publish or withdraw."))
            return redirect("matching:profile_detail", pk=profile.pk)
        try:
            changed = change[action](
                profile, acting_user=request.user, version=_posted_version(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            done = {
                "publish": gettext("“%(title)s” is now published."),
                "withdraw": gettext("“%(title)s” was withdrawn."),
            }
            messages.success(request, done[action] % {"title": changed.title})
        return redirect("matching:profile_detail", pk=profile.pk)


class ProfileRenewView(SignedInMixin, View):
    """POST: let a profile that is about to end (or has ended) run another year."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = profile_to_change(request, pk)
        try:
            renewed = services.profile_renew(
                profile, acting_user=request.user, version=_posted_version(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("“%(title)s” now runs until %(date)s.")
                % {"title": renewed.title, "date": short_date(renewed.valid_until)},
            )
        return redirect("matching:profile_detail", pk=profile.pk)
