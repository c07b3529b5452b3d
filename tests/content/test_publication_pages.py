"""News and knowledge base pages as readers and the office use them: who sees what and when,
the sanitised text, search with German folding, the archive, topic filters, and constant query
counts of the lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.content.models import Audience, News
from tests.factories import CompetenceFactory, Ris3FieldFactory

from .publication_factories import KnowledgeArticleFactory, NewsFactory, TagFactory

pytestmark = pytest.mark.django_db


def _page(client, name, **kwargs):
    response = client.get(reverse(name, kwargs=kwargs or None))
    return response.status_code, response.content.decode()


@pytest.fixture
def items():
    now = timezone.now()
    return {
        "public": NewsFactory(title="Öffentliche Nachricht"),
        "members": NewsFactory(title="Nur für Mitglieder", audience=Audience.MEMBERS),
        "draft": NewsFactory(title="Noch ein Entwurf", published_at=None),
        "future": NewsFactory(title="Erscheint bald", published_at=now + timedelta(hours=2)),
    }


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("anonymous", {"public"}),
        ("member", {"public", "members"}),
        ("network_manager", {"public", "members"}),
        ("board", {"public", "members"}),
        ("staff", {"public", "members"}),
    ],
)
def test_the_list_shows_what_each_role_may_read(role, seen, items, role_users, client_for):
    client = client_for(role_users.get(role))
    status, page = _page(client, "content:news_list")
    assert status == 200
    shown = {key for key, item in items.items() if item.title in page}
    assert shown == seen


@pytest.mark.parametrize("role", ["anonymous", "member", "board", "staff"])
def test_drafts_and_future_items_exist_only_for_the_office(role, items, role_users, client_for):
    client = client_for(role_users.get(role))
    for key in ("draft", "future"):
        status, _text = _page(client, "content:news_detail", slug=items[key].slug)
        assert status == (200 if role == "staff" else 404), (role, key)
    status, _page_text = _page(client, "content:news_detail", slug=items["members"].slug)
    assert status == (404 if role == "anonymous" else 200)


def test_a_future_item_appears_once_its_time_has_come(items, client):
    future = items["future"]
    assert (
        client.get(reverse("content:news_detail", kwargs={"slug": future.slug})).status_code == 404
    )
    News.objects.filter(pk=future.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert (
        client.get(reverse("content:news_detail", kwargs={"slug": future.slug})).status_code == 200
    )


def test_the_office_list_shows_drafts_with_their_state(items, staff_client):
    status, page = _page(staff_client, "content:news_staff_list")
    assert status == 200
    for item in items.values():
        assert item.title in page
    assert "Entwurf" in page or "draft" in page


HOSTILE_BODY = (
    "Hallo {{ settings.SECRET_KEY }} und {% now 'Y' %}\n\n"
    "<script>alert('x')</script>\n\n<style>body{display:none}</style>\n\n"
    "[klick](javascript:alert(1)) [gut](https://example.org)\n\n"
    '<img src=x onerror="alert(2)">\n\n<a href="https://evil.example" onclick="x()">roh</a>'
)


def test_the_text_is_sanitised_and_never_run_as_a_template(client, settings):
    item = NewsFactory(body=HOSTILE_BODY)
    page = client.get(reverse("content:news_detail", kwargs={"slug": item.slug})).content.decode()
    body = page.split('class="text-break publication-body">', 1)[1].split("</div>", 1)[0]
    assert "{{ settings.SECRET_KEY }}" in body
    assert settings.SECRET_KEY not in page
    assert "{% now &#x27;Y&#x27; %}" in body or "{% now 'Y' %}" in body
    assert "<script" not in body and "<style" not in body
    assert (
        'href="javascript:' not in body
        and "<img" not in body
        and '<a href="https://evil' not in body
    )
    assert 'href="https://example.org"' in body
    assert 'rel="noopener noreferrer nofollow"' in body


def test_search_folds_umlauts_both_ways(client):
    NewsFactory(title="Besuch bei Müller Maschinenbau")
    NewsFactory(title="Straßenbau im Emsland")
    url = reverse("content:news_list")
    for query in ("Mueller", "Müller", "muller", "MÜLLER"):
        page = client.get(url, {"q": query}).content.decode()
        assert "Müller Maschinenbau" in page, query
        assert "Straßenbau" not in page, query
    assert "Straßenbau" in client.get(url, {"q": "strassenbau"}).content.decode()


def test_search_finds_words_of_the_text_and_tags(client):
    NewsFactory(title="Ohne Treffer", body="Nichts hier.")
    NewsFactory(title="Mit Schlagwort", tags=[TagFactory(name="Wärmepumpe")])
    NewsFactory(title="Im Text", body="Es geht um **Wärmepumpen** im Betrieb.")
    page = client.get(reverse("content:news_list"), {"q": "waermepumpe"}).content.decode()
    assert "Mit Schlagwort" in page and "Im Text" in page and "Ohne Treffer" not in page


def test_the_knowledge_base_searches_and_filters_by_topic(client):
    field, competence = Ris3FieldFactory(name="Energie-Test"), CompetenceFactory()
    tag = TagFactory(name="Leitfaden")
    energy = KnowledgeArticleFactory(title="Photovoltaik im Gewerbe")
    energy.ris3_fields.set([field])
    energy.competences.set([competence])
    energy.tags.set([tag])
    KnowledgeArticleFactory(title="Datenschutz in Vereinen")
    url = reverse("content:article_list")
    for params in ({"ris3_field": field.pk}, {"competence": competence.pk}, {"tag": tag.pk}):
        page = client.get(url, params).content.decode()
        assert "Photovoltaik" in page and "Datenschutz in Vereinen" not in page, params


def test_the_archive_lists_months_and_narrows_to_one(client):
    NewsFactory(
        title="Märzmeldung", published_at=timezone.now().replace(year=2025, month=3, day=10)
    )
    NewsFactory(title="Maimeldung", published_at=timezone.now().replace(year=2025, month=5, day=10))
    url = reverse("content:news_list")
    page = client.get(url).content.decode()
    assert "?year=2025&amp;month=3" in page and "?year=2025&amp;month=5" in page
    page = client.get(url, {"year": 2025, "month": 3}).content.decode()
    assert "Märzmeldung" in page and "Maimeldung" not in page


@pytest.mark.parametrize("params", [{"year": "abc"}, {"month": "13"}, {"tag": "99999999"},
                                    {"year": "1" * 40}, {"page": "x"}])  # fmt: skip
def test_bad_filters_answer_with_a_message_not_an_error(params, client):
    NewsFactory()
    response = client.get(reverse("content:news_list"), params)
    assert response.status_code == 200


def test_news_pages_link_their_feeds(client):
    item = NewsFactory()
    for url in (reverse("content:news_list"), reverse("content:news_detail", args=[item.slug])):
        page = client.get(url).content.decode()
        assert 'rel="alternate" type="application/rss+xml"' in page
        assert f'href="{reverse("content:news_feed_atom")}"' in page


@pytest.mark.parametrize("name", ["content:news_list", "content:article_list"])
def test_list_queries_do_not_grow_with_the_rows(name, client, django_assert_max_num_queries):
    factory = NewsFactory if name == "content:news_list" else KnowledgeArticleFactory
    tag = TagFactory()
    for _ in range(3):
        factory(tags=[tag])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse(name))
    for _ in range(12):
        factory(tags=[tag, TagFactory()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(name))


def test_the_office_list_queries_do_not_grow(staff_client, django_assert_max_num_queries):
    NewsFactory.create_batch(2)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(reverse("content:news_staff_list"))
    NewsFactory.create_batch(15, published_at=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(reverse("content:news_staff_list"))


def test_start_pages_show_the_latest_items_the_user_may_read(items, role_users, client_for):
    KnowledgeArticleFactory(title="Wissen für alle")
    anonymous = client_for(None).get(reverse("reporting:home")).content.decode()
    assert "Öffentliche Nachricht" in anonymous and "Nur für Mitglieder" not in anonymous
    assert "Wissen für alle" in anonymous
    assert reverse("content:news_detail", args=[items["public"].slug]) in anonymous
    for role in ("member", "staff", "board", "network_manager"):
        page = client_for(role_users[role]).get(reverse("reporting:home")).content.decode()
        assert "Nur für Mitglieder" in page, role
        assert "Noch ein Entwurf" not in page, role


def test_the_office_list_sorts_by_its_columns(staff_client):
    NewsFactory(title="Zebra")
    NewsFactory(title="Ähre")
    url = reverse("content:news_staff_list")
    page = staff_client.get(url, {"sort": "title"}).content.decode()
    assert page.index("Ähre") < page.index("Zebra")
    page = staff_client.get(url, {"sort": "-title"}).content.decode()
    assert page.index("Zebra") < page.index("Ähre")
    assert staff_client.get(url, {"sort": "password"}).status_code == 200


def test_the_knowledge_base_lists_its_topics_as_the_reader_sees_them(
    client, member_user, client_for
):
    law = TagFactory(name="Recht")
    KnowledgeArticleFactory(tags=[law])
    KnowledgeArticleFactory(tags=[law], audience=Audience.MEMBERS)
    KnowledgeArticleFactory(tags=[TagFactory(name="Entwurfsthema")], published_at=None)
    url = reverse("content:article_list")
    page = client.get(url).content.decode()
    assert (
        f'href="?tag={law.pk}"' in page
        and 'Recht</a> <span class="text-body-secondary">(1)' in page
    )
    assert "Entwurfsthema" not in page
    page = client_for(member_user).get(url).content.decode()
    assert 'Recht</a> <span class="text-body-secondary">(2)' in page
