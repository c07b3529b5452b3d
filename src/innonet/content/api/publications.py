"""REST routes of news and knowledge articles.

Everyone reads published public items (also without a token), signed-in callers also the
members' items, and the office everything, drafts included; the lists take the same filters
as the pages. Only the office writes, through `services.publications`; a PATCH needs the
`version` it was read with (a stale one answers 409 with the current item). The text is
Markdown as written (`body`) and, for display, the same sanitised HTML the pages show
(`body_html`). Pictures are uploaded on the pages (the API speaks JSON only) and read from
`image_url`. Creates honour an `Idempotency-Key` header.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.relations import ManyRelatedField
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core.models import Competence, Ris3Field
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.core.text import render_markdown
from innonet.core.versioning import ConflictError
from innonet.core.versioning.rest import (
    conflict_response,
    conflict_schema,
    require_version,
    version_field,
)

from ..filters import ArticleFilterSet, NewsFilterSet
from ..models import KnowledgeArticle, News, Publication
from ..services import publications as services

MAX_TERMS = 50
MAX_TAGS = services.MAX_TAGS


class _Terms(ManyRelatedField):
    """Active taxonomy terms by id; a bounded list, checked before any lookup."""

    def __init__(self, model: type, **kwargs: Any) -> None:
        child = StrictPrimaryKeyRelatedField(queryset=model.objects.active())
        super().__init__(child_relation=child, required=False, **kwargs)

    def to_internal_value(self, data: Any) -> list:
        if isinstance(data, list) and len(data) > MAX_TERMS:
            raise ValidationError(_("Choose at most %(count)d.") % {"count": MAX_TERMS})
        return super().to_internal_value(data)


class _TagNames(serializers.ListField):
    """Tags by name; new names become tags."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.CharField(max_length=60, allow_blank=False),
            max_length=MAX_TAGS,
            required=False,
            help_text=_("Tag names; a name that does not exist yet becomes a new tag."),
            **kwargs,
        )

    def to_representation(self, data: Any) -> list[str]:
        return [tag.name for tag in data.all()]


class PublicationSerializer(serializers.ModelSerializer):
    tags = _TagNames()
    ris3_fields = _Terms(Ris3Field)
    competences = _Terms(Competence)
    body_html = serializers.SerializerMethodField(
        help_text=_("The text as sanitised HTML, as the pages show it.")
    )
    image_url = serializers.SerializerMethodField(help_text=_("The picture's address, if any."))
    url = serializers.SerializerMethodField(help_text=_("The item's page."))
    is_published = serializers.BooleanField(read_only=True)
    version = version_field()

    class Meta:
        model: type[Publication] = News
        fields = [
            "id", "title", "slug", "summary", "body", "body_html", "image_url", "image_alt",
            "audience", "published_at", "is_published", "tags", "ris3_fields", "competences",
            "url", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "slug": {
                "required": False,
                "validators": [],
                "help_text": _("The page's address; empty: made from the title."),
            },
            "published_at": {
                "help_text": _("Empty: a draft (office only). In the future: appears then.")
            },
        }

    prefix = "news"

    def validate(self, attrs: dict) -> dict:
        require_version(self, attrs)
        return attrs

    @extend_schema_field(serializers.CharField())
    def get_body_html(self, item: Publication) -> str:
        return render_markdown(item.body)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_image_url(self, item: Publication) -> str | None:
        if not item.image:
            return None
        return reverse(f"content:{self.prefix}_image", kwargs={"pk": item.pk})

    @extend_schema_field(serializers.CharField())
    def get_url(self, item: Publication) -> str:
        return reverse(f"content:{self.prefix}_detail", kwargs={"slug": item.slug})


class NewsSerializer(PublicationSerializer):
    class Meta(PublicationSerializer.Meta):
        model = News


class KnowledgeArticleSerializer(PublicationSerializer):
    prefix = "article"

    class Meta(PublicationSerializer.Meta):
        model = KnowledgeArticle


class _PublicationViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    public_read = True
    ordering_fields = ["published_at", "title", "updated_at", "created_at"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _fresh(self, item: Publication) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        item = services.publication_create(
            self.queryset.model, acting_user=self.request.user, **data
        )
        serializer.instance = self.get_queryset().get(pk=item.pk)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        serializer = self.get_serializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        try:
            services.publication_update(item, version=version, acting_user=request.user, **data)
        except ConflictError as error:
            return conflict_response(self, error)
        return self._fresh(item)

    def perform_destroy(self, instance: Publication) -> None:
        services.publication_delete(instance, acting_user=self.request.user)


@extend_schema_view(
    create=idempotent_create_schema(NewsSerializer),
    partial_update=extend_schema(
        responses={200: NewsSerializer, **conflict_schema(NewsSerializer)}
    ),
)
class NewsViewSet(_PublicationViewSet):
    """News of the network: everyone reads the public ones, signed-in users also the
    members' ones; the office writes them and sees drafts."""

    queryset = News.objects.prefetch_related("tags", "ris3_fields", "competences")
    serializer_class = NewsSerializer
    filterset_class = NewsFilterSet


@extend_schema_view(
    create=idempotent_create_schema(KnowledgeArticleSerializer),
    partial_update=extend_schema(
        responses={200: KnowledgeArticleSerializer, **conflict_schema(KnowledgeArticleSerializer)}
    ),
)
class KnowledgeArticleViewSet(_PublicationViewSet):
    """Articles of the knowledge base, read and written like the news."""

    queryset = KnowledgeArticle.objects.prefetch_related("tags", "ris3_fields", "competences")
    serializer_class = KnowledgeArticleSerializer
    filterset_class = ArticleFilterSet


def register_routes(router) -> None:
    router.register("news", NewsViewSet, basename="news")
    router.register("articles", KnowledgeArticleViewSet, basename="knowledge-article")
