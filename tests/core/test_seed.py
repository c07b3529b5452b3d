"""The taxonomy seed migration: what a fresh database holds, and that it can run again."""

import importlib

import pycountry
import pytest
from django.apps import apps

from innonet.core.models import Competence, Country, District, Ris3Field

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("innonet.core.migrations.0002_seed_taxonomies")


def test_the_seed_networks_ris3_fields_are_there():
    names = set(Ris3Field.objects.values_list("name", flat=True))
    assert {"Agrarsystemtechnik / Bioökonomie", "Energie", "Maritime Wirtschaft"} <= names
    assert {"Digitale Wirtschaft / IKT", "Mobilitätswirtschaft", "Luft- und Raumfahrt"} <= names
    assert all(field.description.endswith(".") for field in Ris3Field.objects.all())


def test_districts_with_areas_states_and_official_keys():
    districts = {d.official_key: d for d in District.objects.all()}
    assert len(districts) == 12
    core = {key for key, d in districts.items() if d.area == District.Area.CORE}
    assert core == {"03404", "03459"}
    assert districts["03404"].name == "Stadt Osnabrück"
    assert districts["03459"].name == "Landkreis Osnabrück"
    neighbours = {key for key, d in districts.items() if d.area == District.Area.NEIGHBOUR}
    assert neighbours == {
        "03454", "03456", "03453", "03460", "03251",
        "05566", "05570", "05754", "05758", "05770",
    }  # fmt: skip
    for key, district in districts.items():
        expected_state = "Niedersachsen" if key.startswith("03") else "Nordrhein-Westfalen"
        assert district.state == expected_state


def test_countries_in_german_with_eu_members():
    assert Country.objects.count() == len(pycountry.countries) == 249
    assert Country.objects.filter(is_eu=True).count() == 27
    germany = Country.objects.get(code="DE")
    assert (germany.name, germany.name_en, germany.is_eu) == ("Deutschland", "Germany", True)
    assert Country.objects.get(code="AT").name == "Österreich"
    assert Country.objects.get(code="CH").is_eu is False
    assert Country.objects.get(code="GB").is_eu is False


def test_competences_have_synonyms_and_some_parents():
    assert Competence.objects.count() >= 40
    assert not Competence.objects.filter(synonyms="").exists()
    vision = Competence.objects.get(slug="computer-vision")
    assert vision.parent.slug == "ki-maschinelles-lernen"
    assert Competence.objects.filter(parent__isnull=False).count() >= 10
    for competence in Competence.objects.all():
        lines = competence.synonym_list
        assert all(len(line) <= 80 for line in lines)
        assert len({line.casefold() for line in lines}) == len(lines)


def test_names_are_unique_ignoring_case_and_slugs_are_ascii():
    for model in (Ris3Field, Competence, District):
        names = [name.casefold() for name in model.objects.values_list("name", flat=True)]
        assert len(names) == len(set(names))
        assert all(slug.isascii() for slug in model.objects.values_list("slug", flat=True))


def test_seed_runs_again_without_duplicates_and_restores_seeded_values():
    counts = [m.objects.count() for m in (Ris3Field, Competence, District, Country)]
    Ris3Field.objects.filter(slug="energie").update(description="überschrieben")
    seed_migration.seed(apps, None)
    assert [m.objects.count() for m in (Ris3Field, Competence, District, Country)] == counts
    assert Ris3Field.objects.get(slug="energie").description != "überschrieben"
