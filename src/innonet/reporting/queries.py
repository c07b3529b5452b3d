"""Reads for the start pages; they cross apps, so they live here and only read."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from innonet.content.queries import latest_articles, latest_news
from innonet.core import permissions
from innonet.core.models import AuditEntry, Competence, District, Ris3Field
from innonet.core.outbox import attention_rows
from innonet.events.models import Event, EventStatus, EventTask, RegistrationStatus
from innonet.matching.models import (
    CooperationProfile,
    InterestRequest,
    InterestRequestStatus,
    ProfileResponse,
    ProfileResponseStatus,
)
from innonet.matching.services.profile_reminders import REMINDER_DAYS
from innonet.matching.services.profiles import expiring_profiles
from innonet.networks.models import Network
from innonet.partners.models import (
    ContactRequest,
    ContactRequestStatus,
    ImportJob,
    Interaction,
    Organisation,
)
from innonet.projects.queries import upcoming_deadlines

from .dashboard.queries import key_figures

OPEN_WORK_SHOWN = 5  # items per section; the count and the section's link lead to the rest
IMPORTS_RECENT_DAYS = 7
DEADLINES_WITHIN_DAYS = 28
LATEST_SHOWN = 3  # news and articles each; their lists are a click away


def start_page_context(user: Any, role: str) -> dict[str, Any]:
    """Figures and lists for the start page of the given role."""
    upcoming = _upcoming_events(user)
    reading = {
        "latest_news": latest_news(user, LATEST_SHOWN),
        "latest_articles": latest_articles(user, LATEST_SHOWN),
    }
    if role == permissions.ANONYMOUS:
        return {
            "host_network": Network.objects.filter(kind=Network.Kind.HOST).first(),
            "partner_networks": Network.objects.filter(kind=Network.Kind.SECTOR),
            "ris3_fields": Ris3Field.objects.active(),
            "upcoming_events": upcoming,
            **reading,
        }
    context: dict[str, Any] = {"upcoming_events": upcoming, **reading}
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
        context["key_figures"] = key_figures(timezone.localdate())
    if role == permissions.STAFF:
        context["recent_audit"] = AuditEntry.objects.select_related("actor", "content_type")[:10]
        context["open_work"] = open_work(user)
        context["today"] = timezone.localdate()
        context["newsletter"] = newsletter_overview()
    if role == permissions.MEMBER:
        context["organisation"] = user.organisation
        context["colleagues"] = user.organisation.users.filter(is_active=True).exclude(pk=user.pk)
        context["own_profiles"] = list(
            CooperationProfile.objects.filter(organisation=user.organisation).order_by(
                "-updated_at", "pk"
            )[:10]
        )
    if role == permissions.NETWORK_MANAGER:
        context["network"] = user.network
    return context


def _upcoming_events(user: Any) -> list:
    """The next published events this user may see."""
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())
    return list(permissions.visible(user, events).order_by("starts_at", "pk")[:5])


@dataclass
class WorkSection:
    """One kind of open work: the first few items and how many there are in all."""

    items: list[Any] = field(default_factory=list)
    count: int = 0


def _section(queryset: QuerySet) -> WorkSection:
    """Two queries whatever the number of rows: the first items and the count."""
    return WorkSection(items=list(queryset[:OPEN_WORK_SHOWN]), count=queryset.count())


def open_work(user: Any) -> dict[str, WorkSection]:
    """What the network office has to do, for the staff start page: each section with its
    first items, oldest or most urgent first, and its count."""
    today = timezone.localdate()
    now = timezone.now()
    requests = InterestRequest.objects.filter(status=InterestRequestStatus.OPEN)
    awaiting = (
        Event.objects.filter(registrations__status=RegistrationStatus.PENDING)
        .annotate(
            pending=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)
            )
        )
        .order_by("starts_at", "pk")
    )
    follow_ups = Interaction.objects.open_follow_ups().filter(
        staff=user, follow_up_on__lte=today + timedelta(days=7)
    )
    imports = ImportJob.objects.filter(
        finished_at__gte=now - timedelta(days=IMPORTS_RECENT_DAYS),
        status__in=(
            ImportJob.Status.CHECKED,
            ImportJob.Status.DONE,
            ImportJob.Status.FAILED,
            ImportJob.Status.INTERRUPTED,
        ),
    )
    return {
        "requests": _section(
            requests.select_related("organisation", "target_organisation").order_by(
                "created_at", "pk"
            )
        ),
        "contacts": _section(
            ContactRequest.objects.filter(status=ContactRequestStatus.OPEN)
            .select_related("organisation", "requesting_organisation")
            .order_by("created_at", "pk")
        ),
        "answers": _section(
            ProfileResponse.objects.filter(status=ProfileResponseStatus.OPEN)
            .select_related("profile")
            .order_by("created_at", "pk")
        ),
        "approvals": _section(awaiting),
        "follow_ups": _section(
            follow_ups.select_related("organisation", "person").order_by("follow_up_on", "pk")
        ),
        "imports": _section(imports.select_related("created_by").order_by("-finished_at", "-pk")),
        "deadlines": _section(upcoming_deadlines(limit=None, within_days=DEADLINES_WITHIN_DAYS)),
        "profiles": _section(
            expiring_profiles(REMINDER_DAYS, today=today)
            .select_related("organisation")
            .order_by("valid_until", "pk")
        ),
        "event_tasks": _section(
            EventTask.objects.filter(assignee=user, done_at__isnull=True)
            .select_related("event")
            .order_by("due_on", "pk")
        ),
        "mails": _section(attention_rows().order_by("created_at", "pk")),
    }


def newsletter_overview() -> dict[str, Any]:
    """The last issue sent with its figures, and the issues waiting for their time."""
    from innonet.content.newsletter.figures import issue_figures, last_sent_issue, scheduled_issues

    last = last_sent_issue()
    return {
        "last": last,
        "figures": issue_figures(last) if last else None,
        "scheduled": list(scheduled_issues()[:5]),
    }
