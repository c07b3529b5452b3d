"""REST routes of innovation projects and their partners, and the fields they share.

Projects need the `version` they were read with on PATCH and on a stage move; a stale one
answers 409 with the current record.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.accounts.models import Role, User
from innonet.core import permissions
from innonet.core.models import Competence, Ris3Field
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.core.versioning import ConflictError
from innonet.core.versioning.rest import (
    VERSION_HELP,
    conflict_response,
    conflict_schema,
    require_version,
    version_field,
)
from innonet.events.models import Event
from innonet.matching.models import CooperationProfile, Introduction
from innonet.partners.models import Interaction, Organisation, Unit

from .. import services
from ..filters import PartnerFilterSet, ProjectFilterSet
from ..models import (
    FundingCall,
    FundingProgramme,
    InnovationProject,
    ProjectPartner,
)
from ..models.projects import ROLE_CHOICES, STAGE_CHOICES
from ..rules import funded_amount, own_share

READ_AND_CHANGE = ["get", "post", "patch", "head", "options"]


def _user(field: serializers.Field) -> Any:
    return getattr(field.context.get("request"), "user", None)


class _ScopedField(StrictPrimaryKeyRelatedField):
    """Accepts only rows the requesting user may see: others are "not found", never leaked."""

    model: type

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=self.model.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        return permissions.visible(_user(self), self.model.objects.all())


class _ProjectField(_ScopedField):
    model = InnovationProject


class _OrganisationField(_ScopedField):
    model = Organisation


class _EventField(_ScopedField):
    model = Event


class _InteractionField(_ScopedField):
    model = Interaction


class _IntroductionField(_ScopedField):
    model = Introduction


class _CooperationProfileField(_ScopedField):
    model = CooperationProfile


class _StaffUserField(StrictPrimaryKeyRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=User.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        return User.objects.filter(role=Role.STAFF, is_active=True)


# Projects ------------------------------------------------------------------------------------


class ProjectSerializer(serializers.ModelSerializer):
    owner = _StaffUserField(allow_null=True, required=False)
    programme = StrictPrimaryKeyRelatedField(
        queryset=FundingProgramme.objects.all(), allow_null=True, required=False
    )
    call = StrictPrimaryKeyRelatedField(
        queryset=FundingCall.objects.all(), allow_null=True, required=False
    )
    origin_event = _EventField(allow_null=True, required=False)
    origin_interaction = _InteractionField(allow_null=True, required=False)
    origin_introduction = _IntroductionField(allow_null=True, required=False)
    origin_profile = _CooperationProfileField(allow_null=True, required=False)
    ris3_fields = StrictPrimaryKeyRelatedField(
        queryset=Ris3Field.objects.all(), many=True, required=False
    )
    competences = StrictPrimaryKeyRelatedField(
        queryset=Competence.objects.all(), many=True, required=False
    )
    version = version_field()

    class Meta:
        model = InnovationProject
        fields = [
            "id", "title", "summary", "goals", "ris3_fields", "competences", "owner", "stage",
            "next_step", "next_step_due", "confidentiality", "programme", "call",
            "origin_event", "origin_interaction", "origin_introduction", "origin_profile",
            "origin_note", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["stage", "created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        require_version(self, attrs)
        return attrs


class ProjectMoveSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=STAGE_CHOICES)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)
    force = serializers.BooleanField(
        required=False, default=False, help_text=_("Staff only, with a reason: override a gate.")
    )
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


CONFLICT = conflict_schema(ProjectSerializer)
M2M = ("ris3_fields", "competences")


@extend_schema_view(
    create=idempotent_create_schema(ProjectSerializer),
    partial_update=extend_schema(responses={200: ProjectSerializer, **CONFLICT}),
)
class ProjectViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Innovation projects: staff create and change them; members read the projects their
    organisation is a partner of (unless staff only), network managers network-level ones."""

    queryset = InnovationProject.objects.prefetch_related("ris3_fields", "competences")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["title", "stage", "next_step_due", "created_at", "updated_at"]
    http_method_names = READ_AND_CHANGE

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        project = services.project_create(data=data, acting_user=self.request.user)
        serializer.instance = self.get_queryset().get(pk=project.pk)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        try:
            services.project_update(
                instance, data=data, expected_version=version, acting_user=request.user
            )
        except ConflictError as error:
            return conflict_response(self, error)
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)

    @extend_schema(request=ProjectMoveSerializer, responses={200: ProjectSerializer, **CONFLICT})
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Move the project to another stage (allowed moves only; a reason where the rules
        ask for one). Staff may override the submission and grant gates with `force`."""
        project = self.get_object()
        data = ProjectMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            services.project_move(
                project,
                to_stage=values["stage"],
                reason=values.get("reason", ""),
                force=values["force"],
                expected_version=values["version"],
                acting_user=request.user,
            )
        except ConflictError as error:
            return conflict_response(self, error)
        return Response(self.get_serializer(self.get_queryset().get(pk=project.pk)).data)


# Partners ------------------------------------------------------------------------------------

BUDGET_FIELDS = ("requested_amount", "granted_amount", "funding_rate")


class ProjectPartnerSerializer(serializers.ModelSerializer):
    project = _ProjectField(help_text=_("Set on create; a partner does not move."))
    organisation = _OrganisationField(help_text=_("Set on create; a partner does not move."))
    unit = StrictPrimaryKeyRelatedField(
        queryset=Unit.objects.all(), allow_null=True, required=False
    )
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False)
    funded_amount = serializers.SerializerMethodField()
    own_share = serializers.SerializerMethodField()

    class Meta:
        model = ProjectPartner
        fields = [
            "id", "project", "organisation", "unit", "role", "requested_amount",
            "granted_amount", "funding_rate", "funded_amount", "own_share", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []  # the service names the duplicate and the second lead
        extra_kwargs = {"requested_amount": {"required": False}}

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_funded_amount(self, partner: ProjectPartner) -> str:
        return f"{funded_amount(partner.requested_amount, partner.funding_rate):.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_own_share(self, partner: ProjectPartner) -> str:
        return f"{own_share(partner.requested_amount, partner.funding_rate):.2f}"

    def validate(self, attrs: dict) -> dict:
        instance = self.instance
        if instance is not None:
            for name in ("project", "organisation"):
                if name in attrs and attrs[name].pk != getattr(instance, f"{name}_id"):
                    raise ValidationError({name: [_("Add the partner anew instead.")]})
        return attrs


def _budget(data: dict) -> dict:
    return {name: data.pop(name) for name in BUDGET_FIELDS if name in data}


@extend_schema_view(create=idempotent_create_schema(ProjectPartnerSerializer))
class PartnerViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """The partners of projects with their roles and budgets (`?project=` for one project's
    consortium); whoever sees the project sees its partners, staff change them."""

    queryset = ProjectPartner.objects.select_related("organisation", "unit")
    serializer_class = ProjectPartnerSerializer
    filterset_class = PartnerFilterSet
    ordering_fields = ["role", "requested_amount", "created_at"]

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        project, organisation = data.pop("project"), data.pop("organisation")
        partner = services.partner_add(
            project,
            organisation=organisation,
            unit=data.pop("unit", None),
            role=data.pop("role", "partner"),
            budget=_budget(data),
            acting_user=self.request.user,
        )
        serializer.instance = self.get_queryset().get(pk=partner.pk)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("project", None)
        data.pop("organisation", None)
        partner = services.partner_update(
            serializer.instance, data=data, acting_user=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=partner.pk)

    def perform_destroy(self, instance: ProjectPartner) -> None:
        services.partner_remove(instance, acting_user=self.request.user)
