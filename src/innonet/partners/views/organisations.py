"""Organisation pages: list with export, detail, create and edit, membership status, units,
and the public profile. Views parse input, call a query or service, and render."""

from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error, style_filter_form
from innonet.core.pagination import CappedPaginator
from innonet.core.ratelimit import rate_limited
from innonet.core.uploads import image_type_for_name
from innonet.core.versioning import ConflictError
from innonet.core.versioning.forms import differences
from innonet.core.views.mixins import (
    ReadersRequiredMixin,
    SignedInMixin,
    StaffRequiredMixin,
    get_visible_or_404,
)
from innonet.core.views.sorting import sort_key

from .. import exports, queries, services
from ..duplicates import organisation_duplicates
from ..filters.organisations import OrganisationFilterSet
from ..forms.organisations import (
    MemberOrganisationForm,
    MembershipStatusForm,
    OrganisationForm,
    UnitForm,
)
from ..models import Organisation, Unit

# The list's sort keys; queries.organisation_list orders by them (ties by name and pk, both
# ascending, whatever the direction).
SORT_COLUMNS = queries.ORGANISATION_SORTS
DEFAULT_SORT = "name"


class OrganisationListView(SignedInMixin, FilterView):
    """Search, filter, sort and page through the organisations the user may see."""

    filterset_class = OrganisationFilterSet
    paginate_by = 25
    paginator_class = CappedPaginator
    template_name = "partners/organisation_list.html"

    def get_queryset(self) -> QuerySet[Organisation]:
        return queries.organisation_list(
            self.request.user, sort=sort_key(self.request, SORT_COLUMNS, DEFAULT_SORT)
        )

    def get_filterset(self, filterset_class: type) -> OrganisationFilterSet:
        filterset = super().get_filterset(filterset_class)
        style_filter_form(filterset.form)
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sort = sort_key(self.request, SORT_COLUMNS, DEFAULT_SORT)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            sort=sort,
            export_query=query.urlencode(),
            can_create=permissions.can_create(self.request.user, Organisation),
            can_export=permissions.reads_everything(self.request.user),
        )
        return context


class OrganisationExportView(ReadersRequiredMixin, View):
    """The filtered list as CSV or XLSX; staff and board only, every export audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        queryset = queries.organisation_list(
            request.user, sort=sort_key(request, SORT_COLUMNS, DEFAULT_SORT)
        )
        filterset = OrganisationFilterSet(request.GET, queryset=queryset, request=request)
        if not filterset.is_valid():
            return HttpResponseBadRequest(
                gettext("The filter is not valid; please correct it on the list page.")
            )
        export = exports.organisation_export(filterset.qs, fmt=fmt, acting_user=request.user)
        return export.response()


class OrganisationDetailView(SignedInMixin, View):
    """Everything about one organisation on one screen."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        detail = queries.organisation_detail(request.user, pk)
        context = {
            "detail": detail,
            "organisation": detail.organisation,
            "content_type_id": ContentType.objects.get_for_model(Organisation).pk,
            "membership_form": MembershipStatusForm() if detail.can_set_membership else None,
        }
        return render(request, "partners/organisation_detail.html", context)


class OrganisationFormView(SignedInMixin, View):
    """Create (staff) or edit an organisation, with optimistic locking on edits."""

    template_name = "partners/organisation_form.html"

    def get_organisation(self) -> Organisation | None:
        user = self.request.user
        if "pk" not in self.kwargs:
            if not permissions.can_create(user, Organisation):
                raise PermissionDenied
            return None
        organisation = get_visible_or_404(user, Organisation.objects.all(), pk=self.kwargs["pk"])
        if not permissions.can_change(user, organisation):
            raise PermissionDenied
        return organisation

    def form_class(self) -> type[OrganisationForm]:
        if permissions.is_staff(self.request.user):
            return OrganisationForm
        return MemberOrganisationForm

    def render_form(self, form: OrganisationForm, organisation: Any, **extra: Any) -> HttpResponse:
        context = {"form": form, "organisation": organisation, **extra}
        status = 409 if "conflict" in extra else 200
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        organisation = self.get_organisation()
        return self.render_form(self.form_class()(instance=organisation), organisation)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        organisation = self.get_organisation()
        form = self.form_class()(request.POST, request.FILES, instance=organisation)
        if not form.is_valid():
            return self.render_form(form, organisation)
        if organisation is None and request.POST.get("confirm_duplicates") != "1":
            # Likely duplicates are shown before anything is saved; saving anyway is explicit.
            duplicates = organisation_duplicates(form.cleaned_data)
            if duplicates:
                return self.render_form(form, None, duplicates=duplicates)
        try:
            if organisation is None:
                saved = services.organisation_create(
                    data=form.data_for_service(), acting_user=request.user
                )
            else:
                saved = services.organisation_update(
                    organisation,
                    data=form.data_for_service(),
                    expected_version=form.cleaned_data.get("version"),
                    acting_user=request.user,
                )
        except ConflictError as error:
            current = error.current
            return self.render_form(
                self.form_class()(instance=current),
                current,
                conflict=error.message,
                differences=differences(form, current),
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, organisation)
        messages.success(request, gettext("“%(name)s” was saved.") % {"name": saved.name})
        return redirect("partners:organisation_detail", pk=saved.pk)


class MembershipStatusView(StaffRequiredMixin, View):
    """Record a dated membership status change (the office only)."""

    template_name = "partners/organisation_membership_form.html"

    def render_form(self, form: MembershipStatusForm, organisation: Organisation) -> HttpResponse:
        context = {"form": form, "organisation": organisation}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = get_visible_or_404(request.user, Organisation.objects.all(), pk=pk)
        return self.render_form(MembershipStatusForm(), organisation)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = get_visible_or_404(request.user, Organisation.objects.all(), pk=pk)
        form = MembershipStatusForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.membership_set_status(
                    organisation,
                    network=data["network"],
                    status=data["status"],
                    valid_from=data["valid_from"],
                    reason=data["reason"],
                    membership_type=data["membership_type"] or None,
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The membership status was recorded."))
                return redirect("partners:organisation_detail", pk=organisation.pk)
        return self.render_form(form, organisation)


def _unit_or_404(request: HttpRequest, pk: int) -> Unit:
    unit = get_visible_or_404(request.user, Unit.objects.select_related("organisation"), pk=pk)
    if not permissions.can_change(request.user, unit):
        raise PermissionDenied
    return unit


def _organisation_for_units(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_visible_or_404(request.user, Organisation.objects.all(), pk=pk)
    if not permissions.can_change(request.user, Unit(organisation=organisation)):
        raise PermissionDenied
    return organisation


class UnitFormView(SignedInMixin, View):
    """Add a unit to an organisation (`organisation_pk`) or edit one (`pk`)."""

    template_name = "partners/unit_form.html"

    def target(self) -> tuple[Organisation, Unit | None]:
        if "pk" in self.kwargs:
            unit = _unit_or_404(self.request, self.kwargs["pk"])
            return unit.organisation, unit
        return _organisation_for_units(self.request, self.kwargs["organisation_pk"]), None

    def render_form(self, form: UnitForm, organisation: Organisation, unit: Model | None):
        context = {"form": form, "organisation": organisation, "unit": unit}
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        organisation, unit = self.target()
        return self.render_form(UnitForm(instance=unit), organisation, unit)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        organisation, unit = self.target()
        form = UnitForm(request.POST, instance=unit or Unit(organisation=organisation))
        if form.is_valid():
            data = form.cleaned_data
            try:
                if unit is None:
                    saved = services.unit_create(organisation, data=data, acting_user=request.user)
                else:
                    saved = services.unit_update(unit, data=data, acting_user=request.user)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("“%(name)s” was saved.") % {"name": saved.name})
                return redirect("partners:organisation_detail", pk=organisation.pk)
        return self.render_form(form, organisation, unit)


class UnitDeleteView(SignedInMixin, View):
    """Ask, then delete a unit."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = _unit_or_404(request, pk)
        context = {"unit": unit, "organisation": unit.organisation}
        return render(request, "partners/unit_confirm_delete.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = _unit_or_404(request, pk)
        organisation_pk = unit.organisation_id
        name = unit.name
        services.unit_delete(unit, acting_user=request.user)
        messages.success(request, gettext("“%(name)s” was deleted.") % {"name": name})
        return redirect("partners:organisation_detail", pk=organisation_pk)


def _organisation_for_logo(request: HttpRequest, pk: int) -> Organisation:
    """Whoever may see the detail page or its member-directory page, or anyone while the
    public profile is allowed."""
    role = permissions.role_of(request.user)
    if role != permissions.ANONYMOUS:
        visible = permissions.visible(request.user, Organisation.objects.filter(pk=pk)).first()
        if visible is None and role in queries.DIRECTORY_ROLES:
            visible = Organisation.objects.in_directory().filter(pk=pk).first()
        if visible is not None:
            return visible
    return queries.organisation_public(pk)


class OrganisationLogoView(View):
    """The stored logo bytes, checked like the detail page or the public profile.

    Media files have no public URL; this view is the only way to a logo. Only PNG, JPEG and
    WebP are ever stored (checked on upload, stored under generated names), and the content type
    comes from that allowlist. The response is an attachment anyway (RELIABILITY.md item 19):
    `<img>` shows it all the same, while opening the address directly downloads it instead of
    rendering anything in the site's origin; nosniff and a deny-all CSP back this up.
    """

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = _organisation_for_logo(request, pk)
        kind = image_type_for_name(organisation.logo.name) if organisation.logo else None
        if kind is None:
            raise Http404
        try:
            with organisation.logo.open("rb") as stored:
                content = stored.read()
        except OSError as error:
            raise Http404 from error
        response = HttpResponse(content, content_type=kind.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Content-Disposition"] = (
            f'attachment; filename="logo-{organisation.pk}.{kind.extension}"'
        )
        response["Cache-Control"] = "private, max-age=300"
        return response


class OrganisationPublicView(View):
    """The public profile, only while the organisation's consent allows it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = queries.organisation_public(pk)
        return render(request, "partners/organisation_public.html", {"organisation": organisation})
