"""REST routes of innovation projects, their partners, funding programmes and calls.

Querysets are scoped by the projects' policies (a project the caller may not see answers 404,
and so do its partners), serializers list their fields and keep stage, version and history
read-only, and every write goes through a service (DomainError becomes a 400). Projects need
the `version` they were read with on PATCH and on a stage move; a stale one answers 409 with
the current record. Creates honour an `Idempotency-Key` header.
"""

from .programmes import (
    CallViewSet,
    FundingCallSerializer,
    FundingProgrammeSerializer,
    ProgrammeViewSet,
)
from .projects import (
    PartnerViewSet,
    ProjectPartnerSerializer,
    ProjectSerializer,
    ProjectViewSet,
)

__all__ = [
    "CallViewSet",
    "FundingCallSerializer",
    "FundingProgrammeSerializer",
    "PartnerViewSet",
    "ProgrammeViewSet",
    "ProjectPartnerSerializer",
    "ProjectSerializer",
    "ProjectViewSet",
    "register_routes",
]


def register_routes(router) -> None:
    router.register("projects", ProjectViewSet, basename="project")
    router.register("project-partners", PartnerViewSet, basename="project-partner")
    router.register("funding-programmes", ProgrammeViewSet, basename="funding-programme")
    router.register("funding-calls", CallViewSet, basename="funding-call")
