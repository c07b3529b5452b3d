"""REST routes of events: the calendar with places, filters by time, and the moves from draft
to published, cancelled and finished. Also the helpers the format and registration routes
share (the manager's network, the requesting user, a field of visible events)."""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.dates import check_plausible_year
from innonet.core.models import Competence, Ris3Field
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.networks.models import Network

from .. import services
from ..filters import EventFilterSet
from ..models import (
    AskedField,
    Event,
    EventStatus,
    Format,
)

READ_AND_CHANGE = ["get", "post", "patch", "head", "options"]
READ_AND_POST = ["get", "post", "head", "options"]


def _manager_network(user: Any) -> Network | None:
    if permissions.role_of(user) == permissions.NETWORK_MANAGER:
        return user.network
    return None


def _request_user(serializer: serializers.Field) -> Any:
    return getattr(serializer.context.get("request"), "user", None)


class _VisibleEventField(StrictPrimaryKeyRelatedField):
    """Only events the requesting user may see; others are "not found" (400), never leaked."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Event.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet:
        return permissions.visible(_request_user(self), Event.objects.all())


class PlacesSerializer(serializers.Serializer):
    capacity = serializers.IntegerField(allow_null=True, help_text=_("Empty: no limit."))
    confirmed = serializers.IntegerField()
    waiting = serializers.IntegerField()
    free = serializers.IntegerField(allow_null=True, help_text=_("Empty: no limit."))


class EventSerializer(serializers.ModelSerializer):
    format = StrictPrimaryKeyRelatedField(
        queryset=Format.objects.all(), allow_null=True, required=False
    )
    organiser = StrictPrimaryKeyRelatedField(
        queryset=Network.objects.all(),
        required=False,
        help_text=_("The organising network; a network manager's own by default."),
    )
    co_organisers = StrictPrimaryKeyRelatedField(
        queryset=Network.objects.all(), many=True, required=False
    )
    ris3_fields = StrictPrimaryKeyRelatedField(
        queryset=Ris3Field.objects.all(), many=True, required=False
    )
    competences = StrictPrimaryKeyRelatedField(
        queryset=Competence.objects.all(), many=True, required=False
    )
    asked_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=AskedField.choices),
        required=False,
        max_length=len(AskedField.choices),
        help_text=_("What the registration form asks for beyond name and e-mail address."),
    )
    places = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "title", "summary", "description", "starts_at", "ends_at", "venue",
            "online_url", "organiser", "co_organisers", "speakers", "ris3_fields", "competences",
            "visibility", "status", "capacity", "waiting_list", "registration_opens_at",
            "registration_closes_at", "requires_approval", "asked_fields", "consent_text",
            "format", "places", "published_at", "cancelled_at", "cancellation_reason",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "published_at", "cancelled_at", "cancellation_reason", "created_at",
            "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "capacity": {"max_value": 100_000},
            "consent_text": {"required": False},
        }

    def validate_starts_at(self, value: datetime) -> datetime:
        return check_plausible_year(value)

    def validate_ends_at(self, value: datetime) -> datetime:
        return check_plausible_year(value)

    def validate_registration_opens_at(self, value: datetime | None) -> datetime | None:
        return check_plausible_year(value)

    def validate_registration_closes_at(self, value: datetime | None) -> datetime | None:
        return check_plausible_year(value)

    @extend_schema_field(PlacesSerializer)
    def get_places(self, event: Event) -> dict[str, int | None]:
        if not hasattr(event, "free_places"):  # an event the view did not count
            event = Event.objects.with_places().get(pk=event.pk)
        return {
            "capacity": event.capacity,
            "confirmed": event.confirmed_count,
            "waiting": event.waiting_count,
            "free": event.free_places,
        }

    def validate_asked_fields(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[
            (EventStatus.PUBLISHED, EventStatus.PUBLISHED.label),
            (EventStatus.CANCELLED, EventStatus.CANCELLED.label),
            (EventStatus.FINISHED, EventStatus.FINISHED.label),
        ],
        help_text=_("published (from draft), cancelled (from draft or published), finished."),
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=_("For a cancellation: told to the participants."),
    )


M2M_FIELDS = ("co_organisers", "ris3_fields", "competences")


def _split_m2m(data: dict) -> tuple[dict, dict]:
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    return data, m2m


@extend_schema_view(create=idempotent_create_schema(EventSerializer))
class EventViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Events: anyone reads the published public ones, signed-in users also members-only
    events; staff and the organising networks' managers create and change them."""

    public_read = True
    queryset = Event.objects.select_related("organiser", "format").prefetch_related(
        "co_organisers", "ris3_fields", "competences"
    )
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    ordering_fields = ["starts_at", "title", "created_at", "updated_at"]
    http_method_names = READ_AND_CHANGE

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().with_places()

    def _fresh(self, event: Event) -> Event:
        return self.get_queryset().get(pk=event.pk)

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data, m2m = _split_m2m(dict(serializer.validated_data))
        if "organiser" not in data:
            network = _manager_network(self.request.user)
            if network is None:
                raise ValidationError({"organiser": [_("Choose the organising network.")]})
            data["organiser"] = network
        event = services.event_create(data=data, m2m=m2m, acting_user=self.request.user)
        serializer.instance = self._fresh(event)

    def perform_update(self, serializer: serializers.Serializer) -> None:
        data, m2m = _split_m2m(dict(serializer.validated_data))
        event = services.event_update(
            serializer.instance, data=data, m2m=m2m, acting_user=self.request.user
        )
        serializer.instance = self._fresh(event)

    @extend_schema(request=TransitionSerializer, responses={200: EventSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Publish, cancel (with a reason for the participants) or finish the event."""
        event = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = data.validated_data["status"]
        if target == EventStatus.PUBLISHED:
            services.event_publish(event, acting_user=request.user)
        elif target == EventStatus.CANCELLED:
            reason = data.validated_data.get("reason", "")
            services.event_cancel(event, reason=reason, acting_user=request.user)
        else:
            services.event_finish(event, acting_user=request.user)
        return Response(self.get_serializer(self._fresh(event)).data)
