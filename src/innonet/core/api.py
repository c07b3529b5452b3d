"""REST routes for the taxonomies: everyone reads, staff write."""

from rest_framework import serializers

from innonet.api.viewsets import ScopedModelViewSet

from . import filters
from .models import Competence, Country, District, Ris3Field


class Ris3FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ris3Field
        fields = ["id", "name", "slug", "description", "is_active"]


class CompetenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competence
        fields = ["id", "name", "slug", "description", "synonyms", "parent", "is_active"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "slug", "description", "state", "area", "official_key", "is_active"]


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["id", "code", "name", "name_en", "is_eu", "is_active"]


class TaxonomyViewSet(ScopedModelViewSet):
    public_read = True
    ordering_fields = ["name"]
    search_fields = ["name"]


class Ris3FieldViewSet(TaxonomyViewSet):
    queryset = Ris3Field.objects.all()
    serializer_class = Ris3FieldSerializer
    filterset_class = filters.Ris3FieldFilterSet


class CompetenceViewSet(TaxonomyViewSet):
    queryset = Competence.objects.all()
    serializer_class = CompetenceSerializer
    filterset_class = filters.CompetenceFilterSet


class DistrictViewSet(TaxonomyViewSet):
    queryset = District.objects.all()
    serializer_class = DistrictSerializer
    filterset_class = filters.DistrictFilterSet


class CountryViewSet(TaxonomyViewSet):
    queryset = Country.objects.all()
    serializer_class = CountrySerializer
    filterset_class = filters.CountryFilterSet
    ordering_fields = ["name", "code"]
    search_fields = ["name", "name_en", "code"]


def register_routes(router) -> None:
    router.register("ris3-fields", Ris3FieldViewSet)
    router.register("competences", CompetenceViewSet)
    router.register("districts", DistrictViewSet)
    router.register("countries", CountryViewSet)
