"""Likely duplicates: names without legal forms, domains, register and VAT ids, people."""

import pytest

from innonet.partners.duplicates import (
    normalise_domain,
    normalise_name,
    organisation_duplicates,
    person_duplicates,
)
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Müller & Co. KG", "mueller"),
        ("Förderverein Innovation e. V.", "foerderverein innovation"),
        ("Nordlicht GmbH & Co. KG", "nordlicht"),
        ("Hanse Logistik Gesellschaft mbH", "hanse logistik"),
        ("Straßenbau AG", "strassenbau"),
    ],
)
def test_names_are_folded_and_legal_forms_stripped(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.beispiel.de/kontakt", "beispiel.de"),
        ("beispiel.de", "beispiel.de"),
        ("http://WWW.Beispiel.DE:8080", "beispiel.de"),
        ("", ""),
        ("http://[::1", ""),
    ],
)
def test_website_domain(website, domain):
    assert normalise_domain(website) == domain


def test_organisation_duplicates_by_each_signal():
    by_name = OrganisationFactory(name="Müller Straßenbau GmbH")
    by_register = OrganisationFactory(name="Ganz anders AG", register_id="HRB 999 AG Aurich")
    by_vat = OrganisationFactory(name="Noch anders KG", vat_id="DE999999999")
    by_domain = OrganisationFactory(name="Drittfirma", website="https://www.dritt.de")
    OrganisationFactory(name="Völlig Unabhängig GmbH")
    found = organisation_duplicates(
        {
            "name": "Mueller Strassenbau",
            "register_id": "hrb999 ag aurich",
            "vat_id": "de 999999999",
            "website": "dritt.de/impressum",
        }
    )
    reasons = {organisation.pk: reason for organisation, reason in found}
    assert set(reasons) == {by_name.pk, by_register.pk, by_vat.pk, by_domain.pk}
    assert all(reasons.values())


def test_contained_name_counts_and_exclude_skips_the_record_itself():
    uni = OrganisationFactory(name="Hochschule Emden/Leer")
    found = organisation_duplicates({"name": "Hochschule Emden/Leer, Fachbereich Technik"})
    assert [organisation for organisation, _ in found] == [uni]
    assert organisation_duplicates({"name": uni.name}, exclude_pk=uni.pk) == []


def test_different_names_are_not_duplicates():
    OrganisationFactory(name="Alpha Sensorik GmbH")
    assert organisation_duplicates({"name": "Beta Robotik GmbH"}) == []


def test_person_duplicates_by_email_and_by_name_at_the_same_organisation():
    acme = OrganisationFactory(name="Acme")
    by_email = PersonFactory(first_name="Eva", last_name="Ernst", email="eva@acme.de")
    colleague = PersonFactory(first_name="Jörg", last_name="Weiß", email="")
    AffiliationFactory(person=colleague, organisation=acme)
    elsewhere = PersonFactory(first_name="Jörg", last_name="Weiß", email="")
    found = person_duplicates({"email": "EVA@acme.de"})
    assert [person for person, _ in found] == [by_email]
    found = person_duplicates({"first_name": "joerg", "last_name": "weiss"}, organisation=acme)
    assert [person for person, _ in found] == [colleague]
    assert elsewhere not in [person for person, _ in found]
