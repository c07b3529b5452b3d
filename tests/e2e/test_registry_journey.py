"""The registry journey in a real browser: staff signs in with two factors, creates an
organisation, finds it by a German search, imports a Windows-1252 semicolon file and exports
the list."""

import csv
import io

import pytest
from django.utils import translation

from innonet.partners.models import Organisation, Person
from tests.e2e.test_login_journeys import enter_code, sign_in
from tests.factories import UserFactory, add_totp


def de(msgid: str) -> str:
    """What the German page shows for an English msgid."""
    with translation.override("de"):
        return translation.gettext(msgid)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE_CSV = (
    "Nachname;Vorname;E-Mail;Organisation;Position\r\n"
    "Weiß;Jörg;joerg.weiss@osnabrueck-mueller.example;Müller Agrarsensorik GmbH;Geschäftsführer\r\n"
    "Schäfer;Änne;aenne@osnabrueck-mueller.example;Müller Agrarsensorik GmbH;Entwicklung\r\n"
).encode("cp1252")


def test_staff_creates_finds_imports_and_exports(page, tmp_path):
    staff = UserFactory(role="staff", email="stab@beispiel.de")
    secret = add_totp(staff)
    sign_in(page, staff.email)
    enter_code(page, secret)

    page.goto("/partners/neu/")
    page.locator("#id_name").fill("Müller Agrarsensorik GmbH")
    page.locator("#id_kind").select_option("sme")
    page.locator("#id_employees").fill("12")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/partners/*/")
    assert Organisation.objects.get(name="Müller Agrarsensorik GmbH").sme_class == "small"

    page.goto("/partners/")
    page.locator("#id_q").fill("mueller agrarsensorik")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Müller Agrarsensorik GmbH").is_visible()

    upload = tmp_path / "personen.csv"
    upload.write_bytes(PEOPLE_CSV)
    page.goto("/partners/importe/neu/")
    page.locator("#id_kind").select_option("people")
    page.locator("#id_file").set_input_files(str(upload))
    page.locator("main form button[type=submit]").first.click()
    page.get_by_role("button", name=de("Check rows")).click()
    page.get_by_role("button", name=de("Import all rows now")).click()
    page.wait_for_selector(".alert-success")
    weiss = Person.objects.get(email="joerg.weiss@osnabrueck-mueller.example")
    assert (weiss.first_name, weiss.last_name) == ("Jörg", "Weiß")
    assert weiss.affiliations.get().organisation.name == "Müller Agrarsensorik GmbH"

    page.goto("/partners/?q=m%C3%BCller")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=de("Export CSV")).click()
    content = download_info.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert any("Müller Agrarsensorik GmbH" in row for row in rows)
