"""Route x role rows for the REST API of news and knowledge articles: everyone reads public
items, signed-in users also the members' ones, only the office sees drafts and writes."""

from innonet.content.models import Audience
from tests.access import API_PUBLIC_READ, API_STAFF_WRITE, api_rows, expect

from .publication_factories import KnowledgeArticleFactory, NewsFactory

SIGNED_IN_READ = expect(404, 200, 200, 200, 200, 200)
STAFF_READ = expect(404, 404, 404, 404, 404, 200)
STAFF_CHANGE = expect(401, 403, 403, 403, 403, 200)
STAFF_DELETE = expect(401, 403, 403, 403, 403, 204)


def objects(objs):
    made = {}
    for key, factory in (("capi_news", NewsFactory), ("capi_article", KnowledgeArticleFactory)):
        made[f"{key}_public"] = factory(title=f"API öffentlich {key}")
        made[f"{key}_members"] = factory(title=f"API Mitglieder {key}", audience=Audience.MEMBERS)
        made[f"{key}_draft"] = factory(title=f"API Entwurf {key}", published_at=None)
    return made


def _body(objs):
    return {
        "title": "Neuer Förderaufruf für KMU",
        "summary": "Digitalisierungsprämie",
        "body": "Anträge bis **31. März**.",
        "audience": "members",
        "tags": ["Förderung", "KMU"],
        "ris3_fields": [],
        "competences": [],
    }


def _rows(basename: str, key: str) -> list:
    return [
        *api_rows(
            basename,
            f"{key}_public",
            list_get=API_PUBLIC_READ,
            list_post=API_STAFF_WRITE,
            post_data=_body,
            detail_get=API_PUBLIC_READ,
            detail_patch=STAFF_CHANGE,
            patch_data=lambda objs: {"title": "Geänderter Titel", "version": 1},
            detail_delete=STAFF_DELETE,
        ),
        *api_rows(basename, f"{key}_members", detail_get=SIGNED_IN_READ),
        *api_rows(basename, f"{key}_draft", detail_get=STAFF_READ),
    ]


ROUTES = [*_rows("news", "capi_news"), *_rows("knowledge-article", "capi_article")]
