"""Tiny corpora for the engine tests: a handful of German and English documents."""

from datetime import date

import pytest

from innonet.matching.engine import Document, Index


def doc(doc_id: str, title: str, text: str = "", **extra) -> Document:
    return Document(id=doc_id, texts={"title": title, "description": text}, **extra)


CORPUS = [
    doc(
        "agrar",
        "FeldSens GmbH",
        "Wir entwickeln Agrarsensorik für den Ackerbau.",
        org_kind="sme",
        competences=frozenset({"sensors"}),
        region="Osnabrück",
    ),
    doc(
        "sensoren",
        "Labor Pflanzenbau",
        "Landwirtschaftliche Sensoren für Boden und Blatt.",
        org_kind="research",
        competences=frozenset({"agri"}),
        region="Emsland",
    ),
    doc(
        "speicherung",
        "Energiesysteme Nord",
        "Forschung zur Speicherung von Energie in Batterien.",
        org_kind="research",
        competences=frozenset({"storage"}),
    ),
    doc(
        "speicher",
        "Speicherwerk GmbH",
        "Wir bauen Energiespeicher für Gewerbe.",
        org_kind="sme",
        competences=frozenset({"storage", "pv"}),
    ),
    doc("baecker", "Bäckerei Müller", "Handwerksbäckerei mit Filialen.", org_kind="sme"),
    doc("logistik", "Mueller Logistik", "Hafenlogistik und Containerumschlag.", org_kind="company"),
    doc(
        "ship",
        "Marine Engineering",
        "Engineering for ships and offshore structures.",
        org_kind="sme",
        country="NL",
    ),
    doc(
        "cloud",
        "Rechenzentrum Emsland",
        "Cloud und Datenspeicher für Archive.",
        org_kind="sme",
        updated_at=date(2020, 1, 1),
    ),
    doc(
        "pv",
        "SonnenDach GmbH",
        "Photovoltaik auf Stalldächern.",
        org_kind="sme",
        competences=frozenset({"pv"}),
        updated_at=date(2025, 1, 1),
    ),
]


@pytest.fixture
def index() -> Index:
    return Index.build(CORPUS)
