"""Hand-written German material for the demo: company name parts, institutions, topics.

Company names combine a regional prefix (tied to its district) with a trade (tied to
competences and RIS3 fields), so a generated company's profile fits its name. Institutions are
listed one by one; apart from the two Osnabrück universities they are fictional.
"""

from dataclasses import dataclass

OS_CITY = "stadt-osnabrueck"
OS_COUNTY = "landkreis-osnabrueck"
EMSLAND = "landkreis-emsland"
BENTHEIM = "landkreis-grafschaft-bentheim"
CLOPPENBURG = "landkreis-cloppenburg"
VECHTA = "landkreis-vechta"
DIEPHOLZ = "landkreis-diepholz"
STEINFURT = "kreis-steinfurt"
WARENDORF = "kreis-warendorf"
GUETERSLOH = "kreis-guetersloh"
HERFORD = "kreis-herford"
MINDEN = "kreis-minden-luebbecke"

IKT = "digitale-wirtschaft-ikt"
AGRAR = "agrarsystemtechnik-biooekonomie"
ENERGIE = "energie"
MARITIM = "maritime-wirtschaft"
GESUNDHEIT = "gesundheits-und-sozialwirtschaft"
MOBILITAET = "mobilitaetswirtschaft"
PRODUKTION = "neue-materialien-produktionstechnik"
KREATIV = "kreativwirtschaft"
KREISLAUF = "kreislaufwirtschaft"
ERNAEHRUNG = "ernaehrungswirtschaft"

# (prefix, district, city, postcode); the core region appears more often than its neighbours.
PREFIXES: tuple[tuple[str, str, str, str], ...] = (
    ("Hasetal", OS_CITY, "Osnabrück", "49074"),
    ("Westerberg", OS_CITY, "Osnabrück", "49076"),
    ("Piesberg", OS_CITY, "Osnabrück", "49090"),
    ("Schölerberg", OS_CITY, "Osnabrück", "49082"),
    ("Osnabrücker", OS_CITY, "Osnabrück", "49074"),
    ("Hase-Ems", OS_CITY, "Osnabrück", "49078"),
    ("Wüste", OS_CITY, "Osnabrück", "49080"),
    ("Wiehen", OS_COUNTY, "Bad Essen", "49152"),
    ("Artland", OS_COUNTY, "Quakenbrück", "49610"),
    ("Bersenbrücker", OS_COUNTY, "Bersenbrück", "49593"),
    ("Meller", OS_COUNTY, "Melle", "49324"),
    ("Bramscher", OS_COUNTY, "Bramsche", "49565"),
    ("Ankumer", OS_COUNTY, "Ankum", "49577"),
    ("Georgsmarienhütter", OS_COUNTY, "Georgsmarienhütte", "49124"),
    ("Hümmling", EMSLAND, "Sögel", "49751"),
    ("Emstal", EMSLAND, "Lingen (Ems)", "49808"),
    ("Papenburger", EMSLAND, "Papenburg", "26871"),
    ("Meppener", EMSLAND, "Meppen", "49716"),
    ("Vechtetal", BENTHEIM, "Nordhorn", "48529"),
    ("Bentheimer", BENTHEIM, "Bad Bentheim", "48455"),
    ("Soeste", CLOPPENBURG, "Cloppenburg", "49661"),
    ("Münsterländer", VECHTA, "Vechta", "49377"),
    ("Dammer", VECHTA, "Damme", "49401"),
    ("Dümmer", DIEPHOLZ, "Diepholz", "49356"),
    ("Teuto", STEINFURT, "Ibbenbüren", "49477"),
    ("Rheiner", STEINFURT, "Rheine", "48431"),
    ("Emsaue", WARENDORF, "Warendorf", "48231"),
    ("Ravensberger", HERFORD, "Herford", "32052"),
    ("Dalke", GUETERSLOH, "Gütersloh", "33330"),
    ("Porta", MINDEN, "Minden", "32423"),
)
CORE_PREFIX_WEIGHT = 4  # prefixes of the core region are this much more likely


@dataclass(frozen=True)
class Trade:
    """A line of business: the name part, what it can do and where it belongs."""

    name: str
    competences: tuple[str, ...]
    ris3: tuple[str, ...]
    offer: str


TRADES: tuple[Trade, ...] = (
    Trade(
        "Datentechnik",
        ("erp-systeme", "datenanalyse", "datenbanken"),
        (IKT,),
        "ERP-Anbindungen, Datenintegration und Auswertungen für den Mittelstand",
    ),
    Trade(
        "Softwarehaus",
        ("softwareentwicklung", "webentwicklung", "devops"),
        (IKT,),
        "individuelle Software und Webanwendungen",
    ),
    Trade(
        "IT-Systeme",
        ("netzwerktechnik", "cloud-computing", "it-sicherheit"),
        (IKT,),
        "IT-Infrastruktur, Netzwerke und Managed Services",
    ),
    Trade(
        "Cloud Services",
        ("cloud-computing", "devops", "datenschutz"),
        (IKT,),
        "Cloud-Migration und den Betrieb von Anwendungen in deutschen Rechenzentren",
    ),
    Trade(
        "Cybersecurity",
        ("it-sicherheit", "penetrationstests", "datenschutz"),
        (IKT,),
        "Penetrationstests, ISMS-Beratung und Schulungen zur Informationssicherheit",
    ),
    Trade(
        "Agrarinformatik",
        ("praezisionslandwirtschaft", "agrarsensorik", "geoinformationssysteme"),
        (AGRAR, IKT),
        "digitale Lösungen für Landwirtschaft und Lohnunternehmen",
    ),
    Trade(
        "Sensorik",
        ("iot-sensorik", "embedded-systems", "elektronikentwicklung"),
        (PRODUKTION, IKT),
        "Sensorsysteme und IoT-Plattformen für die Industrie",
    ),
    Trade(
        "Automation",
        ("automatisierungstechnik", "industrie-4-0", "robotik"),
        (PRODUKTION,),
        "Steuerungstechnik, Robotik und vernetzte Fertigung",
    ),
    Trade(
        "Robotics",
        ("robotik", "autonome-systeme", "computer-vision"),
        (AGRAR, PRODUKTION),
        "autonome Maschinen und kamerabasierte Steuerungen",
    ),
    Trade(
        "Energiesysteme",
        ("energiemanagementsysteme", "smart-grids", "energiespeicher"),
        (ENERGIE,),
        "Energiemanagement, Speicherlösungen und Netzanbindung",
    ),
    Trade(
        "Wasserstofftechnik",
        ("wasserstofftechnologie", "energiespeicher", "simulation-modellierung"),
        (ENERGIE, MOBILITAET),
        "Elektrolyseure, Tankstellentechnik und Machbarkeitsstudien",
    ),
    Trade(
        "Medien",
        ("ux-design", "digitales-marketing", "webentwicklung"),
        (KREATIV, IKT),
        "Webdesign, Online-Marketing und digitale Kampagnen",
    ),
    Trade(
        "Digital",
        ("prozessdigitalisierung", "it-beratung", "innovationsmanagement"),
        (IKT,),
        "Digitalisierungsberatung und Prozessautomatisierung",
    ),
    Trade(
        "Analytics",
        ("datenanalyse", "ki-maschinelles-lernen", "sprachverarbeitung"),
        (IKT,),
        "Datenanalyse, Prognosemodelle und KI-Anwendungen",
    ),
    Trade(
        "Logistik IT",
        ("prozessdigitalisierung", "iot-sensorik", "e-commerce"),
        (MARITIM, MOBILITAET),
        "Software für Lager, Transport und Hafenlogistik",
    ),
    Trade(
        "Medizintechnik",
        ("embedded-systems", "mensch-maschine-interaktion", "datenschutz"),
        (GESUNDHEIT,),
        "Medizingeräte-Software und digitale Gesundheitsanwendungen",
    ),
    Trade(
        "Fertigungstechnik",
        ("additive-fertigung", "digitale-zwillinge", "simulation-modellierung"),
        (PRODUKTION,),
        "3D-Druck, Prototypenbau und Simulation",
    ),
    Trade(
        "Recyclingtechnik",
        ("iot-sensorik", "datenanalyse", "prozessdigitalisierung"),
        (KREISLAUF,),
        "digitale Rückverfolgung und Sortiertechnik für Wertstoffe",
    ),
    Trade(
        "Lebensmitteltechnik",
        ("automatisierungstechnik", "iot-sensorik", "datenanalyse"),
        (ERNAEHRUNG, AGRAR),
        "Prozesstechnik und Qualitätssicherung für Lebensmittelbetriebe",
    ),
    Trade(
        "Webentwicklung",
        ("webentwicklung", "e-commerce", "ux-design"),
        (IKT, KREATIV),
        "Onlineshops, Portale und barrierefreie Webseiten",
    ),
    Trade(
        "App Factory",
        ("mobile-apps", "ux-design", "cloud-computing"),
        (IKT,),
        "mobile Apps für Handel, Handwerk und Landwirtschaft",
    ),
    Trade(
        "Netzwerktechnik",
        ("netzwerktechnik", "it-sicherheit", "cloud-computing"),
        (IKT,),
        "Glasfaser-, WLAN- und 5G-Campusnetze",
    ),
    Trade(
        "Blockchain Solutions",
        ("blockchain", "softwareentwicklung", "it-beratung"),
        (IKT,),
        "Smart Contracts und fälschungssichere Lieferkettennachweise",
    ),
    Trade(
        "Geodaten",
        ("geoinformationssysteme", "datenanalyse", "computer-vision"),
        (AGRAR, IKT),
        "Luftbildauswertung, GIS-Lösungen und Drohnenvermessung",
    ),
)

LEGAL_FORMS: tuple[tuple[str, int], ...] = (
    ("GmbH", 60),
    ("GmbH & Co. KG", 15),
    ("AG", 4),
    ("e.K.", 6),
    ("KG", 5),
    ("UG (haftungsbeschränkt)", 10),
)
STARTUP_NAMES = ("Labs", "Robotics", "AI", "Tech", "Analytics", "Solutions")


@dataclass(frozen=True)
class Institution:
    """A research, transfer or education institution of the demo."""

    name: str
    kind: str
    district: str
    city: str
    competences: tuple[str, ...]
    ris3: tuple[str, ...]
    legal_form: str = ""


_U, _R, _E = "university", "research", "education"
INSTITUTIONS: tuple[Institution, ...] = (
    Institution(
        "Universität Osnabrück",
        _U,
        OS_CITY,
        "Osnabrück",
        ("ki-maschinelles-lernen", "sprachverarbeitung", "geoinformationssysteme", "datenanalyse"),
        (IKT, GESUNDHEIT),
        "Körperschaft des öffentlichen Rechts",
    ),
    Institution(
        "Hochschule Osnabrück",
        _U,
        OS_CITY,
        "Osnabrück",
        (
            "praezisionslandwirtschaft",
            "automatisierungstechnik",
            "energiemanagementsysteme",
            "softwareentwicklung",
        ),
        (AGRAR, IKT, ENERGIE),
        "Stiftung des öffentlichen Rechts",
    ),
    Institution(
        "Hochschule Wiehengebirge",
        _U,
        OS_COUNTY,
        "Bad Essen",
        ("softwareentwicklung", "agrarsensorik", "robotik"),
        (IKT, AGRAR),
    ),
    Institution(
        "Universität Vechta",
        _U,
        VECHTA,
        "Vechta",
        ("geoinformationssysteme", "datenanalyse", "innovationsmanagement"),
        (AGRAR,),
        "Körperschaft des öffentlichen Rechts",
    ),
    Institution(
        "Technische Hochschule Tecklenburger Land",
        _U,
        STEINFURT,
        "Steinfurt",
        ("elektronikentwicklung", "energiespeicher", "additive-fertigung"),
        (PRODUKTION, ENERGIE),
    ),
    Institution(
        "Hochschule für Wirtschaft und Technik Dümmerland",
        _U,
        DIEPHOLZ,
        "Diepholz",
        ("prozessdigitalisierung", "erp-systeme", "e-commerce"),
        (IKT,),
    ),
    Institution(
        "Fachhochschule Ravensberg",
        _U,
        HERFORD,
        "Herford",
        ("mensch-maschine-interaktion", "ux-design", "industrie-4-0"),
        (PRODUKTION, KREATIV),
    ),
    Institution(
        "Hochschule Emsland für angewandte Wissenschaften",
        _U,
        EMSLAND,
        "Lingen (Ems)",
        ("wasserstofftechnologie", "smart-grids", "it-sicherheit"),
        (ENERGIE, IKT),
    ),
    Institution(
        "Forschungszentrum Künstliche Intelligenz Niedersachsen, Labor Osnabrück",
        _R,
        OS_CITY,
        "Osnabrück",
        ("ki-maschinelles-lernen", "computer-vision", "robotik", "autonome-systeme"),
        (AGRAR, IKT),
        "gGmbH",
    ),
    Institution(
        "Institut für Agrarsensorik Weser-Ems",
        _R,
        VECHTA,
        "Vechta",
        ("agrarsensorik", "iot-sensorik", "digitale-zwillinge"),
        (AGRAR,),
        "e.V.",
    ),
    Institution(
        "Institut für Smart Farming Cloppenburg",
        _R,
        CLOPPENBURG,
        "Cloppenburg",
        ("praezisionslandwirtschaft", "autonome-systeme", "datenanalyse"),
        (AGRAR,),
        "e.V.",
    ),
    Institution(
        "Zentrum für biobasierte Werkstoffe Emsland",
        _R,
        EMSLAND,
        "Meppen",
        ("additive-fertigung", "simulation-modellierung"),
        (PRODUKTION, KREISLAUF),
        "gGmbH",
    ),
    Institution(
        "Institut für Energiesystemtechnik Lingen",
        _R,
        EMSLAND,
        "Lingen (Ems)",
        ("smart-grids", "energiespeicher", "simulation-modellierung"),
        (ENERGIE,),
        "e.V.",
    ),
    Institution(
        "Forschungsstelle Wasserstoff Nordwest",
        _R,
        EMSLAND,
        "Papenburg",
        ("wasserstofftechnologie", "energiespeicher"),
        (ENERGIE, MARITIM),
        "e.V.",
    ),
    Institution(
        "Institut für Lebensmittelverfahrenstechnik Artland",
        _R,
        OS_COUNTY,
        "Quakenbrück",
        ("automatisierungstechnik", "iot-sensorik", "datenanalyse"),
        (ERNAEHRUNG,),
        "e.V.",
    ),
    Institution(
        "Anwendungszentrum Robotik Osnabrücker Land",
        _R,
        OS_COUNTY,
        "Georgsmarienhütte",
        ("robotik", "automatisierungstechnik", "mensch-maschine-interaktion"),
        (PRODUKTION,),
        "gGmbH",
    ),
    Institution(
        "Kompetenzzentrum Maritime Logistik Papenburg",
        _R,
        EMSLAND,
        "Papenburg",
        ("prozessdigitalisierung", "simulation-modellierung", "iot-sensorik"),
        (MARITIM, MOBILITAET),
        "e.V.",
    ),
    Institution(
        "Institut für Kunststofftechnik Grafschaft Bentheim",
        _R,
        BENTHEIM,
        "Nordhorn",
        ("additive-fertigung", "digitale-zwillinge"),
        (PRODUKTION, KREISLAUF),
        "e.V.",
    ),
    Institution(
        "Forschungsinstitut für Digitale Gesundheit Diepholz",
        _R,
        DIEPHOLZ,
        "Diepholz",
        ("datenschutz", "sprachverarbeitung", "mobile-apps"),
        (GESUNDHEIT,),
        "gGmbH",
    ),
    Institution(
        "Institut für Produktionsinformatik Ostwestfalen",
        _R,
        GUETERSLOH,
        "Gütersloh",
        ("industrie-4-0", "digitale-zwillinge", "erp-systeme"),
        (PRODUKTION, IKT),
        "e.V.",
    ),
    Institution(
        "Zentrum für Cybersicherheit Münsterland",
        _R,
        WARENDORF,
        "Warendorf",
        ("it-sicherheit", "penetrationstests", "datenschutz"),
        (IKT,),
        "gGmbH",
    ),
    Institution(
        "Institut für Geoinformatik und Fernerkundung Vechta",
        _R,
        VECHTA,
        "Vechta",
        ("geoinformationssysteme", "computer-vision"),
        (AGRAR,),
        "e.V.",
    ),
    Institution(
        "Innovationslabor Kreislaufwirtschaft Minden",
        _R,
        MINDEN,
        "Minden",
        ("datenanalyse", "prozessdigitalisierung"),
        (KREISLAUF,),
        "gGmbH",
    ),
    Institution(
        "Transferstelle Wissenschaft und Wirtschaft Osnabrück",
        _R,
        OS_CITY,
        "Osnabrück",
        ("technologietransfer", "foerdermittelberatung", "innovationsmanagement"),
        (IKT,),
    ),
    Institution(
        "Transferagentur Nordwest-Niedersachsen",
        _R,
        CLOPPENBURG,
        "Cloppenburg",
        ("technologietransfer", "foerdermittelberatung"),
        (AGRAR, ERNAEHRUNG),
        "GmbH",
    ),
    Institution(
        "Technologiezentrum Emsland",
        _R,
        EMSLAND,
        "Lingen (Ems)",
        ("technologietransfer", "innovationsmanagement"),
        (ENERGIE, IKT),
        "GmbH",
    ),
    Institution(
        "Bildungswerk der Digitalwirtschaft Osnabrück",
        _E,
        OS_CITY,
        "Osnabrück",
        ("softwareentwicklung", "it-sicherheit"),
        (IKT,),
        "e.V.",
    ),
    Institution(
        "Berufsbildende Schulen am Westerberg",
        _E,
        OS_CITY,
        "Osnabrück",
        ("netzwerktechnik", "elektronikentwicklung"),
        (IKT,),
    ),
    Institution(
        "Digitalakademie Osnabrücker Land",
        _E,
        OS_COUNTY,
        "Melle",
        ("digitales-marketing", "prozessdigitalisierung"),
        (IKT,),
        "gGmbH",
    ),
    Institution(
        "Technikerschule Emsland",
        _E,
        EMSLAND,
        "Meppen",
        ("automatisierungstechnik", "embedded-systems"),
        (PRODUKTION,),
    ),
    Institution(
        "Akademie für Agrar- und Ernährungswirtschaft Vechta",
        _E,
        VECHTA,
        "Vechta",
        ("praezisionslandwirtschaft", "innovationsmanagement"),
        (AGRAR, ERNAEHRUNG),
        "e.V.",
    ),
    Institution(
        "Bildungszentrum Handwerk Grafschaft Bentheim",
        _E,
        BENTHEIM,
        "Nordhorn",
        ("energiemanagementsysteme", "additive-fertigung"),
        (ENERGIE,),
    ),
    Institution(
        "Coding School Osnabrück",
        _E,
        OS_CITY,
        "Osnabrück",
        ("webentwicklung", "mobile-apps", "devops"),
        (IKT,),
        "gGmbH",
    ),
    Institution(
        "Weiterbildungszentrum Industrie 4.0 Steinfurt",
        _E,
        STEINFURT,
        "Rheine",
        ("industrie-4-0", "automatisierungstechnik"),
        (PRODUKTION,),
        "GmbH",
    ),
    Institution(
        "Kolleg für Informationstechnik Herford",
        _E,
        HERFORD,
        "Herford",
        ("softwareentwicklung", "datenbanken"),
        (IKT,),
    ),
    Institution(
        "Lernfabrik Ostwestfalen",
        _E,
        GUETERSLOH,
        "Gütersloh",
        ("industrie-4-0", "robotik"),
        (PRODUKTION,),
        "e.V.",
    ),
)

GROUP_PREFIXES = ("Arbeitsgruppe", "Fachgebiet", "Labor für", "Forschungsgruppe")
DEPARTMENTS = (
    "Softwareentwicklung",
    "Forschung und Entwicklung",
    "IT-Service",
    "Vertrieb",
    "Beratung",
    "Produktion",
)
COMPANY_POSITIONS = (
    "Geschäftsführer/in",
    "Leitung Vertrieb",
    "Leitung Softwareentwicklung",
    "Projektleitung",
    "Innovationsmanagement",
    "Technische Leitung",
)
INSTITUTION_POSITIONS = (
    "Präsidium",
    "Leitung Transfer",
    "Gruppenleitung",
    "Wissenschaftliche/r Mitarbeiter/in",
    "Forschungsreferent/in",
)
INTERACTION_TOPICS = {
    "consultation": (
        "Beratung zu Förderprogrammen (ZIM, Innovationsgutschein)",
        "Digitalisierungsberatung Prozesse",
        "Erstberatung IT-Sicherheit",
        "Beratung Fachkräftegewinnung",
    ),
    "visit": ("Unternehmensbesuch", "Besuch im Labor", "Besichtigung Produktion"),
    "call": ("Telefonat zur Mitgliedschaft", "Rückfrage Veranstaltung", "Telefonat Projektidee"),
    "mail": ("Informationen zum Netzwerktreffen", "Unterlagen Förderaufruf"),
    "introduction": (
        "Kontakt zu Forschungspartner vermittelt",
        "Vorstellung bei Pilotkunde",
        "Vermittlung Kooperationspartner",
    ),
}
INTERACTION_NOTES = (
    "Interesse an einem gemeinsamen Projekt; Unterlagen zugesagt.",
    "Ansprechpartner nimmt am nächsten Netzwerktreffen teil.",
    "Fördermöglichkeiten erläutert, Skizze wird vorbereitet.",
    "Bedarf an Fachkräften und Praktikanten besprochen.",
    "Kontaktdaten weitergegeben, Rückmeldung abwarten.",
    "",
)
