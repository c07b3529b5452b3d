from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.dates import check_plausible_year
from innonet.core.models import Competence, Ris3Field, VersionedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField
from innonet.core.search import searchable
from innonet.core.search_index import KeepsSearchText, SearchableQuerySet
from innonet.core.uploads import GeneratedName, validate_stored_image


class Audience(models.TextChoices):
    PUBLIC = "public", _("everyone (public)")
    MEMBERS = "members", _("members of the network")


class Tag(models.Model):
    """A free keyword of news and articles, shared by both."""

    name = OneLineCharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class PublicationQuerySet(SearchableQuerySet):
    def published(self, now: datetime | None = None) -> "PublicationQuerySet":
        """Published by now: a publication date that has come."""
        return self.filter(published_at__lte=now or timezone.now())

    def drafts(self, now: datetime | None = None) -> "PublicationQuerySet":
        """Not (yet) published: no date, or one in the future."""
        return self.exclude(published_at__lte=now or timezone.now())


class Publication(KeepsSearchText, VersionedModel):
    """What news and knowledge articles share: a Markdown text (rendered through the
    sanitiser), a picture, its topics and who may read it. Unpublished while
    `published_at` is empty or in the future."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = OneLineCharField(_("title"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=80, allow_unicode=False)
    summary = PlainTextField(_("summary"), max_length=600, blank=True)
    body = PlainTextField(_("text (Markdown)"), max_length=100_000)
    image = models.ImageField(
        _("picture"),
        upload_to=GeneratedName("content"),
        blank=True,
        max_length=200,
        validators=[validate_stored_image],
    )
    image_alt = OneLineCharField(_("description of the picture"), max_length=200, blank=True)
    audience = OneLineCharField(
        _("visible to"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        db_index=True,
        validators=[check_plausible_year],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    ris3_fields = models.ManyToManyField(
        Ris3Field, verbose_name=_("RIS3 fields"), blank=True, related_name="+"
    )
    competences = models.ManyToManyField(
        Competence, verbose_name=_("competences"), blank=True, related_name="+"
    )
    # Folded title, summary, text and tags (core.search); the tags are added by the services
    # after they are stored, through `refresh_search_text`.
    search_text = PlainTextField(_("search text"), blank=True, editable=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def build_search_text(self) -> str:
        """The folded text the search looks in: title, summary, text and tag names."""
        tags = list(self.tags.values_list("name", flat=True)) if self.pk else []
        return searchable(self.title, self.summary, self.body, " ".join(tags))

    def refresh_search_text(self) -> None:
        """Recompute the search text once the tags are stored (they join after the save)."""
        self.search_text = self.build_search_text()
        type(self)._default_manager.filter(pk=self.pk).update(search_text=self.search_text)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()


class News(Publication):
    """A news item of the network: short, dated, for the news page, the feeds and newsletters."""

    class Meta(Publication.Meta):
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [models.UniqueConstraint(fields=["slug"], name="content_news_slug")]


class KnowledgeArticle(Publication):
    """An article of the knowledge base: lasting know-how (funding, law, technology) kept
    current rather than dated."""

    class Meta(Publication.Meta):
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        constraints = [models.UniqueConstraint(fields=["slug"], name="content_article_slug")]
