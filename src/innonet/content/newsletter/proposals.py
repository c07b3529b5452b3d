"""The composer's "propose": recent items that fit an issue's segment."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from innonet.events.models import Event
from innonet.matching.models import CooperationProfile
from innonet.matching.models.profiles import Visibility
from innonet.projects.models import FundingCall

from ..models import Audience, Issue, KnowledgeArticle, News, Topic

LIMIT = 5


def propose(issue: Issue, *, days: int = 60) -> dict[str, list[Any]]:
    """Per kind of item, up to LIMIT recent ones; narrowed to the issue's RIS3 fields where
    the items carry RIS3 fields (falling back to all when none fits), and only the kinds of
    the issue's topics (all when it names none)."""
    now = timezone.now()
    since = now - timedelta(days=days)
    fields = list(issue.ris3_fields.values_list("pk", flat=True))
    topics = set(issue.topics or []) or set(Topic.values)

    def narrowed(queryset):
        if not fields:
            return queryset
        fitting = queryset.filter(ris3_fields__in=fields).distinct()
        return fitting if fitting.exists() else queryset

    def published(model):
        return model.objects.filter(
            published_at__gte=since, published_at__lte=now, audience=Audience.PUBLIC
        ).order_by("-published_at")

    found: dict[str, list[Any]] = {}
    found["news"] = list(narrowed(published(News))[:LIMIT]) if Topic.NEWS in topics else []
    found["articles"] = (
        list(narrowed(published(KnowledgeArticle))[:LIMIT]) if Topic.ARTICLES in topics else []
    )
    events = Event.objects.public().upcoming().order_by("starts_at")
    found["events"] = list(events[:LIMIT]) if Topic.EVENTS in topics else []
    calls = FundingCall.objects.filter(is_active=True).order_by("-created_at")
    found["calls"] = list(calls[:LIMIT]) if Topic.CALLS in topics else []
    profiles = CooperationProfile.objects.active().filter(visibility=Visibility.PUBLIC)
    found["profiles"] = (
        list(narrowed(profiles).order_by("-published_at")[:LIMIT])
        if Topic.PROFILES in topics
        else []
    )
    return found
