"""Reading and writing files of the EEN partnering format without the database: what a broken
or hostile file gives (a clear message, never another exception), how one profile's fields are
read, and property tests that throw random bytes, JSON and XML at the reader."""

import json

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innonet.matching.een import documents, records
from innonet.matching.een import vocabulary as words
from innonet.matching.models import CooperationType, DevelopmentStage, IpStatus, ProfileKind


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def read_error(data: bytes, name: str = "profiles.json") -> str:
    with pytest.raises(documents.EenFileError) as error:
        documents.read(data, name)
    return error.value.message


def one(profile: dict, name: str = "profiles.json") -> records.Record:
    document = documents.read(json.dumps({"profiles": [profile]}).encode(), name)
    return records.check(document.profiles[0], 1)


FULL = {
    "type": "TO",
    "title": "Bodenfeuchtesensoren",
    "summary": "Funksensoren für den Acker.",
    "description": "Lange Beschreibung",
    "advantages": "Günstig",
    "stage_of_development": "prototype",
    "ipr_status": "patents_granted",
    "partner_sought": {"type": "sme", "role": "Feldversuch"},
    "cooperation_types": ["license_agreement", "technical_cooperation_agreement"],
    "deadline": "2031-05-01",
    "keywords": ["LoRaWAN", "Agrar"],
}


# -- whole files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "words_in_message"),
    [
        (b"", "a.json", "empty"),
        (b"   \n", "a.json", "empty"),
        (b"hello", "a.json", "neither JSON nor XML"),
        (b'{"profiles": [', "a.json", "line 1"),
        (b"<profiles><profile></profiles>", "a.xml", "line 1"),
        (b'{"profiles": []}', "a.json", "no profiles"),
        (b'{"profiles": [1]}', "a.json", "Profile 1"),
        (b"[1, 2]", "a.json", "object with a list"),
        (b'{"title": "x", "title": "y"}', "a.json", "appears twice"),
        (b'{"profiles": [{"t": NaN}]}', "a.json", "not a number"),
        (b'{"format": "other", "profiles": [{}]}', "a.json", "not in the EEN"),
        (b'{"version": "2.0", "profiles": [{}]}', "a.json", "Version 2.0"),
        (b"<other/>", "a.xml", "expected"),
        (b"{}", "a.xml", "content is JSON"),
        (b"<profiles/>", "a.json", "content is XML"),
        ('{"profiles": [{"title": "Müller"}]}'.encode("cp1252"), "a.json", "UTF-8"),
        (
            "<profiles><profile><title>Müller</title></profile></profiles>".encode("cp1252"),
            "a.xml",
            "UTF-8",
        ),
        (b'<?xml version="1.0" encoding="klingon"?><profiles/>', "a.xml", "encoding"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, name, words_in_message):
    assert words_in_message in read_error(data, name)


def test_deep_json_is_refused_not_crashed():
    assert "nested too deeply" in read_error(
        b'{"profiles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    )


def test_a_huge_file_is_refused_before_it_is_parsed():
    data = b'{"profiles": [{"title": "' + b"x" * documents.MAX_FILE_BYTES + b'"}]}'
    assert "too large" in read_error(data)


def test_too_many_profiles_are_refused():
    data = json.dumps({"profiles": [{"title": "x"}] * (documents.MAX_PROFILES + 1)}).encode()
    assert "at most 100" in read_error(data)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<profiles><profile><title>&lol3;</title></profile></profiles>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<profiles><profile><title>&xxe;</title></profile></profiles>"""
DTD_ONLY = b'<!DOCTYPE profiles SYSTEM "http://example.invalid/een.dtd"><profiles/>'


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL, DTD_ONLY])
def test_xml_with_a_document_type_is_refused(data):
    assert "document type" in read_error(data, "attack.xml")


def test_an_undeclared_entity_is_a_broken_file():
    assert "line 1" in read_error(
        b"<profiles><profile><title>&x;</title></profile></profiles>", "a.xml"
    )


def test_windows_1252_xml_that_says_so_is_read():
    data = '<?xml version="1.0" encoding="windows-1252"?><profile><title>Müller €</title></profile>'
    document = documents.read(data.encode("cp1252"), "a.xml")
    assert document.profiles[0]["title"] == "Müller €"


def test_a_utf8_bom_is_accepted():
    document = documents.read(b"\xef\xbb\xbf" + json.dumps({"title": "x"}).encode(), "a.json")
    assert document.profiles == [{"title": "x"}]


def test_unknown_fields_of_the_document_are_named():
    data = json.dumps({"profiles": [{"title": "x"}], "sender": "EEN"}).encode()
    assert documents.read(data, "a.json").unknown == ["sender"]


# -- one profile -------------------------------------------------------------------------------


def test_a_complete_profile_maps_to_the_profile_fields():
    record = one(FULL)
    assert record.errors == []
    assert record.unknown == []
    assert record.fields["kind"] == ProfileKind.TECHNOLOGY_OFFER
    assert record.fields["development_stage"] == DevelopmentStage.PROTOTYPE
    assert record.fields["ip_status"] == IpStatus.PATENT_GRANTED
    assert record.fields["partner_sought"] == "sme"
    assert record.fields["partner_role"] == "Feldversuch"
    assert record.fields["cooperation_types"] == [
        CooperationType.LICENCE,
        CooperationType.TECHNICAL_COOPERATION,
    ]
    assert record.fields["valid_until"].isoformat() == "2031-05-01"
    assert record.fields["keywords"] == "LoRaWAN, Agrar"


def test_long_type_names_are_read():
    assert one({**FULL, "type": "R&D request"}).fields["kind"] == ProfileKind.RD_PARTNER_SEARCH


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": None}, "type: this field is required."),
        ({"type": "XX"}, "type: “XX” is not one of: TO, TR, BO, BR, RDR."),
        ({"title": ""}, "title: this field is required."),
        ({"title": "   "}, "title: this field is required."),
        ({"summary": None}, "summary: this field is required."),
        ({"title": 42}, "title: must be text."),
        ({"title": 4.2}, "title: must be text."),
        ({"title": "x" * 201}, "title: at most 200 characters are allowed (it has 201)."),
        ({"summary": "x" * 1001}, "summary: at most 1000 characters are allowed (it has 1001)."),
        ({"deadline": "2031-02-30"}, "deadline: “2031-02-30” is not a date of the form"),
        ({"deadline": "01.05.2031"}, "deadline: “01.05.2031” is not a date of the form"),
        ({"deadline": 20310501}, "deadline: “20310501” is not a date of the form"),
        ({"stage_of_development": "finished"}, "stage_of_development: “finished” is not one"),
        ({"cooperation_types": ["barter"]}, "cooperation_types: “barter” is not one of"),
        ({"cooperation_types": [1]}, "cooperation_types: must be a list of texts."),
        ({"partner_sought": "sme"}, "partner_sought: must be a group of the fields type, role."),
        ({"partner_sought": {"type": "anyone"}}, "partner_sought.type: “anyone” is not one"),
        ({"keywords": ["x" * 121]}, "keywords: an entry has more than 120 characters."),
        ({"keywords": ["k"] * 51}, "keywords: at most 50 entries are allowed."),
    ],
)
def test_wrong_values_are_errors_that_name_the_field(change, message):
    errors = one({**FULL, **change}).errors
    assert any(error.startswith(message) for error in errors), errors


def test_unknown_fields_are_listed_not_dropped():
    record = one({**FULL, "budget": "1 Mio", "partner_sought": {"type": "sme", "size": "10"}})
    assert record.errors == []
    assert record.unknown == ["budget", "partner_sought.size"]


def test_ipr_statuses_without_their_own_value_become_other_with_a_note():
    record = one({**FULL, "ipr_status": "trade_marks"})
    assert record.fields["ip_status"] == IpStatus.OTHER
    assert any("trade_marks" in note for note in record.notes)


def test_without_a_deadline_the_profile_runs_a_year_with_a_note():
    record = one({key: value for key, value in FULL.items() if key != "deadline"})
    assert "valid_until" not in record.fields
    assert any("a year" in note for note in record.notes)


def test_reference_and_client_are_information_only():
    record = one({**FULL, "reference": "22 DE 1234", "client": {"country": "FR"}})
    assert record.information == [("reference", "22 DE 1234"), ("client.country", "FR")]
    assert "reference" not in record.fields


def test_xml_lists_and_groups_read_like_json():
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<profiles xmlns="{words.XML_NAMESPACE}" version="1.0"><profile>
  <type>TO</type><title>Bodenfeuchtesensoren</title><summary>Funksensoren</summary>
  <partner_sought><type>sme</type><role>Feldversuch</role></partner_sought>
  <cooperation_types><cooperation_type>licence_agreement</cooperation_type></cooperation_types>
  <keywords><keyword>LoRaWAN</keyword><keyword>Agrar</keyword></keywords>
  <colour>blue</colour>
</profile></profiles>"""
    document = documents.read(xml.encode(), "a.xml")
    record = records.check(document.profiles[0], 1)
    assert record.errors == []
    assert record.fields["cooperation_types"] == [CooperationType.LICENCE]
    assert record.fields["keywords"] == "LoRaWAN, Agrar"
    assert record.unknown == ["colour"]


def test_a_field_twice_in_xml_is_refused():
    xml = b"<profiles><profile><title>a</title><title>b</title></profile></profiles>"
    assert "appears twice" in read_error(xml, "a.xml")


# -- writing ------------------------------------------------------------------------------------


def test_written_xml_is_well_formed_with_namespace_and_version():
    record = {"type": "TO", "title": "A <b>&amp; \x0b", "keywords": ["x"], "client": {}}
    data = documents.write([record], "xml", exported_at="2026-12-07T10:00:00+01:00")
    from defusedxml import ElementTree

    root = ElementTree.fromstring(data, forbid_dtd=True)
    assert root.tag == f"{{{words.XML_NAMESPACE}}}profiles"
    assert root.get("version") == words.FORMAT_VERSION
    title = root.find(f"{{{words.XML_NAMESPACE}}}profile/{{{words.XML_NAMESPACE}}}title")
    assert title.text == "A <b>&amp; \ufffd"
    assert documents.read(data, "a.xml").profiles[0]["keywords"] == ["x"]


# -- property tests: any input gives a document or a clear message -----------------------------


def read_any(data: bytes, name: str) -> None:
    """Reading never fails with anything but EenFileError, and every profile it gives can be
    checked without an exception."""
    try:
        document = documents.read(data, name)
    except documents.EenFileError as error:
        assert error.message
        return
    for number, profile in enumerate(document.profiles, start=1):
        record = records.check(profile, number)
        assert isinstance(record.errors, list)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from([*words.PROFILE_FIELDS, *words.PARTNER_FIELDS, "x", "profiles"])
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@PROPERTY
@given(st.binary(max_size=400), st.sampled_from(["a.json", "a.xml", "a.txt", ""]))
def test_random_bytes_never_crash_the_reader(data, name):
    read_any(data, name)


@PROPERTY
@given(json_values)
def test_random_json_never_crashes_the_reader(value):
    read_any(json.dumps({"profiles": [value]}).encode(), "a.json")
    read_any(json.dumps(value).encode(), "a.json")


xml_names = st.sampled_from(
    [*words.PROFILE_FIELDS, *words.LIST_ITEMS.values(), "type", "role", "profile", "x"]
)
xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'"),
    max_size=20,
)


def _xml(tree) -> str:
    name, content = tree
    if isinstance(content, list):
        inner = "".join(_xml(child) for child in content)
    else:
        inner = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{name}>{inner}</{name}>"


xml_trees = st.recursive(
    st.tuples(xml_names, xml_text),
    lambda children: st.tuples(xml_names, st.lists(children, max_size=4)),
    max_leaves=20,
)


@PROPERTY
@given(st.lists(xml_trees, max_size=4), st.booleans())
def test_random_xml_never_crashes_the_reader(children, wrap):
    body = "".join(_xml(child) for child in children)
    xml = (
        f"<profiles><profile>{body}</profile></profiles>" if wrap else f"<profile>{body}</profile>"
    )
    read_any(xml.encode(), "a.xml")


@PROPERTY
@given(st.binary(max_size=200))
def test_random_bytes_inside_an_xml_profile_never_crash_the_reader(noise):
    read_any(b"<profiles><profile><title>" + noise + b"</title></profile></profiles>", "a.xml")
