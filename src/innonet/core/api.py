"""REST routes for the taxonomies: everyone reads, staff write."""

from rest_framework import serializers

from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.viewsets import ScopedModelViewSet

from . import filters, services
from .models import Competence, Country, District, Ris3Field


class Ris3FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ris3Field
        fields = ["id", "name", "slug", "description", "is_active"]
        read_only_fields = ["slug"]


class CompetenceSerializer(serializers.ModelSerializer):
    parent = StrictPrimaryKeyRelatedField(
        queryset=Competence.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Competence
        fields = ["id", "name", "slug", "description", "synonyms", "parent", "is_active"]
        read_only_fields = ["slug"]


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name", "slug", "description", "state", "area", "official_key", "is_active"]
        read_only_fields = ["slug"]


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.RegexField(
        r"^[A-Za-z]{2}$", max_length=2, help_text="ISO 3166-1 alpha-2; fixed once created."
    )

    class Meta:
        model = Country
        fields = ["id", "code", "name", "name_en", "is_eu", "is_active"]


class TaxonomyViewSet(ScopedModelViewSet):
    """Writes go through the taxonomy services (validation, audit); DELETE retires a term,
    because organisations, profiles and events may still refer to it."""

    public_read = True
    ordering_fields = ["name"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        active = data.pop("is_active", True)
        term = services.taxonomy_term_create(
            self.queryset.model, data=data, acting_user=self.request.user
        )
        if not active:
            term = services.taxonomy_term_set_active(
                term, active=False, acting_user=self.request.user
            )
        serializer.instance = term

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        active = data.pop("is_active", None)
        term = services.taxonomy_term_update(
            serializer.instance, data=data, acting_user=self.request.user
        )
        if active is not None:
            term = services.taxonomy_term_set_active(
                term, active=active, acting_user=self.request.user
            )
        serializer.instance = term

    def perform_destroy(self, instance):
        services.taxonomy_term_set_active(instance, active=False, acting_user=self.request.user)


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


def register_routes(router) -> None:
    router.register("ris3-fields", Ris3FieldViewSet)
    router.register("competences", CompetenceViewSet)
    router.register("districts", DistrictViewSet)
    router.register("countries", CountryViewSet)
