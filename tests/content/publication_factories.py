"""Factories of news, knowledge articles and tags."""

from datetime import timedelta

import factory
from django.utils import timezone

from innonet.content.models import Audience, KnowledgeArticle, News, Tag
from innonet.networks.models import Network
from tests.factories import NetworkFactory


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Schlagwort {n}")


def _host_network():
    return Network.objects.filter(kind=Network.Kind.HOST).first() or NetworkFactory(
        kind=Network.Kind.HOST, name="Innovationsnetz Osnabrück"
    )


class _PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        skip_postgeneration_save = True

    network = factory.LazyFunction(_host_network)
    title = factory.Sequence(lambda n: f"Förderaufruf Digitalisierung {n}")
    slug = factory.Sequence(lambda n: f"beitrag-{n}")
    summary = "Kurz gesagt: worum es geht."
    body = "Ein **Text** mit einem [Link](https://example.org)."
    audience = Audience.PUBLIC
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)
            self.refresh_search_text()


class NewsFactory(_PublicationFactory):
    class Meta:
        model = News


class KnowledgeArticleFactory(_PublicationFactory):
    class Meta:
        model = KnowledgeArticle

    title = factory.Sequence(lambda n: f"Leitfaden Fördermittel {n}")
    slug = factory.Sequence(lambda n: f"leitfaden-{n}")
