"""Adding a participant by hand looks the person up in the registry: typing a name or address
lists matching people (live with htmx, or as a plain GET form), picking one fills the form
and links the registration to that entry; a new entry is made only when nobody fits."""

import pytest
from django.conf import settings
from django.urls import reverse

from innonet.partners.models import Person
from tests.factories import AffiliationFactory, EventFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def event():
    return EventFactory()


@pytest.fixture
def joerg():
    person = PersonFactory(first_name="Jörg", last_name="Weiß", email="joerg@agrar-os.de")
    AffiliationFactory(
        person=person, organisation=OrganisationFactory(name="Agrar OS GmbH"), position="CTO"
    )
    return person


def add_url(event):
    return reverse("events:registration_add", kwargs={"pk": event.pk})


@pytest.mark.parametrize("query", ["Weiß", "weiss", "joerg@agrar", "Jörg Weiß"])
def test_typing_a_name_or_address_lists_the_person(staff_client, event, joerg, query):
    page = english(staff_client).get(add_url(event), {"q": query}).content.decode()
    assert "joerg@agrar-os.de" in page
    assert "Agrar OS GmbH" in page
    assert f'href="?person={joerg.pk}"' in page


def test_htmx_gets_only_the_results(staff_client, event, joerg):
    response = staff_client.get(add_url(event), {"q": "Weiß"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith("<div")
    assert "joerg@agrar-os.de" in page
    assert "<form" not in page


def test_nobody_matches_offers_a_new_entry(staff_client, event, joerg):
    page = english(staff_client).get(add_url(event), {"q": "Niemand"}).content.decode()
    assert "Nobody in the registry matches" in page


def test_picking_fills_the_form_and_links_the_registration(staff_client, event, joerg):
    page = english(staff_client).get(add_url(event), {"person": joerg.pk})
    form = page.context["form"]
    assert form.initial["registry_person"] == joerg.pk
    assert form.initial["email"] == "joerg@agrar-os.de"
    assert form.initial["organisation_name"] == "Agrar OS GmbH"
    assert "Registering Jörg Weiß from the registry" in page.content.decode()
    data = {
        "registry_person": joerg.pk,
        "first_name": "Jörg",
        "last_name": "Weiß",
        "email": "joerg.privat@beispiel.de",  # another address: still the picked person
        "language": "de",
    }
    response = staff_client.post(add_url(event), data)
    assert response.status_code == 302
    registration = event.registrations.get()
    assert registration.person == joerg
    assert Person.objects.count() == 1


def test_without_a_pick_a_new_entry_is_made(staff_client, event, joerg):
    data = {"first_name": "Jana", "last_name": "Neu", "email": "jana@beispiel.de", "language": "de"}
    staff_client.post(add_url(event), data)
    registration = event.registrations.get()
    assert registration.person != joerg
    assert Person.objects.count() == 2


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 30, "999999"])
def test_a_bad_pick_is_explained_and_writes_nothing(staff_client, event, value):
    data = {
        "registry_person": value,
        "first_name": "Jana",
        "last_name": "Neu",
        "email": "jana@beispiel.de",
        "language": "de",
    }
    response = english(staff_client).post(add_url(event), data)
    assert response.status_code == 200
    assert not event.registrations.exists()


def test_erased_people_are_not_offered(staff_client, event, joerg):
    joerg.erased_at = joerg.created_at
    joerg.save()
    page = english(staff_client).get(add_url(event), {"q": "Weiß"}).content.decode()
    assert "joerg@agrar-os.de" not in page
    picked = staff_client.get(add_url(event), {"person": joerg.pk})
    assert picked.context["picked"] is None


def test_lookup_query_count_does_not_grow_with_matches(
    staff_client, event, django_assert_max_num_queries
):
    def fill(n):
        for i in range(n):
            person = PersonFactory(last_name=f"Weißmann{i}")
            AffiliationFactory(person=person)

    fill(1)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(add_url(event), {"q": "Weißmann"})
    counted = len(few.captured_queries)
    fill(6)
    with django_assert_max_num_queries(counted):
        staff_client.get(add_url(event), {"q": "Weißmann"})
