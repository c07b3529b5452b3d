"""The office writes, edits, publishes, unpublishes and deletes news and articles through the
pages: bad input re-renders with a clear message and writes nothing, pictures follow the upload
rules, stale edits meet a conflict, and every change leaves one audit entry."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from innonet.content.models import KnowledgeArticle, News, Tag
from innonet.core.models import AuditEntry
from innonet.core.uploads import MAX_IMAGE_BYTES

from .publication_factories import KnowledgeArticleFactory, NewsFactory

pytestmark = pytest.mark.django_db


def _png(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def de(message: str) -> str:
    """What the page says for `message` (German), up to its first placeholder."""
    with translation.override("de"):
        return translation.gettext(message).split("%(")[0]


def _form(**extra):
    return {"title": "Förderaufruf Digitalbonus", "body": "Anträge bis **März**.",
            "audience": "public", **extra}  # fmt: skip


def test_the_office_writes_a_draft_with_tags_and_a_picture(staff_client, staff_user):
    picture = SimpleUploadedFile("foto.png", _png(), content_type="image/png")
    response = staff_client.post(
        reverse("content:news_create"),
        _form(new_tags="Förderung, KMU, förderung", image=picture, image_alt="Ein rotes Bild"),
    )
    assert response.status_code == 302
    item = News.objects.get()
    assert item.slug == "foerderaufruf-digitalbonus"
    assert item.published_at is None and item.author == staff_user
    assert sorted(item.tags.values_list("name", flat=True)) == ["Förderung", "KMU"]
    assert item.image.name.startswith("content/") and not item.image.name.endswith("foto.png")
    assert "foerderung" in item.search_text
    assert AuditEntry.objects.filter(action="content.news.created").count() == 1
    image = staff_client.get(reverse("content:news_image", args=[item.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Disposition"].startswith("attachment")


ONLY_RASTER = "Only PNG, JPEG and WebP images are accepted (allowed extensions: %(extensions)s)."


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("gross.png", b"\x89PNG" + b"0" * (MAX_IMAGE_BYTES + 1)),
            "The file is too large (%(size)s); at most %(limit)s are allowed.",
        ),
        (lambda: SimpleUploadedFile("bild.gif", b"GIF89a" + b"0" * 20), ONLY_RASTER),
        (lambda: SimpleUploadedFile("bild.svg", b"<svg onload='x()'/>"), ONLY_RASTER),
        (
            lambda: SimpleUploadedFile("bild.jpg", _png()),
            "The file's content does not match its extension “.%(extension)s”.",
        ),
        (
            lambda: SimpleUploadedFile("bild.png", b"not an image at all"),
            "The file is not a valid PNG, JPEG or WebP image.",
        ),
    ],
    ids=["oversized", "gif", "svg", "mismatch", "garbage"],
)
def test_bad_pictures_are_refused_with_a_message(upload, message, staff_client):
    response = staff_client.post(
        reverse("content:news_create"), _form(image=upload(), image_alt="Bild")
    )
    assert response.status_code == 200
    assert de(message) in response.content.decode()
    assert not News.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": ""}, "body"),
        ({"title": "Zeile\r\nzwei"}, "title"),
        ({"audience": "everyone"}, "audience"),
        ({"slug": "Mit Leerzeichen"}, "slug"),
        ({"published_at": "morgen"}, "published_at"),
        ({"tags": ["99999999999999999999"]}, "tags"),
        ({"new_tags": "x" * 61}, "tags"),
    ],
)
def test_bad_input_rerenders_with_a_message_and_writes_nothing(data, field, staff_client):
    before = AuditEntry.objects.count()
    response = staff_client.post(reverse("content:article_create"), _form(**data))
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.content.decode() or "alert-danger" in (
        response.content.decode()
    )
    assert not KnowledgeArticle.objects.exists()
    assert AuditEntry.objects.count() == before
    assert not Tag.objects.filter(name="x" * 61).exists()


def test_a_picture_needs_a_description(staff_client):
    picture = SimpleUploadedFile("foto.png", _png(), content_type="image/png")
    response = staff_client.post(reverse("content:news_create"), _form(image=picture))
    assert response.status_code == 200
    assert de("Describe the picture in a few words for people who cannot see it.") in (
        response.content.decode()
    )
    assert not News.objects.exists()


def test_a_taken_address_is_refused_and_a_missing_one_made_unique(staff_client):
    NewsFactory(slug="foerderaufruf-digitalbonus")
    response = staff_client.post(
        reverse("content:news_create"), _form(slug="foerderaufruf-digitalbonus")
    )
    assert response.status_code == 200 and News.objects.count() == 1
    assert staff_client.post(reverse("content:news_create"), _form()).status_code == 302
    assert News.objects.filter(slug="foerderaufruf-digitalbonus-2").exists()


def test_a_stale_edit_meets_a_conflict_and_changes_nothing(staff_client):
    item = KnowledgeArticleFactory(title="Alt")
    url = reverse("content:article_update", args=[item.pk])
    assert staff_client.post(url, _form(title="Erste", version=1)).status_code == 302
    response = staff_client.post(url, _form(title="Zweite", version=1))
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.title == "Erste" and item.version == 2


def test_publish_unpublish_and_delete_each_leave_one_audit_entry(staff_client):
    item = NewsFactory(published_at=None)
    status = reverse("content:news_status", args=[item.pk])
    staff_client.post(status, {"action": "publish", "version": 1})
    item.refresh_from_db()
    assert item.is_published
    staff_client.post(status, {"action": "unpublish", "version": item.version})
    item.refresh_from_db()
    assert item.published_at is None
    staff_client.post(reverse("content:news_delete", args=[item.pk]), {"version": item.version})
    assert not News.objects.filter(pk=item.pk).exists()
    entries = AuditEntry.objects.filter(action__startswith="content.").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["content.news.published", "content.news.unpublished", "content.news.deleted"]


def test_an_unknown_status_action_changes_nothing(staff_client):
    item = NewsFactory(published_at=None)
    response = staff_client.post(reverse("content:news_status", args=[item.pk]), {"action": "x"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.published_at is None and item.version == 1


def test_the_form_uses_the_accessible_multi_select(staff_client):
    page = staff_client.get(reverse("content:news_create")).content.decode()
    for name in ("tags", "ris3_fields", "competences"):
        tag = page.split(f'name="{name}"', 1)[1].split(">", 1)[0]
        assert "data-multiselect" in tag, name
    assert 'enctype="multipart/form-data"' in page
