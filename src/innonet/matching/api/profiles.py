"""REST routes of cooperation profiles.

The queryset follows the profiles' policy (a profile the caller may not see answers 404), the
list takes the same filters as the page, and every write goes through `services.profiles`:
members post for their own organisation only, status moves only through the publish, withdraw
and renew actions, and a PATCH needs the `version` it was read with (a stale one answers 409
with the current profile). The contact person is shown by the sharing rules (queries.sharing):
staff, the profile's own organisation, and users of networks it is shared with when the person
consented. Creates honour an `Idempotency-Key` header.
"""

import json
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.relations import ManyRelatedField
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.models import Competence, Ris3Field
from innonet.core.ratelimit import retry_after
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
from innonet.networks.models import Network
from innonet.partners.models import Organisation, Person, Unit

from ..filters import ProfileFilterSet
from ..models import CooperationProfile, CooperationType
from ..queries import sharing
from ..services import een as een_services
from ..services import profiles as services

READ_AND_CHANGE = ["get", "post", "patch", "head", "options"]
MAX_TERMS = 50


def _user(field: serializers.Field) -> Any:
    return getattr(field.context.get("request"), "user", None)


class _VisibleField(StrictPrimaryKeyRelatedField):
    """Accepts only rows the requesting user may see: others are "not found", never leaked."""

    model: type

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=self.model.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        return permissions.visible(_user(self), self.model.objects.all())


class _OrganisationField(_VisibleField):
    model = Organisation


class _UnitField(_VisibleField):
    model = Unit


class _PersonField(_VisibleField):
    model = Person


class _Terms(ManyRelatedField):
    """Active taxonomy terms by id; a bounded list, checked before any lookup."""

    def __init__(self, model: type, **kwargs: Any) -> None:
        child = StrictPrimaryKeyRelatedField(queryset=model.objects.active())
        super().__init__(child_relation=child, required=False, **kwargs)

    def to_internal_value(self, data: Any) -> list:
        if isinstance(data, list) and len(data) > MAX_TERMS:
            raise ValidationError(_("Choose at most %(count)d.") % {"count": MAX_TERMS})
        return super().to_internal_value(data)


def sees_contact(user: Any, profile: CooperationProfile) -> bool:
    """The contact person by the sharing rules (queries.sharing)."""
    return sharing.sees_contact(user, profile)


class ProfileSerializer(serializers.ModelSerializer):
    organisation = _OrganisationField(
        required=False,
        help_text=_("Set on create (members: their own organisation, the default)."),
    )
    unit = _UnitField(allow_null=True, required=False)
    network = StrictPrimaryKeyRelatedField(
        queryset=Network.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Empty: the host network."),
    )
    contact = _PersonField(
        allow_null=True,
        required=False,
        help_text=_("Shown only to staff and the profile's own organisation (else null)."),
    )
    competences = _Terms(Competence)
    ris3_fields = _Terms(Ris3Field)
    cooperation_types = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationType.choices),
        max_length=len(CooperationType.choices),
        required=False,
        help_text=_("Types of cooperation (the Enterprise Europe Network's list), each once."),
    )
    version = version_field()
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = CooperationProfile
        fields = [
            "id", "kind", "organisation", "unit", "network", "contact", "title", "summary",
            "description", "advantages", "development_stage", "ip_status", "partner_sought",
            "partner_role", "cooperation_types", "keywords", "competences", "ris3_fields",
            "status", "visibility", "valid_until", "is_active", "published_at", "renewed_at",
            "created_by", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "published_at", "renewed_at", "created_by", "created_at", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "valid_until": {
                "required": False,
                "help_text": _("At most a year ahead; default: a year from today."),
            }
        }

    def validate(self, attrs: dict) -> dict:
        user = _user(self)
        instance = self.instance
        require_version(self, attrs)
        if instance is not None:
            chosen = attrs.get("organisation")
            if chosen is not None and chosen.pk != instance.organisation_id:
                raise ValidationError(
                    {"organisation": [_("A profile does not move to another organisation.")]}
                )
        elif attrs.get("organisation") is None:
            if permissions.role_of(user) != permissions.MEMBER:
                raise ValidationError({"organisation": [_("Choose the organisation.")]})
            attrs["organisation"] = user.organisation
        return attrs

    def to_representation(self, profile: CooperationProfile) -> dict:
        data = super().to_representation(profile)
        if not sees_contact(_user(self), profile):
            data["contact"] = None
        return data


class ProfileVersionSerializer(serializers.Serializer):
    version = version_field()


CONFLICT = conflict_schema(ProfileSerializer)
ACTION_SCHEMA = extend_schema(
    request=ProfileVersionSerializer, responses={200: ProfileSerializer, **CONFLICT}
)


@extend_schema_view(
    create=idempotent_create_schema(ProfileSerializer),
    partial_update=extend_schema(responses={200: ProfileSerializer, **CONFLICT}),
)
class CooperationProfileViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Cooperation profiles (technology and business offers and requests, R&D partner
    searches): staff and members of the own organisation create and change them; everyone
    signed in reads what the profile's visibility allows."""

    queryset = CooperationProfile.objects.select_related("organisation").prefetch_related(
        "competences", "ris3_fields"
    )
    serializer_class = ProfileSerializer
    filterset_class = ProfileFilterSet
    ordering_fields = ["title", "kind", "valid_until", "created_at", "updated_at"]
    http_method_names = READ_AND_CHANGE

    def _fresh(self, profile: CooperationProfile) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=profile.pk)).data)

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        organisation = data.pop("organisation")
        profile = services.profile_create(organisation, acting_user=self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=profile.pk)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        profile = self.get_object()
        serializer = self.get_serializer(profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        version = data.pop("version")
        try:
            services.profile_update(profile, version=version, acting_user=request.user, **data)
        except ConflictError as error:
            return conflict_response(self, error)
        return self._fresh(profile)

    def _move(self, request: Request, service: Any) -> Response:
        profile = self.get_object()
        data = ProfileVersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            service(profile, acting_user=request.user, version=data.validated_data.get("version"))
        except ConflictError as error:
            return conflict_response(self, error)
        return self._fresh(profile)

    @ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Show a draft or withdrawn profile to its audience (not an expired one)."""
        return self._move(request, services.profile_publish)

    @ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """Take a published profile off the board."""
        return self._move(request, services.profile_withdraw)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "The profile as a document of the EEN partnering format (docs/een-format.md), for "
            "its own organisation and the office; counted against the export limit."
        ),
    )
    @action(detail=True, methods=["get"], url_path="een")
    def een(self, request: Request, pk: str | None = None) -> Response:
        """The profile in the EEN partnering format (JSON)."""
        profile = self.get_object()
        if not permissions.can_change(request.user, profile):
            raise PermissionDenied
        if wait := retry_after(request, "export"):
            raise Throttled(wait)
        profile = (
            CooperationProfile.objects.select_related("organisation__country")
            .prefetch_related("competences", "ris3_fields")
            .get(pk=profile.pk)
        )
        content = een_services.een_export([profile], "json", acting_user=request.user)
        return Response(json.loads(content))

    @ACTION_SCHEMA
    @action(detail=True, methods=["post"])
    def renew(self, request: Request, pk: str | None = None) -> Response:
        """Let a profile that ends within 60 days (or has ended) run another year."""
        return self._move(request, services.profile_renew)


urlpatterns: list = []


def register_routes(router) -> None:
    router.register(
        "cooperation-profiles", CooperationProfileViewSet, basename="cooperation-profile"
    )
