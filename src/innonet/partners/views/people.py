"""People pages: list, detail, create and edit, roles at organisations and the consent log."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.collation import german_order, german_text
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.pagination import CappedPaginator
from innonet.core.ratelimit import rate_limited
from innonet.core.versioning import ConflictError
from innonet.core.versioning.forms import differences
from innonet.core.views.mixins import (
    ReadersRequiredMixin,
    RoleRequiredMixin,
    StaffRequiredMixin,
    get_visible_or_404,
)

from .. import exports, services
from ..duplicates import person_duplicates
from ..filters.people import PersonFilterSet
from ..forms.people import (
    AffiliationEndForm,
    AffiliationForm,
    ConsentForm,
    PersonCreateForm,
    PersonForm,
)
from ..models import Affiliation, Organisation, Person

PEOPLE_ROLES = (permissions.STAFF, permissions.BOARD, permissions.MEMBER)
SORTS = {
    "name": (german_order("last_name"), german_order("first_name"), "pk"),
    "-name": (german_order("-last_name"), german_order("-first_name"), "-pk"),
    "organisation": (
        german_text("first_organisation").asc(nulls_last=True),
        german_order("last_name"),
        "pk",
    ),
    "-organisation": (
        german_text("first_organisation").desc(nulls_last=True),
        german_order("last_name"),
        "pk",
    ),
}


class PeopleRolesMixin(RoleRequiredMixin):
    """Staff and board read every person, member users their own organisation's people."""

    roles = PEOPLE_ROLES


def visible_affiliations(user: Any) -> QuerySet:
    return permissions.visible(user, Affiliation.objects.select_related("organisation", "unit"))


def acting_organisations(user: Any) -> QuerySet:
    """Organisations the user may attach people to: all for staff, its own for a member."""
    if permissions.is_staff(user):
        return Organisation.objects.only("pk", "name")
    if permissions.role_of(user) == permissions.MEMBER:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def person_sort_key(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "")
    return sort if sort in SORTS else "name"


def person_list_queryset(user: Any, *, sort: str) -> QuerySet:
    """The people the user may see with their current roles (fetched for the page only), in
    the chosen order. Only the sort by organisation needs each person's first organisation, a
    subquery per row; the default order by name reads the name index."""
    roles = visible_affiliations(user).filter(ended_on__isnull=True)
    scoped = permissions.visible(user, Person.objects.all())
    if scoped.query.distinct:
        # Scoping by primary key keeps DISTINCT away from the annotated, sorted query.
        scoped = Person.objects.filter(pk__in=scoped.values("pk"))
    if sort.lstrip("-") == "organisation":
        first_org = (
            visible_affiliations(user)
            .filter(person=OuterRef("pk"), ended_on__isnull=True)
            .order_by("-is_main_contact", german_order("organisation__name"))
            .values("organisation__name")[:1]
        )
        scoped = scoped.annotate(first_organisation=Subquery(first_org))
    return scoped.prefetch_related(
        Prefetch("affiliations", queryset=roles, to_attr="current_roles")
    ).order_by(*SORTS[sort])


class PersonListView(PeopleRolesMixin, FilterView):
    """People the user may see: searchable with German folding, filterable and sortable."""

    filterset_class = PersonFilterSet
    paginate_by = 25
    paginator_class = CappedPaginator
    template_name = "partners/person_list.html"

    def sort_key(self) -> str:
        return person_sort_key(self.request)

    def get_queryset(self) -> QuerySet:
        return person_list_queryset(self.request.user, sort=self.sort_key())

    def get_filterset(self, filterset_class: type) -> PersonFilterSet:
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sort = self.sort_key()
        context.update(
            sort=sort,
            can_create=permissions.can_create(self.request.user, Person),
            can_export=permissions.reads_everything(self.request.user),
            export_query=list_export_query(self.request),
        )
        return context


def list_export_query(request: HttpRequest) -> str:
    """The list's current filter and sort, without the page, for the export links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class PersonExportView(ReadersRequiredMixin, View):
    """The filtered people list as CSV or XLSX, without erased people; staff and board only,
    every export audited."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        queryset = person_list_queryset(request.user, sort=person_sort_key(request))
        filterset = PersonFilterSet(request.GET, queryset=queryset, request=request)
        if not filterset.is_valid():
            return HttpResponseBadRequest(
                gettext("The filter is not valid; please correct it on the list page.")
            )
        export = exports.person_export(filterset.qs, fmt=fmt, acting_user=request.user)
        return export_response(export)


def export_response(export: exports.ExportFile) -> HttpResponse:
    """An export file as a download."""
    return export.response()


class PersonDetailView(PeopleRolesMixin, View):
    """Everything about one person the user may see on one page."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.all(), pk=pk)
        user = request.user
        services.person_record_view(person, acting_user=user)
        interactions = permissions.visible(
            user, person.interactions.select_related("organisation", "staff")
        )
        consents = permissions.visible(
            user, person.consents.select_related("organisation", "recorded_by")
        )
        context = {
            "person": person,
            "affiliations": visible_affiliations(user).filter(person=person),
            "consents": consents,
            "interactions": interactions[:50],
            "readers": permissions.reads_everything(user),
            "is_staff": permissions.is_staff(user),
            "can_change": person.erased_at is None and permissions.can_change(user, person),
            "content_type_id": ContentType.objects.get_for_model(Person).pk,
        }
        return render(request, "partners/person_detail.html", context)


def _visible_duplicates(
    user: Any, data: dict[str, Any], organisation: Organisation | None
) -> list[tuple[Person, str]]:
    """Likely duplicates of a new person, only those the user may see: a member user must not
    learn through this warning who is registered at other organisations."""
    found = person_duplicates(data, organisation=organisation)
    if not found:
        return []
    candidates = Person.objects.filter(pk__in=[person.pk for person, _reason in found])
    visible = set(permissions.visible(user, candidates).values_list("pk", flat=True))
    return [(person, reason) for person, reason in found if person.pk in visible]


class PersonCreateView(RoleRequiredMixin, View):
    """Staff register anyone; a member user's new person joins the member's organisation."""

    roles = (permissions.STAFF, permissions.MEMBER)

    def make_form(self, data: Any = None) -> PersonCreateForm:
        user = self.request.user
        organisations = acting_organisations(user) if permissions.is_staff(user) else None
        return PersonCreateForm(data, organisations=organisations)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "partners/person_form.html", {"form": self.make_form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.make_form(request.POST)
        if form.is_valid():
            if permissions.is_staff(request.user):
                organisation = form.cleaned_data.get("organisation")
            else:
                organisation = Organisation.objects.get(pk=request.user.organisation_id)
            if request.POST.get("confirm_duplicates") != "1":
                # Likely duplicates are shown before anything is saved; saving anyway is explicit.
                duplicates = _visible_duplicates(request.user, form.cleaned_data, organisation)
                if duplicates:
                    context = {"form": form, "duplicates": duplicates}
                    return render(request, "partners/person_form.html", context)
            try:
                person = services.person_create(
                    data=form.cleaned_data,
                    organisation=organisation,
                    position=form.cleaned_data.get("position", ""),
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("%(name)s was saved.") % {"name": person})
                return redirect("partners:person_detail", pk=person.pk)
        return render(request, "partners/person_form.html", {"form": form})


def _changeable_person(request: HttpRequest, pk: int) -> Person:
    person = get_visible_or_404(request.user, Person.objects.present(), pk=pk)
    if not permissions.can_change(request.user, person):
        raise PermissionDenied
    return person


class PersonUpdateView(RoleRequiredMixin, View):
    """Edit with optimistic locking: a stale version shows the current data instead of
    overwriting another editor's change."""

    roles = (permissions.STAFF, permissions.MEMBER)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _changeable_person(request, pk)
        return self.render(PersonForm(instance=person), person)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _changeable_person(request, pk)
        form = PersonForm(request.POST, instance=Person.objects.get(pk=person.pk))
        if not form.is_valid():
            return self.render(form, person)
        try:
            saved = services.person_update(
                person,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"],
                acting_user=request.user,
            )
        except ConflictError as conflict:
            # The input stays in the form, now based on the current version.
            form_error(form, conflict)
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            changes = differences(form, conflict.current)
            return self.render(
                form, person, current=conflict.current, differences=changes, status=409
            )
        except DomainError as error:
            form_error(form, error)
            return self.render(form, person)
        messages.success(request, gettext("%(name)s was saved.") % {"name": saved})
        return redirect("partners:person_detail", pk=saved.pk)

    def render(self, form: PersonForm, person: Person, status: int = 200, **extra: Any):
        context = {"form": form, "person": person, **extra}
        return render(self.request, "partners/person_form.html", context, status=status)


class AffiliationCreateView(RoleRequiredMixin, View):
    """Add a role at an organisation: staff anywhere, a member user at its own organisation."""

    roles = (permissions.STAFF, permissions.MEMBER)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _changeable_person(request, pk)
        form = AffiliationForm(organisations=acting_organisations(request.user))
        return self.render(form, person)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = _changeable_person(request, pk)
        form = AffiliationForm(request.POST, organisations=acting_organisations(request.user))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.affiliation_add(person, **data, acting_user=request.user)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The role was added."))
                return redirect("partners:person_detail", pk=person.pk)
        return self.render(form, person)

    def render(self, form: AffiliationForm, person: Person) -> HttpResponse:
        context = {"form": form, "person": person}
        return render(self.request, "partners/person_affiliation_form.html", context)


class AffiliationEndView(RoleRequiredMixin, View):
    """End a role (it stays on record): staff, or a member user for its own organisation."""

    roles = (permissions.STAFF, permissions.MEMBER)

    def get_affiliation(self, pk: int) -> Affiliation:
        queryset = Affiliation.objects.select_related("person", "organisation")
        affiliation = get_visible_or_404(self.request.user, queryset, pk=pk)
        if affiliation.person.erased_at is not None:
            raise Http404
        if not permissions.can_change(self.request.user, affiliation):
            raise PermissionDenied
        return affiliation

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        affiliation = self.get_affiliation(pk)
        return self.render(AffiliationEndForm(), affiliation)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        affiliation = self.get_affiliation(pk)
        form = AffiliationEndForm(request.POST)
        if form.is_valid():
            try:
                services.affiliation_end(
                    affiliation, ended_on=form.cleaned_data["ended_on"], acting_user=request.user
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The role was ended."))
                return redirect("partners:person_detail", pk=affiliation.person_id)
        return self.render(form, affiliation)

    def render(self, form: AffiliationEndForm, affiliation: Affiliation) -> HttpResponse:
        context = {"form": form, "affiliation": affiliation, "person": affiliation.person}
        return render(self.request, "partners/person_affiliation_end.html", context)


class ConsentCreateView(StaffRequiredMixin, View):
    """Append a grant or withdrawal to a person's consent log."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.present(), pk=pk)
        return self.render(ConsentForm(person=person), person)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.present(), pk=pk)
        form = ConsentForm(request.POST, person=person)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.consent_record(
                    person,
                    purpose=data["purpose"],
                    granted=form.granted,
                    source=data["source"],
                    text_version=data["text_version"],
                    organisation=data["organisation"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The consent entry was recorded."))
                return redirect(reverse("partners:person_detail", kwargs={"pk": person.pk}))
        return self.render(form, person)

    def render(self, form: ConsentForm, person: Person) -> HttpResponse:
        context = {"form": form, "person": person}
        return render(self.request, "partners/person_consent_form.html", context)
