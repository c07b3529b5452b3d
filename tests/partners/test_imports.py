"""Import of organisations and people: encodings, mapping, dry run, all-or-nothing commit."""

import io
import zipfile
from pathlib import Path

import pytest

from innonet.core.models import AuditEntry, District
from innonet.partners.imports import ImportFileError, guess_mapping, open_table, run_import
from innonet.partners.models import Affiliation, Consent, Organisation, Person
from tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


def run(data: bytes, *, kind="organisations", name="data.csv", dry_run=False, user=None):
    table = open_table(data, name)
    return run_import(
        table,
        kind=kind,
        mapping=guess_mapping(kind, table.headers),
        dry_run=dry_run,
        acting_user=user,
    )


def errors(report) -> list[tuple[int, str, str]]:
    return [(i.row, i.column, i.message) for i in report.issues if i.blocking]


def csv(*lines: str, encoding="utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def test_windows_1252_semicolon_file_keeps_umlauts():
    report = run((FIXTURES / "organisations_cp1252.csv").read_bytes())
    assert report.ok, errors(report)
    assert report.counts == {"created": 2}
    mueller = Organisation.objects.get(name="Müller Straßenbau GmbH")
    assert mueller.city == "Osnabrück"
    assert mueller.kind == Organisation.Kind.SME
    assert mueller.employees == 12
    assert mueller.website == "https://www.mueller-bau.de"
    assert mueller.vat_id == "DE123456789"
    assert Organisation.objects.get(name="Grünwerk Äpfel e.V.").kind == "association"


def test_utf8_with_bom_comma_file():
    data = "\ufeffName,Kind,Employees\nAlpha Öko GmbH,sme,4\n".encode()
    report = run(data)
    assert report.ok, errors(report)
    assert Organisation.objects.get().name == "Alpha Öko GmbH"


def test_dry_run_writes_nothing_and_counts_the_plan():
    report = run(csv("Name;Art", "Neu AG;KMU", "Auch Neu GmbH;KMU"), dry_run=True)
    assert report.ok
    assert report.counts == {"to_create": 2}
    assert not Organisation.objects.exists()


def test_missing_required_column_blocks():
    report = run(csv("Name;Ort", "Ohne Art GmbH;Lingen"))
    assert not report.ok
    [(row, _column, message)] = errors(report)
    assert row == 1 and message
    assert not Organisation.objects.exists()


def test_unknown_column_is_ignored_with_a_note():
    report = run(csv("Name;Art;Lieblingsfarbe", "Farbig GmbH;KMU;blau"))
    assert report.ok
    notes = [(i.column, i.message) for i in report.issues if not i.blocking]
    assert [column for column, _message in notes] == ["Lieblingsfarbe"]
    assert Organisation.objects.get().name == "Farbig GmbH"


@pytest.mark.parametrize(
    ("header", "value", "column"),
    [
        ("Webseite", "nicht eine url", "Webseite"),
        ("E-Mail", "kein-at-zeichen", "E-Mail"),
        ("USt-IdNr", "DE12", "USt-IdNr"),
        ("Mitarbeiter", "-5", "Mitarbeiter"),
        ("Mitarbeiter", "zwölf", "Mitarbeiter"),
        ("Landkreis", "Atlantis", "Landkreis"),
        ("Land", "Mordor", "Land"),
        ("PLZ", "1" * 11, "PLZ"),
    ],
)
def test_bad_cells_are_reported_by_row_and_column(header, value, column):
    report = run(csv(f"Name;Art;{header}", "Gut GmbH;KMU;", f"Schlecht GmbH;KMU;{value}"))
    assert [(row, col) for row, col, _message in errors(report)] == [(3, column)]
    assert errors(report)[0][2]  # a message the user can read
    assert not Organisation.objects.exists()


def test_unknown_kind_names_the_possible_kinds():
    report = run(csv("Name;Art", "Komisch GmbH;Raumschiff"))
    [(row, column, message)] = errors(report)
    assert (row, column) == (2, "Art")
    assert "Raumschiff" in message


def test_overlong_cell_of_10000_characters():
    report = run(csv("Name;Art", f"{'x' * 10_000};KMU"))
    [(row, column, message)] = errors(report)
    assert (row, column) == (2, "Name")
    assert "10000" in message and "200" in message


def test_nul_bytes_in_a_cell_are_an_error_not_a_crash():
    report = run(b"Name;Art\nNull\x00Byte GmbH;KMU\n")
    [(row, column, _message)] = errors(report)
    assert (row, column) == (2, "Name")


def test_duplicated_rows_within_the_file():
    report = run(csv("Name;Art;Webseite", "Eins GmbH;KMU;eins.de", "Zwei GmbH;KMU;www.eins.de"))
    [(row, _column, message)] = errors(report)
    assert row == 3 and "2" in message
    assert not Organisation.objects.exists()


def test_row_matching_an_existing_record_updates_it_and_similar_name_is_noted():
    existing = OrganisationFactory(name="Nordlicht Solar GmbH", register_id="HRB 4711")
    OrganisationFactory(name="Windkraft Emsland GmbH")
    report = run(
        csv(
            "Name;Art;Handelsregister;Ort",
            "Nordlicht Solar;KMU;HRB4711;Meppen",
            "Windkraft Emsland AG;KMU;;Lingen",
        )
    )
    assert report.ok
    assert report.counts == {"updated": 1, "created": 1}
    existing.refresh_from_db()
    assert existing.city == "Meppen"
    notes = " ".join(i.message for i in report.issues if not i.blocking)
    assert "Windkraft Emsland GmbH" in notes


def test_all_or_nothing_an_invalid_row_at_the_end_writes_nothing():
    good = [f"Firma {n} GmbH;KMU;{n}" for n in range(30)]
    report = run(csv("Name;Art;Mitarbeiter", *good, "Kaputt GmbH;KMU;-1"))
    assert not report.ok and report.error_count == 1
    assert Organisation.objects.count() == 0
    assert not AuditEntry.objects.filter(action="partners.import.committed").exists()


def test_reimport_is_idempotent():
    data = (FIXTURES / "organisations_cp1252.csv").read_bytes()
    first = run(data)
    second = run(data)
    assert first.counts == {"created": 2}
    assert second.counts == {"unchanged": 2}
    assert Organisation.objects.count() == 2


def test_commit_writes_one_audit_entry_with_counts(staff_user):
    run(csv("Name;Art", "Audit GmbH;KMU"), user=staff_user)
    entry = AuditEntry.objects.get(action="partners.import.committed")
    assert entry.data["created"] == 1 and entry.actor == staff_user


def test_people_import_links_organisations_and_never_creates_consent():
    acme = OrganisationFactory(name="Acme Sensorik GmbH", register_id="HRB 1")
    OrganisationFactory(name="Beta Werk AG", vat_id="DE111111111")
    data = csv(
        "Vorname;Nachname;E-Mail;Organisation;USt-IdNr;Funktion;Newsletter",
        "Jörg;Weiß;jw@acme.de;Acme Sensorik GmbH;;Geschäftsführer;ja",
        "Ana;Lopez;al@beta.de;;DE111111111;Einkauf;ja",
        "Kai;Ohne;kai@ohne.de;;;;ja",
    )
    report = run(data, kind="people")
    assert report.ok, errors(report)
    assert Person.objects.count() == 3
    role = Affiliation.objects.get(person__email="jw@acme.de")
    assert role.organisation == acme and role.position == "Geschäftsführer"
    assert Affiliation.objects.get(person__last_name="Lopez").organisation.name == "Beta Werk AG"
    assert Consent.objects.count() == 0
    again = run(data, kind="people")
    assert again.counts == {"unchanged": 3}
    assert Person.objects.count() == 3 and Affiliation.objects.count() == 2


def test_person_without_email_or_organisation_cannot_be_recognised_later():
    report = run(csv("Vorname;Nachname;E-Mail", "Kai;Ohne;"), kind="people")
    [(row, _column, message)] = errors(report)
    assert row == 2 and message
    assert not Person.objects.exists()


def test_people_import_unknown_organisation_suggests_a_name():
    OrganisationFactory(name="Hochschule Osnabrück")
    report = run(csv("Nachname;Organisation", "Meier;Hochschule Osnabrueck Campus"), kind="people")
    [(row, _column, message)] = errors(report)
    assert row == 2 and "Hochschule Osnabrück" in message
    assert not Person.objects.exists()


def test_people_same_name_same_organisation_without_email_is_matched():
    acme = OrganisationFactory(name="Acme GmbH")
    data = csv("Vorname;Nachname;Organisation", "Uwe;Sommer;Acme GmbH")
    run(data, kind="people")
    report = run(data, kind="people")
    assert report.counts == {"unchanged": 1}
    assert Person.objects.filter(affiliations__organisation=acme).count() == 1


def test_district_and_country_are_looked_up_folded():
    district = District.objects.first()
    report = run(csv("Name;Art;Landkreis;Land", f"Ort GmbH;KMU;{district.name.upper()};de"))
    assert report.ok, errors(report)
    organisation = Organisation.objects.get()
    assert organisation.district == district and organisation.country.code == "DE"


# --- files that are not what they claim -----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "leer.csv"),
        (b"   \n\n", "leer.csv"),
        (bytes(range(256)) * 40, "zufall.csv"),
        (b"Name;Art\nkein Excel\n", "tarnung.xlsx"),
        (b"PK\x03\x04kaputt", "kaputt.xlsx"),
        (b"Name;Art\n", "bild.png"),
    ],
    ids=["empty", "blank", "binary-garbage", "text-named-xlsx", "broken-zip", "wrong-extension"],
)
def test_unreadable_files_are_refused_with_a_message(data, name):
    with pytest.raises(ImportFileError) as error:
        open_table(data, name)
    assert error.value.message


def test_header_only_file_imports_nothing():
    report = run(csv("Name;Art"))
    assert report.ok and report.rows == 0
    assert not Organisation.objects.exists()


def test_zip_bomb_is_refused_before_it_is_inflated():
    import time

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (100 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200_000  # a small upload...
    started = time.monotonic()
    with pytest.raises(ImportFileError):
        open_table(data, "bombe.xlsx")
    assert time.monotonic() - started < 2


def xlsx(rows: list[list]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_import_keeps_formulas_as_plain_text():
    data = xlsx(
        [
            ["Name", "Art", "Mitarbeiter", "Beschreibung"],
            ["=1+2", "KMU", 12, '=HYPERLINK("http://böse.example")'],
            ["Excel GmbH", "Hochschule", 3.0, None],
        ]
    )
    report = run(data, name="liste.xlsx")
    assert report.ok, errors(report)
    formula = Organisation.objects.get(name="=1+2")
    assert formula.employees == 12
    assert formula.description.startswith("=HYPERLINK")
    assert Organisation.objects.get(name="Excel GmbH").kind == "university"


def test_command_line_dry_run_and_import(capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = str(FIXTURES / "organisations_cp1252.csv")
    call_command("import_registry", path, kind="organisations", dry_run=True)
    assert not Organisation.objects.exists()
    call_command("import_registry", path, kind="organisations", delimiter=";")
    assert Organisation.objects.count() == 2
    assert "Imported" in capsys.readouterr().out
    bad = FIXTURES / "people_bad.csv"
    with pytest.raises(CommandError):
        call_command("import_registry", str(bad), kind="people")


def test_failure_while_writing_rolls_back_every_row(monkeypatch):
    """Rows already written (and buffered people) vanish when a later row fails to write."""
    from innonet.partners.imports import engine

    acme = OrganisationFactory(name="Acme GmbH")
    original = engine.PeoplePlanner.write

    def failing_write(self, action, target, data, report):
        if data["last_name"] == "Letzte":
            raise engine._AbortError("simulated failure")
        return original(self, action, target, data, report)

    monkeypatch.setattr(engine.PeoplePlanner, "write", failing_write)
    monkeypatch.setattr(engine, "BATCH", 2)  # some people are already flushed to the database
    rows = [f"P{n};p{n}@acme.de;Acme GmbH" for n in range(5)]
    report = run(
        csv("Nachname;E-Mail;Organisation", *rows, "Letzte;l@acme.de;Acme GmbH"), kind="people"
    )
    assert not report.ok and not report.committed
    assert "simulated failure" in errors(report)[0][2]
    assert Person.objects.count() == 0 and acme.affiliations.count() == 0
