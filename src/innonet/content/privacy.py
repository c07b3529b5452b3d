"""News and knowledge articles' part of a person's export and erasure: the items their user
account wrote. The items stay after erasure (they are the network's publications) and keep
pointing at the erased account, which has no name any more."""

from django.db.models import Q
from django.utils.translation import gettext as _

from innonet.core import privacy
from innonet.core.privacy import Erasure, Identity, Section

from .models import KnowledgeArticle, News, Publication

KEYS = ("title", "published_at", "audience")


def _section(key: str, title: str, model: type[Publication], identity: Identity) -> Section:
    found = model.objects.filter(Q(author_id__in=identity.user_ids)).order_by("pk")
    return Section(
        key,
        title,
        privacy.field_labels(model, *KEYS),
        [privacy.row(item, **{name: getattr(item, name) for name in KEYS}) for item in found],
    )


@privacy.contributor
class PublicationData(privacy.Contributor):
    """News and knowledge articles the person's account wrote."""

    name = "content"
    order = 60
    fields = {
        "content.News.author": Erasure.KEPT,
        "content.KnowledgeArticle.author": Erasure.KEPT,
    }

    def collect(self, identity: Identity) -> list[Section]:
        return [
            _section("news", _("News written"), News, identity),
            _section("knowledge_articles", _("Knowledge articles written"), KnowledgeArticle,
                     identity),
        ]  # fmt: skip
