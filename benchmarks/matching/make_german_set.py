"""Write the German evaluation set (data/de/*.jsonl) from german_profiles.py and the queries below.

Relevance is derived from hidden topic labels, fixed before any ranker was run: a query names
topics with grades (2 = what is asked for, 1 = related); a profile whose main topic is named
gets that grade, a profile with the topic as a secondary one gets the grade minus one.
Usage: python benchmarks/matching/make_german_set.py
"""

import json
from pathlib import Path

from german_profiles import P

OUT = Path(__file__).resolve().parent / "data" / "de"
REGIONS = ("Osnabrück", "Landkreis Osnabrück", "Emsland", "Vechta", "Grafschaft Bentheim")

# (query text, {topic: grade}); the wording avoids the profiles' own words on purpose where a
# real user would: compounds against phrases, inflections, ae/oe/ue spellings, synonyms, English.
QUERIES = [
    ("Landwirtschaft Sensorik", {"agrisensor": 2, "precision": 1}),
    ("Energiespeicher", {"storage": 2, "hydrogen": 1, "heat": 1}),
    ("Bodenfeuchte messen", {"agrisensor": 2, "water": 1}),
    ("Feldroboter fuer Unkraut", {"agrirobot": 2, "automation": 1}),
    ("autonome Landmaschinen", {"agrirobot": 2, "vehicles": 1}),
    ("Tierwohl in Schweineställen", {"livestock": 2}),
    ("Stallluft Ammoniak Emissionen", {"livestock": 2, "manure": 1}),
    ("Guelle aufbereiten", {"manure": 2, "biogas": 1}),
    ("Nährstoffrückgewinnung Phosphor", {"manure": 2, "water": 1}),
    ("farm management software", {"precision": 2, "erp": 1}),
    ("Duengeplanung digital", {"precision": 2}),
    ("Lebensmittelverarbeitung automatisieren", {"foodtech": 2, "automation": 1}),
    ("Qualitätskontrolle von Lebensmitteln im Labor", {"foodsafety": 2, "foodtech": 1}),
    ("food safety testing", {"foodsafety": 2}),
    ("Insekten als Proteinquelle", {"protein": 2, "livestock": 1}),
    ("Fleischersatz aus Erbsen", {"protein": 2, "foodtech": 1}),
    ("nachhaltige Verpackungen für Lebensmittel", {"packaging": 2, "plasticrecycling": 1}),
    ("Kunststoff Spritzguss Formteile", {"plastics": 2}),
    ("Kunststoffrecycling Agrarfolien", {"plasticrecycling": 2, "circular": 1}),
    ("Wärmespeicher", {"storage": 2, "heat": 1}),
    ("Batterie Zweitnutzung", {"storage": 2, "vehicles": 1}),
    ("Wasserstoff Elektrolyse", {"hydrogen": 2, "storage": 1}),
    ("Wasserstoffantrieb für Schiffe", {"hydrogen": 2, "maritime": 2}),
    ("Windkraftanlagen Wartung", {"wind": 2}),
    ("Rotorblatt Inspektion mit Drohnen", {"wind": 2, "drones": 1}),
    ("Solaranlagen auf Stalldächern", {"solar": 2}),
    ("Heizung mit Waermepumpe im Altbau", {"heat": 2}),
    ("Lastmanagement im Stromnetz", {"smartgrid": 2, "storage": 1}),
    ("Biogasanlage Reststoffe", {"biogas": 2, "manure": 1}),
    ("Schiffbau Zulieferer", {"maritime": 2}),
    ("Binnenhafen Containerumschlag", {"port": 2, "transport": 1}),
    ("Tourenplanung Spedition", {"logsoftware": 2, "transport": 1}),
    ("Rückverfolgbarkeit in der Lieferkette", {"logsoftware": 2, "foodsafety": 1}),
    ("Elektro-Lkw laden", {"vehicles": 2, "smartgrid": 1}),
    ("Cyberangriffe abwehren Mittelstand", {"itsec": 2}),
    ("KI Bilderkennung Qualitätsprüfung", {"ai": 2, "foodsafety": 1, "automation": 1}),
    ("machine learning for agriculture", {"ai": 2, "precision": 2, "agrirobot": 1}),
    ("Warenwirtschaftssystem", {"erp": 2}),
    ("Funksensoren Internet der Dinge", {"iot": 2, "agrisensor": 1}),
    ("Telemedizin auf dem Land", {"ehealth": 2}),
    ("Prothesen 3D-Druck", {"medtech": 2}),
    ("Pflegeroboter", {"care": 2, "automation": 1}),
    ("Digitalisierung ambulante Pflege", {"care": 2, "ehealth": 1}),
    ("Metallbearbeitung Schmiedeteile", {"metal": 2}),
    ("Laserschweissen", {"lasers": 2, "metal": 2}),
    ("Holzwerkstoffe Möbel", {"wood": 2}),
    ("technische Textilien Vliesstoffe", {"textiles": 2}),
    ("Nitrat im Grundwasser", {"water": 2, "manure": 1}),
    ("Beton mit weniger CO2", {"construction": 2}),
    ("Weiterbildung Digitalisierung Fachkräfte", {"education": 2}),
    ("Multispektralaufnahmen Pflanzen", {"drones": 2, "agrisensor": 1, "precision": 1}),
    ("Oekobilanz Beratung", {"circular": 2}),
    ("Speicherung von Strom aus Photovoltaik", {"storage": 2, "solar": 1}),
    ("Robotergreifer", {"automation": 2, "agrirobot": 1}),
    ("Geflügelhaltung Tiergesundheit", {"livestock": 2}),
]


def relevance(topics: list[str], wanted: dict[str, int]) -> int:
    grades = [wanted.get(topics[0], 0)] + [wanted.get(t, 0) - 1 for t in topics[1:]]
    return max(0, *grades)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    corpus = []
    for number, (topics, kind, org_kind, title, text) in enumerate(P, start=1):
        corpus.append({
            "id": f"de-{number:03d}", "kind": kind, "org_kind": org_kind,
            "texts": {"title": title, "description": text},
            "region": REGIONS[number % len(REGIONS)], "country": "DE", "_topics": topics,
        })  # fmt: skip
    with (OUT / "corpus.jsonl").open("w") as handle:
        for row in corpus:
            public = {k: v for k, v in row.items() if k != "_topics"}
            handle.write(json.dumps(public, ensure_ascii=False) + "\n")
    with (OUT / "queries.jsonl").open("w") as queries, (OUT / "qrels.jsonl").open("w") as qrels:
        for number, (text, wanted) in enumerate(QUERIES, start=1):
            query_id = f"q{number:02d}"
            queries.write(json.dumps({"id": query_id, "text": text}, ensure_ascii=False) + "\n")
            for row in corpus:
                grade = relevance(row["_topics"], wanted)
                if grade:
                    line = {"query_id": query_id, "doc_id": row["id"], "relevance": grade}
                    qrels.write(json.dumps(line) + "\n")
    print(f"{len(corpus)} documents, {len(QUERIES)} queries written to {OUT.name}/")


if __name__ == "__main__":
    main()
