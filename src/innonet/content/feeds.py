"""RSS and Atom feeds of the news: public, published items only, whoever asks. Feed readers
do not sign in, and a feed is easily passed on, so items for members never appear in them."""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Audience, News

__all__ = ["NewsAtomFeed", "NewsRssFeed", "public_news"]

FEED_ITEMS = 20


def public_news() -> QuerySet:
    """The latest public, published news, whoever asks (never the members' items)."""
    return (
        News.objects.published().filter(audience=Audience.PUBLIC).order_by("-published_at", "-pk")
    )


class NewsRssFeed(Feed):
    """RSS 2.0 of the public news."""

    title = _("News of the network")
    description = _("Funding calls, events and news from the network and the region.")

    def link(self) -> str:
        return reverse("content:news_list")

    def items(self) -> QuerySet:
        return public_news()[:FEED_ITEMS]

    def item_title(self, item: News) -> str:
        return item.title

    def item_description(self, item: News) -> str:
        # Plain text (escaped by the feed): no markup from the body reaches feed readers.
        return item.summary or item.body[:600]

    def item_link(self, item: News) -> str:
        return reverse("content:news_detail", kwargs={"slug": item.slug})

    def item_pubdate(self, item: News) -> datetime:
        return item.published_at

    def item_updateddate(self, item: News) -> datetime:
        return item.updated_at

    def item_categories(self, item: Any) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    """Atom 1.0 of the same items."""

    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
