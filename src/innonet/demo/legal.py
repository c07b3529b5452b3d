"""Placeholder imprint and privacy policy for the demo association: clearly marked as
examples, so nobody mistakes them for real legal texts. A page the operator wrote is kept."""

from innonet.core.models import LegalPage

IMPRINT = """\
**Beispieltext der Demo: vor dem Betrieb durch die Angaben des Betreibers ersetzen.**

## Angaben gemäß § 5 DDG

{name} · Musterstraße 1 · 49074 Osnabrück

Vertreten durch den Vorstand: Dr. Klaus Meyer (Vorsitz)

Eingetragen im Vereinsregister des Amtsgerichts Osnabrück, VR 000000

## Kontakt

Telefon: 0541 000000 · E-Mail: geschaeftsstelle@innonet.example

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

Julia Hoffmann, Anschrift wie oben

## Verbraucherstreitbeilegung

Wir sind nicht bereit und nicht verpflichtet, an Streitbeilegungsverfahren vor einer
Verbraucherschlichtungsstelle teilzunehmen.
"""

PRIVACY = """\
**Beispieltext der Demo: vor dem Betrieb durch die Datenschutzerklärung des Betreibers
ersetzen.**

## Verantwortlicher

{name}, Musterstraße 1, 49074 Osnabrück, geschaeftsstelle@innonet.example

## Welche Daten wir verarbeiten und warum

- **Partnerverzeichnis:** Name, Funktion und dienstliche Kontaktdaten von Ansprechpersonen
  unserer Mitglieder und Partner, um das Netzwerk zu betreuen (Art. 6 Abs. 1 lit. b und f DSGVO).
- **Veranstaltungen:** Name, E-Mail-Adresse, Organisation und Ihre Angaben im
  Anmeldeformular, um die Veranstaltung durchzuführen (Art. 6 Abs. 1 lit. a und b DSGVO).
  Die Einwilligung können Sie jederzeit über den Link in der Bestätigungsmail widerrufen,
  indem Sie Ihre Anmeldung stornieren.
- **Vermittlungen und Kooperationsprofile:** Kontaktdaten werden nur mit Ihrer Einwilligung an
  die vermittelte Organisation weitergegeben.
- **Newsletter:** Ihre E-Mail-Adresse, optional Ihr Name, Sprache und Themenwünsche, nur
  nach Ihrer Bestätigung (Double-Opt-in, Art. 6 Abs. 1 lit. a DSGVO, § 7 Abs. 2 UWG). Wir
  speichern, wann und wie Sie eingewilligt oder sich abgemeldet haben. Der Newsletter enthält
  keine Zählpixel und keine Öffnungs- oder Klickmessung. Abmelden können Sie sich jederzeit
  mit einem Klick über den Link in jedem Newsletter.
- **Benutzerkonten:** E-Mail-Adresse, Name, Anmeldezeitpunkte und die Einrichtung der
  Zwei-Faktor-Authentifizierung, um das Konto sicher zu betreiben.
- **Server-Protokolle:** Zeitpunkt, aufgerufene Adresse und IP-Adresse, um Störungen und
  Angriffe zu erkennen; sie werden nach kurzer Zeit gelöscht.

## Speicherdauer

Daten von Personen ohne Aktivität werden nach drei Jahren gelöscht, sofern keine gesetzliche
Aufbewahrungspflicht besteht.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung,
Datenübertragbarkeit und Widerspruch sowie auf Beschwerde bei einer Aufsichtsbehörde, in
Niedersachsen bei der Landesbeauftragten für den Datenschutz Niedersachsen.

## Cookies

Wir setzen nur technisch notwendige Cookies (Sitzung, Sprachwahl, Schutz vor
Formularmissbrauch) und keine Analyse- oder Werbedienste ein.
"""


def write_legal_pages(*, operator: str) -> int:
    """Create the demo's imprint and privacy policy where none exists; returns how many."""
    created = 0
    for kind, text in ((LegalPage.Kind.IMPRINT, IMPRINT), (LegalPage.Kind.PRIVACY, PRIVACY)):
        _page, new = LegalPage.objects.get_or_create(
            kind=kind, defaults={"body": text.format(name=operator)}
        )
        created += new
    return created
