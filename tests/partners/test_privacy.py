"""One person's export and erasure (items 36 and 37)."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from innonet.core import audit
from innonet.core.models import AuditEntry
from innonet.partners import services
from innonet.partners.models import Person
from tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
)


@pytest.fixture
def person(db):
    organisation = OrganisationFactory(name="Hasetal Datentechnik GmbH")
    person = PersonFactory(
        title="Dr.",
        first_name="Jürgen",
        last_name="Größmann",
        email="jg@hasetal.de",
        phone="+49 541 123",
    )
    AffiliationFactory(person=person, organisation=organisation, position="CTO")
    ConsentFactory(
        person=person, purpose="newsletter", granted=True, source="Formular", text_version="v1"
    )
    InteractionFactory(
        kind="call",
        happened_on="2026-10-01",
        person=person,
        organisation=organisation,
        topic="Förderaufruf KI",
        notes="Interesse an Verbundprojekt",
    )
    person.last_name = "Grossmann-Neu"
    person.save()
    return person


def test_json_export_holds_everything_and_is_audited(staff_client, person):
    response = staff_client.get(reverse("partners:person_export_json", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["person"][0]["email"] == "jg@hasetal.de"
    assert data["roles"][0]["organisation"] == "Hasetal Datentechnik GmbH"
    assert data["consents"][0]["text_version"] == "v1"
    assert data["interactions"][0]["topic"] == "Förderaufruf KI"
    # The former name stays findable in the export of the field history.
    assert "Größmann" in {change["last_name"] for change in data["changes"]}
    assert AuditEntry.objects.filter(action="partners.person.exported").count() == 1


def test_pdf_export_is_a_pdf(staff_client, person):
    response = staff_client.get(reverse("partners:person_export_pdf", args=[person.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"


def test_erasure_keeps_counts_and_removes_identity(staff_user, person):
    audit.record(person, "partners.person.updated", user=staff_user)
    organisation = person.affiliations.get().organisation
    services.person_erase(person, reason="Antrag per E-Mail", acting_user=staff_user)
    person.refresh_from_db()
    assert person.erased_at is not None
    assert (person.first_name, person.email, person.phone, person.title) == ("", "", "", "")
    assert "Größmann" not in str(person) and "Grossmann" not in str(person)
    # Counts stay: the person still counts for the organisation and the consent log.
    assert organisation.affiliations.count() == 1
    assert person.consents.count() == 1
    assert person.interactions.count() == 1
    # The field history and the audit labels no longer hold the name.
    assert not person.history.exists()
    content_type = ContentType.objects.get_for_model(Person)
    labels = AuditEntry.objects.filter(content_type=content_type, object_id=str(person.pk))
    assert labels.exists()
    assert not [entry for entry in labels if "Gr" in entry.object_label]
    assert Person.objects.present().filter(pk=person.pk).count() == 0


def test_erasure_needs_a_reason_and_happens_once(staff_user, person):
    from innonet.core.errors import DomainError

    with pytest.raises(DomainError):
        services.person_erase(person, reason=" ", acting_user=staff_user)
    services.person_erase(person, reason="Antrag", acting_user=staff_user)
    with pytest.raises(DomainError):
        services.person_erase(person, reason="Antrag", acting_user=staff_user)


def test_erasing_oneself_is_refused(person):
    from innonet.core.errors import DomainError
    from tests.factories import UserFactory

    own = UserFactory(role="staff", email="jg@hasetal.de")
    with pytest.raises(DomainError):
        services.person_erase(person, reason="Antrag", acting_user=own)
    person.refresh_from_db()
    assert person.erased_at is None and own.is_active


def test_erase_page_requires_confirmation(staff_client, person):
    url = reverse("partners:person_erase", args=[person.pk])
    response = staff_client.post(url, {"reason": "Antrag"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.erased_at is None
    response = staff_client.post(url, {"reason": "Antrag", "confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.erased_at is not None
    assert staff_client.get(url).status_code == 404  # erased people cannot be erased again


def test_member_cannot_export_or_erase(client_for, member_user, person):
    AffiliationFactory(person=person, organisation=member_user.organisation)
    client = client_for(member_user)
    assert client.get(reverse("partners:person_export_json", args=[person.pk])).status_code == 403
    assert (
        client.post(
            reverse("partners:person_erase", args=[person.pk]), {"reason": "x", "confirm": "on"}
        ).status_code
        == 403
    )


def test_retention_flags_and_erases_only_inactive_people(person, staff_user):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    stale = PersonFactory(last_name="Altkontakt", email="alt@example.org", first_name="")
    Person.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=4000))
    Person.objects.filter(pk=person.pk).update(updated_at=timezone.now() - timedelta(days=4000))
    # `person` has a consent recorded today, so only `stale` is past the period.
    assert list(services.people_past_retention(years=3)) == [stale]
    call_command("retention", "--years", "3", "--erase")
    stale.refresh_from_db()
    person.refresh_from_db()
    assert stale.erased_at is not None and person.erased_at is None


def test_register_names_each_field_in_the_readers_language(staff_client):
    page = staff_client.get(reverse("partners:privacy_register")).content.decode()
    # German by default: the model's and field's names, the legal basis in German citation style.
    assert "Person: E-Mail-Adresse" in page
    assert "Einwilligung: Textfassung" in page
    assert "Art. 6 Abs. 1 lit. f DSGVO" in page
    assert '<code class="small">partners.Person.email</code>' in page

    staff_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = staff_client.get(reverse("partners:privacy_register")).content.decode()
    assert "Person: E-mail address" in page
    assert "Art. 6(1)(f) GDPR" in page


def test_opening_a_person_is_logged_once_per_hour(staff_client, person):
    url = reverse("partners:person_detail", args=[person.pk])
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    assert AuditEntry.objects.filter(action="partners.person.viewed").count() == 1


def test_register_page_says_what_erasure_does(staff_client):
    page = staff_client.get(reverse("partners:privacy_register")).content.decode()
    assert "entfernt" in page and "für die Kennzahlen behalten" in page


@pytest.mark.parametrize("years", ["0", "-3", "101"])
def test_the_retention_command_refuses_a_period_that_would_catch_everyone(years, db):
    """Attack run, finding 11: `--years -3 --erase` would have erased every person."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    person = PersonFactory(last_name="Bleibt", email="bleibt@firma.de", first_name="")
    with pytest.raises(CommandError, match="1"):
        call_command("retention", "--years", years, "--erase")
    person.refresh_from_db()
    assert person.erased_at is None
