"""Reads of news and knowledge articles that other apps use (the start pages)."""

from typing import Any

from innonet.core import permissions

from .models import KnowledgeArticle, News

__all__ = ["latest_articles", "latest_news"]


def latest_news(user: Any, limit: int = 5) -> list[News]:
    """The newest published news this user may read (one query)."""
    visible = permissions.visible(user, News.objects.published())
    return list(visible.order_by("-published_at", "-pk")[:limit])


def latest_articles(user: Any, limit: int = 5) -> list[KnowledgeArticle]:
    """The newest published knowledge articles this user may read (one query)."""
    visible = permissions.visible(user, KnowledgeArticle.objects.published())
    return list(visible.order_by("-published_at", "-pk")[:limit])
