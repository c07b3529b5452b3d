"""REST routes of introductions: read what the policy shows; staff plan and steer them.

Staff and the board read every introduction, members those of their own organisation; the
history of outcomes comes along. Staff plan an introduction with POST (sending it, which mails
people, happens on the page); a pair that already has an introduction or an open interest
request answers 400 with `code: "duplicate"` and the existing ones named, unless the body says
`allow_duplicate: true`. Through the API, staff also record what came of one (`outcome`), with
the `version` it was read with (a stale one answers 409 with the current introduction).
Contact people and the suggestion an introduction came from are for the office; a member sees
only the contact on their own side.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.rest.viewsets import ScopedReadOnlyViewSet
from innonet.core.versioning import ConflictError
from innonet.core.versioning.rest import conflict_response, conflict_schema, version_field
from innonet.partners.models import Organisation, Person

from ..filters import IntroductionFilterSet
from ..models import Introduction, IntroductionOutcome, IntroductionStatus
from ..services import introductions as services

VERSION_HELP = _("The version you read. A stale version answers 409.")


class IntroducedOrganisation(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = IntroductionOutcome
        fields = ["status", "note", "recorded_at"]
        read_only_fields = fields


class IntroductionSerializer(serializers.ModelSerializer):
    first_organisation = IntroducedOrganisation(read_only=True)
    second_organisation = IntroducedOrganisation(read_only=True)
    outcomes = OutcomeSerializer(many=True, read_only=True)

    class Meta:
        model = Introduction
        fields = [
            "id", "topic", "message", "status", "introduced_on", "first_organisation",
            "first_person", "second_organisation", "second_person", "profile", "suggestion",
            "mailed_first", "mailed_second", "outcomes", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            "first_person": {"help_text": _("For the office and the first organisation.")},
            "second_person": {"help_text": _("For the office and the second organisation.")},
            "suggestion": {"help_text": _("For the office (else null).")},
        }

    def to_representation(self, introduction: Introduction) -> dict:
        data = super().to_representation(introduction)
        user = getattr(self.context.get("request"), "user", None)
        if permissions.reads_everything(user):
            return data
        own = getattr(user, "organisation_id", None)
        data["suggestion"] = None
        for side in ("first", "second"):
            if getattr(introduction, f"{side}_organisation_id") != own:
                data[f"{side}_person"] = None
        return data


class OutcomeInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=IntroductionStatus.choices)
    note = serializers.CharField(
        max_length=services.NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    version = version_field(VERSION_HELP)


class IntroductionInput(serializers.Serializer):
    first_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    second_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    first_person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.present(), required=False, allow_null=True, default=None
    )
    second_person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.present(), required=False, allow_null=True, default=None
    )
    topic = serializers.CharField(max_length=services.TOPIC_MAX_LENGTH)
    message = serializers.CharField(
        max_length=services.MESSAGE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    interest_request = serializers.IntegerField(
        min_value=1,
        max_value=2**62,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("A member's open interest request this introduction answers."),
    )
    allow_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Plan it although the pair already has an introduction or an open request "
            "(otherwise 400 with code duplicate)."
        ),
    )


def duplicate_response(error: services.DuplicateIntroductionError) -> Response:
    """400 naming what the pair already has, so the client can decide and send the override."""
    pair = error.pair
    body = {
        "detail": error.message,
        "code": "duplicate",
        "introductions": [
            {"id": item.pk, "topic": item.topic, "status": item.status}
            for item in pair.introductions
        ],
        "requests": [{"id": item.pk, "topic": item.topic} for item in pair.requests],
    }
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


class IntroductionViewSet(ScopedReadOnlyViewSet):
    """Introductions between two organisations with their outcome history: the office and
    the board read all, members those of their own organisation."""

    queryset = Introduction.objects.select_related(
        "first_organisation", "second_organisation"
    ).prefetch_related(
        Prefetch("outcomes", queryset=IntroductionOutcome.objects.order_by("recorded_at", "id"))
    )
    serializer_class = IntroductionSerializer
    filterset_class = IntroductionFilterSet
    ordering_fields = ["created_at", "status", "introduced_on"]

    @extend_schema(
        request=IntroductionInput,
        responses={
            201: IntroductionSerializer,
            400: OpenApiResponse(
                description="Bad input, or (code duplicate) the pair already has an "
                "introduction or an open request; send allow_duplicate to plan it anyway."
            ),
        },
    )
    def create(self, request: Request) -> Response:
        """Plan an introduction between two organisations (staff)."""
        if not permissions.is_staff(request.user):
            raise PermissionDenied
        data = IntroductionInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            introduction = services.introduction_create(
                **data.validated_data, acting_user=request.user
            )
        except services.DuplicateIntroductionError as error:
            return duplicate_response(error)
        created = self.get_queryset().get(pk=introduction.pk)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=OutcomeInput,
        responses={
            200: IntroductionSerializer,
            **conflict_schema(IntroductionSerializer),
        },
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        """Record what came of the introduction (staff): met, cooperating, project started
        or declined, as far as its status allows."""
        introduction = self.get_object()
        data = OutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = data.validated_data
        try:
            services.introduction_record_outcome(
                introduction,
                status=values["status"],
                note=values["note"],
                version=values.get("version"),
                acting_user=request.user,
            )
        except ConflictError as error:
            return conflict_response(self, error)
        return Response(self.get_serializer(self.get_queryset().get(pk=introduction.pk)).data)


urlpatterns: list = []


def register_routes(router) -> None:
    router.register("introductions", IntroductionViewSet, basename="introduction")
