"""The country rules of addresses and VAT ids, without the database."""

import pytest
from django.utils import translation

from innonet.core.addresses import (
    AddressParts,
    address_lines,
    normalise_postcode,
    normalise_vat_id,
    postcode_problem,
    uses_postcodes,
    vat_id_problem,
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("country", "postcode"),
    [
        ("DE", "49074"), ("DE", "D-49074"), ("AT", "1010"), ("CH", "CH-8001"), ("NL", "1012 ab"),
        ("NL", "1012AB"), ("PL", "00-950"), ("PT", "1000-001"), ("SE", "114 55"), ("CZ", "11000"),
        ("GB", "SW1A 1AA"), ("GB", "m1 1ae"), ("US", "02110"), ("US", "02110-1301"),
        ("IE", "D02 X285"), ("MT", "VLT 1117"), ("LU", "L-1111"), ("CA", "K1A 0B1"),
        ("FR", "75001"), ("DK", "DK-1050"),
    ],
)  # fmt: skip
def test_postcodes_in_their_countrys_shape_are_accepted(country, postcode):
    assert postcode_problem(country, postcode, address_given=True) is None


@pytest.mark.parametrize(
    ("country", "postcode"),
    [("DE", "4907"), ("DE", "490744"), ("AT", "10100"), ("NL", "AB 1012"), ("PL", "00950"),
     ("GB", "12345"), ("US", "ABCDE"), ("FR", "7500"), ("PT", "1000")],
)  # fmt: skip
def test_postcodes_in_another_shape_are_refused_with_an_example(country, postcode):
    message = postcode_problem(country, postcode, address_given=True)
    assert message is not None and "is not a postcode of this country" in message


def test_a_missing_postcode_is_refused_only_where_the_country_has_postcodes():
    for country in ("DE", "FR", "GB", "US", "CH"):
        message = postcode_problem(country, "", address_given=True)
        assert message is not None and "needs a postcode" in message
    # No address at all: nothing to complete.
    assert postcode_problem("FR", "", address_given=False) is None
    # Countries without postcodes, and Ireland where the Eircode is often left out.
    for country in ("AE", "HK", "QA", "IE"):
        assert postcode_problem(country, "", address_given=True) is None
    assert not uses_postcodes("HK") and not uses_postcodes("IE") and uses_postcodes("DE")


def test_a_postcode_for_a_country_without_postcodes_is_refused():
    assert "has no postcodes" in postcode_problem("HK", "999077", address_given=True)


def test_a_country_the_table_does_not_know_takes_any_postcode_or_none():
    assert postcode_problem("PE", "", address_given=True) is None
    assert postcode_problem("PE", "LIMA 01", address_given=True) is None


def test_normalising_keeps_the_postcode_and_drops_a_country_prefix():
    assert normalise_postcode("  d-49074 ") == "49074"
    assert normalise_postcode("sw1a   1aa") == "SW1A 1AA"
    assert normalise_vat_id(" de 123.456-789 ") == "DE123456789"
    assert normalise_vat_id("CHE-123.456.789 MWST") == "CHE123456789"


@pytest.mark.parametrize(
    ("vat_id", "country"),
    [
        ("DE123456789", "DE"), ("ATU12345678", "AT"), ("FRXX123456789", "FR"),
        ("NL123456789B01", "NL"), ("BE0123456789", "BE"), ("EL123456789", "GR"),
        ("ESX1234567X", "ES"), ("IT12345678901", "IT"), ("PL1234567890", "PL"),
        ("SE123456789001", "SE"), ("IE1234567T", "IE"), ("IE1234567TW", "IE"),
        ("XI123456789", "GB"), ("GB123456789", "GB"), ("CHE123456789", "CH"),
        ("DK12345678", None), ("US12345678", "US"),
    ],
)  # fmt: skip
def test_vat_ids_in_their_countrys_format_are_accepted(vat_id, country):
    assert vat_id_problem(vat_id, country) is None


@pytest.mark.parametrize(
    ("vat_id", "expected"),
    [
        ("DE12345678", "A German VAT id is DE followed by nine digits."),
        ("AT12345678", "not a VAT id of the form used in AT (e.g. ATU12345678)"),
        ("NL123456789", "NL123456789B01"),
        ("GR123456789", "Greek VAT ids begin with EL, not GR."),
        ("FRI0123456789", "FR"),
        ("123456789", "Enter a VAT id such as DE123456789."),
        ("DE 123", "Enter a VAT id"),
    ],
)
def test_vat_ids_in_another_format_are_refused(vat_id, expected):
    message = vat_id_problem(vat_id, None)
    assert message is not None and expected in message


def test_the_vat_id_prefix_must_fit_the_country():
    message = vat_id_problem("DE123456789", "FR")
    assert message is not None and "does not fit the organisation's country (FR)" in message
    assert vat_id_problem("EL123456789", "GR") is None
    assert vat_id_problem("GR123456789", "GR") is not None
    assert vat_id_problem("FRXX123456789", "GB") is not None


def test_address_lines_follow_the_countrys_order():
    german = AddressParts("Neuer Graben 29", "49074", "Osnabrück", "DE", "Germany")
    assert address_lines(german) == ["Neuer Graben 29", "49074 Osnabrück", "Germany"]
    assert address_lines(german, home_country="DE") == ["Neuer Graben 29", "49074 Osnabrück"]
    british = AddressParts("10 Downing Street", "SW1A 2AA", "London", "GB", "United Kingdom")
    assert address_lines(british) == [
        "10 Downing Street", "London", "SW1A 2AA", "United Kingdom"
    ]  # fmt: skip
    american = AddressParts("1 Main Street", "02110", "Boston", "US", "United States")
    assert address_lines(american) == ["1 Main Street", "Boston 02110", "United States"]
    dutch = AddressParts("Dam 1", "1012 AB", "Amsterdam", "NL", "Netherlands")
    assert address_lines(dutch)[1] == "1012 AB Amsterdam"
    hong_kong = AddressParts("1 Queen's Road", "", "Hong Kong", "HK", "Hong Kong")
    assert address_lines(hong_kong) == ["1 Queen's Road", "Hong Kong", "Hong Kong"]
    assert address_lines(AddressParts()) == []
