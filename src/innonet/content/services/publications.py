"""Create, change, publish, unpublish and delete news and knowledge articles.

Every write runs in one transaction and leaves one audit entry
`content.<news|article>.<action>`. Rules shared by the pages and the API live here: a title
and a text are required, a picture needs a description (for screen readers), the address
(slug) is made from the title when none is given and stays unique, tags are named (new names
become tags), and a save based on stale data is refused with the current record. Only the
office writes (the policy); the services check it again for callers other than the pages.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit, permissions, versioning
from innonet.core.errors import DomainError
from innonet.core.search import fold
from innonet.networks.models import Network

from ..models import KnowledgeArticle, News, Publication, Tag

__all__ = [
    "FIELDS",
    "publication_create",
    "publication_delete",
    "publication_publish",
    "publication_unpublish",
    "publication_update",
    "tags_named",
]

P = TypeVar("P", bound=Publication)

SCALAR_FIELDS = (
    "title", "slug", "summary", "body", "image", "image_alt", "audience", "published_at",
)  # fmt: skip
MANY_FIELDS = ("tags", "ris3_fields", "competences")
FIELDS = SCALAR_FIELDS + MANY_FIELDS
MAX_TAGS = 20
SLUG_LENGTH = 80
TAG_LENGTH = 60

# Action codes written literally, so the descriptions' test finds each of them.
ACTIONS: dict[type[Publication], dict[str, str]] = {
    News: {
        "created": "content.news.created",
        "updated": "content.news.updated",
        "published": "content.news.published",
        "unpublished": "content.news.unpublished",
        "deleted": "content.news.deleted",
    },
    KnowledgeArticle: {
        "created": "content.article.created",
        "updated": "content.article.updated",
        "published": "content.article.published",
        "unpublished": "content.article.unpublished",
        "deleted": "content.article.deleted",
    },
}


def _action(publication: Publication, what: str) -> str:
    return ACTIONS[type(publication)][what]


def _check_allowed(acting_user: User | None, model: type[Publication]) -> None:
    """`None` is the platform itself (demo data); any other writer must be the office."""
    if acting_user is not None and not permissions.can_create(acting_user, model):
        raise permissions.NotPermittedError(_("Only the network office writes news and articles."))


def tags_named(names: Iterable[Any]) -> list[Tag]:
    """The tags of these names (or Tag rows), created where new; names are trimmed, empty
    ones dropped, and the same name in another letter case is the same tag."""
    tags: dict[str, Tag] = {}
    for item in names:
        if isinstance(item, Tag):
            tags.setdefault(item.name.casefold(), item)
            continue
        name = " ".join(str(item).split())
        if not name:
            continue
        if len(name) > TAG_LENGTH:
            raise DomainError(_("A tag has at most 60 characters."), field="tags")
        if name.casefold() in tags:
            continue
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags[name.casefold()] = tag
    if len(tags) > MAX_TAGS:
        raise DomainError(_("Choose at most %(count)d tags.") % {"count": MAX_TAGS}, field="tags")
    return list(tags.values())


def _prepared(fields: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set on a publication: {', '.join(sorted(unknown))}")
    data = {name: v.strip() if isinstance(v, str) else v for name, v in fields.items()}
    if "tags" in data:
        data["tags"] = tags_named(data["tags"] or [])
    if "image" in data and data["image"] in (None, False):
        data["image"] = ""
    return data


def _unique_slug(publication: Publication, wanted: str) -> str:
    """`wanted` if free, else with -2, -3, … appended (within the same kind)."""
    base = wanted[:SLUG_LENGTH].strip("-") or "beitrag"
    others = type(publication)._default_manager.exclude(pk=publication.pk)
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug


def _check_slug(publication: Publication, changed: list[str]) -> None:
    """No address: one made from the title. A chosen address must be free."""
    if not publication.slug:
        publication.slug = _unique_slug(publication, slugify(fold(publication.title)))
        return
    if "slug" not in changed and publication.pk is not None:
        return
    taken = type(publication)._default_manager.exclude(pk=publication.pk)
    if taken.filter(slug=publication.slug).exists():
        raise DomainError(_("This address is already used; choose another one."), field="slug")


def _validate(publication: Publication, changed: list[str]) -> None:
    if not publication.title:
        raise DomainError(_("Enter a title."), field="title")
    if not publication.body:
        raise DomainError(_("Enter the text."), field="body")
    if publication.image and not publication.image_alt:
        raise DomainError(
            _("Describe the picture in a few words for people who cannot see it."),
            field="image_alt",
        )
    _check_slug(publication, changed)
    try:
        publication.full_clean(exclude=["network", "author", "created_by"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _host_network() -> Network:
    host = Network.objects.filter(kind=Network.Kind.HOST).first()
    if host is None:
        raise DomainError(_("No host network is set up yet."))
    return host


def _forget_file(name: str) -> None:
    """Remove a replaced or deleted picture once the change is committed."""
    if not name:
        return

    def remove() -> None:
        from django.core.files.storage import default_storage

        default_storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def publication_create(
    model: type[P],
    *,
    acting_user: User | None,
    network: Network | None = None,
    author: User | None = None,
    **fields: Any,
) -> P:
    """Record a news item or article of the host network (or `network`); it stays a draft
    unless `published_at` is given. The author is the acting user unless named."""
    _check_allowed(acting_user, model)
    data = _prepared(fields)
    publication = model(
        network=network or _host_network(),
        author=author or versioning.creator(acting_user),
        created_by=versioning.creator(acting_user),
    )
    changed = versioning.apply_changes(publication, data, FIELDS)
    _validate(publication, changed)
    publication.save()
    versioning.set_many(publication, data, changed)
    publication.refresh_search_text()
    audit.record(publication, _action(publication, "created"), user=acting_user)
    return publication


@transaction.atomic
def publication_update(
    publication: P, *, version: int | None, acting_user: User | None, **fields: Any
) -> P:
    """Change a news item or article. With `version`, a save based on stale data is refused
    with the current record; a replaced picture's file is removed after the commit."""
    _check_allowed(acting_user, type(publication))
    data = _prepared(fields)
    old_image = publication.image.name if publication.image else ""
    current, changed = versioning.versioned_update(
        publication,
        data=data,
        fields=FIELDS,
        expected_version=version,
        acting_user=acting_user,
        action=_action(publication, "updated"),
        validate=_validate,
    )
    if "tags" in changed or {"title", "summary", "body"} & set(changed):
        current.refresh_search_text()
    if "image" in changed and old_image and old_image != (current.image.name or ""):
        _forget_file(old_image)
    return current


@transaction.atomic
def publication_publish(
    publication: P,
    *,
    acting_user: User | None,
    version: int | None = None,
    at: datetime | None = None,
) -> P:
    """Publish now (or at `at`, which may lie ahead: the item appears then)."""
    _check_allowed(acting_user, type(publication))
    current = versioning.lock(publication, version)
    if current.is_published:
        raise DomainError(_("This is already published."))
    current.published_at = at or timezone.now()
    versioning.save_new_version(current, update_fields=["published_at"])
    audit.record(
        current,
        _action(current, "published"),
        user=acting_user,
        data={"at": current.published_at.isoformat()},
    )
    return current


@transaction.atomic
def publication_unpublish(
    publication: P, *, acting_user: User | None, version: int | None = None
) -> P:
    """Take a published or scheduled item back to the drafts."""
    _check_allowed(acting_user, type(publication))
    current = versioning.lock(publication, version)
    if current.published_at is None:
        raise DomainError(_("This is not published."))
    current.published_at = None
    versioning.save_new_version(current, update_fields=["published_at"])
    audit.record(current, _action(current, "unpublished"), user=acting_user)
    return current


@transaction.atomic
def publication_delete(
    publication: Publication, *, acting_user: User | None, version: int | None = None
) -> None:
    """Delete an item for good, its picture after the commit; the audit entry keeps its
    title."""
    _check_allowed(acting_user, type(publication))
    current = versioning.lock(publication, version)
    audit.record(current, _action(current, "deleted"), user=acting_user)
    _forget_file(current.image.name or "" if current.image else "")
    current.delete()
