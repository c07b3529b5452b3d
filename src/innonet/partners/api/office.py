"""REST routes of the office's records about organisations: memberships with their dated
status history, and the interaction log (staff write, the board reads)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.networks.models import Network

from .. import services
from ..filters.interactions import InteractionFilterSet
from ..filters.memberships import MembershipFilterSet
from ..models import (
    Interaction,
    Membership,
    MembershipStatus,
    MembershipStatusChange,
    Organisation,
    Person,
)
from .registry import READ_AND_CHANGE, _ScopedOrganisationField, _StaffUserField


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MembershipStatusChange
        fields = ["status", "valid_from", "reason", "recorded_at"]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):
    organisation = _ScopedOrganisationField()
    network = StrictPrimaryKeyRelatedField(queryset=Network.objects.all())
    status = serializers.ChoiceField(choices=MembershipStatus.choices, default="prospect")
    valid_from = serializers.DateField(write_only=True, help_text=_("From when the status holds."))
    reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=300
    )
    changes = StatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id", "organisation", "network", "membership_type", "status", "valid_from", "reason",
            "changes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []  # one membership per network: checked in the view

    def validate(self, attrs: dict) -> dict:
        if Membership.objects.filter(
            organisation=attrs["organisation"], network=attrs["network"]
        ).exists():
            raise ValidationError(
                {"network": [_("This membership exists; record a status change on it instead.")]}
            )
        return attrs


class StatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MembershipStatus.choices)
    valid_from = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class InteractionSerializer(serializers.ModelSerializer):
    organisation = StrictPrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    person = StrictPrimaryKeyRelatedField(
        queryset=Person.objects.present(), allow_null=True, required=False
    )
    staff = _StaffUserField(allow_null=True, required=False)

    class Meta:
        model = Interaction
        fields = [
            "id", "kind", "happened_on", "organisation", "person", "topic", "notes",
            "follow_up_on", "follow_up_done", "staff", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["follow_up_done", "created_at", "updated_at"]


class MembershipViewSet(ScopedModelViewSet):
    """Memberships with their dated status history; staff record changes."""

    queryset = Membership.objects.select_related("organisation", "network").prefetch_related(
        "changes"
    )
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    ordering_fields = ["created_at", "status"]
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = serializer.validated_data
        membership = services.membership_set_status(
            data["organisation"],
            network=data["network"],
            status=data["status"],
            valid_from=data["valid_from"],
            reason=data.get("reason", ""),
            membership_type=data.get("membership_type"),
            acting_user=self.request.user,
        )
        serializer.instance = self.get_queryset().get(pk=membership.pk)

    @extend_schema(request=StatusInputSerializer, responses={200: MembershipSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Record a dated status change (not before the last one)."""
        membership = self.get_object()
        data = StatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.membership_set_status(
            membership.organisation,
            network=membership.network,
            acting_user=request.user,
            **data.validated_data,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=membership.pk)).data)


@extend_schema_view(create=idempotent_create_schema(InteractionSerializer))
class InteractionViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """The office's interaction log: staff write, the board reads, nobody else sees it."""

    queryset = Interaction.objects.select_related("organisation", "person", "staff")
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilterSet
    ordering_fields = ["happened_on", "follow_up_on", "created_at"]
    http_method_names = READ_AND_CHANGE

    def check_permissions(self, request: Request) -> None:
        """Partners and network managers never see the office's notes: 403, not an empty list."""
        super().check_permissions(request)
        if not permissions.reads_everything(request.user):
            self.permission_denied(request)

    def perform_create(self, serializer: serializers.Serializer) -> None:
        serializer.instance = services.interaction_record(
            data=dict(serializer.validated_data),
            acting_user=self.request.user,
        )

    def perform_update(self, serializer: serializers.Serializer) -> None:
        serializer.instance = services.interaction_update(
            serializer.instance,
            data=dict(serializer.validated_data),
            acting_user=self.request.user,
        )
