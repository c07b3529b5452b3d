"""News, the knowledge base, and the newsletter with its subscriptions."""

from .publications import Audience, KnowledgeArticle, News, Publication, Tag

__all__ = ["Audience", "KnowledgeArticle", "News", "Publication", "Tag"]
