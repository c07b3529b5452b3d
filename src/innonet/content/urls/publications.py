"""URLs of the news and the knowledge base: the readers' pages under aktuelles/ and wissen/,
the office's under redaktion/."""

from django.urls import URLPattern, path

from ..feeds import NewsAtomFeed, NewsRssFeed
from ..views import publications as views
from ..views.publications import ARTICLES, NEWS


def _pages(kind: views.Kind, public: str, staff: str) -> list[URLPattern]:
    prefix = kind.prefix
    return [
        path(f"{public}/", views.PublicationListView.as_view(kind=kind), name=f"{prefix}_list"),
        path(
            f"{public}/<int:pk>/bild/",
            views.PublicationImageView.as_view(kind=kind),
            name=f"{prefix}_image",
        ),
        path(
            f"{public}/<slug:slug>/",
            views.PublicationDetailView.as_view(kind=kind),
            name=f"{prefix}_detail",
        ),
        path(
            f"redaktion/{staff}/",
            views.PublicationStaffListView.as_view(kind=kind),
            name=f"{prefix}_staff_list",
        ),
        path(
            f"redaktion/{staff}/neu/",
            views.PublicationFormView.as_view(kind=kind),
            name=f"{prefix}_create",
        ),
        path(
            f"redaktion/{staff}/<int:pk>/bearbeiten/",
            views.PublicationFormView.as_view(kind=kind),
            name=f"{prefix}_update",
        ),
        path(
            f"redaktion/{staff}/<int:pk>/status/",
            views.PublicationStatusView.as_view(kind=kind),
            name=f"{prefix}_status",
        ),
        path(
            f"redaktion/{staff}/<int:pk>/loeschen/",
            views.PublicationDeleteView.as_view(kind=kind),
            name=f"{prefix}_delete",
        ),
    ]


urlpatterns: list[URLPattern] = [
    # Before the items' addresses, which would take "feed" for a slug otherwise.
    path("aktuelles/feed/rss/", NewsRssFeed(), name="news_feed_rss"),
    path("aktuelles/feed/atom/", NewsAtomFeed(), name="news_feed_atom"),
    *_pages(NEWS, "aktuelles", "aktuelles"),
    *_pages(ARTICLES, "wissen", "wissen"),
]
