"""Staff pages to import organisations and people, and to merge duplicates.

Import: upload -> column mapping -> dry run (background, polled) -> commit (background,
polled). Merge: pick the other record among likely duplicates or by search, choose values per
field, merge.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import ListView

from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import StaffRequiredMixin
from innonet.core.workers import interrupted_tasks_recover

from .. import queries, services
from ..duplicates import organisation_duplicates, person_duplicates
from ..forms.imports import ImportMappingForm, ImportUploadForm, MergeForm
from ..imports.columns import ORGANISATION_TARGETS, PEOPLE_TARGETS
from ..models import ImportJob, Organisation, Person
from ..services.merge import ORGANISATION_FIELDS, PERSON_FIELDS

EDITABLE = (
    ImportJob.Status.UPLOADED,
    ImportJob.Status.CHECKED,
    ImportJob.Status.FAILED,
    ImportJob.Status.INTERRUPTED,
)


class ImportListView(StaffRequiredMixin, ListView):
    """The imports so far, newest first."""

    model = ImportJob
    paginate_by = 25
    template_name = "partners/import_list.html"
    context_object_name = "jobs"

    def get_queryset(self):
        return ImportJob.objects.select_related("created_by").defer("payload")


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ImportCreateView(StaffRequiredMixin, View):
    """Upload a file; it is checked enough to read its header, then mapped."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, ImportUploadForm())

    @method_decorator(rate_limited("import"))
    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, status=400)
        upload = form.cleaned_data["file"]
        try:
            job = services.import_job_create(
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
                delimiter=form.cleaned_data["delimiter"] or None,
                acting_user=request.user,
            )
        except DomainError as error:
            form.add_error("file" if error.field is None else None, error.message)
            return self._render(request, form, status=400)
        return redirect("partners:import_detail", pk=job.pk)

    @staticmethod
    def _render(request: HttpRequest, form: ImportUploadForm, status: int = 200) -> HttpResponse:
        return render(request, "partners/import_create.html", {"form": form}, status=status)


def _job(pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.defer("payload"), pk=pk)


def _current_job(pk: int) -> ImportJob:
    """The job as it is; a running job whose worker died is released first, so the page never
    waits for a task that is no longer worked on."""
    job = _job(pk)
    if job.is_running and interrupted_tasks_recover():
        job = _job(pk)
    return job


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ImportDetailView(StaffRequiredMixin, View):
    """One import: its column mapping, the dry run's findings and the commit button."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = _current_job(pk)
        form = ImportMappingForm(job=job, samples=queries.import_job_samples(job))
        return self._render(request, job, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = _job(pk)
        form = ImportMappingForm(request.POST, job=job, samples=queries.import_job_samples(job))
        if form.is_valid():
            try:
                services.import_job_set_mapping(
                    job,
                    mapping=form.mapping(),
                    defaults=form.defaults(),
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                return redirect("partners:import_detail", pk=job.pk)
        return self._render(request, job, form, status=400)

    @staticmethod
    def _render(request: HttpRequest, job: ImportJob, form, status: int = 200) -> HttpResponse:
        page = Paginator(job.issues, 100).get_page(request.GET.get("page"))
        context = {
            "job": job,
            "form": form,
            "editable": job.status in EDITABLE,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "issues": page.object_list,
            "targets": ORGANISATION_TARGETS if job.kind == "organisations" else PEOPLE_TARGETS,
        }
        return render(request, "partners/import_detail.html", context, status=status)


class ImportStatusView(StaffRequiredMixin, View):
    """The small progress fragment the detail page polls while a run is going on."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = _current_job(pk)
        response = render(request, "partners/import_status.html", {"job": job})
        if request.GET.get("poll") and not job.is_running:
            response["HX-Refresh"] = "true"  # finished: reload to show the findings
        return response


class ImportCommitView(StaffRequiredMixin, View):
    """Start the all-or-nothing commit of a checked import."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = _job(pk)
        try:
            services.import_job_commit(job, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("partners:import_detail", pk=job.pk)


def _other_pk(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 19 else None


class _MergeView(StaffRequiredMixin, View):
    """Merge another record into this one ("keep"); the other is deleted."""

    model: type[Organisation] | type[Person]
    fields: tuple[str, ...]
    template_name = ""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        keep = get_object_or_404(self._queryset(), pk=pk)
        other_pk = _other_pk(request.GET.get("other"))
        if other_pk is None:
            return self._choose(request, keep)
        other = self._other(keep, other_pk)
        return self._render(request, keep, other, MergeForm(fields=self._rows(keep, other)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        keep = get_object_or_404(self._queryset(), pk=pk)
        other_pk = _other_pk(request.POST.get("other"))
        if other_pk is None:
            return self._choose(request, keep, status=400)
        other = self._other(keep, other_pk)
        form = MergeForm(request.POST, fields=self._rows(keep, other))
        if form.is_valid():
            try:
                merged = self.merge(keep, other, form.choices(), request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The records were merged."))
                return redirect(self.detail_url_name, pk=merged.pk)
        return self._render(request, keep, other, form, status=400)

    def _queryset(self):
        return self.model.objects.all()

    def _other(self, keep, other_pk: int):
        if other_pk == keep.pk:
            raise Http404
        return get_object_or_404(self._queryset(), pk=other_pk)

    def _rows(self, keep, other) -> list[tuple[str, str, str, str]]:
        rows = []
        for name in self.fields:
            field = self.model._meta.get_field(name)
            rows.append(
                (name, str(field.verbose_name), _display(keep, name), _display(other, name))
            )
        return rows

    def _choose(self, request: HttpRequest, keep, status: int = 200) -> HttpResponse:
        query = (request.GET.get("q") or "")[:100]
        found = self._queryset().search(query).exclude(pk=keep.pk)[:20] if query.strip() else []
        context = {
            "keep": keep,
            "candidates": self.candidates(keep),
            "found": found,
            "query": query,
            "merge_url_name": request.resolver_match.view_name,
        }
        return render(request, "partners/merge_choose.html", context, status=status)

    def _render(self, request, keep, other, form, status: int = 200) -> HttpResponse:
        context = {"keep": keep, "other": other, "form": form}
        return render(request, self.template_name, context, status=status)


def _display(record, name: str) -> str:
    value = getattr(record, name)
    if hasattr(record, f"get_{name}_display"):
        value = getattr(record, f"get_{name}_display")()
    return "" if value in (None, "") else str(value)[:300]


class OrganisationMergeView(_MergeView):
    model = Organisation
    fields = tuple(name for name in ORGANISATION_FIELDS if name != "logo")
    template_name = "partners/merge_organisation.html"
    detail_url_name = "partners:organisation_detail"

    def candidates(self, keep: Organisation) -> list[tuple[Any, str]]:
        data = {name: getattr(keep, name) for name in ("name", "register_id", "vat_id", "website")}
        return organisation_duplicates(data, exclude_pk=keep.pk)[:20]

    def merge(self, keep, other, choices, user):
        return services.organisation_merge(keep, other, field_choices=choices, acting_user=user)


class PersonMergeView(_MergeView):
    model = Person
    fields = PERSON_FIELDS
    template_name = "partners/merge_person.html"
    detail_url_name = "partners:person_detail"

    def _queryset(self):
        return Person.objects.present()

    def candidates(self, keep: Person) -> list[tuple[Any, str]]:
        found: dict[int, tuple[Any, str]] = {}
        data = {"email": keep.email, "first_name": keep.first_name, "last_name": keep.last_name}
        for affiliation in keep.affiliations.select_related("organisation")[:10]:
            for person, reason in person_duplicates(
                data, organisation=affiliation.organisation, exclude_pk=keep.pk
            ):
                found.setdefault(person.pk, (person, reason))
        for person, reason in person_duplicates(data, exclude_pk=keep.pk):
            found.setdefault(person.pk, (person, reason))
        return list(found.values())[:20]

    def merge(self, keep, other, choices, user):
        return services.person_merge(keep, other, field_choices=choices, acting_user=user)
