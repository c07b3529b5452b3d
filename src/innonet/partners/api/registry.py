"""REST routes of the registry's records: organisations, units and people, and the fields the
partner routes share. Organisations and people need the `version` they were read with on
PATCH; a stale one answers 409 with the current record.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.accounts.models import Role, User
from innonet.core import permissions
from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.core.versioning import ConflictError
from innonet.core.versioning.rest import (
    conflict_response,
    conflict_schema,
    require_version,
    version_field,
)

from .. import services
from ..filters.organisations import OrganisationFilterSet
from ..filters.people import PersonFilterSet
from ..filters.units import UnitFilterSet
from ..models import (
    Affiliation,
    Organisation,
    Person,
    Unit,
)

READ_AND_CHANGE = ["get", "post", "patch", "head", "options"]


class _ScopedOrganisationField(StrictPrimaryKeyRelatedField):
    """Accepts only organisations the requesting user may see."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Organisation.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        return permissions.visible(getattr(request, "user", None), Organisation.objects.all())


class _StaffUserField(StrictPrimaryKeyRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        return User.objects.filter(role=Role.STAFF, is_active=True)


class OrganisationSerializer(serializers.ModelSerializer):
    district = StrictPrimaryKeyRelatedField(
        queryset=District.objects.all(), allow_null=True, required=False
    )
    country = StrictPrimaryKeyRelatedField(
        queryset=Country.objects.all(), allow_null=True, required=False
    )
    competences = StrictPrimaryKeyRelatedField(
        queryset=Competence.objects.all(), many=True, required=False
    )
    ris3_fields = StrictPrimaryKeyRelatedField(
        queryset=Ris3Field.objects.all(), many=True, required=False
    )
    version = version_field()

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "legal_form", "kind", "employees", "annual_turnover",
            "balance_sheet_total", "sme_class", "register_id", "vat_id", "street", "postcode",
            "city", "district", "country", "website", "email", "phone", "description",
            "competences", "keywords", "ris3_fields", "member_visibility", "version",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["sme_class", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        require_version(self, attrs)
        return attrs


class AffiliationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Affiliation
        fields = [
            "id", "organisation", "unit", "position", "is_main_contact", "started_on", "ended_on",
        ]  # fmt: skip
        read_only_fields = fields


class _VisibleAffiliations(serializers.ListSerializer):
    """The person's roles the reader may see: those the list prefetched into
    `visible_affiliations` (a plain list: Django's default prefetch builds a filtered query set
    per person, 2 ms of a page of 50), else read here (a person just written)."""

    def get_attribute(self, instance: Person) -> Any:
        rows = getattr(instance, VISIBLE_AFFILIATIONS, None)
        if rows is not None:
            return rows
        request = self.context.get("request")
        return permissions.visible(getattr(request, "user", None), instance.affiliations.all())


VISIBLE_AFFILIATIONS = "visible_affiliations"


class PersonSerializer(serializers.ModelSerializer):
    organisation = _ScopedOrganisationField(
        write_only=True,
        required=False,
        help_text=_("On create: the organisation the person has a role at."),
    )
    position = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=120
    )
    affiliations = _VisibleAffiliations(child=AffiliationSerializer(), read_only=True)
    version = version_field()

    class Meta:
        model = Person
        fields = [
            "id", "title", "first_name", "last_name", "email", "phone", "language",
            "organisation", "position", "affiliations", "erased_at", "version", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["erased_at", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        require_version(self, attrs)
        if self.instance is not None and ("organisation" in attrs or "position" in attrs):
            raise ValidationError(
                {"organisation": [_("Roles are changed on the person's page, not here.")]}
            )
        return attrs


class UnitSerializer(serializers.ModelSerializer):
    organisation = _ScopedOrganisationField()
    competences = StrictPrimaryKeyRelatedField(
        queryset=Competence.objects.all(), many=True, required=False
    )

    class Meta:
        model = Unit
        fields = [
            "id", "organisation", "name", "kind", "description", "competences", "keywords",
            "website", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []  # the service checks the name per organisation

    def validate(self, attrs: dict) -> dict:
        organisation = attrs.get("organisation")
        if self.instance is not None and organisation not in (None, self.instance.organisation):
            raise ValidationError(
                {"organisation": [_("A unit cannot move to another organisation.")]}
            )
        return attrs


@extend_schema_view(
    create=idempotent_create_schema(OrganisationSerializer),
    partial_update=extend_schema(
        responses={200: OrganisationSerializer, **conflict_schema(OrganisationSerializer)}
    ),
)
class OrganisationViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Organisations: staff create, staff and the organisation's own members change."""

    # District and country are shown as ids (read from the row itself): joining them cost
    # two model instances per row, a fifth of a list page.
    queryset = Organisation.objects.prefetch_related("competences", "ris3_fields")
    serializer_class = OrganisationSerializer
    related_ids = ("competences", "ris3_fields")
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "employees", "created_at", "updated_at"]
    http_method_names = READ_AND_CHANGE

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.organisation_create(data=data, acting_user=self.request.user)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        try:
            updated = services.organisation_update(
                instance,
                data=data,
                expected_version=version,
                acting_user=request.user,
            )
        except ConflictError as error:
            return conflict_response(self, error)
        return Response(self.get_serializer(updated).data)


@extend_schema_view(create=idempotent_create_schema(UnitSerializer))
class UnitViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Units: staff and the organisation's own members create, change and delete."""

    queryset = Unit.objects.select_related("organisation").prefetch_related("competences")
    serializer_class = UnitSerializer
    related_ids = ("competences",)
    filterset_class = UnitFilterSet
    ordering_fields = ["name", "created_at"]

    def _check_organisation(self, organisation: Organisation) -> None:
        if not permissions.can_change(self.request.user, organisation):
            raise PermissionDenied

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        self._check_organisation(organisation)
        serializer.instance = services.unit_create(
            organisation, data=data, acting_user=self.request.user
        )

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        serializer.instance = services.unit_update(
            serializer.instance, data=data, acting_user=self.request.user
        )

    def perform_destroy(self, instance: Unit) -> None:
        services.unit_delete(instance, acting_user=self.request.user)


@extend_schema_view(
    create=idempotent_create_schema(PersonSerializer),
    partial_update=extend_schema(
        responses={200: PersonSerializer, **conflict_schema(PersonSerializer)}
    ),
)
class PersonViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """People: staff, and members for their own organisation. Erasure has its own page."""

    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["last_name", "first_name", "created_at"]
    http_method_names = READ_AND_CHANGE

    def get_queryset(self) -> QuerySet:
        roles = permissions.visible(self.request.user, Affiliation.objects.all())
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("affiliations", queryset=roles, to_attr=VISIBLE_AFFILIATIONS)
            )
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        """The list, with the people it shows written to the access log."""
        response = super().list(request, *args, **kwargs)
        data = response.data
        rows = data.get("results", []) if isinstance(data, dict) else data
        ids = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
        services.people_api_read(ids, acting_user=request.user, source="api: people list")
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """One person, written to the access log."""
        response = super().retrieve(request, *args, **kwargs)
        ids = [response.data["id"]] if "id" in response.data else []
        services.people_api_read(ids, acting_user=request.user, source="api: person")
        return response

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        organisation = data.pop("organisation", None)
        position = data.pop("position", "")
        if not permissions.is_staff(self.request.user) and (
            organisation is None or not permissions.can_change(self.request.user, organisation)
        ):
            raise ValidationError(
                {"organisation": [_("Choose your organisation for the new person.")]}
            )
        serializer.instance = services.person_create(
            data=data,
            organisation=organisation,
            position=position,
            acting_user=self.request.user,
        )

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        try:
            services.person_update(
                instance,
                data=data,
                expected_version=version,
                acting_user=request.user,
            )
        except ConflictError as error:
            return conflict_response(self, error)
        return Response(self.get_serializer(self.get_object()).data)
