"""REST routes of registrations: one-click self-registration, organisers registering others,
cancelling and check-in."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.rest.idempotency import IdempotentCreateMixin, idempotent_create_schema
from innonet.core.rest.viewsets import ScopedModelViewSet
from innonet.core.validators import check_email_address, check_plain_text

from .. import services
from ..filters import RegistrationFilterSet
from ..models import (
    Registration,
)
from .events import READ_AND_POST, _VisibleEventField

ATTENDEE_FIELDS = (
    "first_name", "last_name", "email", "organisation_name", "position", "phone",
    "dietary_requirements", "remarks", "language",
)  # fmt: skip
ONE_LINE_FIELDS = ("first_name", "last_name", "organisation_name", "position", "phone")


class RegistrationSerializer(serializers.ModelSerializer):
    event = _VisibleEventField()

    class Meta:
        model = Registration
        fields = [
            "id", "event", "status", "first_name", "last_name", "email", "organisation_name",
            "position", "phone", "dietary_requirements", "remarks", "language", "person",
            "organisation", "registered_by", "source", "confirmed_at", "waitlisted_at",
            "cancelled_at", "attended_at", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = [
            "status", "person", "organisation", "registered_by", "source", "confirmed_at",
            "waitlisted_at", "cancelled_at", "attended_at", "created_at", "updated_at",
        ]  # fmt: skip
        extra_kwargs = {
            "first_name": {
                "required": False,
                "help_text": _("Only when the office registers someone else."),
            },
            "last_name": {"required": False},
            "email": {"required": False},
        }
        validators: list = []

    def validate(self, attrs: dict) -> dict:
        for name in ATTENDEE_FIELDS:
            if name in attrs and name != "language":
                try:
                    check_plain_text(attrs[name], multiline=name not in ONE_LINE_FIELDS)
                except DjangoValidationError as exc:
                    raise ValidationError({name: exc.messages}) from exc
        return attrs


@extend_schema_view(create=idempotent_create_schema(RegistrationSerializer))
class RegistrationViewSet(IdempotentCreateMixin, ScopedModelViewSet):
    """Registrations: each user sees their own and, as a member, their organisation's; the
    organisers see their events' registrations. POST with only `event` registers yourself
    with one click; the event's organisers post a person's details to register them."""

    queryset = Registration.objects.all()
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilterSet
    ordering_fields = ["last_name", "created_at", "status"]
    http_method_names = READ_AND_POST

    def get_queryset(self) -> QuerySet:
        # A list shows each event as its id; one registration's permission check reads it.
        queryset = super().get_queryset()
        return queryset if self.action == "list" else queryset.select_related("event")

    def perform_create(self, serializer: serializers.Serializer) -> None:
        data = dict(serializer.validated_data)
        event = data.pop("event")
        user = self.request.user
        if not data:
            serializer.instance = services.registration_register_member(event, user=user)
            return
        if not permissions.can_change(user, event):
            raise PermissionDenied(
                _("Only the event's organisers register other people; send only the event.")
            )
        missing = [name for name in ("first_name", "last_name", "email") if not data.get(name)]
        if missing:
            raise ValidationError({name: [_("This field is required.")] for name in missing})
        try:
            data["email"] = check_email_address(data["email"])
        except DjangoValidationError as exc:
            raise ValidationError({"email": exc.messages}) from exc
        attendee = services.Attendee(**data)
        serializer.instance = services.registration_register_by_staff(
            event, attendee, acting_user=user
        )

    def check_object_permissions(self, request: Request, obj: Registration) -> None:
        if getattr(self, "action", None) == "cancel" and obj.user_id == request.user.pk:
            return  # one's own registration, whoever runs the event
        super().check_object_permissions(request, obj)

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel your own registration, or (as organiser) anyone's; a freed place goes to
        the waiting list. Cancelling twice changes nothing."""
        registration = services.registration_cancel(self.get_object(), acting_user=request.user)
        return Response(self.get_serializer(registration).data)

    @extend_schema(request=None, responses={200: RegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        """Record that a confirmed participant has arrived (organisers only)."""
        registration = services.registration_check_in(self.get_object(), acting_user=request.user)
        return Response(self.get_serializer(registration).data)
