"""Regressions of the attack run of 2026-12, findings 5 and 6, through the pages a member of
staff uses: the erase page and the export downloads (RELIABILITY item 41)."""

import json
import shutil
import subprocess

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from innonet.accounts import services as account_services
from innonet.core.models import AuditEntry
from innonet.events.models import Registration
from innonet.partners.models import Consent, Interaction
from tests.privacy_world import EMAIL, FIRST, LAST, NAME, PHONE, PRIVATE_EMAIL, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff_user):
    return build_world(staff_user)


@pytest.fixture
def erased(world, staff_client):
    response = staff_client.post(
        reverse("partners:person_erase", args=[world.person.pk]),
        {"reason": "Antrag per E-Mail", "confirm": "on"},
    )
    assert response.status_code == 302
    return world


def labels_of(record) -> list[str]:
    content_type = ContentType.objects.get_for_model(record)
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=str(record.pk))
    return [entry.object_label for entry in entries]


def names_the_person(text: str) -> bool:
    return any(part in text for part in (FIRST, LAST, EMAIL, PRIVATE_EMAIL, "9876"))


# Finding 5: erasure leaves personal data -------------------------------------------------


def test_erasure_removes_the_name_from_audit_labels_of_registrations_and_interactions(erased):
    registration, interaction = erased.extra["unlinked"], erased.extra["interaction"]
    labels = labels_of(registration) + labels_of(interaction)
    assert len(labels) == 2
    assert not [label for label in labels if names_the_person(label)]
    assert not AuditEntry.objects.filter(actor_label__contains=LAST).exists()


def test_unlinked_registrations_with_the_same_address_are_anonymised(
    erased, staff_user, staff_client
):
    unlinked = Registration.objects.get(pk=erased.extra["unlinked"].pk)
    assert unlinked.person_id is None and unlinked.status == "confirmed"
    assert not names_the_person(f"{unlinked} {unlinked.email}")
    url = reverse("events:registration_export", kwargs={"pk": unlinked.event_id, "fmt": "csv"})
    csv = staff_client.get(url).content.decode("utf-8-sig")
    assert csv.count("\n") >= 3  # header, the erased registration, the colleague
    assert not names_the_person(csv)
    _, token = account_services.api_token_create(
        staff_user, name="Test", scope="read", days=1, acting_user=staff_user
    )
    api = Client().get(
        "/api/registrations/", {"event": unlinked.event_id}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 200 and api.json()["count"] == 2
    assert not names_the_person(api.content.decode())


def test_interaction_topics_and_notes_lose_name_and_phone(erased, staff_client):
    own = Interaction.objects.get(pk=erased.extra["interaction"].pk)
    other = Interaction.objects.get(pk=erased.extra["other_interaction"].pk)
    assert own.topic == "Rückruf […]" and own.notes == ""
    assert other.notes == "[…] empfiehlt den Kontakt, Tel. […]"
    page = staff_client.get(reverse("partners:interaction_list")).content.decode()
    assert "Rückruf" in page and not names_the_person(page)


def test_consent_sources_lose_the_free_text(erased):
    consent = Consent.objects.get(person=erased.person)
    assert consent.source == "—" and consent.text_version == "Fassung 2026-07"
    assert consent.granted and consent.purpose == "newsletter"


def test_other_apps_lose_the_person_found_by_identity(erased, staff_client):
    profile = erased.extra["profile"]
    page = staff_client.get(reverse("matching:profile_detail", args=[profile.pk]))
    assert page.status_code == 200 and not names_the_person(page.content.decode())
    project = erased.extra["project"]
    page = staff_client.get(reverse("projects:project_detail", args=[project.pk]))
    assert page.status_code == 200 and not names_the_person(page.content.decode())
    erased.user.refresh_from_db()
    assert not erased.user.is_active and erased.user.email.endswith("@invalid")
    assert not erased.user.has_usable_password()


# Finding 6: the export is incomplete -------------------------------------------------------


def test_json_download_holds_unlinked_registrations_and_profiles_as_contact(world, staff_client):
    response = staff_client.get(reverse("partners:person_export_json", args=[world.person.pk]))
    assert response.status_code == 200
    data = json.loads(response.content)
    addresses = {item["email"] for item in data["event_registrations"]}
    assert addresses == {EMAIL, PRIVATE_EMAIL}
    unlinked = [item for item in data["event_registrations"] if item["email"] == EMAIL]
    assert unlinked[0]["linked_by"] == "Ihre E-Mail-Adresse"
    profiles = {item["record"]: item for item in data["cooperation_profiles"]}
    assert profiles[f"matching.cooperationprofile:{world.extra['profile'].pk}"]["relation"] == (
        "Ansprechperson"
    )
    assert data["user_account"][0]["email"] == EMAIL
    assert any(NAME in item["text"] for item in data["project_notes"])


def pdf_text(content: bytes) -> str:
    tool = shutil.which("pdftotext")
    if not tool:
        pytest.skip("pdftotext is not installed")
    result = subprocess.run([tool, "-layout", "-", "-"], input=content, capture_output=True)
    return result.stdout.decode()


def test_pdf_download_shows_every_section_with_the_event_registrations(world, staff_client):
    json_data = json.loads(
        staff_client.get(reverse("partners:person_export_json", args=[world.person.pk])).content
    )
    response = staff_client.get(reverse("partners:person_export_pdf", args=[world.person.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    for heading in ("Veranstaltungsanmeldungen", "Kooperationsprofile", "Benutzerkonto"):
        assert heading in text
    for registration in json_data["event_registrations"]:
        assert registration["email"] in text
        assert registration["event"] in text
    assert PHONE in text and "vegetarisch, keine Nüsse" in text
