"""The pages of news ("Aktuelles") and the knowledge base ("Wissen"): the readers' lists with
search, topic filters and (news) the archive by month, an item's page, its picture, and the
office's list with drafts, the form, publish/unpublish and delete. One set of views serves
both kinds, told apart by their `Kind`. Whatever the user may not see answers 404."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from innonet.core import permissions
from innonet.core.collation import german_text
from innonet.core.errors import DomainError
from innonet.core.filters import page_filters
from innonet.core.forms import form_error
from innonet.core.uploads import image_type_for_name
from innonet.core.versioning import ConflictError
from innonet.core.versioning.forms import differences
from innonet.core.views.mixins import StaffRequiredMixin
from innonet.core.views.sorting import sort_key, sort_queryset

from ..filters import ArticleFilterSet, NewsFilterSet, page_fields
from ..forms.publications import ArticleForm, NewsForm, PublicationForm
from ..models import KnowledgeArticle, News, Publication
from ..services import publications as services

__all__ = [
    "ARTICLES",
    "NEWS",
    "PublicationDeleteView",
    "PublicationDetailView",
    "PublicationFormView",
    "PublicationImageView",
    "PublicationListView",
    "PublicationStaffListView",
    "PublicationStatusView",
]

PAGE_SIZE = 20
STAFF_PAGE_SIZE = 50
# The office's list: sortable columns (readers' lists are newest first).
STAFF_SORT = {
    "title": (german_text("title"), "pk"),
    "published": ("published_at", "pk"),
    "updated": ("updated_at", "pk"),
}
STAFF_DEFAULT_SORT = "-updated"


@dataclass(frozen=True)
class Kind:
    """What tells news and knowledge articles apart on the pages."""

    model: type[Publication]
    filterset: type
    form: type[PublicationForm]
    prefix: str  # URL names: content:<prefix>_list, _detail, …
    title: Promise
    intro: Promise
    item: Promise
    has_archive: bool
    has_feeds: bool


NEWS = Kind(
    model=News,
    filterset=NewsFilterSet,
    form=NewsForm,
    prefix="news",
    title=_("News"),
    intro=_("Funding calls, events and news from the network and the region."),
    item=_("news item"),
    has_archive=True,
    has_feeds=True,
)
ARTICLES = Kind(
    model=KnowledgeArticle,
    filterset=ArticleFilterSet,
    form=ArticleForm,
    prefix="article",
    title=_("Knowledge"),
    intro=_("Lasting know-how on funding, digitalisation, law and technology, kept current."),
    item=_("knowledge article"),
    has_archive=False,
    has_feeds=False,
)


def _url(kind: Kind, what: str, **kwargs: Any) -> str:
    return reverse(f"content:{kind.prefix}_{what}", kwargs=kwargs or None)


PAGES = ("list", "detail", "image", "staff_list", "create", "update", "status", "delete")


def url_names(kind: Kind) -> dict[str, str]:
    """The kind's URL names for the templates: `{% url names.detail slug=item.slug %}`."""
    return {page: f"content:{kind.prefix}_{page}" for page in PAGES}


def _visible(request: HttpRequest, kind: Kind) -> QuerySet:
    return permissions.visible(request.user, kind.model.objects.all())


def _filtered(request: HttpRequest, kind: Kind, queryset: QuerySet, shown: list[str]) -> tuple:
    """(filterset, rows): a filter that does not validate shows no rows and says why."""
    filterset = kind.filterset(request.GET or None, queryset=queryset, request=request)
    page_filters(filterset.form, shown)
    valid = not filterset.is_bound or filterset.is_valid()
    rows = filterset.qs if filterset.is_bound and valid else filterset.queryset
    return filterset, rows if valid else rows.none()


def archive_months(queryset: QuerySet) -> list[dict[str, Any]]:
    """The months with published items, newest first, with their counts (one query)."""
    return list(
        queryset.published()
        .annotate(month=TruncMonth("published_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-month")
    )


def topics(queryset: QuerySet) -> list[dict[str, Any]]:
    """The tags of the published items, with how many items carry each (one query)."""
    through = queryset.model.tags.through
    owner = f"{queryset.model._meta.model_name}_id"
    return list(
        through.objects.filter(**{f"{owner}__in": queryset.published().values("pk")})
        .values("tag_id", "tag__name")
        .annotate(n=Count("pk"))
        .order_by("tag__name")
    )


class KindMixin:
    kind: Kind = NEWS

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"kind": self.kind, "names": url_names(self.kind), **extra}


class PublicationListView(KindMixin, View):
    """Search, filter and page through the published items the user may read, newest
    first; news also by month (the archive)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        visible = _visible(request, self.kind).published()
        shown = page_fields()
        filterset, rows = _filtered(request, self.kind, visible, shown)
        rows = (
            rows.select_related("network").prefetch_related("tags").order_by("-published_at", "-pk")
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        form = filterset.form
        chosen_month = None
        if filterset.is_bound and not form.errors:
            year, month = form.cleaned_data.get("year"), form.cleaned_data.get("month")
            chosen_month = (year, month) if year else None
        context = self.context(
            filter=filterset,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            items=page.object_list,
            months=archive_months(visible) if self.kind.has_archive else [],
            topics=[] if self.kind.has_archive else topics(visible),
            chosen_month=chosen_month,
            can_create=permissions.can_create(request.user, self.kind.model),
        )
        return render(request, "content/publication_list.html", context)


def publication_or_404(request: HttpRequest, kind: Kind, **lookup: Any) -> Publication:
    """An item the user may see; any other answers 404, whether it exists or not."""
    queryset = _visible(request, kind).select_related("author", "network")
    item = queryset.filter(**lookup).first()
    if item is None:
        raise Http404
    return item


class PublicationDetailView(KindMixin, View):
    """An item with its rendered text; the office also sees drafts, marked as such."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        item = publication_or_404(request, self.kind, slug=slug)
        context = self.context(
            item=item,
            tags=list(item.tags.all()),
            ris3_fields=list(item.ris3_fields.all()),
            competences=list(item.competences.all()),
            can_change=permissions.can_change(request.user, item),
        )
        return render(request, "content/publication_detail.html", context)


class PublicationImageView(KindMixin, View):
    """The stored picture, checked like the item's page. Media files have no public URL; only
    PNG, JPEG and WebP are ever stored, and the answer is an attachment with nosniff, so
    `<img>` shows it while opening it directly renders nothing in the site's origin."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = publication_or_404(request, self.kind, pk=pk)
        image_type = image_type_for_name(item.image.name) if item.image else None
        if image_type is None:
            raise Http404
        try:
            with item.image.open("rb") as stored:
                content = stored.read()
        except OSError as error:
            raise Http404 from error
        response = HttpResponse(content, content_type=image_type.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Content-Disposition"] = (
            f'attachment; filename="{self.kind.prefix}-{item.pk}.{image_type.extension}"'
        )
        response["Cache-Control"] = "private, max-age=300"
        return response


class PublicationStaffListView(KindMixin, StaffRequiredMixin, View):
    """The office's list: drafts, scheduled and published items, with their audience."""

    def get(self, request: HttpRequest) -> HttpResponse:
        sort = sort_key(request, STAFF_SORT, STAFF_DEFAULT_SORT)
        queryset = sort_queryset(self.kind.model.objects.select_related("author"), STAFF_SORT, sort)
        filterset, rows = _filtered(request, self.kind, queryset, page_fields(staff_list=True))
        page = Paginator(rows, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
        context = self.context(
            filter=filterset,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            items=page.object_list,
            sort=sort,
        )
        return render(request, "content/publication_staff_list.html", context)


def _staff_item(request: HttpRequest, kind: Kind, pk: int) -> Publication:
    """The office's item by id (drafts included)."""
    item = kind.model.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


class PublicationFormView(KindMixin, StaffRequiredMixin, View):
    """Write an item or edit one, with optimistic locking on edits."""

    template_name = "content/publication_form.html"

    def item(self) -> Publication | None:
        return (
            _staff_item(self.request, self.kind, self.kwargs["pk"]) if "pk" in self.kwargs else None
        )

    def make_form(self, item: Publication | None, **kwargs: Any) -> PublicationForm:
        image_url = _url(self.kind, "image", pk=item.pk) if item is not None else ""
        return self.kind.form(instance=item, image_url=image_url, **kwargs)

    def render_form(self, form: PublicationForm, item: Any, **extra: Any) -> HttpResponse:
        context = self.context(form=form, item=item, **extra)
        status = 409 if "conflict" in extra else 200
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        item = self.item()
        return self.render_form(self.make_form(item), item)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        item = self.item()
        form = self.make_form(item, data=request.POST, files=request.FILES)
        if not form.is_valid():
            return self.render_form(form, item)
        data = form.data_for_service()
        try:
            if item is None:
                saved = services.publication_create(
                    self.kind.model, acting_user=request.user, **data
                )
            else:
                saved = services.publication_update(
                    item,
                    version=form.cleaned_data.get("version"),
                    acting_user=request.user,
                    **data,
                )
        except ConflictError as error:
            current = error.current
            return self.render_form(
                self.make_form(current),
                current,
                conflict=error.message,
                differences=differences(form, current, [n for n in form.fields if n != "new_tags"]),
            )
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, item)
        messages.success(request, gettext("“%(title)s” was saved.") % {"title": saved.title})
        return redirect(_url(self.kind, "detail", slug=saved.slug))


def _posted_version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) <= 9 else None


class PublicationStatusView(KindMixin, StaffRequiredMixin, View):
    """POST `action=publish|unpublish`: show the item now, or take it back to the drafts."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _staff_item(request, self.kind, pk)
        action = request.POST.get("action", "")
        change = {
            "publish": services.publication_publish,
            "unpublish": services.publication_unpublish,
        }
        if action not in change:
            messages.error(request, gettext("Please choose whether to publish or unpublish."))
            return redirect(_url(self.kind, "detail", slug=item.slug))
        try:
            changed = change[action](
                item, acting_user=request.user, version=_posted_version(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            done = {
                "publish": gettext("“%(title)s” is now published."),
                "unpublish": gettext("“%(title)s” is a draft again."),
            }
            messages.success(request, done[action] % {"title": changed.title})
        return redirect(_url(self.kind, "detail", slug=item.slug))


class PublicationDeleteView(KindMixin, StaffRequiredMixin, View):
    """GET asks for confirmation; POST deletes the item for good."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _staff_item(request, self.kind, pk)
        return render(request, "content/publication_delete.html", self.context(item=item))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = _staff_item(request, self.kind, pk)
        try:
            services.publication_delete(
                item, acting_user=request.user, version=_posted_version(request)
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(_url(self.kind, "detail", slug=item.slug))
        messages.success(request, gettext("“%(title)s” was deleted.") % {"title": item.title})
        return redirect(_url(self.kind, "staff_list"))
