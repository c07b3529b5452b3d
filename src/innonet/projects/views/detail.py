"""A project's page: summary, stage with the allowed moves and the history, the consortium
with budgets and the programme's check, origin, documents, notes and tasks."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from innonet.core import permissions
from innonet.core.views.mixins import SignedInMixin

from .. import queries
from ..forms.work import DocumentForm, NoteForm, TaskForm
from ..models import InnovationProject
from ..models.projects import STAGE_CHOICES
from ..policies import can_contribute
from ..rules import TRANSITIONS, Stage, funded_amount, needs_reason, own_share
from .common import project_or_404

STAGE_LABELS = dict(STAGE_CHOICES)
ORIGINS = ("origin_event", "origin_interaction", "origin_introduction", "origin_profile")


def stage_moves(stage: str) -> list[dict[str, Any]]:
    """The stages a project may go to next, and whether the step needs a reason."""
    return [
        {"value": str(target), "label": STAGE_LABELS[target], "reason": needs_reason(stage, target)}
        for target in TRANSITIONS[Stage(stage)]
    ]


def _partners(project: InnovationProject) -> list[Any]:
    partners = list(
        project.partners.select_related("organisation__country", "unit").order_by(
            "role", "organisation__name", "pk"
        )
    )
    for partner in partners:
        partner.funded = funded_amount(partner.requested_amount, partner.funding_rate)
        partner.own = own_share(partner.requested_amount, partner.funding_rate)
    return partners


def _origins(user: Any, project: InnovationProject) -> dict[str, Any]:
    """The project's origins that the user may open (None where the page names only the kind
    of origin, without a link)."""
    shown: dict[str, Any] = {}
    for name in ORIGINS:
        origin = getattr(project, name) if getattr(project, f"{name}_id") else None
        shown[name] = origin if origin is not None and permissions.can_view(user, origin) else None
    return shown


def render_detail(
    request: HttpRequest, project: InnovationProject, *, status: int = 200, **forms: Any
) -> HttpResponse:
    """The page, with bound forms passed in when one of them came back with errors."""
    user = request.user
    is_staff = permissions.is_staff(user)
    contribute = can_contribute(user, project)
    origins = _origins(user, project)
    context = {
        "project": project,
        "ris3_fields": list(project.ris3_fields.all()),
        "competences": list(project.competences.all()),
        "history": list(
            project.stage_changes.select_related("changed_by").order_by("-changed_at", "-id")
        ),
        "partners": _partners(project),
        "check": queries.project_consortium_check(project),
        "budget": queries.project_budget(project),
        "documents": list(project.documents.select_related("uploaded_by")),
        "notes": list(project.notes.select_related("author")),
        "tasks": list(project.tasks.select_related("assignee")),
        "moves": stage_moves(project.stage) if is_staff else [],
        "can_change": is_staff,
        "today": timezone.localdate(),
        "can_contribute": contribute,
        **origins,
        "note_form": forms.get("note_form") or (NoteForm() if contribute else None),
        "document_form": forms.get("document_form") or (DocumentForm() if contribute else None),
        "task_form": forms.get("task_form") or (TaskForm(project=project) if is_staff else None),
    }
    return render(request, "projects/project_detail.html", context, status=status)


class ProjectDetailView(SignedInMixin, View):
    """Everything about one project on one screen."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render_detail(request, project_or_404(request, pk))
