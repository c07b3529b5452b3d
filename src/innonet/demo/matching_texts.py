"""Hand-written German cooperation profiles of the demo network.

`owner` names the organisation: an institution or company of the demo by name, or
`trade:<Trade>` for one of the generated companies of that trade (see names.TRADES). `state`
is what the demo makes of it: published, draft, withdrawn, expired or expiring (published and
running out within 30 days).
"""

from dataclasses import dataclass

from .names import AGRAR, ENERGIE, ERNAEHRUNG, GESUNDHEIT, IKT, KREISLAUF, MARITIM, PRODUKTION


@dataclass(frozen=True)
class DemoProfile:
    kind: str
    owner: str
    title: str
    summary: str
    description: str
    keywords: str
    competences: tuple[str, ...]
    ris3: tuple[str, ...]
    network: str = "host"
    partner_sought: str = ""
    partner_role: str = ""
    advantages: str = ""
    stage: str = ""
    ip_status: str = ""
    visibility: str = "network"
    state: str = "published"


_OFFER, _REQUEST = "tech_offer", "tech_request"
_BUSINESS_OFFER, _BUSINESS_REQUEST, _RD = "business_offer", "business_request", "rd_search"

PROFILES: tuple[DemoProfile, ...] = (
    # -- technology offers -------------------------------------------------------------------
    DemoProfile(
        _OFFER, "Institut für Energiesystemtechnik Lingen",
        "KI-gestützte Zustandsüberwachung von Windenergieanlagen",
        "Ein lernendes Verfahren erkennt Lagerschäden und Unwuchten an Windenergieanlagen aus "
        "Schwingungs- und Betriebsdaten Wochen vor dem Ausfall.",
        "Die Forschungsgruppe hat ein Überwachungssystem entwickelt, das Schwingungssensoren "
        "am Triebstrang mit den Betriebsdaten der Anlage verknüpft. Ein Modell des maschinellen "
        "Lernens lernt den Normalbetrieb jeder Anlage und meldet Abweichungen mit einer "
        "Einschätzung der Dringlichkeit. Im Windpark Emsland läuft das System seit einem Jahr.",
        "Windenergie, Zustandsüberwachung, Condition Monitoring, vorausschauende Wartung",
        ("ki-maschinelles-lernen", "iot-sensorik", "datenanalyse"), (ENERGIE,),
        network="energie", partner_sought="company",
        partner_role="Betreiber oder Servicedienstleister für einen Pilotbetrieb an zwei bis "
        "fünf Anlagen",
        advantages="Weniger ungeplante Stillstände und Wartungseinsätze nach Bedarf statt nach "
        "Kalender.",
        stage="prototype", ip_status="secret", visibility="public",
    ),
    DemoProfile(
        _OFFER, "Forschungszentrum Künstliche Intelligenz Niedersachsen, Labor Osnabrück",
        "Kamerabasierte Unkrauterkennung für die mechanische Hacke",
        "Ein Kamerasystem unterscheidet Kulturpflanzen und Beikräuter in Echtzeit und steuert "
        "die Hackwerkzeuge so, dass ohne Herbizide gearbeitet werden kann.",
        "Das Verfahren der Computer Vision wurde auf Zuckerrüben, Mais und Gemüse trainiert und "
        "arbeitet bei Fahrgeschwindigkeiten bis 8 km/h. Die Software läuft auf einem robusten "
        "Bordrechner und lässt sich an vorhandene Hackgeräte anbinden.",
        "Unkrauterkennung, Bildverarbeitung, Hacktechnik, ökologischer Pflanzenbau",
        ("computer-vision", "robotik", "praezisionslandwirtschaft"), (AGRAR,),
        network="agrar", partner_sought="company",
        partner_role="Landtechnikhersteller für die Integration in ein Serienprodukt",
        stage="field_tested", ip_status="patent_applied", visibility="partners",
    ),
    DemoProfile(
        _OFFER, "Institut für Agrarsensorik Weser-Ems",
        "Digitaler Zwilling für Biogasanlagen",
        "Ein Simulationsmodell bildet Fermenter, Fütterung und Gasertrag einer Biogasanlage ab "
        "und schlägt die Fütterung für den nächsten Tag vor.",
        "Der digitale Zwilling wird mit den Messwerten der Anlage laufend abgeglichen. "
        "Betreiber sehen, wie sich Substratwechsel auf Gasertrag und Prozessstabilität "
        "auswirken, bevor sie füttern.",
        "Biogas, digitaler Zwilling, Fermenter, Prozessoptimierung",
        ("digitale-zwillinge", "iot-sensorik", "simulation-modellierung"), (AGRAR, ENERGIE),
        network="agrar", partner_sought="company",
        partner_role="Anlagenbetreiber für einen Feldtest über eine Heizperiode",
        stage="development", visibility="public", state="expiring",
    ),
    DemoProfile(
        _OFFER, "Forschungsstelle Wasserstoff Nordwest",
        "Simulation von Wasserstoffspeichern für Gewerbegebiete",
        "Ein Planungswerkzeug berechnet, wie groß Elektrolyseur und Wasserstoffspeicher eines "
        "Gewerbegebiets sein müssen, um Überschussstrom aus Wind und Sonne zu nutzen.",
        "Das Werkzeug verbindet Lastprofile der Betriebe mit Erzeugungsprognosen und liefert "
        "Varianten mit Kosten und Autarkiegrad. Es wurde für zwei Gewerbegebiete im Emsland "
        "eingesetzt.",
        "Wasserstoff, Energiespeicher, Sektorkopplung, Machbarkeitsstudie",
        ("wasserstofftechnologie", "energiespeicher", "simulation-modellierung"), (ENERGIE,),
        network="energie", partner_sought="company",
        partner_role="Kommunen, Stadtwerke oder Projektentwickler mit einem konkreten Standort",
        stage="development", visibility="network",
    ),
    DemoProfile(
        _OFFER, "trade:Cybersecurity",
        "Penetrationstests für vernetzte Landmaschinen und Stalltechnik",
        "Wir prüfen Steuergeräte, Funkschnittstellen und Cloud-Anbindungen von Landmaschinen "
        "und Stalltechnik auf Schwachstellen.",
        "Unser Team testet nach anerkannten Leitfäden und dokumentiert jede Schwachstelle mit "
        "einer Bewertung und einem Vorschlag zur Behebung. Auf Wunsch begleiten wir die "
        "Umsetzung bis zum erneuten Test.",
        "Penetrationstest, Landtechnik, IT-Sicherheit, Cyber Resilience Act",
        ("penetrationstests", "it-sicherheit"), (IKT, AGRAR),
        partner_sought="company", stage="market", visibility="public",
    ),
    DemoProfile(
        _OFFER, "trade:Sensorik",
        "LoRaWAN-Sensorknoten für Stall und Feld",
        "Batteriebetriebene Sensorknoten messen Temperatur, Luftfeuchte, Ammoniak oder "
        "Bodenfeuchte und funken die Werte über LoRaWAN bis zu zehn Kilometer weit.",
        "Die Knoten sind wasserdicht, laufen fünf Jahre mit einer Batterie und lassen sich ohne "
        "Programmierung in vorhandene Plattformen einbinden. Eigene Gateways oder ein "
        "öffentliches Netz können genutzt werden.",
        "LoRaWAN, Sensorknoten, Stallklima, Bodenfeuchte, Funk",
        ("iot-sensorik", "embedded-systems", "agrarsensorik"), (AGRAR, IKT),
        network="agrar", stage="market", visibility="partners",
    ),
    DemoProfile(
        _OFFER, "Zentrum für biobasierte Werkstoffe Emsland",
        "Ersatzteile aus biobasierten Kunststoffen im 3D-Druck",
        "Ein Verfahren druckt belastbare Ersatzteile aus Kunststoffen auf Basis von "
        "Pflanzenresten; die Teile lassen sich am Ende ihrer Nutzung kompostieren.",
        "Die Werkstoffe wurden für Abdeckungen, Halterungen und Zahnräder mit geringer Last "
        "geprüft. Das Zentrum bietet Lizenzen und gemeinsame Entwicklung an.",
        "Biokunststoff, additive Fertigung, Ersatzteile, Kreislaufwirtschaft",
        ("additive-fertigung", "simulation-modellierung"), (PRODUKTION, KREISLAUF),
        partner_sought="company", stage="prototype", ip_status="patent_granted",
        visibility="public", state="expired",
    ),
    # -- technology requests -----------------------------------------------------------------
    DemoProfile(
        _REQUEST, "trade:Agrarinformatik",
        "Bodenfeuchtesensorik mit LoRaWAN für den Feldversuch gesucht",
        "Für einen Feldversuch auf 40 Hektar suchen wir Bodenfeuchtesensoren, die in drei "
        "Tiefen messen und ihre Werte per LoRaWAN an unsere Plattform melden.",
        "Unsere Software für Lohnunternehmen plant die Bewässerung bisher nach Wetterdaten. "
        "Mit gemessener Bodenfeuchte wollen wir Wasser sparen und den Ertrag sichern. Gesucht "
        "sind Sensoren und ein Partner, der Einbau und Kalibrierung begleitet.",
        "Bodenfeuchte, Agrarsensorik, LoRaWAN, Bewässerung, Feldversuch",
        ("agrarsensorik", "iot-sensorik", "praezisionslandwirtschaft"), (AGRAR,),
        network="agrar",
        partner_role="Lieferung von 30 Sensoren und Begleitung des Feldversuchs über eine Saison",
        visibility="partners",
    ),
    DemoProfile(
        _REQUEST, "trade:Lebensmitteltechnik",
        "Bildverarbeitung für die Qualitätsprüfung am Verpackungsband gesucht",
        "Wir suchen ein Kamerasystem, das beschädigte oder falsch etikettierte Verpackungen am "
        "Band erkennt und ausschleust.",
        "Die Linie verpackt bis zu 120 Schalen pro Minute. Fehler werden heute durch "
        "Stichproben gefunden. Gesucht ist eine Lösung mit Bildverarbeitung, die sich in die "
        "vorhandene Steuerung einbinden lässt.",
        "Bildverarbeitung, Qualitätsprüfung, Verpackung, Lebensmittel",
        ("computer-vision", "automatisierungstechnik"), (ERNAEHRUNG, PRODUKTION),
        partner_sought="research",
        partner_role="Entwicklung und Erprobung eines Prototyps an unserer Linie",
        visibility="network", state="expiring",
    ),
    DemoProfile(
        _REQUEST, "trade:Energiesysteme",
        "Prognosemodell für den Stromverbrauch von Kühlhäusern gesucht",
        "Für unser Energiemanagement suchen wir ein Verfahren, das den Stromverbrauch von "
        "Kühlhäusern einen Tag im Voraus vorhersagt.",
        "Mit einer guten Prognose können Kühlhäuser Strom dann beziehen, wenn er günstig und "
        "reichlich vorhanden ist. Messdaten aus drei Kühlhäusern über zwei Jahre liegen vor.",
        "Lastprognose, Kühlhaus, Energiemanagement, maschinelles Lernen",
        ("datenanalyse", "ki-maschinelles-lernen", "energiemanagementsysteme"), (ENERGIE,),
        network="energie", partner_sought="research",
        partner_role="Forschungspartner für Modellentwicklung, gern im Rahmen eines ZIM-Projekts",
        visibility="public",
    ),
    DemoProfile(
        _REQUEST, "trade:Logistik IT",
        "Sichere Fernwartung für Hafenkräne gesucht",
        "Wir suchen eine Lösung, mit der Hersteller Hafenkräne aus der Ferne warten können, "
        "ohne das Netz des Terminals zu gefährden.",
        "Die Fernwartung soll nur auf Anforderung des Terminals freigeschaltet werden, jede "
        "Sitzung protokollieren und den Vorgaben für kritische Infrastrukturen genügen.",
        "Fernwartung, Hafen, Kran, KRITIS, Netzwerksicherheit",
        ("it-sicherheit", "netzwerktechnik"), (MARITIM,),
        network="maritim", partner_sought="company",
        partner_role="Anbieter einer Lösung und Begleitung der Einführung",
        visibility="partners",
    ),
    DemoProfile(
        _REQUEST, "Feldblick Robotics UG",
        "Robuste Funkortung für autonome Feldroboter gesucht",
        "Unsere Feldroboter brauchen eine zentimetergenaue Ortung, die auch am Waldrand und "
        "zwischen hohen Kulturen funktioniert.",
        "Satellitenortung mit Korrekturdaten reicht an Hecken und Waldrändern nicht aus. Wir "
        "suchen ergänzende Verfahren wie Funkbaken oder visuelle Odometrie.",
        "Ortung, Feldrobotik, autonome Systeme, Navigation",
        ("autonome-systeme", "robotik", "computer-vision"), (AGRAR,),
        network="agrar", partner_sought="research",
        partner_role="Gemeinsame Entwicklung und Erprobung auf unseren Versuchsflächen",
        stage="prototype", visibility="public",
    ),
    DemoProfile(
        _REQUEST, "trade:Recyclingtechnik",
        "Sensorik zur Erkennung von Kunststoffsorten im Wertstoffstrom gesucht",
        "Wir suchen Sensorik, die Kunststoffsorten auf dem Sortierband zuverlässig erkennt, "
        "auch bei verschmutzten Teilen.",
        "Die Sortieranlage verarbeitet gemischte Gewerbeabfälle. Die Sortenreinheit soll "
        "steigen, damit mehr Material stofflich verwertet werden kann.",
        "Sortierung, Kunststoff, Recycling, Sensorik",
        ("iot-sensorik", "datenanalyse"), (KREISLAUF,),
        partner_sought="research", visibility="network", state="draft",
    ),
    DemoProfile(
        _REQUEST, "Hasetal Datentechnik GmbH",
        "Sprachassistent für die Auftragserfassung im Handwerk gesucht",
        "Für unsere ERP-Lösung suchen wir eine Spracherkennung, mit der Handwerker Aufträge "
        "und Material auf der Baustelle diktieren.",
        "Die Erkennung soll Fachbegriffe und regionale Aussprache verstehen und ohne "
        "dauerhafte Internetverbindung funktionieren.",
        "Spracherkennung, Handwerk, ERP, Diktat",
        ("sprachverarbeitung", "erp-systeme"), (IKT,),
        partner_sought="research",
        partner_role="Forschungspartner für ein Sprachmodell mit Fachwortschatz",
        visibility="partners",
    ),
    # -- business offers ---------------------------------------------------------------------
    DemoProfile(
        _BUSINESS_OFFER, "trade:Fertigungstechnik",
        "Freie Fertigungskapazität für Kleinserien im 3D-Druck",
        "Wir bieten freie Kapazität auf industriellen 3D-Druckern für Prototypen und "
        "Kleinserien bis 500 Teile.",
        "Gedruckt wird in Kunststoff und Metall; Konstruktionsberatung und Nachbearbeitung "
        "übernehmen wir ebenfalls.",
        "Fertigungskapazität, 3D-Druck, Kleinserie, Prototypenbau",
        ("additive-fertigung",), (PRODUKTION,),
        partner_sought="company", stage="market", visibility="public",
    ),
    DemoProfile(
        _BUSINESS_OFFER, "trade:Netzwerktechnik",
        "5G-Campusnetz als Dienstleistung für Häfen und Werften",
        "Wir planen, bauen und betreiben private 5G-Netze auf Hafen- und Werftgeländen.",
        "Das Campusnetz verbindet Krane, Fahrzeuge und Sensoren zuverlässig. Wir übernehmen "
        "Frequenzantrag, Aufbau und Betrieb.",
        "5G, Campusnetz, Hafen, Werft",
        ("netzwerktechnik", "it-sicherheit"), (MARITIM, IKT),
        network="maritim", partner_sought="company", stage="market", visibility="partners",
    ),
    DemoProfile(
        _BUSINESS_OFFER, "trade:Cloud Services",
        "Betrieb von KI-Anwendungen in einem Rechenzentrum in Osnabrück",
        "Wir betreiben KI-Anwendungen und Datenplattformen in unserem Rechenzentrum in "
        "Osnabrück, mit Grafikprozessoren und nach deutschem Datenschutz.",
        "Von der Einrichtung bis zum Betrieb rund um die Uhr. Für Forschungsprojekte gibt es "
        "Sonderkonditionen.",
        "Rechenzentrum, Hosting, KI-Betrieb, Datenschutz",
        ("cloud-computing", "datenschutz", "devops"), (IKT,),
        stage="market", visibility="network", state="expiring",
    ),
    DemoProfile(
        _BUSINESS_OFFER, "Hasetal Datentechnik GmbH",
        "ERP-Anbindung für landwirtschaftliche Lohnunternehmen",
        "Wir verbinden Auftragsplanung, Maschinendaten und Abrechnung von Lohnunternehmen mit "
        "gängigen ERP-Systemen.",
        "Erfasste Arbeitszeiten und Flächen fließen ohne Abtippen in die Rechnung.",
        "ERP, Lohnunternehmen, Schnittstellen, Abrechnung",
        ("erp-systeme", "datenbanken"), (IKT, AGRAR),
        partner_sought="company", stage="market", visibility="network", state="draft",
    ),
    DemoProfile(
        _BUSINESS_OFFER, "trade:Geodaten",
        "Drohnenbefliegung und Luftbildauswertung für Agrarbetriebe",
        "Wir befliegen Flächen mit Drohnen und liefern Karten zu Bestandsentwicklung, "
        "Wildschäden und Nährstoffbedarf.",
        "Die Auswertung nutzt multispektrale Aufnahmen; die Karten lassen sich in gängige "
        "Farmmanagementsysteme übernehmen.",
        "Drohne, Luftbild, Fernerkundung, Agrar",
        ("geoinformationssysteme", "computer-vision"), (AGRAR,),
        network="agrar", stage="market", visibility="public", state="withdrawn",
    ),
    # -- business requests -------------------------------------------------------------------
    DemoProfile(
        _BUSINESS_REQUEST, "trade:Robotics",
        "Vertriebspartner für Feldrobotik in den Niederlanden gesucht",
        "Für unseren Jäteroboter suchen wir einen Vertriebs- und Servicepartner im "
        "niederländischen Gemüsebau.",
        "Der Roboter ist in Deutschland bei zwölf Betrieben im Einsatz. Der Partner sollte "
        "Landtechnik verkaufen und eine eigene Werkstatt haben.",
        "Vertriebspartner, Feldrobotik, Niederlande, Gemüsebau",
        ("robotik", "autonome-systeme"), (AGRAR,),
        network="agrar", partner_sought="company",
        partner_role="Vertrieb, Vorführungen und Service",
        stage="market", visibility="public",
    ),
    DemoProfile(
        _BUSINESS_REQUEST, "trade:Wasserstofftechnik",
        "Fertigungspartner für Elektrolyse-Stacks gesucht",
        "Wir suchen einen Fertigungspartner, der Bipolarplatten und Stacks für unsere "
        "Elektrolyseure in Serien von 50 bis 200 Stück im Jahr fertigt.",
        "Konstruktion und Qualitätsvorgaben liegen vor; gesucht ist ein Betrieb mit "
        "Erfahrung in Blechbearbeitung und Montage unter Reinraumbedingungen.",
        "Elektrolyse, Fertigungspartner, Stack, Wasserstoff",
        ("wasserstofftechnologie", "automatisierungstechnik"), (ENERGIE, PRODUKTION),
        network="energie", partner_sought="sme",
        partner_role="Serienfertigung und Montage",
        visibility="partners",
    ),
    DemoProfile(
        _BUSINESS_REQUEST, "trade:App Factory",
        "Vertriebspartner im Landhandel für eine Hof-App gesucht",
        "Unsere App bündelt Dokumentation, Wetter und Aufgaben landwirtschaftlicher Betriebe; "
        "wir suchen Landhändler, die sie ihren Kunden anbieten.",
        "Die App ist in drei Landkreisen bei über 200 Betrieben im Einsatz.",
        "Hof-App, Landhandel, Vertrieb, Dokumentation",
        ("mobile-apps", "ux-design"), (AGRAR, IKT),
        network="agrar", partner_sought="company", stage="market", visibility="network",
    ),
    DemoProfile(
        _BUSINESS_REQUEST, "trade:Medizintechnik",
        "Zulieferer für Gehäuse medizinischer Geräte gesucht",
        "Wir suchen einen Zulieferer für spritzgegossene Gehäuse unserer Messgeräte, "
        "zertifiziert nach ISO 13485.",
        "Benötigt werden etwa 2.000 Gehäuse im Jahr in zwei Varianten.",
        "Zulieferer, Gehäuse, Medizintechnik, Spritzguss",
        ("embedded-systems",), (GESUNDHEIT, PRODUKTION),
        partner_sought="sme", visibility="partners", state="expired",
    ),
    DemoProfile(
        _BUSINESS_REQUEST, "trade:Automation",
        "Servicepartner für Roboterzellen im Emsland gesucht",
        "Für unsere Roboterzellen bei Kunden im Emsland suchen wir einen Servicepartner für "
        "Wartung und Störungsbehebung.",
        "Die Zellen arbeiten in der Lebensmittel- und Kunststoffverarbeitung.",
        "Service, Roboterzelle, Wartung, Emsland",
        ("robotik", "automatisierungstechnik"), (PRODUKTION,),
        partner_sought="sme", visibility="network", state="draft",
    ),
    # -- R&D partner searches ----------------------------------------------------------------
    DemoProfile(
        _RD, "Hochschule Osnabrück",
        "ZIM-Kooperationsprojekt: autonome Bewässerung mit Bodenfeuchtedaten",
        "Für ein ZIM-Kooperationsprojekt suchen wir Unternehmen, die mit uns eine Bewässerung "
        "entwickeln, die sich nach gemessener Bodenfeuchte selbst steuert.",
        "Die Hochschule bringt Regelungstechnik und Versuchsflächen ein. Gesucht sind ein "
        "Hersteller von Bewässerungstechnik und ein Anbieter von Agrarsensorik.",
        "ZIM, Bewässerung, Bodenfeuchte, Regelungstechnik",
        ("praezisionslandwirtschaft", "agrarsensorik", "automatisierungstechnik"), (AGRAR,),
        network="agrar", partner_sought="sme",
        partner_role="Entwicklung von Sensorik oder Bewässerungstechnik als Projektpartner",
        visibility="public",
    ),
    DemoProfile(
        _RD, "Universität Osnabrück",
        "Horizont Europa: KI für die Fernerkundung von Ackerflächen",
        "Für einen Antrag in Horizont Europa, Cluster 6, suchen wir Unternehmen und "
        "Forschungseinrichtungen, die Satellitendaten mit KI für die Landwirtschaft auswerten.",
        "Ziel ist ein offener Dienst, der Trockenstress und Nährstoffmangel auf Ackerflächen "
        "früh erkennt. Partner aus mindestens drei Ländern werden gesucht.",
        "Horizont Europa, Fernerkundung, Satellitendaten, KI, Landwirtschaft",
        ("ki-maschinelles-lernen", "geoinformationssysteme", "datenanalyse"), (AGRAR, IKT),
        partner_sought="",
        partner_role="Unternehmen für Pilotanwendungen und Verwertung",
        visibility="public",
    ),
    DemoProfile(
        _RD, "Kompetenzzentrum Maritime Logistik Papenburg",
        "Digitale Frachtpapiere im Binnenhafen: Partner für ZIM-Projekt gesucht",
        "Wir suchen Softwareunternehmen und Hafenbetriebe für ein ZIM-Projekt zu digitalen "
        "Frachtpapieren ohne Medienbruch.",
        "Frachtbriefe, Zollunterlagen und Gefahrgutangaben sollen zwischen Reederei, Hafen "
        "und Spedition digital und fälschungssicher ausgetauscht werden.",
        "Frachtpapiere, Binnenhafen, Digitalisierung, ZIM",
        ("prozessdigitalisierung", "blockchain", "softwareentwicklung"), (MARITIM,),
        network="maritim", partner_sought="sme",
        partner_role="Softwareentwicklung und Erprobung im Hafenbetrieb",
        visibility="partners",
    ),
    DemoProfile(
        _RD, "Hochschule Emsland für angewandte Wissenschaften",
        "Wasserstoff-Tankstelle im Hafen: Konsortium für Horizont Europa",
        "Für einen Horizont-Europa-Antrag suchen wir Partner für eine Wasserstoff-Tankstelle, "
        "die Hafenfahrzeuge und Binnenschiffe versorgt.",
        "Die Hochschule koordiniert und bringt Netzintegration und IT-Sicherheit ein. Gesucht "
        "sind Hersteller, Hafenbetreiber und Reedereien.",
        "Wasserstoff, Tankstelle, Hafen, Horizont Europa",
        ("wasserstofftechnologie", "smart-grids"), (ENERGIE, MARITIM),
        network="energie", partner_sought="company",
        partner_role="Technik, Standort oder Nutzung im Pilotbetrieb",
        visibility="network", state="expiring",
    ),
    DemoProfile(
        _RD, "trade:Analytics",
        "ZIM-Projekt zur Erkennung von Tierwohl-Auffälligkeiten mit Sensordaten",
        "Wir suchen eine Forschungseinrichtung, die mit uns aus Stallsensoren Hinweise auf "
        "Krankheiten und Stress bei Schweinen ableitet.",
        "Wir bringen Datenplattform und Auswertung ein; gesucht ist Fachwissen zu Tierverhalten "
        "und Sensorik im Stall.",
        "Tierwohl, Stallsensorik, Datenanalyse, ZIM",
        ("datenanalyse", "ki-maschinelles-lernen", "iot-sensorik"), (AGRAR,),
        network="agrar", partner_sought="research",
        partner_role="Forschungspartner im ZIM-Kooperationsprojekt",
        visibility="partners",
    ),
    DemoProfile(
        _RD, "Institut für Lebensmittelverfahrenstechnik Artland",
        "Energieeffiziente Trocknung von Lebensmitteln: Unternehmen für Verbundprojekt gesucht",
        "Für ein Verbundprojekt suchen wir Lebensmittelbetriebe und Anlagenbauer, die "
        "Trocknungsprozesse mit weniger Energie betreiben wollen.",
        "Das Institut misst und modelliert Trocknungsprozesse und entwickelt eine Regelung, "
        "die Temperatur und Luftmenge nach der Feuchte des Produkts führt.",
        "Trocknung, Lebensmittel, Energieeffizienz, Prozessregelung",
        ("automatisierungstechnik", "iot-sensorik", "energiemanagementsysteme"),
        (ERNAEHRUNG, ENERGIE),
        partner_sought="company",
        partner_role="Bereitstellung einer Anlage für Messungen und Erprobung",
        visibility="public",
    ),
)  # fmt: skip

INTRODUCTION_MESSAGES = (
    "Sie arbeiten an ähnlichen Fragen und könnten sich gut ergänzen.",
    "Ein kurzes Gespräch lohnt sich; die Geschäftsstelle begleitet gern das erste Treffen.",
    "Beide Seiten haben beim letzten Netzwerktreffen Interesse an diesem Thema geäußert.",
)
OUTCOME_NOTES = {
    "introduced": "Vorstellungsmail an beide Seiten versandt.",
    "met": "Erstes Treffen in der Geschäftsstelle.",
    "cooperating": "Gemeinsamer Workshop vereinbart, Vertraulichkeitsvereinbarung unterzeichnet.",
    "declined": "Kein Bedarf: Thema passt derzeit nicht in die Planung.",
}
