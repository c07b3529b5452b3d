"""Small built-in word lists: stop words, compound building blocks and synonym groups.

Kept deliberately short and domain-shaped (an innovation network in north-west Germany): the
splitter learns most of its vocabulary from the indexed documents, and these lists only seed it
with the morphemes that matter most and guard against the worst false splits.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS_DE = _words(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes auch auf aus bei beim bin bis bist da dabei damit dann das dass daher dadurch
    dafür dazu dem den denen der deren des dessen die dies diese diesem diesen dieser dieses
    doch dort du durch ein eine einem einen einer eines einige einigen einiger er es etwa
    etwas euch für gegen habe haben hat hatte hier hin hinter ich ihr ihre ihrem ihren ihrer
    ihres im in indem ins ist jede jedem jeden jeder jedes jedoch kann kein keine keinem
    keinen keiner können könnte man mehr mit muss möchten nach nicht noch nun nur ob oder
    ohne sehr sein seine seinem seinen seiner sich sie sind so solche soll sollen sondern
    sowie über um und uns unser unsere unter viel vom von vor wann war waren was weil welche
    welchem welchen welcher wenn wer werden wie wieder will wir wird wo wollen wurde wurden
    zu zum zur zwischen sowohl bzw ca zb usw ggf neue neuen neuer neues wir suchen sucht
    gesucht bieten bietet
    """
)

STOP_WORDS_EN = _words(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours new novel based using via within
    towards toward
    """
)

STOP_WORDS = STOP_WORDS_DE | STOP_WORDS_EN

# Building blocks for compound splitting that a small corpus may not contain on their own.
# Umlauts are written folded (a, o, u) because the splitter works on folded words.
BASE_WORDS = _words(
    """
    agrar agri bio oko energie energy wind solar sonne sonnen strom speicher batterie wasser
    wasserstoff stoff kunst kunststoff gas warme kalte netz netze sensor sensorik sensoren
    technik technologie technologien systeme system daten analyse logistik hafen schiff
    schiffs see meer kuste fisch lebensmittel nahrung ernahrung futter tier pflanzen pflanze
    boden feld acker stall milch fleisch getreide gemuse obst kartoffel zucker land maschine
    maschinen fahrzeug fahrzeuge robot roboter robotik automation automatisierung steuerung
    regelung antrieb antriebe motor motoren produktion fertigung verarbeitung verpackung
    recycling kreislauf abfall umwelt klima luft verkehr transport lager lieferkette kette
    handel markt software hardware cloud digital plattform sicherheit medizin gesundheit
    pflege klinik labor diagnostik therapie holz metall stahl glas papier textil faser
    verbund werkstoff werkstoffe material materialien bau gebaude haus dach licht laser
    optik mess messung pruf prufung qualitat wartung service dienst beratung bildung schule
    hochschule forschung entwicklung innovation wissen transfer region stadt dorf wirtschaft
    gesellschaft betrieb betriebe unternehmen anlage anlagen elektro elektronik chemie
    physik mathematik informatik prozess prozesse kosten zeit lebens mittel dung gulle naehr
    saat ernte feuchte temperatur drohne drohnen satellit karte wetter kamera bild bilder
    """
)

# Lexicalised compounds that must stay whole: splitting them adds noise ("land", "unter").
NO_SPLIT = _words(
    """
    landwirtschaft landwirtschaftlich landwirtschaftliche landwirt landwirte wissenschaft
    wissenschaften unternehmen unternehmer gesellschaft wirtschaft mitarbeiter mitglied
    mitglieder beispiel vorhaben hochschule hochschulen zusammenarbeit einsatz angebot
    anwendung anwendungen verfahren erfahrung kenntnisse umsetzung ausbildung weiterbildung
    handwerk marketing management
    """
)

# Words that mean the same thing for matching, across German and English. Each group is
# expanded at query time only, so documents keep their own wording in the reasons shown.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "landwirtschaft",
        "landwirtschaftlich",
        "agrar",
        "agri",
        "agriculture",
        "agricultural",
        "farming",
        "agrarwirtschaft",
        "ackerbau",
    ),
    ("sensor", "sensorik", "sensoren", "sensors", "sensing", "messtechnik"),
    ("energie", "energy", "power"),
    ("speicher", "speicherung", "storage", "speichern", "battery", "batterie", "akku"),
    ("lebensmittel", "nahrungsmittel", "food", "ernährung", "nutrition"),
    ("logistik", "logistics", "supply", "lieferkette", "transport"),
    ("hafen", "häfen", "port", "harbour", "harbor"),
    ("schiff", "schifffahrt", "maritim", "maritime", "ship", "shipping", "vessel", "marine"),
    ("kunststoff", "kunststoffe", "plastic", "plastics", "polymer", "polymere"),
    ("gesundheit", "health", "healthcare", "medizin", "medical", "medizintechnik"),
    ("pflege", "care", "nursing"),
    ("software", "it", "informatik", "digital", "digitalisierung", "digitalization"),
    ("künstliche", "ki", "ai", "machine", "maschinelles"),
    ("roboter", "robotik", "robot", "robotics", "autonom", "autonomous"),
    ("wasserstoff", "hydrogen", "h2"),
    ("wind", "windenergie", "windkraft", "offshore"),
    ("solar", "photovoltaik", "pv", "sonnenenergie"),
    ("recycling", "kreislaufwirtschaft", "wiederverwertung", "circular"),
    (
        "forschung",
        "research",
        "wissenschaft",
        "hochschule",
        "universität",
        "university",
        "institut",
        "institute",
    ),
    ("unternehmen", "firma", "betrieb", "company", "kmu", "sme", "mittelstand"),
    ("tier", "tierhaltung", "nutztier", "livestock", "animal", "stall"),
    ("pflanze", "pflanzenbau", "crop", "crops", "plant"),
    ("boden", "soil", "acker"),
    ("wasser", "water", "abwasser", "wastewater"),
    ("drohne", "drohnen", "drone", "drones", "uav"),
    ("verpackung", "packaging"),
    ("holz", "wood", "timber"),
    ("fertigung", "produktion", "manufacturing", "production", "herstellung"),
    ("wärme", "heat", "heating", "wärmepumpe"),
    ("fahrzeug", "fahrzeuge", "vehicle", "vehicles", "automotive", "kfz"),
    ("bildverarbeitung", "kamera", "vision", "imaging"),
    ("sicherheit", "security", "safety", "cybersicherheit"),
    ("daten", "data", "datenanalyse", "analytics"),
    ("klima", "climate", "co2", "emission", "emissionen"),
    ("bildung", "education", "training", "weiterbildung", "qualifizierung"),
)
