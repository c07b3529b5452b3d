"""REST routes of funding programmes (with their funding rates per partner kind) and calls
(with their deadlines)."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet

from .. import services
from ..filters import CallFilterSet, ProgrammeFilterSet
from ..models import (
    CallDeadline,
    FundingCall,
    FundingProgramme,
)
from ..models.programmes import PARTNER_KIND_CHOICES
from .projects import READ_AND_CHANGE

RATE = {"max_digits": 5, "decimal_places": 2, "min_value": Decimal(0), "max_value": Decimal(100)}


class FundingRatesSerializer(serializers.Serializer):
    """Funding rate in percent per kind of partner; null removes a rate."""

    sme = serializers.DecimalField(**RATE, allow_null=True, required=False)
    large = serializers.DecimalField(**RATE, allow_null=True, required=False)
    research = serializers.DecimalField(**RATE, allow_null=True, required=False)
    other = serializers.DecimalField(**RATE, allow_null=True, required=False)

    def to_representation(self, programme: Any) -> dict:
        rates = {rate.partner_kind: f"{rate.rate:.2f}" for rate in programme.rates.all()}
        return {kind: rates.get(kind) for kind, _label in PARTNER_KIND_CHOICES}


class FundingProgrammeSerializer(serializers.ModelSerializer):
    rates = FundingRatesSerializer(source="*", required=False)
    min_partners = serializers.IntegerField(min_value=1, max_value=100, required=False)
    max_partners = serializers.IntegerField(
        min_value=1, max_value=100, allow_null=True, required=False
    )
    min_countries = serializers.IntegerField(min_value=1, max_value=50, required=False)

    class Meta:
        model = FundingProgramme
        fields = [
            "id", "name", "funder", "level", "description", "url", "min_partners",
            "max_partners", "requires_sme", "requires_research", "min_countries", "is_active",
            "rates", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        validators: list = []
        extra_kwargs = {"name": {"validators": []}}  # the service checks it ignoring case


def _split_rates(data: dict) -> tuple[dict, dict]:
    """`rates` with source="*" arrives flattened into the data."""
    rates = {kind: data.pop(kind) for kind, _label in PARTNER_KIND_CHOICES if kind in data}
    return data, rates


@extend_schema_view(create=idempotent_create_schema(FundingProgrammeSerializer))
class ProgrammeViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Funding programmes with their consortium rules and rates: every signed-in user reads
    them, staff keep them."""

    queryset = FundingProgramme.objects.prefetch_related("rates")
    serializer_class = FundingProgrammeSerializer
    filterset_class = ProgrammeFilterSet
    ordering_fields = ["name", "funder", "created_at"]
    http_method_names = READ_AND_CHANGE

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data, rates = _split_rates(dict(serializer.validated_data))
        programme = services.programme_create(data=data, rates=rates, acting_user=self.request.user)
        serializer.instance = self.get_queryset().get(pk=programme.pk)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data, rates = _split_rates(dict(serializer.validated_data))
        programme = services.programme_update(
            serializer.instance, data=data, rates=rates, acting_user=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=programme.pk)


class CallDeadlineSerializer(serializers.ModelSerializer):
    label = serializers.CharField(max_length=120)

    class Meta:
        model = CallDeadline
        fields = ["label", "due_at"]


class FundingCallSerializer(serializers.ModelSerializer):
    programme = StrictPrimaryKeyRelatedField(
        queryset=FundingProgramme.objects.all(),
        help_text=_("Set on create; a call does not move to another programme."),
    )
    deadlines = CallDeadlineSerializer(
        many=True,
        required=False,
        max_length=20,
        help_text=_("On change: the complete new list (new deadlines must lie in the future)."),
    )

    class Meta:
        model = FundingCall
        fields = [
            "id", "programme", "title", "topics", "url", "opens_on", "is_active", "deadlines",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs: dict) -> dict:
        programme = attrs.get("programme")
        if self.instance is not None and programme not in (None, self.instance.programme):
            raise ValidationError({"programme": [_("Open a new call in the other programme.")]})
        return attrs


def _deadlines(data: dict) -> list[services.Deadline] | None:
    if "deadlines" not in data:
        return None
    return [services.Deadline(row["label"], row["due_at"]) for row in data.pop("deadlines")]


@extend_schema_view(create=idempotent_create_schema(FundingCallSerializer))
class CallViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Calls of funding programmes with their deadlines: every signed-in user reads them,
    staff keep them."""

    queryset = FundingCall.objects.select_related("programme").prefetch_related("deadlines")
    serializer_class = FundingCallSerializer
    filterset_class = CallFilterSet
    ordering_fields = ["title", "opens_on", "created_at"]
    http_method_names = READ_AND_CHANGE

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        programme = data.pop("programme")
        deadlines = _deadlines(data) or []
        call = services.call_create(
            programme, data=data, deadlines=deadlines, acting_user=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=call.pk)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("programme", None)
        deadlines = _deadlines(data)
        call = services.call_update(
            serializer.instance, data=data, deadlines=deadlines, acting_user=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=call.pk)
