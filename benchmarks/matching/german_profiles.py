"""The German evaluation corpus: invented profiles of the kinds of organisations, units and
cooperation profiles found around Osnabrück, Vechta and the Emsland. Written by hand from public
knowledge of the region's sectors; no real organisation is described.

Each row: (topics, document kind, organisation kind, title, text). The first topic is the
profile's main one, others are secondary. Topics are hidden labels used only to derive the
relevance judgements (see make_german_set.py); the engine never sees them.
"""

P = [
    # --- agri sensors -------------------------------------------------------------------
    (
        ["agrisensor"],
        "organisation",
        "sme",
        "FeldSens GmbH",
        "Wir entwickeln Agrarsensorik für den Ackerbau: Bodenfeuchtesensoren, Nährstoffsensoren "
        "und Funkknoten, die Messwerte direkt in die Farmsoftware übertragen.",
    ),
    (
        ["agrisensor", "precision"],
        "unit",
        "university",
        "Labor für Sensorsysteme im Pflanzenbau",
        "Das Labor untersucht optische und elektrochemische Sensoren für landwirtschaftliche "
        "Anwendungen, etwa die Messung von Stickstoff im Blatt und der Bodenleitfähigkeit.",
    ),
    (
        ["agrisensor"],
        "profile",
        "sme",
        "Technologieangebot: robuste Bodensonde",
        "Eine kalibrierfreie Bodensonde misst Feuchte, Temperatur und Salzgehalt in drei Tiefen. "
        "Gesucht werden Landwirte und Lohnunternehmen für Feldtests.",
    ),
    (
        ["agrisensor", "livestock"],
        "organisation",
        "research",
        "Institut für Agrartechnik Nord",
        "Angewandte Forschung zu Messtechnik in der Landwirtschaft: Sensoren für Pflanzen, Boden "
        "und Stall, Datenfusion und Entscheidungsunterstützung für Betriebe.",
    ),
    (
        ["agrisensor", "drones"],
        "profile",
        "research",
        "F&E-Partnersuche: Sensorfusion am Feldrand",
        "Für ein Verbundprojekt suchen wir Unternehmen, die Feldsensoren mit Satellitendaten "
        "kombinieren möchten, um Ertragskarten zu verbessern.",
    ),
    # --- agri robotics ------------------------------------------------------------------
    (
        ["agrirobot"],
        "organisation",
        "sme",
        "AgroBotik Emsland GmbH",
        "Hersteller autonomer Feldroboter für die mechanische Unkrautregulierung im Gemüsebau. "
        "Unsere Roboter navigieren per RTK-GPS und Kamera.",
    ),
    (
        ["agrirobot", "automation"],
        "unit",
        "university",
        "Arbeitsgruppe Mobile Landmaschinen",
        "Die Arbeitsgruppe forscht an der Automatisierung von Traktoren und Anbaugeräten, an "
        "Spurführung, Umfelderkennung und sicherer Mensch-Maschine-Interaktion auf dem Acker.",
    ),
    (
        ["agrirobot"],
        "profile",
        "sme",
        "Technologieanfrage: Greifer für Erntroboter",
        "Wir suchen einen Partner für weiche Greifer, die Erdbeeren und Spargel ernten können, "
        "ohne die Früchte zu beschädigen.",
    ),
    (
        ["agrirobot", "ai"],
        "organisation",
        "research",
        "Zentrum für Agrarrobotik",
        "Forschungszentrum mit Versuchsfeldern für autonome Systeme in der Landwirtschaft: "
        "Roboterschwärme, Pflanzenerkennung mit neuronalen Netzen, Sicherheitskonzepte.",
    ),
    # --- livestock ------------------------------------------------------------------------
    (
        ["livestock"],
        "organisation",
        "sme",
        "StallKlima Systeme GmbH",
        "Lüftungs- und Klimatechnik für Schweine- und Geflügelställe; Steuerungen, die Ammoniak "
        "und Temperatur messen und das Tierwohl verbessern.",
    ),
    (
        ["livestock"],
        "unit",
        "university",
        "Fachgebiet Nutztierethologie",
        "Forschung zu Verhalten und Wohlergehen von Nutztieren, Haltungsverfahren für Schweine, "
        "Rinder und Gefluegel sowie Bewertung von Tierwohl-Indikatoren.",
    ),
    (
        ["livestock", "ai"],
        "profile",
        "sme",
        "Technologieangebot: Kameraüberwachung im Stall",
        "Eine Kamera mit Bildauswertung erkennt lahme Kühe und Schwanzbeißen bei Schweinen früh. "
        "Wir bieten Lizenzen und suchen Vertriebspartner.",
    ),
    (
        ["livestock", "manure"],
        "organisation",
        "research",
        "Forschungsstelle Tierhaltung und Umwelt",
        "Emissionsminderung in der Tierhaltung: Ammoniak, Geruch und Staub aus Ställen, "
        "Abluftreinigung und Fütterungsstrategien.",
    ),
    (
        ["livestock"],
        "organisation",
        "company",
        "Weser-Ems Geflügel eG",
        "Genossenschaft von Geflügelhaltern mit Brüterei und Futtermittelwerk; sucht Lösungen für "
        "mehr Tiergesundheit und weniger Antibiotika.",
    ),
    # --- precision farming / farm data ---------------------------------------------------
    (
        ["precision"],
        "organisation",
        "sme",
        "AckerDaten GmbH",
        "Farmmanagement-Software für Ackerbaubetriebe: Schlagkartei, Düngeplanung, Dokumentation "
        "und Schnittstellen zu Landmaschinen (ISOBUS).",
    ),
    (
        ["precision", "drones"],
        "profile",
        "sme",
        "Technologieangebot: teilflächenspezifische Düngung",
        "Aus Drohnenbildern berechnen wir Applikationskarten für die teilflächenspezifische "
        "Düngung; Einsparungen von bis zu 15 Prozent Stickstoff.",
    ),
    (
        ["precision"],
        "unit",
        "university",
        "Professur für Agrarinformatik",
        "Lehre und Forschung zu digitaler Landwirtschaft, Datenräumen für Agrardaten, "
        "Precision Farming und Entscheidungsmodellen.",
    ),
    (
        ["precision", "ai"],
        "organisation",
        "sme",
        "CropMind UG",
        "We build machine-learning models that forecast crop yields from weather, soil and "
        "satellite data for farms and agricultural cooperatives.",
    ),
    # --- manure / nutrients / biogas -----------------------------------------------------
    (
        ["manure"],
        "organisation",
        "sme",
        "Nährstoffbörse Vechta GmbH",
        "Vermittlung und Transport von Wirtschaftsdünger aus Überschussregionen; Aufbereitung "
        "von Gülle zu transportwürdigen Düngern.",
    ),
    (
        ["manure", "biogas"],
        "profile",
        "sme",
        "Technologieangebot: Gülleseparation",
        "Ein Separator trennt Gülle in eine feste und flüssige Phase und reduziert das "
        "Transportvolumen; geeignet für Biogasanlagen und Tierhalter.",
    ),
    (
        ["manure"],
        "unit",
        "university",
        "Labor für Pflanzenernährung",
        "Untersuchungen zur Düngewirkung organischer Dünger, Nährstoffrückgewinnung aus Gärresten "
        "und zur Vermeidung von Nitrateinträgen ins Grundwasser.",
    ),
    (
        ["manure", "water"],
        "organisation",
        "research",
        "Institut für Nährstoffkreisläufe",
        "Forschung zur Rückgewinnung von Phosphor und Stickstoff aus Wirtschaftsdüngern und "
        "Klärschlamm und zu Nährstoffbilanzen in Regionen mit viel Tierhaltung.",
    ),
    # --- food processing -----------------------------------------------------------------
    (
        ["foodtech"],
        "organisation",
        "company",
        "Hasetal Fleischwaren GmbH",
        "Mittelständischer Fleischverarbeiter mit Schlachtung, Zerlegung und Wurstherstellung; "
        "Interesse an Automatisierung der Zerlegung und Energieeffizienz.",
    ),
    (
        ["foodtech"],
        "unit",
        "university",
        "Fachgebiet Lebensmitteltechnologie",
        "Verfahrenstechnik für Lebensmittel: schonende Haltbarmachung, Hochdruckbehandlung, "
        "Extrusion und Trocknung von pflanzlichen Rohstoffen.",
    ),
    (
        ["foodtech", "protein"],
        "organisation",
        "research",
        "Deutsches Institut für Lebensmittelverfahren",
        "Forschungsinstitut für die Lebensmittelindustrie: Prozessentwicklung, Technikum für "
        "Extrusion und Fermentation, Produktentwicklung für KMU.",
    ),
    (
        ["foodtech", "automation"],
        "profile",
        "sme",
        "Technologieanfrage: Robotik in der Zerlegung",
        "Ein Fleischbetrieb sucht Partner für die roboterunterstützte Zerlegung von "
        "Schweinehälften "
        "mit Bildverarbeitung.",
    ),
    (
        ["foodtech"],
        "organisation",
        "sme",
        "Bäckerei Mueller & Söhne",
        "Handwerksbäckerei mit 20 Filialen; entwickelt Backwaren mit weniger Zucker und sucht "
        "Unterstützung bei der Rezepturentwicklung.",
    ),
    # --- food safety / analytics --------------------------------------------------------
    (
        ["foodsafety"],
        "organisation",
        "sme",
        "LabNord Analytik GmbH",
        "Akkreditiertes Labor für Lebensmittelanalytik: Rückstände, Mikrobiologie, Allergene "
        "und Authentizitätsprüfung.",
    ),
    (
        ["foodsafety"],
        "unit",
        "university",
        "Arbeitsgruppe Lebensmittelsicherheit",
        "Schnelltests für Krankheitserreger in Lebensmitteln, Rückverfolgbarkeit in "
        "Lieferketten und Hygienemonitoring in Betrieben.",
    ),
    (
        ["foodsafety", "ai"],
        "profile",
        "sme",
        "F&E-Partnersuche: Spektroskopie zur Qualitätskontrolle",
        "Wir möchten Nahinfrarot-Spektroskopie mit KI verbinden, um Verfälschungen von "
        "Lebensmitteln in der Produktion zu erkennen, und suchen Forschungspartner.",
    ),
    (
        ["foodsafety", "packaging"],
        "organisation",
        "research",
        "Institute for Food Quality",
        "Research on food quality, shelf life and safety, migration from packaging into food "
        "and sensory analysis.",
    ),
    # --- alternative proteins ------------------------------------------------------------
    (
        ["protein"],
        "organisation",
        "sme",
        "InsectFeed GmbH",
        "Wir züchten Larven der Schwarzen Soldatenfliege auf Reststoffen und gewinnen daraus "
        "Insektenprotein für Tierfutter.",
    ),
    (
        ["protein", "foodtech"],
        "profile",
        "sme",
        "Technologieangebot: Texturierung pflanzlicher Proteine",
        "Ein Nassextrusionsverfahren erzeugt faserige Strukturen aus Erbsen- und "
        "Ackerbohnenprotein "
        "für Fleischalternativen.",
    ),
    (
        ["protein"],
        "unit",
        "university",
        "Professur für Proteinchemie",
        "Funktionelle Eigenschaften von Proteinen aus Hülsenfrüchten, Algen und Insekten; "
        "Allergenität und Verdaulichkeit neuer Proteinquellen.",
    ),
    (
        ["protein", "livestock"],
        "organisation",
        "company",
        "Futtermittelwerk Dinklage",
        "Hersteller von Mischfutter für Schweine und Geflügel; prüft heimische Eiweißquellen "
        "als Ersatz für Sojaschrot.",
    ),
    # --- packaging -----------------------------------------------------------------------
    (
        ["packaging"],
        "organisation",
        "company",
        "VerpackTec Melle GmbH",
        "Entwicklung und Produktion von Lebensmittelverpackungen aus Folie und Karton; "
        "Umstellung auf recyclingfähige Monomaterialien.",
    ),
    (
        ["packaging", "plasticrecycling"],
        "profile",
        "sme",
        "Technologieanfrage: recyclingfähige Barriereschicht",
        "Gesucht wird eine Barrierebeschichtung für Monomaterial-Folien, die Sauerstoff abhält "
        "und das Recycling nicht stört.",
    ),
    (
        ["packaging"],
        "unit",
        "university",
        "Labor für Verpackungstechnik",
        "Prüfung und Entwicklung von Packmitteln, Maschinenbarkeit von Folien, "
        "Haltbarkeitsstudien verpackter Lebensmittel.",
    ),
    (
        ["packaging", "wood"],
        "organisation",
        "sme",
        "Kartonagen Brinkmann GmbH",
        "Wellpappe und Faltschachteln aus Recyclingpapier; Papierverpackungen als Ersatz für "
        "Kunststoffschalen.",
    ),
    # --- plastics processing --------------------------------------------------------------
    (
        ["plastics"],
        "organisation",
        "sme",
        "Spritzguss Hüggelmeier GmbH",
        "Kunststoffverarbeitung im Spritzgießen: technische Formteile für Automobil- und "
        "Landtechnik, Werkzeugbau im eigenen Haus.",
    ),
    (
        ["plastics"],
        "unit",
        "university",
        "Labor für Kunststofftechnik",
        "Werkstoffprüfung und Verarbeitung von Thermoplasten, Faserverbundkunststoffe, "
        "Simulation von Spritzgießprozessen.",
    ),
    (
        ["plastics", "automation"],
        "profile",
        "sme",
        "Technologieangebot: Prozessüberwachung beim Spritzgießen",
        "Ein Sensor im Werkzeug misst Druck und Temperatur der Schmelze und erkennt "
        "Ausschussteile in Echtzeit.",
    ),
    (
        ["plastics"],
        "organisation",
        "company",
        "Polymer Extrusion Bramsche",
        "Extrusion of plastic profiles and pipes for construction and agriculture; "
        "interested in bio-based polymers.",
    ),
    # --- plastics recycling ---------------------------------------------------------------
    (
        ["plasticrecycling"],
        "organisation",
        "sme",
        "ReKunststoff GmbH",
        "Recycling von Kunststoffabfällen aus Landwirtschaft und Industrie: Agrarfolien, "
        "Silofolien und Netze werden zu Granulat aufbereitet.",
    ),
    (
        ["plasticrecycling", "circular"],
        "unit",
        "university",
        "Arbeitsgruppe Kreislaufwirtschaft Kunststoffe",
        "Chemisches und werkstoffliches Recycling, Sortierung mit Nahinfrarot, Qualität von "
        "Rezyklaten und Design for Recycling.",
    ),
    (
        ["plasticrecycling"],
        "profile",
        "sme",
        "F&E-Partnersuche: Rezyklat für Spritzgussteile",
        "Wir suchen Partner, um Rezyklate aus gebrauchten Agrarfolien in technischen "
        "Spritzgussteilen einzusetzen.",
    ),
    (
        ["plasticrecycling", "ai"],
        "organisation",
        "sme",
        "SortVision GmbH",
        "Sortieranlagen mit Kameras und KI erkennen Kunststoffsorten auf dem Förderband und "
        "trennen sie sortenrein.",
    ),
    # --- energy storage -------------------------------------------------------------------
    (
        ["storage"],
        "organisation",
        "sme",
        "Speicherwerk Osnabrück GmbH",
        "Planung und Bau von Batteriespeichern für Gewerbe und Landwirtschaft, kombiniert mit "
        "Photovoltaik und Lastmanagement.",
    ),
    (
        ["storage", "heat"],
        "unit",
        "university",
        "Labor für thermische Energiespeicherung",
        "Forschung zur Speicherung von Wärme in Latentwärmespeichern und Wasserspeichern, "
        "Einbindung in Wärmenetze und Gebäude.",
    ),
    (
        ["storage"],
        "profile",
        "research",
        "Technologieangebot: Second-Life-Batterien",
        "Gebrauchte Fahrzeugbatterien werden geprüft und als stationäre Speicher für Strom aus "
        "erneuerbaren Energien weiterverwendet.",
    ),
    (
        ["storage", "hydrogen"],
        "organisation",
        "research",
        "Institut für Energiesysteme Nordwest",
        "Systemanalyse und Demonstration: Speicherung erneuerbarer Energie in Batterien, "
        "Wärmespeichern und Wasserstoff, Sektorkopplung.",
    ),
    (
        ["storage"],
        "organisation",
        "sme",
        "Akku Service Lingen",
        "Instandsetzung und Prüfung von Akkus und Batteriesystemen für Gabelstapler und "
        "Elektrofahrzeuge.",
    ),
    # --- hydrogen -------------------------------------------------------------------------
    (
        ["hydrogen"],
        "organisation",
        "company",
        "H2 Emsland GmbH",
        "Betrieb eines Elektrolyseurs, der Wasserstoff aus Windstrom erzeugt; Belieferung von "
        "Industrie und Tankstellen.",
    ),
    (
        ["hydrogen"],
        "unit",
        "university",
        "Fachgebiet Elektrochemische Energietechnik",
        "Forschung zu Elektrolyse, Brennstoffzellen und Wasserstoffspeicherung in Metallhydriden.",
    ),
    (
        ["hydrogen", "vehicles"],
        "profile",
        "sme",
        "F&E-Partnersuche: Brennstoffzellen-Traktor",
        "Für einen wasserstoffbetriebenen Traktor suchen wir Partner für Tanksystem, "
        "Brennstoffzelle und Feldtests.",
    ),
    (
        ["hydrogen", "maritime"],
        "organisation",
        "research",
        "Maritimes Wasserstoffzentrum",
        "Hydrogen and ammonia as fuels for ships: bunkering, safety and engine tests.",
    ),
    # --- wind ----------------------------------------------------------------------------
    (
        ["wind"],
        "organisation",
        "company",
        "WindService Nord GmbH",
        "Wartung und Instandhaltung von Windenergieanlagen an Land und auf See, "
        "Rotorblattinspektion und Ersatzteillogistik.",
    ),
    (
        ["wind", "drones"],
        "profile",
        "sme",
        "Technologieangebot: Drohneninspektion von Rotorblättern",
        "Drohnen mit hochauflösenden Kameras erkennen Schäden an Rotorblättern; die Auswertung "
        "erfolgt automatisch.",
    ),
    (
        ["wind"],
        "unit",
        "university",
        "Labor für Windenergietechnik",
        "Forschung zu Rotorblattwerkstoffen, Schwingungen und Lebensdauer von Windkraftanlagen.",
    ),
    (
        ["wind", "maritime"],
        "organisation",
        "sme",
        "Offshore Logistics Ems",
        "Service vessels and crew transfer for offshore wind farms in the North Sea.",
    ),
    # --- solar ---------------------------------------------------------------------------
    (
        ["solar"],
        "organisation",
        "sme",
        "SonnenDach Solartechnik GmbH",
        "Planung und Installation von Photovoltaikanlagen auf Dächern von Ställen, Hallen und "
        "Wohnhäusern.",
    ),
    (
        ["solar", "agrisensor"],
        "profile",
        "research",
        "F&E-Partnersuche: Agri-Photovoltaik",
        "Wir untersuchen Solarmodule über Ackerflächen und suchen landwirtschaftliche Betriebe "
        "und Hersteller von Unterkonstruktionen.",
    ),
    (
        ["solar"],
        "unit",
        "university",
        "Arbeitsgruppe Photovoltaik-Systeme",
        "Ertragsprognosen, Alterung von Solarmodulen, Integration von PV in Gebäude und Netze.",
    ),
    # --- heat / buildings -------------------------------------------------------------------
    (
        ["heat"],
        "organisation",
        "sme",
        "Wärmepumpen Technik Hasbergen",
        "Installation von Wärmepumpen in Bestandsgebäuden, Planung von Nahwärmenetzen für Dörfer.",
    ),
    (
        ["heat", "construction"],
        "unit",
        "university",
        "Fachgebiet Gebäudeenergietechnik",
        "Energieeffizienz von Gebäuden, Heizung, Lüftung und Klimatisierung, Sanierungsfahrpläne.",
    ),
    (
        ["heat", "biogas"],
        "profile",
        "sme",
        "Technologieanfrage: Abwärmenutzung im Betrieb",
        "Ein Lebensmittelbetrieb sucht Partner, um Abwärme aus Kälteanlagen für Heizung und "
        "Reinigungswasser zu nutzen.",
    ),
    (
        ["heat"],
        "organisation",
        "public",
        "Stadtwerke Osnabrück Energie",
        "Versorger mit Fernwärmenetz; plant die Dekarbonisierung der Wärmeversorgung mit "
        "Großwärmepumpen und Speichern.",
    ),
    # --- smart grid ------------------------------------------------------------------------
    (
        ["smartgrid"],
        "organisation",
        "sme",
        "NetzLogik GmbH",
        "Software für Energiemanagement: Lastprognosen, Steuerung von Ladepunkten, "
        "Wärmepumpen und Batteriespeichern im Verteilnetz.",
    ),
    (
        ["smartgrid", "iot"],
        "unit",
        "university",
        "Labor für intelligente Stromnetze",
        "Forschung zu Smart Grids, Netzstabilität mit hohem Anteil erneuerbarer Energien und "
        "Kommunikation im Verteilnetz.",
    ),
    (
        ["smartgrid"],
        "profile",
        "sme",
        "Technologieangebot: Energiemonitoring für KMU",
        "Funkzähler und ein Dashboard zeigen den Stromverbrauch einzelner Maschinen und finden "
        "Einsparpotenziale.",
    ),
    # --- biogas ---------------------------------------------------------------------------
    (
        ["biogas"],
        "organisation",
        "sme",
        "BioEnergie Hümmling GmbH",
        "Betreiber von Biogasanlagen mit Gülle und Reststoffen; Aufbereitung zu Biomethan.",
    ),
    (
        ["biogas"],
        "unit",
        "university",
        "Arbeitsgruppe Bioenergie",
        "Vergärung landwirtschaftlicher Reststoffe, Prozessbiologie in Biogasfermentern, "
        "Flexibilisierung der Stromerzeugung.",
    ),
    (
        ["biogas", "manure"],
        "profile",
        "research",
        "F&E-Partnersuche: Biomethan aus Stallmist",
        "Wir suchen Betreiber und Anlagenbauer, um Stroh und Mist effizienter zu Biomethan "
        "zu vergären.",
    ),
    # --- maritime --------------------------------------------------------------------------
    (
        ["maritime"],
        "organisation",
        "company",
        "Meyer-nahe Zulieferwerft Papenburg",
        "Stahlbau und Ausrüstung für den Schiffbau: Rohrleitungen, Kabinenmodule, "
        "Schiffsantriebe und Abgasnachbehandlung.",
    ),
    (
        ["maritime"],
        "unit",
        "university",
        "Institut für Schiffstechnik",
        "Forschung zu effizienten Schiffsantrieben, Rumpfformen und emissionsarmer Schifffahrt.",
    ),
    (
        ["maritime", "iot"],
        "profile",
        "sme",
        "Technologieangebot: Zustandsüberwachung an Bord",
        "Sensoren an Pumpen und Motoren melden Verschleiß auf Schiffen, bevor Schäden entstehen.",
    ),
    (
        ["maritime", "wind"],
        "organisation",
        "sme",
        "Nordsee Marine Engineering",
        "Engineering for ships and offshore structures, ballast water systems and retrofits.",
    ),
    # --- port logistics ----------------------------------------------------------------------
    (
        ["port"],
        "organisation",
        "company",
        "Hafen Osnabrück Umschlag GmbH",
        "Betreiber des Binnenhafens mit Containerterminal und Umschlag von Schüttgut zwischen "
        "Schiff, Bahn und Lkw.",
    ),
    (
        ["port", "logsoftware"],
        "profile",
        "sme",
        "Technologieangebot: Slotbuchung für Terminals",
        "Eine Plattform vergibt Zeitfenster für Lkw an Häfen und Terminals und verkürzt "
        "Wartezeiten.",
    ),
    (
        ["port"],
        "unit",
        "university",
        "Fachgebiet Hafenlogistik",
        "Forschung zu Abläufen in See- und Binnenhäfen, Hinterlandverkehren und "
        "Digitalisierung von Terminals.",
    ),
    (
        ["port", "maritime"],
        "organisation",
        "sme",
        "Ems Port Services",
        "Stevedoring and inland port operations on the Ems, bulk cargo and project cargo.",
    ),
    # --- logistics software / supply chain --------------------------------------------------
    (
        ["logsoftware"],
        "organisation",
        "sme",
        "TourPlan Software GmbH",
        "Software zur Tourenplanung und Sendungsverfolgung für Speditionen und "
        "Lebensmittelgroßhandel.",
    ),
    (
        ["logsoftware", "ai"],
        "unit",
        "university",
        "Arbeitsgruppe Supply Chain Analytics",
        "Prognose von Nachfrage und Lieferzeiten mit maschinellem Lernen, Optimierung von "
        "Lieferketten und Lagerbeständen.",
    ),
    (
        ["logsoftware"],
        "profile",
        "sme",
        "F&E-Partnersuche: transparente Lieferkette",
        "Wir wollen die Lieferkette von Lebensmitteln vom Hof bis ins Regal digital "
        "rückverfolgbar machen und suchen Pilotanwender.",
    ),
    (
        ["logsoftware", "transport"],
        "organisation",
        "company",
        "Spedition Kühne Nordhorn",
        "Kühllogistik und Lagerhaltung für die Lebensmittelindustrie; Interesse an "
        "Telematik und Lagerautomatisierung.",
    ),
    # --- freight transport / vehicles -------------------------------------------------------
    (
        ["transport"],
        "organisation",
        "company",
        "Osnabrücker Güterverkehr AG",
        "Güterverkehr auf der Schiene und Kombinierter Verkehr zwischen Nordseehäfen und "
        "dem Ruhrgebiet.",
    ),
    (
        ["vehicles"],
        "organisation",
        "sme",
        "E-Nutzfahrzeuge Quakenbrück GmbH",
        "Umbau von Transportern und Kommunalfahrzeugen auf Elektroantrieb; Batteriesysteme und "
        "Ladetechnik.",
    ),
    (
        ["vehicles", "agrirobot"],
        "unit",
        "university",
        "Labor für Fahrzeugtechnik",
        "Antriebsstränge von Nutzfahrzeugen und Landmaschinen, Elektrifizierung und "
        "Fahrerassistenz.",
    ),
    (
        ["vehicles"],
        "profile",
        "sme",
        "Technologieanfrage: Ladeinfrastruktur für Lkw-Flotten",
        "Ein Logistikbetrieb sucht Partner für Schnellladen von E-Lkw am Depot und Lastmanagement.",
    ),
    # --- IT security -----------------------------------------------------------------------
    (
        ["itsec"],
        "organisation",
        "sme",
        "SecureNord IT GmbH",
        "IT-Sicherheit für den Mittelstand: Penetrationstests, Schulungen zu Phishing und "
        "Notfallpläne nach Cyberangriffen.",
    ),
    (
        ["itsec"],
        "unit",
        "university",
        "Arbeitsgruppe Cybersicherheit",
        "Forschung zu Angriffserkennung in Industrienetzen, sicheren Updates für "
        "eingebettete Systeme und Datenschutz.",
    ),
    (
        ["itsec", "iot"],
        "profile",
        "sme",
        "Technologieangebot: Absicherung von Maschinensteuerungen",
        "Ein Gateway schützt alte Maschinensteuerungen vor Angriffen aus dem Netz, ohne die "
        "Produktion zu unterbrechen.",
    ),
    # --- AI / machine learning ------------------------------------------------------------------
    (
        ["ai"],
        "organisation",
        "sme",
        "DatenWerk KI GmbH",
        "Wir entwickeln Anwendungen der künstlichen Intelligenz für Produktion und Handel: "
        "Bilderkennung, Prognosen und Sprachmodelle.",
    ),
    (
        ["ai"],
        "unit",
        "university",
        "Institut für Kognitionswissenschaft",
        "Grundlagen maschinellen Lernens, erklärbare KI und neuronale Netze.",
    ),
    (
        ["ai", "precision"],
        "profile",
        "research",
        "F&E-Partnersuche: KI für Pflanzenkrankheiten",
        "Wir trainieren neuronale Netze, die Krankheiten an Blättern erkennen, und suchen "
        "Betriebe mit Bilddaten.",
    ),
    (
        ["ai", "foodtech"],
        "organisation",
        "sme",
        "VisionQ GmbH",
        "Machine vision for quality inspection on production lines, especially food and packaging.",
    ),
    # --- ERP / business software -------------------------------------------------------------
    (
        ["erp"],
        "organisation",
        "sme",
        "MittelstandsSoftware Osnabrück GmbH",
        "Einführung und Betreuung von ERP-Systemen für Handwerk und Mittelstand, "
        "Warenwirtschaft und Finanzbuchhaltung.",
    ),
    (
        ["erp", "cloud"],
        "profile",
        "sme",
        "Technologieangebot: Cloud-Warenwirtschaft",
        "Eine Warenwirtschaft aus der Cloud für Landhandel und Genossenschaften, mit "
        "Anbindung an Waagen und Silos.",
    ),
    (
        ["erp"],
        "unit",
        "university",
        "Fachgebiet Wirtschaftsinformatik",
        "Geschäftsprozessmanagement, betriebliche Informationssysteme und Digitalisierung "
        "im Mittelstand.",
    ),
    # --- IoT / embedded / cloud ------------------------------------------------------------------
    (
        ["iot"],
        "organisation",
        "sme",
        "Embedded Solutions Georgsmarienhütte",
        "Entwicklung von Elektronik und Firmware für vernetzte Geräte, Funkmodule und "
        "Mikrocontroller.",
    ),
    (
        ["iot", "agrisensor"],
        "profile",
        "sme",
        "Technologieangebot: LoRaWAN-Netz für ländliche Räume",
        "Ein Funknetz mit großer Reichweite verbindet Sensoren auf Feldern, in Ställen und "
        "Wasserwerken mit der Cloud.",
    ),
    (
        ["cloud"],
        "organisation",
        "sme",
        "Rechenzentrum Emsland GmbH",
        "Rechenzentrum und Cloud-Dienste mit Datenspeicher in Deutschland, Backup und Hosting "
        "für Unternehmen.",
    ),
    (
        ["cloud", "iot"],
        "unit",
        "university",
        "Labor für verteilte Systeme",
        "Edge und Cloud Computing, Datenplattformen für das Internet der Dinge.",
    ),
    # --- digital health -------------------------------------------------------------------------
    (
        ["ehealth"],
        "organisation",
        "sme",
        "TeleMed Nord GmbH",
        "Telemedizin für ländliche Regionen: Videosprechstunden, Fernüberwachung chronisch "
        "Kranker und digitale Patientenakte.",
    ),
    (
        ["ehealth", "care"],
        "unit",
        "university",
        "Arbeitsgruppe Digitale Gesundheit",
        "Forschung zu Gesundheits-Apps, Akzeptanz digitaler Versorgung und Datenschutz im "
        "Gesundheitswesen.",
    ),
    (
        ["ehealth"],
        "profile",
        "sme",
        "F&E-Partnersuche: App für Diabetes-Patienten",
        "Wir entwickeln eine App, die Blutzuckerwerte auswertet, und suchen Kliniken und "
        "Hausarztpraxen für eine Studie.",
    ),
    (
        ["ehealth", "medtech"],
        "organisation",
        "public",
        "Klinikum Osnabrück Innovationsstelle",
        "Das Klinikum erprobt digitale Lösungen in der Patientenversorgung und in der "
        "Medizintechnik.",
    ),
    # --- medical technology ---------------------------------------------------------------------
    (
        ["medtech"],
        "organisation",
        "sme",
        "OrthoTech Bad Iburg GmbH",
        "Medizintechnik: Orthesen und Prothesen aus dem 3D-Drucker, individuell angepasst.",
    ),
    (
        ["medtech", "lasers"],
        "unit",
        "university",
        "Labor für Biomedizinische Optik",
        "Optische Diagnostik, Lasertherapie und Bildgebung für die Medizin.",
    ),
    (
        ["medtech"],
        "profile",
        "sme",
        "Technologieangebot: Sensor-Pflaster für Vitalwerte",
        "Ein flexibles Pflaster misst Puls, Temperatur und Atmung und überträgt die Werte "
        "drahtlos.",
    ),
    # --- nursing / care ---------------------------------------------------------------------------
    (
        ["care"],
        "organisation",
        "company",
        "Pflegedienst Lebenswert",
        "Ambulanter Pflegedienst mit 120 Mitarbeitenden; sucht digitale Hilfen für "
        "Dokumentation und Tourenplanung.",
    ),
    (
        ["care"],
        "unit",
        "university",
        "Fachgebiet Pflegewissenschaft",
        "Forschung zu Pflegequalität, Entlastung pflegender Angehöriger und Technik in der Pflege.",
    ),
    (
        ["care", "agrirobot"],
        "profile",
        "research",
        "F&E-Partnersuche: Assistenzroboter in der Pflege",
        "Wir suchen Pflegeheime und Robotikfirmen, um einen Roboter für Hol- und Bringdienste "
        "zu erproben.",
    ),
    # --- metal / mechanical engineering --------------------------------------------------------
    (
        ["metal"],
        "organisation",
        "company",
        "Stahlwerk Georgsmarienhütte Zulieferer GmbH",
        "Metallverarbeitung: Schmieden, Zerspanen und Wärmebehandlung von Stahlteilen für "
        "Landmaschinen und Nutzfahrzeuge.",
    ),
    (
        ["metal", "lasers"],
        "profile",
        "sme",
        "Technologieangebot: Laserschweißen dünner Bleche",
        "Ein Verfahren zum Laserschweißen verzugsarmer Blechbaugruppen für den Maschinenbau.",
    ),
    (
        ["metal"],
        "unit",
        "university",
        "Labor für Fertigungstechnik",
        "Zerspanung, Umformtechnik und additive Fertigung von Metallbauteilen.",
    ),
    (
        ["metal", "agrirobot"],
        "organisation",
        "company",
        "Landmaschinenfabrik Hasetal",
        "Hersteller von Bodenbearbeitungsgeräten und Sämaschinen; eigene Konstruktion und "
        "Fertigung.",
    ),
    # --- industrial automation / robotics -----------------------------------------------------
    (
        ["automation"],
        "organisation",
        "sme",
        "AutomatisierungsTechnik Wallenhorst",
        "Steuerungstechnik und Sondermaschinenbau, SPS-Programmierung und Inbetriebnahme "
        "von Produktionsanlagen.",
    ),
    (
        ["automation"],
        "unit",
        "university",
        "Labor für Robotik und Automatisierung",
        "Industrieroboter, kollaborierende Roboter und Bildverarbeitung für die Montage.",
    ),
    (
        ["automation", "ai"],
        "profile",
        "sme",
        "F&E-Partnersuche: Greifen unsortierter Teile",
        "Für das Greifen von Teilen aus der Kiste suchen wir Partner aus Bildverarbeitung "
        "und Robotik.",
    ),
    # --- lasers / optics ------------------------------------------------------------------------
    (
        ["lasers"],
        "organisation",
        "sme",
        "Photonik Nord GmbH",
        "Laser und optische Messsysteme für die Industrie: Abstandsmessung, Oberflächenprüfung, "
        "Lasermarkierung.",
    ),
    (
        ["lasers"],
        "unit",
        "university",
        "Laboratory for Applied Optics",
        "Optical metrology, laser materials processing and photonic sensors.",
    ),
    # --- wood / furniture ---------------------------------------------------------------------
    (
        ["wood"],
        "organisation",
        "company",
        "Möbelwerke Ostercappeln",
        "Hersteller von Küchenmöbeln aus Holzwerkstoffen; Interesse an nachhaltigen Platten "
        "und Lackierverfahren.",
    ),
    (
        ["wood", "construction"],
        "profile",
        "sme",
        "Technologieangebot: Holzbau-Module",
        "Vorgefertigte Wandelemente aus Holz für den mehrgeschossigen Wohnungsbau.",
    ),
    (
        ["wood"],
        "unit",
        "university",
        "Arbeitsgruppe Holztechnologie",
        "Holzwerkstoffe, Klebstoffe ohne Formaldehyd und Verwertung von Altholz.",
    ),
    # --- textiles -------------------------------------------------------------------------------
    (
        ["textiles"],
        "organisation",
        "sme",
        "Textilwerk Nordhorn GmbH",
        "Technische Textilien und Vliesstoffe für Filter, Landwirtschaft und Bau.",
    ),
    (
        ["textiles", "plasticrecycling"],
        "profile",
        "sme",
        "F&E-Partnersuche: Fasern aus Altkleidern",
        "Wir möchten Fasern aus Alttextilien zurückgewinnen und suchen Partner für Sortierung "
        "und Spinnerei.",
    ),
    (
        ["textiles", "medtech"],
        "unit",
        "university",
        "Labor für Textiltechnik",
        "Funktionstextilien, leitfähige Garne und smarte Textilien für Medizin und Arbeitsschutz.",
    ),
    # --- water ----------------------------------------------------------------------------------
    (
        ["water"],
        "organisation",
        "public",
        "Wasserverband Wittlage",
        "Trinkwasserversorgung und Abwasserentsorgung im Landkreis; Nitrat im Grundwasser "
        "ist ein zentrales Thema.",
    ),
    (
        ["water", "iot"],
        "profile",
        "sme",
        "Technologieangebot: Leckageortung im Wassernetz",
        "Akustische Sensoren und Software finden Lecks in Trinkwasserleitungen.",
    ),
    (
        ["water"],
        "unit",
        "university",
        "Fachgebiet Siedlungswasserwirtschaft",
        "Abwasserreinigung, Spurenstoffe, Regenwassermanagement und Wiederverwendung von Wasser "
        "für die Bewässerung.",
    ),
    (
        ["water", "agrisensor"],
        "organisation",
        "sme",
        "Beregnung Plus GmbH",
        "Bewässerungssysteme für Landwirtschaft und Gartenbau mit bodenfeuchtegesteuerter "
        "Regelung.",
    ),
    # --- construction ------------------------------------------------------------------------
    (
        ["construction"],
        "organisation",
        "company",
        "Bauunternehmen Wessels",
        "Hoch- und Tiefbau in der Region; sucht Lösungen für CO2-armen Beton und "
        "digitale Baustellen.",
    ),
    (
        ["construction", "circular"],
        "unit",
        "university",
        "Labor für Baustoffe",
        "Recyclingbeton, Dämmstoffe aus nachwachsenden Rohstoffen und Bauteilprüfung.",
    ),
    (
        ["construction"],
        "profile",
        "sme",
        "Technologieangebot: BIM für kleine Bauvorhaben",
        "Eine einfache Software für Building Information Modeling, zugeschnitten auf Handwerk "
        "und kleine Planungsbüros.",
    ),
    # --- education / training ------------------------------------------------------------------
    (
        ["education"],
        "organisation",
        "public",
        "Bildungswerk der Wirtschaft Osnabrück",
        "Weiterbildung für Fach- und Führungskräfte, Qualifizierung in Digitalisierung und "
        "Energie.",
    ),
    (
        ["education", "agrirobot"],
        "unit",
        "university",
        "Zentrum für Weiterbildung Agrar",
        "Lehrgänge für Landwirte zu Digitalisierung, Precision Farming und Agrarrobotik.",
    ),
    (
        ["education"],
        "profile",
        "public",
        "F&E-Partnersuche: Lernplattform für Azubis",
        "Eine Berufsschule sucht Partner, um eine Lernplattform mit virtuellen Werkstätten "
        "für Auszubildende zu entwickeln.",
    ),
    # --- drones / remote sensing -----------------------------------------------------------------
    (
        ["drones"],
        "organisation",
        "sme",
        "Luftbild Analytics GmbH",
        "Fernerkundung mit Drohnen und Satelliten: Multispektralbilder, Vermessung und "
        "Auswertung für Landwirtschaft und Bau.",
    ),
    (
        ["drones", "agrisensor"],
        "unit",
        "university",
        "Arbeitsgruppe Fernerkundung",
        "Hyperspektrale Bildgebung aus der Luft, Erfassung von Pflanzenstress und Trockenheit.",
    ),
    # --- circular economy / consulting -----------------------------------------------------------
    (
        ["circular"],
        "organisation",
        "sme",
        "Kreislauf Consult GmbH",
        "Beratung zur Kreislaufwirtschaft: Ökobilanzen, Abfallvermeidung und Produktdesign "
        "für Wiederverwertung.",
    ),
    (
        ["circular", "foodtech"],
        "profile",
        "sme",
        "Technologieanfrage: Verwertung von Nebenprodukten",
        "Ein Gemüseverarbeiter sucht Verfahren, um Schalen und Reste zu Zutaten oder "
        "Biokunststoffen zu verarbeiten.",
    ),
    # --- distractors that share words but not topics -------------------------------------------
    (
        ["cloud"],
        "profile",
        "sme",
        "Technologieangebot: Datenspeicher für Archive",
        "Langzeitspeicher für Dokumente und Archive mit revisionssicherer Ablage.",
    ),
    (
        ["erp"],
        "organisation",
        "sme",
        "Kanzlei-Software Melle",
        "Software für Steuerberater und Kanzleien: Mandantenverwaltung und Speicherung von "
        "Belegen.",
    ),
    (
        ["education"],
        "organisation",
        "public",
        "Volkshochschule Emsland",
        "Kurse zu Sprachen, Gesundheit, Kochen und Computern für alle Altersgruppen.",
    ),
    (
        ["transport"],
        "organisation",
        "company",
        "Busverkehr Hase-Ems",
        "Öffentlicher Nahverkehr mit Bussen im ländlichen Raum, On-Demand-Verkehre.",
    ),
    (
        ["foodtech"],
        "organisation",
        "company",
        "Molkerei Ammerland-Süd eG",
        "Milchverarbeitung zu Käse und Butter; Projekte zu Energieeffizienz und "
        "Abwasserbehandlung.",
    ),
    (
        ["medtech"],
        "organisation",
        "sme",
        "Hörakustik Sensorik GmbH",
        "Hörgeräte und Sensorik im Ohr: Messung von Herzfrequenz und Bewegung.",
    ),
    (
        ["port"],
        "organisation",
        "public",
        "Yachthafen Alfsee",
        "Sportboothafen und Campingplatz am See mit Gastronomie.",
    ),
    (
        ["agrisensor"],
        "organisation",
        "company",
        "Landhandel Vörden eG",
        "Landhandel mit Saatgut, Dünger und Pflanzenschutz; berät Landwirte und bietet "
        "Bodenproben und Nährstoffanalysen an.",
    ),
]
