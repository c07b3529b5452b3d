"""Helpers the project views share: the project a user may see, change or contribute to."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from innonet.core import permissions

from ..models import InnovationProject
from ..policies import can_contribute, visible_projects


def project_or_404(request: HttpRequest, pk: int) -> InnovationProject:
    """A project the user may see; any other answers 404, whether it exists or not."""
    queryset = InnovationProject.objects.select_related(
        "owner",
        "programme",
        "call",
        "origin_event",
        "origin_interaction",
        "origin_introduction__first_organisation",
        "origin_introduction__second_organisation",
        "origin_profile__organisation",
    )
    project = visible_projects(request.user, queryset).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def project_to_change(request: HttpRequest, pk: int) -> InnovationProject:
    """A visible project (else 404) that the user may change (else 403): the office's."""
    project = project_or_404(request, pk)
    if not permissions.can_change(request.user, project):
        raise PermissionDenied
    return project


def project_to_contribute(request: HttpRequest, pk: int) -> InnovationProject:
    """A visible project the user may add notes and documents to (else 403)."""
    project = project_or_404(request, pk)
    if not can_contribute(request.user, project):
        raise PermissionDenied
    return project
