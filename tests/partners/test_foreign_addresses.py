"""Foreign partners: addresses and VAT ids checked by their country on the page, the API and the
import; a refused record leaves nothing written. Messages are asserted in English."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from innonet.accounts import services as account_services
from innonet.core.models import AuditEntry, Country, District
from innonet.partners.imports import guess_mapping, open_table, run_import
from innonet.partners.models import Organisation

pytestmark = pytest.mark.django_db
CREATE = reverse("partners:organisation_create")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def english_client(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def form_errors(response) -> dict:
    return response.context["form"].errors


# The page --------------------------------------------------------------------------------------


def test_a_french_address_without_postcode_is_refused_on_the_page(staff_client):
    response = english_client(staff_client).post(
        CREATE,
        {"name": "Atelier Lumière SAS", "kind": "sme", "street": "1 rue de Rivoli",
         "city": "Paris", "country": country("FR").pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "needs a postcode" in form_errors(response)["postcode"][0]
    assert not Organisation.objects.filter(name="Atelier Lumière SAS").exists()
    assert not AuditEntry.objects.filter(action="partners.organisation.created").exists()


def test_an_address_in_a_country_without_postcodes_is_accepted(staff_client):
    response = staff_client.post(
        CREATE,
        {"name": "Harbour Robotics Ltd", "kind": "sme", "street": "1 Queen's Road Central",
         "city": "Hong Kong", "country": country("HK").pk},
    )  # fmt: skip
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Harbour Robotics Ltd")
    assert organisation.postcode == "" and organisation.country.code == "HK"


def test_a_foreign_organisation_keeps_its_address_order_and_vat_id(staff_client):
    response = staff_client.post(
        CREATE,
        {"name": "Thames Sensors Ltd", "kind": "sme", "street": "10 Fleet Street",
         "postcode": "EC4Y 1AA", "city": "London", "country": country("GB").pk,
         "vat_id": "gb 123 456 789"},
    )  # fmt: skip
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Thames Sensors Ltd")
    assert organisation.vat_id == "GB123456789"
    page = english_client(staff_client).get(response["Location"]).content.decode()
    assert "10 Fleet Street<br>London<br>EC4Y 1AA<br>United Kingdom" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"postcode": "7500"}, "postcode", "is not a postcode of this country (e.g. 75001)"),
        ({"postcode": "75001", "vat_id": "DE123456789"}, "vat_id", "does not fit"),
        ({"postcode": "75001", "vat_id": "FR123"}, "vat_id", "the form used in FR"),
        ({"postcode": "75001", "district": "osnabrueck"}, "district", "German addresses only"),
    ],
)
def test_bad_foreign_addresses_and_vat_ids_get_a_message(staff_client, changes, field, message):
    if changes.get("district"):
        changes["district"] = District.objects.get(slug="stadt-osnabrueck").pk
    data = {"name": "Atelier Lumière SAS", "kind": "sme", "city": "Paris",
            "country": country("FR").pk, **changes}  # fmt: skip
    response = english_client(staff_client).post(CREATE, data)
    assert response.status_code == 200
    assert message in " ".join(form_errors(response)[field])
    assert not Organisation.objects.filter(name="Atelier Lumière SAS").exists()


def test_a_member_moving_abroad_without_postcode_is_refused_and_nothing_changes(
    client_for, member_user
):
    member_client = client_for(member_user)
    organisation = member_user.organisation
    organisation.city, organisation.postcode = "Osnabrück", "49074"
    organisation.district = District.objects.get(slug="stadt-osnabrueck")
    organisation.save()
    url = reverse("partners:organisation_update", args=[organisation.pk])
    response = english_client(member_client).post(
        url,
        {"version": organisation.version, "city": "Wien", "postcode": "",
         "country": country("AT").pk, "street": "Ring 1"},
    )  # fmt: skip
    assert response.status_code == 200
    text = response.content.decode()
    assert "needs a postcode" in text
    organisation.refresh_from_db()
    assert (organisation.city, organisation.postcode) == ("Osnabrück", "49074")
    assert organisation.district is not None and organisation.country is None


def test_a_rule_on_a_field_the_members_form_lacks_is_shown_not_a_500(client_for, member_user):
    """Members do not edit the VAT id; moving the organisation to France while it holds a
    German one is refused above the form."""
    member_client = client_for(member_user)
    organisation = member_user.organisation
    organisation.vat_id = "DE123456789"
    organisation.save()
    url = reverse("partners:organisation_update", args=[organisation.pk])
    response = english_client(member_client).post(
        url,
        {"version": organisation.version, "city": "Paris", "postcode": "75001",
         "country": country("FR").pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "does not fit the organisation's country (FR)" in " ".join(
        response.context["form"].non_field_errors()
    )
    organisation.refresh_from_db()
    assert organisation.country is None and organisation.city == ""


# The API ---------------------------------------------------------------------------------------


def call(client, method, url, user, data):
    _, plain = account_services.api_token_create(
        user, name="test", scope="write", days=1, acting_user=user
    )
    return client.generic(
        method,
        url,
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_api_refuses_a_foreign_address_without_postcode(client, staff_user):
    response = call(
        client, "POST", "/api/organisations/", staff_user,
        {"name": "Donau Analytik GmbH", "kind": "sme", "city": "Wien", "street": "Ring 1",
         "country": country("AT").pk},
    )  # fmt: skip
    assert response.status_code == 400
    assert "postcode" in response.json()
    assert not Organisation.objects.filter(name="Donau Analytik GmbH").exists()
    accepted = call(
        client, "POST", "/api/organisations/", staff_user,
        {"name": "Donau Analytik GmbH", "kind": "sme", "city": "Wien", "street": "Ring 1",
         "postcode": "1010", "country": country("AT").pk, "vat_id": "ATU12345678"},
    )  # fmt: skip
    assert accepted.status_code == 201, accepted.content
    changed = call(
        client, "PATCH", f"/api/organisations/{accepted.json()['id']}/", staff_user,
        {"version": 1, "vat_id": "DE123456789"},
    )  # fmt: skip
    assert changed.status_code == 400
    assert "vat_id" in changed.json()
    assert Organisation.objects.get(name="Donau Analytik GmbH").vat_id == "ATU12345678"


# The import ------------------------------------------------------------------------------------


def run(text: str, *, dry_run: bool = False):
    table = open_table(("\n".join(text.strip().splitlines()) + "\n").encode(), "data.csv")
    return run_import(
        table,
        kind="organisations",
        mapping=guess_mapping("organisations", table.headers),
        dry_run=dry_run,
        acting_user=None,
    )


def test_the_import_names_the_row_of_a_foreign_address_without_postcode_and_writes_nothing():
    report = run(
        """
Name;Art;Straße;PLZ;Ort;Land
Hasetal Datentechnik GmbH;KMU;Neuer Graben 1;49074;Osnabrück;Deutschland
Atelier Lumière SAS;KMU;1 rue de Rivoli;;Paris;Frankreich
Harbour Robotics Ltd;KMU;1 Queen's Road;;Hong Kong;Hongkong
"""
    )
    blocking = [(i.row, i.column, i.message) for i in report.issues if i.blocking]
    assert len(blocking) == 1
    row, column, message = blocking[0]
    assert (row, column) == (3, "PLZ") and "needs a postcode" in message
    assert not report.committed
    assert Organisation.objects.count() == 0


def test_the_import_accepts_foreign_rows_in_their_countrys_format():
    report = run(
        """
Name;Art;Straße;PLZ;Ort;Land;USt-IdNr.
Atelier Lumière SAS;KMU;1 rue de Rivoli;75001;Paris;FR;FRXX123456789
Harbour Robotics Ltd;KMU;1 Queen's Road;;Hong Kong;HK;
"""
    )
    assert report.committed, report.issues
    french = Organisation.objects.get(name="Atelier Lumière SAS")
    assert (french.country.code, french.postcode, french.district) == ("FR", "75001", None)


def test_the_import_refuses_a_vat_id_of_another_country():
    report = run(
        """
Name;Art;PLZ;Ort;Land;USt-IdNr.
Atelier Lumière SAS;KMU;75001;Paris;FR;DE123456789
"""
    )
    [issue] = [issue for issue in report.issues if issue.blocking]
    assert issue.column == "USt-IdNr." and "does not fit" in issue.message
    assert Organisation.objects.count() == 0
