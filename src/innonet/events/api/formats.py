"""REST routes of the format catalogue."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.networks.models import Network

from .. import services
from ..filters import FormatFilterSet
from ..models import (
    Format,
)
from .events import READ_AND_CHANGE, _manager_network


class FormatSerializer(serializers.ModelSerializer):
    network = StrictPrimaryKeyRelatedField(
        queryset=Network.objects.all(),
        required=False,
        help_text=_("The network that keeps the format; a network manager's own by default."),
    )

    class Meta:
        model = Format
        fields = [
            "id", "network", "name", "goal", "target_groups", "description", "duration_minutes",
            "capacity", "checklist", "is_shared", "is_active", "adopted_from", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["adopted_from", "created_at", "updated_at"]
        validators: list = []  # the service checks the name per network
        extra_kwargs = {
            "duration_minutes": {"max_value": 60 * 24 * 14},
            "capacity": {"max_value": 100_000},
        }


@extend_schema_view(create=idempotent_create_schema(FormatSerializer))
class FormatViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """The format catalogue: signed-in users read it; staff and network managers keep their
    network's formats."""

    queryset = Format.objects.select_related("network")
    serializer_class = FormatSerializer
    filterset_class = FormatFilterSet
    ordering_fields = ["name", "created_at", "updated_at"]
    http_method_names = READ_AND_CHANGE

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        if "network" not in data:
            network = _manager_network(self.request.user)
            if network is None:
                raise ValidationError({"network": [_("Choose the network of the format.")]})
            data["network"] = network
        serializer.instance = services.format_create(data=data, acting_user=self.request.user)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        serializer.instance = services.format_update(
            serializer.instance, data=dict(serializer.validated_data), acting_user=self.request.user
        )
