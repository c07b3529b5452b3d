# Seeds the taxonomies staff edit later: RIS3 fields, competences, districts, countries.
# Idempotent (rows are matched by slug or code), so running it again changes nothing; the
# reverse is a no-op because staff may already have tied records to these terms. The seed also
# runs after every `flush` (see CoreConfig), so it writes in bulk: a few queries, not one per row.

import gettext

from django.db import migrations

# The specialisation fields of Lower Saxony's regional innovation strategy (RIS3), with the
# names the seed network uses for its own three fields.
RIS3_FIELDS = [
    (
        "agrarsystemtechnik-biooekonomie",
        "Agrarsystemtechnik / Bioökonomie",
        "Technik, Digitalisierung und biobasierte Wertschöpfung in Landwirtschaft, "
        "Ernährung und nachwachsenden Rohstoffen.",
    ),
    (
        "energie",
        "Energie",
        "Erzeugung, Speicherung, Verteilung und effiziente Nutzung erneuerbarer Energien "
        "einschließlich Wasserstoff.",
    ),
    (
        "maritime-wirtschaft",
        "Maritime Wirtschaft",
        "Schiffbau, Meerestechnik, Häfen und Logistik sowie Offshore-Technologien an der "
        "niedersächsischen Küste.",
    ),
    (
        "digitale-wirtschaft-ikt",
        "Digitale Wirtschaft / IKT",
        "Informations- und Kommunikationstechnologien als Querschnitt für die digitale "
        "Transformation aller Branchen.",
    ),
    (
        "gesundheits-und-sozialwirtschaft",
        "Gesundheits- und Sozialwirtschaft",
        "Medizintechnik, Gesundheitsversorgung, Pflege und digitale Gesundheitsanwendungen.",
    ),
    (
        "mobilitaetswirtschaft",
        "Mobilitätswirtschaft",
        "Fahrzeugbau, Zulieferindustrie und neue Mobilitätskonzepte mit alternativen Antrieben.",
    ),
    (
        "neue-materialien-produktionstechnik",
        "Neue Materialien / Produktionstechnik",
        "Werkstoffentwicklung, Leichtbau und vernetzte, ressourceneffiziente Produktion.",
    ),
    (
        "kreativwirtschaft",
        "Kreativwirtschaft",
        "Design, Medien, Software- und Games-Branche sowie kreative Dienstleistungen als "
        "Innovationstreiber.",
    ),
    (
        "luft-und-raumfahrt",
        "Luft- und Raumfahrt",
        "Luftfahrzeugbau, Raumfahrttechnik, Drohnen und satellitengestützte Anwendungen.",
    ),
    (
        "kreislaufwirtschaft",
        "Kreislaufwirtschaft",
        "Recycling, Wiederverwendung und ressourcenschonende Produkte über den gesamten "
        "Lebenszyklus.",
    ),
    (
        "ernaehrungswirtschaft",
        "Ernährungswirtschaft",
        "Lebensmittelverarbeitung, Lebensmittelsicherheit und alternative Proteinquellen.",
    ),
]

# (slug, name, parent slug or "", synonyms German and English)
COMPETENCES = [
    ("softwareentwicklung", "Softwareentwicklung", "",
     ["Software-Entwicklung", "Programmierung", "Software development", "Software engineering"]),
    ("webentwicklung", "Webentwicklung", "softwareentwicklung",
     ["Web-Anwendungen", "Web development", "Frontend", "Backend"]),
    ("mobile-apps", "Mobile Apps", "softwareentwicklung",
     ["App-Entwicklung", "Mobile development", "iOS", "Android"]),
    ("devops", "DevOps", "softwareentwicklung",
     ["Continuous Integration", "Continuous Delivery", "CI/CD", "Softwarebereitstellung"]),
    ("ki-maschinelles-lernen", "KI / Maschinelles Lernen", "",
     ["Künstliche Intelligenz", "KI", "Artificial intelligence", "AI", "Machine learning",
      "Deep Learning"]),
    ("computer-vision", "Computer Vision", "ki-maschinelles-lernen",
     ["Bildverarbeitung", "Bilderkennung", "Image processing", "Image recognition"]),
    ("sprachverarbeitung", "Sprachverarbeitung", "ki-maschinelles-lernen",
     ["Natural Language Processing", "NLP", "Textanalyse", "Text mining", "Chatbots"]),
    ("datenanalyse", "Datenanalyse", "",
     ["Data Analytics", "Data Science", "Big Data", "Business Intelligence", "BI"]),
    ("datenbanken", "Datenbanken", "datenanalyse",
     ["Databases", "SQL", "Datenmanagement", "Data management"]),
    ("it-sicherheit", "IT-Sicherheit", "",
     ["Informationssicherheit", "Cybersicherheit", "IT security", "Cybersecurity", "ISMS"]),
    ("datenschutz", "Datenschutz", "it-sicherheit",
     ["DSGVO", "Data protection", "GDPR", "Privacy"]),
    ("penetrationstests", "Penetrationstests", "it-sicherheit",
     ["Pentest", "Schwachstellenanalyse", "Penetration testing", "Vulnerability assessment"]),
    ("cloud-computing", "Cloud-Computing", "",
     ["Cloud", "Cloud computing", "SaaS", "IaaS", "PaaS", "Cloud-Migration"]),
    ("netzwerktechnik", "Netzwerktechnik", "",
     ["Netzwerke", "Networking", "LAN", "WAN", "5G", "Kommunikationsnetze"]),
    ("iot-sensorik", "IoT / Sensorik", "",
     ["Internet der Dinge", "Internet of Things", "IoT", "Sensoren", "Sensor technology"]),
    ("agrarsensorik", "Agrarsensorik", "iot-sensorik",
     ["Sensorik in der Landwirtschaft", "Agricultural sensors", "Bodensensorik",
      "Feldsensorik"]),
    ("praezisionslandwirtschaft", "Präzisionslandwirtschaft", "",
     ["Precision Farming", "Smart Farming", "Digital Farming", "Digitale Landwirtschaft"]),
    ("embedded-systems", "Embedded Systems", "",
     ["Eingebettete Systeme", "Firmware", "Mikrocontroller", "Microcontrollers"]),
    ("elektronikentwicklung", "Elektronikentwicklung", "embedded-systems",
     ["Elektronik", "Electronics design", "Leiterplattenentwicklung", "PCB design"]),
    ("robotik", "Robotik", "",
     ["Robotics", "Roboter", "Robots", "Cobots"]),
    ("autonome-systeme", "Autonome Systeme", "robotik",
     ["Autonomous systems", "Autonomes Fahren", "Drohnen", "Drones"]),
    ("automatisierungstechnik", "Automatisierungstechnik", "",
     ["Automatisierung", "Automation", "SPS", "PLC", "Steuerungstechnik"]),
    ("industrie-4-0", "Industrie 4.0", "",
     ["Industry 4.0", "Smart Factory", "Vernetzte Produktion", "Connected manufacturing"]),
    ("digitale-zwillinge", "Digitale Zwillinge", "industrie-4-0",
     ["Digitaler Zwilling", "Digital twin", "Digital twins"]),
    ("simulation-modellierung", "Simulation und Modellierung", "",
     ["Simulation", "Modelling", "Modellierung", "CAE"]),
    ("additive-fertigung", "Additive Fertigung", "",
     ["3D-Druck", "3D printing", "Additive manufacturing", "Rapid Prototyping"]),
    ("erp-systeme", "ERP-Systeme", "",
     ["ERP", "Enterprise Resource Planning", "Warenwirtschaft", "SAP"]),
    ("prozessdigitalisierung", "Prozessdigitalisierung", "",
     ["Geschäftsprozessmanagement", "Business process management", "BPM",
      "Workflow-Automatisierung"]),
    ("energiemanagementsysteme", "Energiemanagementsysteme", "",
     ["Energiemanagement", "Energy management", "EnMS", "ISO 50001"]),
    ("smart-grids", "Smart Grids", "energiemanagementsysteme",
     ["Intelligente Stromnetze", "Smart grid", "Netzleittechnik"]),
    ("energiespeicher", "Energiespeicher", "",
     ["Batteriespeicher", "Stromspeicher", "Energy storage", "Batteries"]),
    ("wasserstofftechnologie", "Wasserstofftechnologie", "",
     ["Wasserstoff", "Hydrogen", "H2", "Power-to-X", "Elektrolyse"]),
    ("blockchain", "Blockchain", "",
     ["Distributed Ledger", "DLT", "Smart Contracts"]),
    ("ux-design", "UX-Design", "",
     ["User Experience", "Usability", "UI-Design", "Nutzerzentriertes Design"]),
    ("mensch-maschine-interaktion", "Mensch-Maschine-Interaktion", "ux-design",
     ["Human-machine interaction", "HMI", "Bedienkonzepte"]),
    ("geoinformationssysteme", "Geoinformationssysteme", "",
     ["GIS", "Geodaten", "Geographic information systems", "Geodata"]),
    ("e-commerce", "E-Commerce", "",
     ["Onlinehandel", "Online-Shop", "Webshop", "Online retail"]),
    ("digitales-marketing", "Digitales Marketing", "",
     ["Online-Marketing", "Digital marketing", "SEO", "Social-Media-Marketing"]),
    ("it-beratung", "IT-Beratung", "",
     ["Digitalisierungsberatung", "IT consulting", "Digital transformation"]),
    ("innovationsmanagement", "Innovationsmanagement", "",
     ["Innovation management", "Ideenmanagement", "Design Thinking"]),
    ("technologietransfer", "Technologietransfer", "",
     ["Wissenstransfer", "Technology transfer", "Knowledge transfer"]),
    ("foerdermittelberatung", "Fördermittelberatung", "",
     ["Förderberatung", "Funding advice", "Grant consulting", "Förderanträge"]),
]

NDS = "Niedersachsen"
NRW = "Nordrhein-Westfalen"
# (slug, name, state, area, official key)
DISTRICTS = [
    ("stadt-osnabrueck", "Stadt Osnabrück", NDS, "core", "03404"),
    ("landkreis-osnabrueck", "Landkreis Osnabrück", NDS, "core", "03459"),
    ("landkreis-emsland", "Landkreis Emsland", NDS, "neighbour", "03454"),
    ("landkreis-grafschaft-bentheim", "Landkreis Grafschaft Bentheim", NDS, "neighbour", "03456"),
    ("landkreis-cloppenburg", "Landkreis Cloppenburg", NDS, "neighbour", "03453"),
    ("landkreis-vechta", "Landkreis Vechta", NDS, "neighbour", "03460"),
    ("landkreis-diepholz", "Landkreis Diepholz", NDS, "neighbour", "03251"),
    ("kreis-steinfurt", "Kreis Steinfurt", NRW, "neighbour", "05566"),
    ("kreis-warendorf", "Kreis Warendorf", NRW, "neighbour", "05570"),
    ("kreis-guetersloh", "Kreis Gütersloh", NRW, "neighbour", "05754"),
    ("kreis-herford", "Kreis Herford", NRW, "neighbour", "05758"),
    ("kreis-minden-luebbecke", "Kreis Minden-Lübbecke", NRW, "neighbour", "05770"),
]

EU_MEMBER_STATES = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}


def upsert(model, key, rows):
    """Create the rows of `rows` ({key value: field values}) that are missing and bring the
    others up to date, like update_or_create per row but in a few queries."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": rows})}
    new, changed, fields = [], [], set()
    for value, defaults in rows.items():
        obj = existing.get(value)
        if obj is None:
            new.append(model(**{key: value}, **defaults))
            continue
        differing = [name for name, wanted in defaults.items() if getattr(obj, name) != wanted]
        for name in differing:
            setattr(obj, name, defaults[name])
        if differing:
            changed.append(obj)
            fields.update(differing)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))


def seed_ris3_fields(Ris3Field):
    rows = {slug: {"name": name, "description": text} for slug, name, text in RIS3_FIELDS}
    upsert(Ris3Field, "slug", rows)


def seed_competences(Competence):
    rows = {
        slug: {"name": name, "synonyms": "\n".join(synonyms)}
        for slug, name, _parent, synonyms in COMPETENCES
    }
    upsert(Competence, "slug", rows)
    ids = dict(Competence.objects.filter(slug__in=rows).values_list("slug", "pk"))
    parents = {slug: {"parent_id": ids.get(parent)} for slug, _n, parent, _s in COMPETENCES}
    upsert(Competence, "slug", parents)


def seed_districts(District):
    rows = {
        slug: {"name": name, "state": state, "area": area, "official_key": key}
        for slug, name, state, area, key in DISTRICTS
    }
    upsert(District, "slug", rows)


def seed_countries(Country):
    import pycountry

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    rows = {}
    for country in pycountry.countries:
        # The common name ("Südkorea", "Bolivien") reads better than the official one.
        name_en = getattr(country, "common_name", None) or country.name
        rows[country.alpha_2] = {
            "name": german.gettext(name_en),
            "name_en": name_en,
            "is_eu": country.alpha_2 in EU_MEMBER_STATES,
        }
    upsert(Country, "code", rows)


def seed(apps, schema_editor):
    seed_ris3_fields(apps.get_model("core", "Ris3Field"))
    seed_competences(apps.get_model("core", "Competence"))
    seed_districts(apps.get_model("core", "District"))
    seed_countries(apps.get_model("core", "Country"))


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
