"""Who reads and writes news and knowledge articles.

Everyone reads published public items; every signed-in user (members, partner-network
managers, the board) also reads published items for members. Unpublished items (no date, or a
date still to come) are the office's drafts: only staff see them, for everyone else they do
not exist (404). Only staff write.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from innonet.core import permissions

from .models import Audience, KnowledgeArticle, News

__all__ = ["PublicationPolicy", "publication_filter"]


def publication_filter(user: Any) -> Q | None:
    """The publications `user` may read as a Q (None: all of them, drafts included)."""
    role = permissions.role_of(user)
    if role == permissions.STAFF:
        return None
    published = Q(published_at__lte=timezone.now())
    if role == permissions.ANONYMOUS:
        return published & Q(audience=Audience.PUBLIC)
    return published


class PublicationPolicy(permissions.Policy):
    """Staff write and see drafts; everybody else reads what their role reaches."""

    def scope(self, user: Any, queryset: QuerySet) -> QuerySet:
        allowed = publication_filter(user)
        return queryset if allowed is None else queryset.filter(allowed)


permissions.register(News)(PublicationPolicy)
permissions.register(KnowledgeArticle)(PublicationPolicy)
