"""Imprint and privacy policy: public, written by staff in the admin, linked from every footer
(error pages too) and from every consent text; the demo brings placeholder texts."""

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from innonet.core.models import AuditEntry, LegalPage
from innonet.demo.legal import write_legal_pages
from tests.factories import EventFactory
from tests.nasty import SCRIPT_MARKER, assert_no_raw_markers

pytestmark = pytest.mark.django_db

PAGES = [
    ("core:imprint", "imprint", "Impressum"),
    ("core:privacy", "privacy", "Datenschutzerklärung"),
]


def admin_add(client, kind: str, body: str):
    return client.post(reverse("admin:core_legalpage_add"), {"kind": kind, "body": body})


@pytest.mark.parametrize(("url_name", "kind", "heading"), PAGES)
def test_an_unwritten_page_says_so_and_names_the_office(client, settings, url_name, kind, heading):
    settings.OFFICE_EMAIL = "geschaeftsstelle@beispiel.de"
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert "noch nicht veröffentlicht" in page
    assert "geschaeftsstelle@beispiel.de" in page


@pytest.mark.parametrize(("url_name", "kind", "heading"), PAGES)
def test_staff_write_the_page_in_the_admin_and_everyone_reads_it(
    staff_client, staff_user, client, url_name, kind, heading
):
    body = f"## Anbieter\n\nMusterverein e.V. · Musterstraße 1\n\n{SCRIPT_MARKER}"
    response = admin_add(staff_client, kind, body)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse(url_name)).content.decode()
    assert "<h2>Anbieter</h2>" in page and "Musterverein e.V." in page
    assert_no_raw_markers(page)
    [entry] = AuditEntry.objects.filter(action="core.legal_page.saved")
    assert entry.actor == staff_user and entry.data == {"created": True}

    saved = LegalPage.objects.get(kind=kind)
    change = reverse("admin:core_legalpage_change", args=[saved.pk])
    assert staff_client.post(change, {"body": "Neuer Text"}).status_code == 302
    assert "Neuer Text" in client.get(reverse(url_name)).content.decode()
    assert LegalPage.objects.get(kind=kind).kind == kind  # the kind cannot be changed


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Dieses Feld ist erforderlich."), ("x" * 50001, "höchstens 50000 Zeichen")],
)
def test_bad_texts_are_refused_and_nothing_is_saved(staff_client, body, message):
    response = admin_add(staff_client, "imprint", body)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LegalPage.objects.exists()
    assert not AuditEntry.objects.filter(action="core.legal_page.saved").exists()


def test_a_second_page_of_the_same_kind_is_refused(staff_client):
    LegalPage.objects.create(kind="imprint", body="Erster Text")
    response = admin_add(staff_client, "imprint", "Zweiter Text")
    assert response.status_code == 200
    assert LegalPage.objects.get().body == "Erster Text"


def test_only_staff_may_edit(client_for, role_users):
    for role in ("member", "network_manager", "board"):
        response = admin_add(client_for(role_users[role]), "imprint", "Text")
        assert response.status_code == 302
        assert reverse("admin:index") not in response["Location"] or "login" in response["Location"]
    assert not LegalPage.objects.exists()


def links_to_both(page: str) -> bool:
    return all(f'href="{reverse(name)}"' in page for name in ("core:imprint", "core:privacy"))


def test_error_pages_link_to_both(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert links_to_both(response.content.decode())
    plain = loader.render_to_string("plain_error.html", {"request_id": "abc"})
    assert links_to_both(plain)


def test_consent_texts_link_to_the_privacy_policy(client, client_for, member_user):
    event = EventFactory()
    privacy = f'href="{reverse("core:privacy")}"'
    form = client.get(reverse("events:event_register", args=[event.pk])).content.decode()
    consent = form[form.index('id="consent-text"') :]
    assert privacy in consent[: consent.index("</fieldset>")]
    detail = client_for(member_user).get(reverse("events:event_detail", args=[event.pk]))
    one_click = detail.content.decode()
    one_click = one_click[one_click.index('id="member-consent"') :]
    assert privacy in one_click[: one_click.index("</form>")]


def test_the_demo_brings_placeholder_pages_but_keeps_the_operators_own():
    LegalPage.objects.create(kind="imprint", body="Echtes Impressum")
    assert write_legal_pages(operator="iuk Unternehmensnetzwerk Osnabrück e.V.") == 1
    assert LegalPage.objects.get(kind="imprint").body == "Echtes Impressum"
    privacy = LegalPage.objects.get(kind="privacy").body
    assert "iuk Unternehmensnetzwerk Osnabrück e.V." in privacy and "Beispieltext" in privacy
    page = Client().get(reverse("core:privacy")).content.decode()
    assert "<h2>Ihre Rechte</h2>" in page
