"""News, the knowledge base, and the newsletter with its subscriptions."""

from .newsletter import (
    CONSENT_TEXT_VERSION,
    ConsentSource,
    Issue,
    IssueStatus,
    Subscription,
    SubscriptionAction,
    SubscriptionEvent,
    SubscriptionStatus,
    Topic,
)
from .publications import Audience, KnowledgeArticle, News, Publication, Tag

__all__ = [
    "CONSENT_TEXT_VERSION",
    "Audience",
    "ConsentSource",
    "Issue",
    "IssueStatus",
    "KnowledgeArticle",
    "News",
    "Publication",
    "Subscription",
    "SubscriptionAction",
    "SubscriptionEvent",
    "SubscriptionStatus",
    "Tag",
    "Topic",
]
