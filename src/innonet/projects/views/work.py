"""The work on a project: partners with budgets, notes, tasks and documents. Partners and
tasks are the office's work; members of a partner organisation add notes and documents to
the projects they see. Documents are only ever served as downloads."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views import View

from innonet.core import audit, permissions
from innonet.core.collation import german_order
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import SignedInMixin
from innonet.partners.models import Organisation

from .. import services
from ..forms.partners import SEARCH_RESULTS, PartnerAddForm, PartnerUpdateForm
from ..forms.work import DocumentForm, NoteForm, TaskForm
from ..models import ProjectDocument, ProjectPartner, ProjectTask
from .common import project_to_change, project_to_contribute
from .detail import render_detail


def _anchor(project_pk: int, anchor: str) -> str:
    return reverse("projects:project_detail", kwargs={"pk": project_pk}) + f"#{anchor}"


def _partner_to_change(request: HttpRequest, pk: int) -> ProjectPartner:
    """A partner of a project the user may see (else 404) and change (else 403)."""
    partner = (
        permissions.visible(request.user, ProjectPartner.objects.select_related("organisation"))
        .filter(pk=pk)
        .first()
    )
    if partner is None:
        raise Http404
    partner.project = project_to_change(request, partner.project_id)
    return partner


def _organisation_search(request: HttpRequest) -> tuple[str, QuerySet, list[Organisation]]:
    """The organisations the user may choose from, and those matching `?q=` to offer."""
    organisations = permissions.visible(request.user, Organisation.objects.all())
    query = request.GET.get("q", "").strip()[:200]
    offered: list[Organisation] = []
    if query:
        offered = list(organisations.search(query).order_by(german_order("name"))[:SEARCH_RESULTS])
    posted = request.POST.get("organisation", "")
    if posted.isdigit() and len(posted) <= 18 and all(o.pk != int(posted) for o in offered):
        offered += list(organisations.filter(pk=posted))
    return query, organisations, offered


class PartnerFormView(SignedInMixin, View):
    """Add a partner to a project (pk: the project) or change one (pk: the partner)."""

    template_name = "projects/partner_form.html"

    def is_add(self) -> bool:
        return self.request.resolver_match.url_name == "partner_add"

    def render_form(self, form: Any, project: Any, **extra: Any) -> HttpResponse:
        context = {"form": form, "project": project, **extra}
        return render(self.request, self.template_name, context)

    def _add_form(self, request: HttpRequest, data: Any = None) -> tuple[PartnerAddForm, dict]:
        query, organisations, offered = _organisation_search(request)
        form = PartnerAddForm(data, organisations=organisations, offered=offered)
        return form, {"query": query, "offered": offered, "searched": bool(query)}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.is_add():
            project = project_to_change(request, pk)
            form, extra = self._add_form(request)
            return self.render_form(form, project, **extra)
        partner = _partner_to_change(request, pk)
        initial = {
            "unit": partner.unit_id,
            "role": partner.role,
            "requested_amount": partner.requested_amount,
            "granted_amount": partner.granted_amount,
            "funding_rate": partner.funding_rate,
        }
        form = PartnerUpdateForm(initial=initial, organisation=partner.organisation)
        return self.render_form(form, partner.project, partner=partner)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.is_add():
            return self._post_add(request, pk)
        partner = _partner_to_change(request, pk)
        form = PartnerUpdateForm(request.POST, organisation=partner.organisation)
        if form.is_valid():
            data = {"role": form.cleaned_data["role"], "unit": form.cleaned_data["unit"]}
            try:
                services.partner_update(
                    partner, data={**data, **form.budget()}, acting_user=request.user
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The partner was saved."))
                return redirect(_anchor(partner.project_id, "partners"))
        return self.render_form(form, partner.project, partner=partner)

    def _post_add(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = project_to_change(request, pk)
        form, extra = self._add_form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                partner = services.partner_add(
                    project,
                    organisation=data["organisation"],
                    unit=data["unit"],
                    role=data["role"],
                    budget=form.budget(),
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request, gettext("%(partner)s was added.") % {"partner": str(partner)}
                )
                return redirect(_anchor(project.pk, "partners"))
        return self.render_form(form, project, **extra)


class PartnerRemoveView(SignedInMixin, View):
    """GET asks, POST takes a partner out of the consortium."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = _partner_to_change(request, pk)
        context = {"partner": partner, "project": partner.project}
        return render(request, "projects/partner_remove.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = _partner_to_change(request, pk)
        services.partner_remove(partner, acting_user=request.user)
        messages.success(request, gettext("%(partner)s was removed.") % {"partner": str(partner)})
        return redirect(_anchor(partner.project_id, "partners"))


class NoteAddView(SignedInMixin, View):
    """POST: a note on a project the user may contribute to."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = project_to_contribute(request, pk)
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.note_add(project, text=form.cleaned_data["text"], acting_user=request.user)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The note was added."))
                return redirect(_anchor(project.pk, "notes"))
        return render_detail(request, project, note_form=form)


class TaskAddView(SignedInMixin, View):
    """POST: a task with an owner and a due date (the office)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = project_to_change(request, pk)
        form = TaskForm(request.POST, project=project)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.task_add(
                    project,
                    title=data["title"],
                    assignee=data["assignee"],
                    due_on=data["due_on"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The task was added."))
                return redirect(_anchor(project.pk, "tasks"))
        return render_detail(request, project, task_form=form)


class TaskDoneView(SignedInMixin, View):
    """POST: mark a task as done (the office); marking it twice changes nothing."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        task = permissions.visible(request.user, ProjectTask.objects.all()).filter(pk=pk).first()
        if task is None:
            raise Http404
        project = project_to_change(request, task.project_id)
        services.task_done(task, acting_user=request.user)
        messages.success(request, gettext("“%(task)s” is done.") % {"task": task.title})
        return redirect(_anchor(project.pk, "tasks"))


class DocumentAddView(SignedInMixin, View):
    """POST: upload a document; size, type and content errors come back on the form."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        project = project_to_contribute(request, pk)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_add(
                    project,
                    file=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The document was uploaded."))
                return redirect(_anchor(project.pk, "documents"))
        return render_detail(request, project, document_form=form)


class DocumentDownloadView(SignedInMixin, View):
    """A document of a visible project, always as an attachment with our content type and
    nosniff, never inline (RELIABILITY.md item 19)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        documents = permissions.visible(request.user, ProjectDocument.objects.all())
        document = documents.filter(pk=pk).select_related("project").first()
        if document is None:
            raise Http404
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        audit.record(
            document.project,
            "projects.document.downloaded",
            user=request.user,
            data={"document": document.pk},
        )
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


__all__ = [
    "DocumentAddView",
    "DocumentDownloadView",
    "NoteAddView",
    "PartnerFormView",
    "PartnerRemoveView",
    "TaskAddView",
    "TaskDoneView",
]
