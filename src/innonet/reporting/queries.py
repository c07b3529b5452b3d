"""Reads for the start pages; they cross apps, so they live here and only read."""

from typing import Any

from django.db.models import Count
from django.utils import timezone

from innonet.core import permissions
from innonet.core.models import AuditEntry, Competence, District, Ris3Field
from innonet.events.models import Event, EventStatus, EventTask
from innonet.networks.models import Network
from innonet.partners.models import Organisation
from innonet.projects.queries import upcoming_deadlines


def start_page_context(user: Any, role: str) -> dict[str, Any]:
    """Figures and lists for the start page of the given role."""
    upcoming = _upcoming_events(user)
    if role == permissions.ANONYMOUS:
        return {
            "host_network": Network.objects.filter(kind=Network.Kind.HOST).first(),
            "partner_networks": Network.objects.filter(kind=Network.Kind.SECTOR),
            "ris3_fields": Ris3Field.objects.active(),
            "upcoming_events": upcoming,
        }
    context: dict[str, Any] = {"upcoming_events": upcoming}
    if role in (permissions.STAFF, permissions.BOARD):
        organisations = Organisation.objects.all()
        context["organisation_count"] = organisations.count()
        kind_labels = dict(Organisation.Kind.choices)
        context["kind_counts"] = [
            {"kind": kind_labels.get(row["kind"], row["kind"]), "n": row["n"]}
            for row in organisations.values("kind").annotate(n=Count("id")).order_by("-n")
        ]
        context["network_count"] = Network.objects.count()
        context["taxonomy_counts"] = {
            "ris3": Ris3Field.objects.active().count(),
            "competences": Competence.objects.active().count(),
            "districts": District.objects.active().count(),
        }
    if role == permissions.STAFF:
        context["recent_audit"] = AuditEntry.objects.select_related("actor", "content_type")[:10]
        context["event_tasks"] = _open_event_tasks(user)
        context["next_deadlines"] = _next_deadlines()
    if role == permissions.MEMBER:
        context["organisation"] = user.organisation
        context["colleagues"] = user.organisation.users.filter(is_active=True).exclude(pk=user.pk)
    if role == permissions.NETWORK_MANAGER:
        context["network"] = user.network
    return context


def _upcoming_events(user: Any) -> list:
    """The next published events this user may see."""
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
    return list(permissions.visible(user, events).order_by("starts_at", "pk")[:5])


def _open_event_tasks(user: Any) -> list:
    tasks = EventTask.objects.filter(assignee=user, done_at__isnull=True).select_related("event")
    return list(tasks.order_by("due_on", "pk")[:10])


def _next_deadlines() -> list:
    return list(upcoming_deadlines(limit=5))
