"""Creating a person shows likely duplicates first; saving again with the confirmation
creates the entry anyway."""

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry
from innonet.partners.models import Person
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("partners:person_create")


def person_at(organisation, last_name, **fields):
    person = Person.objects.create(last_name=last_name, **fields)
    AffiliationFactory(person=person, organisation=organisation)
    return person


def created(last_name: str) -> int:
    return Person.objects.filter(last_name=last_name).count()


def test_same_email_is_shown_and_nothing_is_saved(staff_client):
    existing = person_at(OrganisationFactory(), "Weißmüller", email="jw@werft.de")
    data = {"last_name": "Weissmueller", "email": "JW@werft.de", "language": "de"}
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("partners:person_detail", kwargs={"pk": existing.pk}) in content
    assert 'name="confirm_duplicates" value="1"' in content
    assert response.context["duplicates"][0][0] == existing
    assert created("Weissmueller") == 0
    assert not AuditEntry.objects.filter(action="partners.person.created").exists()


def test_same_name_at_the_same_organisation_is_shown(staff_client):
    werft = OrganisationFactory()
    existing = person_at(werft, "Müller", first_name="Jürgen")
    data = {"first_name": "jürgen", "last_name": "MÜLLER", "language": "de"}
    response = staff_client.post(CREATE, {**data, "organisation": werft.pk})
    assert [person for person, _reason in response.context["duplicates"]] == [existing]
    assert created("MÜLLER") == 0


def test_saving_again_with_the_confirmation_creates_the_person(staff_client):
    werft = OrganisationFactory()
    person_at(werft, "Müller", first_name="Jürgen")
    data = {
        "first_name": "Jürgen",
        "last_name": "Müller",
        "language": "de",
        "organisation": werft.pk,
    }
    assert staff_client.post(CREATE, data).status_code == 200
    response = staff_client.post(CREATE, {**data, "confirm_duplicates": "1"})
    assert response.status_code == 302
    assert created("Müller") == 2


def test_same_name_elsewhere_and_erased_people_are_no_duplicates(staff_client):
    person_at(OrganisationFactory(), "Müller", first_name="Jürgen")
    person_at(OrganisationFactory(), "Alt", email="alt@werft.de", erased_at=timezone.now())
    data = {"first_name": "Jürgen", "last_name": "Müller", "language": "de"}
    data["organisation"] = OrganisationFactory().pk
    assert staff_client.post(CREATE, data).status_code == 302
    data = {"last_name": "Neu", "email": "alt@werft.de", "language": "de"}
    assert staff_client.post(CREATE, data).status_code == 302


def test_member_is_warned_about_its_own_people_only(role_users, client_for):
    member = role_users["member"]
    client = client_for(member)
    own = person_at(member.organisation, "Eigenmann", email="e@firma.de")
    person_at(role_users["member_b"].organisation, "Fremdling", email="f@andere.de")
    response = client.post(CREATE, {"last_name": "Eigenmann", "language": "de"})
    assert [person for person, _reason in response.context["duplicates"]] == [own]
    response = client.post(CREATE, {"last_name": "Neu", "email": "f@andere.de", "language": "de"})
    assert response.status_code == 302, "another organisation's people stay hidden"


def test_bad_input_is_reported_before_any_duplicate_check(staff_client):
    person_at(OrganisationFactory(), "Müller", email="m@werft.de")
    response = staff_client.post(CREATE, {"last_name": "", "email": "m@werft.de"})
    assert response.status_code == 200
    assert response.context["form"].errors["last_name"]
    assert "duplicates" not in response.context
    assert Person.objects.count() == 1
