"""Route x role rows for news and the knowledge base: the readers' pages, the feeds, the
pictures and the office's pages. A public and a members' item of each kind are published, and
each kind has a draft and one scheduled for later; only the office sees those two."""

from datetime import timedelta

from django.utils import timezone

from innonet.content.models import Audience
from tests.access import LOGIN, PUBLIC, STAFF_ONLY, Route, expect, pk_of, same

from .publication_factories import KnowledgeArticleFactory, NewsFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
SIGNED_IN_READ = expect(404, 200, 200, 200, 200, 200)
STAFF_READ = expect(404, 404, 404, 404, 404, 200)
ONLY_POST = expect(LOGIN, 403, 403, 403, 403, 405)
STAFF_POST = expect(LOGIN, 403, 403, 403, 403, 302)


def _image(name: str):
    from django.core.files.base import ContentFile

    return ContentFile(PNG, name=name)


def objects(objs):
    now = timezone.now()
    made = {}
    for key, factory in (("news", NewsFactory), ("article", KnowledgeArticleFactory)):
        made[f"{key}_public"] = factory(
            title=f"Öffentlich {key}", image=_image("bild.png"), image_alt="Ein Bild"
        )
        made[f"{key}_members"] = factory(title=f"Mitglieder {key}", audience=Audience.MEMBERS)
        made[f"{key}_draft"] = factory(title=f"Entwurf {key}", published_at=None)
        made[f"{key}_scheduled"] = factory(
            title=f"Geplant {key}", published_at=now + timedelta(days=3)
        )
        made[f"{key}_to_delete"] = factory(title=f"Löschen {key}", published_at=None)
    return made


def slug_of(key: str):
    return lambda objs: {"slug": objs[key].slug}


def _form(objs):
    return {"title": "Neuer Förderaufruf", "body": "Der Aufruf läuft bis Ende März.",
            "audience": "public"}  # fmt: skip


def _rows(kind: str) -> list[Route]:
    return [
        Route(f"content:{kind}_list", PUBLIC),
        Route(f"content:{kind}_detail", PUBLIC, kwargs=slug_of(f"{kind}_public")),
        Route(f"content:{kind}_detail", SIGNED_IN_READ, kwargs=slug_of(f"{kind}_members"),
              note="members' items: every signed-in user"),
        Route(f"content:{kind}_detail", STAFF_READ, kwargs=slug_of(f"{kind}_draft"),
              note="a draft exists only for the office"),
        Route(f"content:{kind}_detail", STAFF_READ, kwargs=slug_of(f"{kind}_scheduled"),
              note="scheduled for later: a draft until then"),
        Route(f"content:{kind}_image", PUBLIC, kwargs=pk_of(f"{kind}_public")),
        Route(f"content:{kind}_image", same(404), kwargs=pk_of(f"{kind}_members"),
              note="no picture"),
        Route(f"content:{kind}_staff_list", STAFF_ONLY),
        Route(f"content:{kind}_create", STAFF_ONLY),
        Route(f"content:{kind}_create", STAFF_POST, method="POST", data=_form),
        Route(f"content:{kind}_update", STAFF_ONLY, kwargs=pk_of(f"{kind}_draft")),
        Route(f"content:{kind}_update", STAFF_POST, method="POST", kwargs=pk_of(f"{kind}_draft"),
              data=_form),
        Route(f"content:{kind}_status", ONLY_POST, kwargs=pk_of(f"{kind}_draft")),
        Route(f"content:{kind}_status", STAFF_POST, method="POST", kwargs=pk_of(f"{kind}_draft"),
              data=lambda objs: {"action": "publish"}),
        Route(f"content:{kind}_delete", STAFF_ONLY, kwargs=pk_of(f"{kind}_to_delete")),
        Route(f"content:{kind}_delete", STAFF_POST, method="POST",
              kwargs=pk_of(f"{kind}_to_delete")),
    ]  # fmt: skip


ROUTES = [
    *_rows("news"),
    *_rows("article"),
    Route("content:news_feed_rss", PUBLIC),
    Route("content:news_feed_atom", PUBLIC),
]
