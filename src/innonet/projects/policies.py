"""Who sees and changes innovation projects and funding programmes.

Staff see and change everything; the board reads everything. A member user sees a project only
when its organisation is a partner of it and the project is not "staff only"; the levels
"partners" and "network" both open it to the partners' members. "Network" additionally opens
it to partner-network managers (read only). Members may add notes and documents to the
projects they see; everything else (stages, partners, budgets, tasks) is the office's work.
Funding programmes and calls are reference information every signed-in user may read.
"""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from innonet.core import permissions

from .models import (
    CallDeadline,
    FundingCall,
    FundingProgramme,
    FundingRate,
    InnovationProject,
    ProjectDocument,
    ProjectNote,
    ProjectPartner,
    ProjectTask,
    StageChange,
)
from .rules import Confidentiality

PARTNER_LEVELS = (Confidentiality.PARTNERS, Confidentiality.NETWORK)


def _member_org(user: Any) -> int | None:
    if permissions.role_of(user) == permissions.MEMBER:
        return user.organisation_id
    return None


def visible_projects(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The projects this user may see."""
    queryset = InnovationProject.objects.all() if queryset is None else queryset
    if permissions.reads_everything(user):
        return queryset
    role = permissions.role_of(user)
    if role == permissions.NETWORK_MANAGER:
        return queryset.filter(confidentiality=Confidentiality.NETWORK)
    if (organisation := _member_org(user)) is not None:
        partner = ProjectPartner.objects.filter(
            project=OuterRef("pk"), organisation_id=organisation
        )
        return queryset.filter(Exists(partner), confidentiality__in=PARTNER_LEVELS)
    return queryset.none()


def can_contribute(user: Any, project: InnovationProject) -> bool:
    """Staff, and members of a partner organisation that sees the project, may add notes and
    documents."""
    if permissions.is_staff(user):
        return True
    if _member_org(user) is None:
        return False
    return visible_projects(user, InnovationProject.objects.filter(pk=project.pk)).exists()


@permissions.register(InnovationProject)
class InnovationProjectPolicy(permissions.Policy):
    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        return visible_projects(user, queryset)


class _ByProject(permissions.Policy):
    """Rows of a project: seen by whoever sees the project; staff change them."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.reads_everything(user):
            return queryset
        return queryset.filter(project__in=visible_projects(user).values("pk"))


@permissions.register(StageChange)
class StageChangePolicy(_ByProject):
    pass


@permissions.register(ProjectPartner)
class ProjectPartnerPolicy(_ByProject):
    pass


@permissions.register(ProjectTask)
class ProjectTaskPolicy(_ByProject):
    pass


class _Contribution(_ByProject):
    """Notes and documents: members add them to projects they see; the author may not change
    them afterwards (the record stays as written), staff may."""

    def can_create(self, user: Any) -> bool:
        return permissions.is_staff(user) or _member_org(user) is not None


@permissions.register(ProjectNote)
class ProjectNotePolicy(_Contribution):
    pass


@permissions.register(ProjectDocument)
class ProjectDocumentPolicy(_Contribution):
    pass


class _SignedInRead(permissions.Policy):
    """Reference information for every signed-in user; staff keep it."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        if permissions.role_of(user) == permissions.ANONYMOUS:
            return queryset.none()
        return queryset


@permissions.register(FundingProgramme)
class FundingProgrammePolicy(_SignedInRead):
    pass


@permissions.register(FundingRate)
class FundingRatePolicy(_SignedInRead):
    pass


@permissions.register(FundingCall)
class FundingCallPolicy(_SignedInRead):
    pass


@permissions.register(CallDeadline)
class CallDeadlinePolicy(_SignedInRead):
    pass
