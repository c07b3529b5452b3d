"""News and knowledge articles of the demo network: funding calls, events and digitalisation
in the region, some for members only, one news item still a draft. Written directly (no audit
entry per item, like the rest of the demo), with dates relative to `today`."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from innonet.content.models import Audience, KnowledgeArticle, News, Publication, Tag
from innonet.core.models import Competence, Ris3Field
from innonet.networks.models import Network


@dataclass(frozen=True)
class Item:
    title: str
    slug: str
    summary: str
    body: str
    days_ago: int | None  # None: a draft
    audience: str = Audience.PUBLIC
    tags: tuple[str, ...] = ()
    ris3: tuple[str, ...] = ()
    competences: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


NEWS = (
    Item(
        "Digitalbonus Niedersachsen: neuer Aufruf für kleine und mittlere Unternehmen",
        "digitalbonus-neuer-aufruf",
        "Bis zu 10.000 Euro Zuschuss für Hard- und Software, IT-Sicherheit und digitale "
        "Geschäftsprozesse: Anträge sind ab sofort wieder möglich.",
        "Das Land hat den **Digitalbonus** neu aufgelegt. Gefördert werden kleine und mittlere "
        "Unternehmen aus Handwerk, Handel und Industrie, die in Digitalisierung oder "
        "IT-Sicherheit investieren.\n\n"
        "## Was gefördert wird\n\n"
        "- Hard- und Software, die Abläufe digitalisiert\n"
        "- Maßnahmen zur IT-Sicherheit\n"
        "- Beratung bei der Einführung\n\n"
        "Die Geschäftsstelle berät Mitglieder gern zum Antrag. Weitere Informationen finden "
        "Sie bei der [NBank](https://www.nbank.de).",
        3,
        tags=("Förderung", "Digitalisierung", "KMU"),
        ris3=("digitale-wirtschaft-ikt",),
        competences=("foerdermittelberatung",),
    ),
    Item(
        "Rückblick: Innovationsfrühstück Agrarsensorik in Vechta",
        "rueckblick-fruehstueck-agrarsensorik",
        "42 Teilnehmende aus Landwirtschaft, Technik und Forschung diskutierten, wie Sensoren "
        "auf dem Feld und im Stall Ressourcen sparen.",
        "Beim dritten **Innovationsfrühstück** des Netzwerks ging es um Agrarsensorik. Drei "
        "Unternehmen stellten Lösungen zur Bodenfeuchtemessung und Tierüberwachung vor; die "
        "Hochschule zeigte erste Ergebnisse aus dem Feldversuch.\n\n"
        "Aus den Gesprächen sind zwei Kooperationsideen entstanden, die die Geschäftsstelle "
        "jetzt begleitet.",
        12,
        tags=("Veranstaltung", "Agrar"),
        ris3=("agrarsystemtechnik-biooekonomie",),
        competences=("agrarsensorik", "iot-sensorik"),
    ),
    Item(
        "Wasserstoff-Region Weser-Ems: Interessenbekundung bis Ende des Monats",
        "wasserstoff-region-interessenbekundung",
        "Für ein regionales Verbundvorhaben zur Wasserstoffnutzung im Mittelstand suchen wir "
        "Unternehmen, die sich beteiligen möchten.",
        "Mehrere Mitglieder planen ein **Verbundvorhaben** zur Nutzung von grünem Wasserstoff "
        "in Produktion und Logistik. Unternehmen, die Interesse an einer Beteiligung haben, "
        "melden sich bitte bis Ende des Monats bei der Geschäftsstelle.\n\n"
        "Die Skizze und die Partnerliste stehen im Mitgliederbereich bereit.",
        20,
        audience=Audience.MEMBERS,
        tags=("Förderung", "Energie", "Verbundprojekt"),
        ris3=("energie",),
        competences=("wasserstofftechnologie",),
    ),
    Item(
        "Neue Mitglieder im Netzwerk",
        "neue-mitglieder-herbst",
        "Fünf Unternehmen und ein Forschungsinstitut sind dem Netzwerk in den letzten Wochen "
        "beigetreten.",
        "Wir begrüßen fünf neue Mitgliedsunternehmen aus Maschinenbau, Software und "
        "Ernährungswirtschaft sowie ein Forschungsinstitut. Die Kontaktdaten finden Sie im "
        "Mitgliederverzeichnis.",
        35,
        audience=Audience.MEMBERS,
        tags=("Netzwerk",),
    ),
    Item(
        "KI im Mittelstand: Werkstattreihe startet im Frühjahr",
        "ki-werkstattreihe-fruehjahr",
        "Vier Abende, ein Ziel: ein eigener KI-Anwendungsfall. Die Werkstattreihe richtet sich "
        "an Geschäftsführung und IT-Verantwortliche.",
        "In vier Werkstätten erarbeiten Teilnehmende mit Fachleuten der Hochschule einen "
        "konkreten **KI-Anwendungsfall** für ihr Unternehmen - von der Datenlage bis zum "
        "Prototyp. Die Anmeldung öffnet in Kürze im Veranstaltungskalender.",
        60,
        tags=("Veranstaltung", "Digitalisierung", "KI"),
        ris3=("digitale-wirtschaft-ikt",),
        competences=("ki-maschinelles-lernen", "datenanalyse"),
    ),
    Item(
        "Entwurf: Jahresbericht des Netzwerks",
        "entwurf-jahresbericht",
        "Die wichtigsten Zahlen und Projekte des Jahres (noch nicht freigegeben).",
        "Dieser Beitrag ist ein **Entwurf**: Zahlen und Texte werden noch mit dem Vorstand "
        "abgestimmt.",
        None,
        tags=("Netzwerk",),
    ),
)

ARTICLES = (
    Item(
        "Fördermittel finden: ein Wegweiser für Unternehmen",
        "wegweiser-foerdermittel",
        "Welche Programme von EU, Bund und Land passen zu welchem Vorhaben - und wie Sie in "
        "drei Schritten zum Antrag kommen.",
        "## 1. Vorhaben beschreiben\n\n"
        "Halten Sie auf einer Seite fest, was entwickelt werden soll, mit wem und bis wann.\n\n"
        "## 2. Programm wählen\n\n"
        "| Ebene | Beispiele |\n|---|---|\n"
        "| Land | Digitalbonus, Innovationsförderung |\n"
        "| Bund | ZIM, KMU-innovativ |\n"
        "| EU | Horizon Europe, EIC Accelerator |\n\n"
        "## 3. Partner und Skizze\n\n"
        "Viele Programme verlangen Verbundpartner. Das Netzwerk vermittelt passende Partner "
        "aus Wirtschaft und Wissenschaft.",
        90,
        tags=("Förderung", "Leitfaden"),
        competences=("foerdermittelberatung",),
    ),
    Item(
        "IT-Sicherheit für kleine Betriebe: die zehn wichtigsten Maßnahmen",
        "it-sicherheit-zehn-massnahmen",
        "Updates, Sicherungen, Zwei-Faktor-Anmeldung: was wenig kostet und viel schützt.",
        "1. Updates zeitnah einspielen\n2. Daten täglich sichern und die Wiederherstellung "
        "üben\n3. Zwei-Faktor-Anmeldung für E-Mail und Fernzugänge\n4. Administratorrechte "
        "sparsam vergeben\n5. Beschäftigte regelmäßig schulen\n6. Phishing melden statt "
        "klicken\n7. WLAN für Gäste trennen\n8. Passwortmanager nutzen\n9. Notfallplan "
        "aufschreiben\n10. Dienstleister vertraglich verpflichten",
        120,
        tags=("Digitalisierung", "IT-Sicherheit", "Leitfaden"),
        ris3=("digitale-wirtschaft-ikt",),
        competences=("datenschutz",),
    ),
    Item(
        "Kooperationsverträge mit Hochschulen: worauf es ankommt",
        "kooperationsvertraege-hochschulen",
        "Rechte an Ergebnissen, Veröffentlichungen, Vertraulichkeit: die Punkte, die jeder "
        "Vertrag regeln sollte.",
        "Ein Kooperationsvertrag regelt, **wem die Ergebnisse gehören**, wann die Hochschule "
        "veröffentlichen darf und wie vertrauliche Informationen geschützt werden. Die "
        "Geschäftsstelle stellt Mitgliedern eine kommentierte Vorlage bereit.",
        150,
        audience=Audience.MEMBERS,
        tags=("Recht", "Wissenstransfer"),
    ),
    Item(
        "Sensoren auf dem Acker: Einstieg in die Agrarsensorik",
        "einstieg-agrarsensorik",
        "Welche Messgrößen zählen, welche Funktechnik trägt, und was ein Pilot kostet.",
        "Bodenfeuchte, Temperatur und Nährstoffe lassen sich heute mit günstigen Sensoren "
        "erfassen. Über **LoRaWAN** gelangen die Daten auch aus entlegenen Flächen ins "
        "Büro. Ein Pilot mit zehn Messpunkten kostet meist weniger als 5.000 Euro.",
        200,
        tags=("Agrar", "Digitalisierung"),
        ris3=("agrarsystemtechnik-biooekonomie",),
        competences=("agrarsensorik", "iot-sensorik"),
    ),
)


def _moment(today: date, days_ago: int | None) -> datetime | None:
    if days_ago is None:
        return None
    day = today - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _write(model: type[Publication], item: Item, **context: Any) -> None:
    publication = model.objects.create(
        network=context["network"],
        author=context["staff"],
        created_by=context["staff"],
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        body=item.body,
        audience=item.audience,
        published_at=_moment(context["today"], item.days_ago),
    )
    publication.tags.set([Tag.objects.get_or_create(name=name)[0] for name in item.tags])
    publication.ris3_fields.set(Ris3Field.objects.filter(slug__in=item.ris3))
    publication.competences.set(Competence.objects.filter(slug__in=item.competences))
    publication.refresh_search_text()


def write_content(*, today: date, staff: Any) -> dict:
    """The demo's news and articles; nothing when news exist already."""
    if News.objects.exists():
        return {"news": News.objects.count(), "articles": KnowledgeArticle.objects.count()}
    network = Network.objects.get(kind=Network.Kind.HOST)
    context = {"network": network, "staff": staff, "today": today}
    for item in NEWS:
        _write(News, item, **context)
    if not KnowledgeArticle.objects.exists():
        for item in ARTICLES:
            _write(KnowledgeArticle, item, **context)
    return {"news": len(NEWS), "articles": KnowledgeArticle.objects.count()}
