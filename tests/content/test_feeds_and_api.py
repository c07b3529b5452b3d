"""The RSS and Atom feeds (valid XML, public published news only) and the REST API of news
and knowledge articles by role."""

from datetime import timedelta

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from innonet.accounts import services as account_services
from innonet.content.models import Audience, KnowledgeArticle, News
from innonet.core.models import AuditEntry

from .publication_factories import KnowledgeArticleFactory, NewsFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news():
    return {
        "public": NewsFactory(title="Öffentlich & <b>fett</b>", summary="Für alle"),
        "members": NewsFactory(title="Intern", audience=Audience.MEMBERS),
        "draft": NewsFactory(title="Entwurf", published_at=None),
        "future": NewsFactory(title="Später", published_at=timezone.now() + timedelta(days=1)),
    }


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_the_rss_feed_holds_only_public_published_news(role, news, role_users, client_for):
    response = client_for(role_users.get(role)).get(reverse("content:news_feed_rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Öffentlich & <b>fett</b>"]
    link = root.find("channel/item/link").text
    assert link.endswith(reverse("content:news_detail", args=[news["public"].slug]))


def test_the_atom_feed_holds_only_public_published_news(news, member_user, client_for):
    response = client_for(member_user).get(reverse("content:news_feed_atom"))
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == [
        "Öffentlich & <b>fett</b>"
    ]


def _token(user, scope="write"):
    _token_row, plain = account_services.api_token_create(
        user, name="test", scope=scope, days=1, acting_user=user
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.mark.parametrize(
    ("role", "seen"),
    [("anonymous", {"Öffentlich & <b>fett</b>"}),
     ("member", {"Öffentlich & <b>fett</b>", "Intern"}),
     ("staff", {"Öffentlich & <b>fett</b>", "Intern", "Entwurf", "Später"})],
)  # fmt: skip
def test_the_api_lists_what_each_role_may_read(role, seen, news, role_users, client):
    headers = _token(role_users[role], "read") if role != "anonymous" else {}
    response = client.get(reverse("news-list"), **headers)
    assert response.status_code == 200
    assert {row["title"] for row in response.json()["results"]} == seen


def test_the_api_gives_the_sanitised_html_beside_the_markdown(client):
    item = NewsFactory(body="<script>x()</script> [a](javascript:alert(1)) **fett**")
    data = client.get(reverse("news-detail", args=[item.pk])).json()
    assert data["body"] == item.body
    assert "<script" not in data["body_html"] and 'href="javascript:' not in data["body_html"]
    assert "<strong>fett</strong>" in data["body_html"]


def test_the_office_creates_changes_and_deletes_through_the_api(staff_user, client):
    headers = _token(staff_user)
    body = {
        "title": "API-Artikel über Förderung",
        "body": "Text",
        "tags": ["Förderung", "förderung", "Recht"],
        "audience": "members",
    }
    created = client.post(reverse("knowledge-article-list"), body, content_type="application/json",
                          **headers)  # fmt: skip
    assert created.status_code == 201, created.content
    data = created.json()
    assert sorted(data["tags"]) == ["Förderung", "Recht"]
    assert data["slug"] == "api-artikel-ueber-foerderung" and data["is_published"] is False
    url = reverse("knowledge-article-detail", args=[data["id"]])
    stale = client.patch(url, {"title": "Neu"}, content_type="application/json", **headers)
    assert stale.status_code == 400  # no version
    changed = client.patch(url, {"title": "Neu", "version": 1},
                           content_type="application/json", **headers)  # fmt: skip
    assert changed.status_code == 200 and changed.json()["version"] == 2
    conflict = client.patch(url, {"title": "Alt", "version": 1},
                            content_type="application/json", **headers)  # fmt: skip
    assert conflict.status_code == 409 and conflict.json()["current"]["title"] == "Neu"
    assert client.delete(url, **headers).status_code == 204
    assert not KnowledgeArticle.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="content.article.").count() == 3


@pytest.mark.parametrize("role", ["member", "board", "network_manager"])
def test_only_the_office_writes_through_the_api(role, role_users, client):
    item = NewsFactory()
    headers = _token(role_users[role])
    created = client.post(reverse("news-list"), {"title": "x", "body": "y"},
                          content_type="application/json", **headers)  # fmt: skip
    assert created.status_code == 403
    url = reverse("news-detail", args=[item.pk])
    assert client.patch(url, {"title": "z", "version": 1}, content_type="application/json",
                        **headers).status_code == 403  # fmt: skip
    assert client.delete(url, **headers).status_code == 403
    assert News.objects.get().title == item.title


def test_a_read_only_token_of_the_office_writes_nothing(staff_user, client):
    headers = _token(staff_user, "read")
    response = client.post(reverse("news-list"), {"title": "x", "body": "y"},
                           content_type="application/json", **headers)  # fmt: skip
    assert response.status_code == 403 and not News.objects.exists()


def test_api_filters_are_the_pages_filters(client):
    NewsFactory(title="Müller baut aus")
    NewsFactory(title="Anderes Thema")
    rows = client.get(reverse("news-list"), {"q": "mueller"}).json()["results"]
    assert [row["title"] for row in rows] == ["Müller baut aus"]
    assert client.get(reverse("news-list"), {"month": "13"}).status_code == 400


def test_api_list_queries_do_not_grow(client, django_assert_max_num_queries):
    KnowledgeArticleFactory.create_batch(2)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("knowledge-article-list"))
    KnowledgeArticleFactory.create_batch(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("knowledge-article-list"))


@pytest.mark.parametrize("when", ["0722-11-08T21:47:03Z", "9999-01-01T00:00:00Z"])
def test_a_publication_date_outside_this_century_is_refused(staff_user, client, when):
    """Year 722 has no UTC offset RFC 3339 can write (Berlin's local mean time): a typo."""
    body = {"title": "Alt", "body": "Text", "published_at": when}
    answer = client.post(reverse("news-list"), body, content_type="application/json",
                         **_token(staff_user))  # fmt: skip
    assert answer.status_code == 400 and "published_at" in answer.json()
    assert not News.objects.exists()
