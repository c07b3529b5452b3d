import re, html
import pytest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text(r):
    s = r.content.decode()
    s = re.sub(r"<script.*?</script>|<style.*?</style>", "", s, flags=re.S)
    attrs = re.findall(
        r'(?:aria-label|title|placeholder|alt|data-confirm|data-copied-label)="([^"]*)"', s
    )
    s = re.sub(r"<[^>]+>", "\n", s)
    lines = [html.unescape(l.strip()) for l in s.splitlines() if l.strip()]
    return lines + ["ATTR:" + a for a in attrs]


URLS = [
    "/",
    "/accounts/login/",
    "/accounts/tokens/",
    "/taxonomies/",
    "/taxonomies/ris3-fields/",
    "/taxonomies/competences/new/",
    "/taxonomies/districts/",
    "/taxonomies/countries/",
    "/audit/",
    "/tasks/",
    "/accounts/password/reset/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/nope/",
    "/accounts/logout/",
]


def test_dump(client, staff_client, role_users, client_for):
    out = []
    for url in ["/", "/accounts/login/", "/accounts/password/reset/", "/accounts/signup/"]:
        r = client.get(url, follow=True)
        out.append(f"##### anon {url} {r.status_code}")
        out += text(r)
    for url in URLS:
        r = staff_client.get(url, follow=True)
        out.append(f"##### staff {url} {r.status_code}")
        out += text(r)
    for role in ["board", "member", "network_manager"]:
        r = client_for(role_users[role]).get("/")
        out.append(f"##### {role} / {r.status_code}")
        out += text(r)
    r = staff_client.post("/taxonomies/competences/new/", {"name": ""})
    out.append("##### bad form")
    out += text(r)
    open("/tmp/i18nwork/dump.txt", "w").write("\n".join(out))


def test_mail(client):
    from django.core import mail

    u = UserFactory(role="member")
    client.post("/accounts/password/reset/", {"email": u.email})
    client.post("/accounts/password/reset/", {"email": "nobody@beispiel.de"})
    open("/tmp/i18nwork/mail.txt", "w").write(
        "\n=====\n".join(m.subject + "\n" + m.body for m in mail.outbox)
    )
