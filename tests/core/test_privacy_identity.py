"""Finding a person by identity in free text, in Python and in the database (SQLite and
PostgreSQL read the same pattern), and the contributors' register."""

import pytest

from innonet.core import audit, privacy
from innonet.core.models import AuditEntry
from innonet.core.privacy import REDACTED, Identity, registry
from tests.factories import OrganisationFactory


@pytest.fixture
def identity():
    found = Identity(person_id=1)
    found.add_name("Jürgen", "Größmann")
    found.add_email("JG@Hasetal.de ")
    found.add_phone("+49 541 123-4567")
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Rückruf Jürgen Größmann",
        "Größmann, Jürgen",
        "Herrn Dr. Größmann anrufen",
        "Lebenslauf_Juergen_Groessmann.pdf",
        "Jurgen Grossmann",
        "JÜRGEN GRÖSSMANN",
        "Mail von jg@hasetal.de",
        "Tel. 0541/1234567",
        "Tel. +49 (0)541 123 45 67",
        "Tel. 0049 541 1234567",
        '{"name": "J\\u00fcrgen Gr\\u00f6\\u00dfmann"}',
    ],
)
def test_every_spelling_is_a_mention(identity, text):
    assert identity.mentions(text)
    assert REDACTED in identity.redact(text)
    assert not identity.mentions(identity.redact(text))


@pytest.mark.parametrize(
    "text",
    [
        "Größmann GmbH",  # a bare surname may be a namesake or the firm
        "Anna Größmann",
        "g@hasetal.de",
        "Tel. 0541/123",
        "",
    ],
)
def test_other_text_is_left_alone(identity, text):
    assert not identity.mentions(text)
    assert identity.redact(text) == text


def test_nothing_known_matches_nothing():
    nobody = Identity(person_id=1)
    nobody.add_name("Jürgen", "—")  # an erased name
    nobody.add_email("erased-4@invalid")
    nobody.add_phone("112")
    assert nobody.pattern == ""
    assert nobody.redact("Jürgen") == "Jürgen"
    assert not privacy.mentioning(AuditEntry.objects.all(), ["object_label"], nobody).exists()


def test_json_data_is_redacted_in_its_strings(identity):
    data = {"reason": "Anruf von Jürgen Größmann", "rows": [1, "jg@hasetal.de"], "n": 3}
    assert identity.redact_data(data) == {
        "reason": f"Anruf von {REDACTED}",
        "rows": [1, REDACTED],
        "n": 3,
    }


@pytest.mark.django_db
def test_the_database_finds_the_same_mentions_in_text_and_json(identity):
    named = audit.record(None, "x.named", data={"note": "Jürgen Größmann rief an"})
    labelled = audit.record(OrganisationFactory(name="Büro Größmann, Jürgen"), "x.labelled")
    audit.record(None, "x.other", data={"note": "Anna Größmann"})
    found = privacy.mentioning(AuditEntry.objects.all(), ["object_label", "data"], identity)
    assert set(found) == {named, labelled}


@pytest.mark.django_db
def test_redact_rows_overwrites_append_only_rows_and_empties_contact_fields(identity):
    entry = audit.record(None, "x.named", data={"note": "Tel. 0541 1234567"})
    organisation = OrganisationFactory(email="jg@hasetal.de", description="Chef: Jürgen Größmann")
    assert privacy.redact_rows(AuditEntry.objects.all(), ["data"], identity) == 1
    assert AuditEntry.objects.get(pk=entry.pk).data == {"note": f"Tel. {REDACTED}"}
    changed = privacy.redact_rows(
        type(organisation).objects.all(), ["email", "description"], identity, save=True
    )
    organisation.refresh_from_db()
    assert changed == 1
    assert (organisation.email, organisation.description) == ("", f"Chef: {REDACTED}")
    assert organisation.version == 2


def test_identify_runs_until_nothing_new_turns_up(monkeypatch):
    class Aliases(privacy.Contributor):
        name = "aliases"
        chain = {"a@x.de": "b@x.de", "b@x.de": "c@x.de"}

        def identify(self, identity):
            for email in list(identity.emails):
                identity.add_email(self.chain.get(email))

    monkeypatch.setattr(registry, "_CONTRIBUTORS", {"aliases": Aliases()})
    found = Identity(person_id=1)
    found.add_email("a@x.de")
    assert privacy.identify(found).emails == {"a@x.de", "b@x.de", "c@x.de"}


def test_two_sections_with_one_key_are_refused(monkeypatch):
    class Twice(privacy.Contributor):
        name = "twice"

        def collect(self, identity):
            return [privacy.Section("same", "A", {}), privacy.Section("same", "B", {})]

    monkeypatch.setattr(registry, "_CONTRIBUTORS", {"twice": Twice()})
    with pytest.raises(ValueError, match="duplicate"):
        privacy.collect(Identity(person_id=1))


def test_erasure_outside_a_transaction_is_refused(monkeypatch):
    monkeypatch.setattr(registry, "_CONTRIBUTORS", {})
    with pytest.raises(RuntimeError):
        privacy.erase(Identity(person_id=1))


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "\N{EN DASH}"), (True, "ja"), (["a", "b"], "a, b"), ("2026-10-01", "01.10.2026")],
)
def test_readable_values(value, shown):
    assert privacy.readable(value) == shown
