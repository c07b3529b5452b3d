"""REST routes of introductions: read what the policy shows, and (staff) record outcomes.

Staff and the board read every introduction, members those of their own organisation; the
history of outcomes comes along. Planning and sending an introduction happen on the pages (they
mail people); through the API, staff record what came of one (`outcome`), with the `version`
it was read with (a stale one answers 409 with the current introduction). Contact people and
the suggestion an introduction came from are for the office; a member sees only the contact on
their own side.
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.rest.viewsets import ScopedReadOnlyViewSet
from innonet.core.versioning import ConflictError
from innonet.core.versioning.rest import conflict_response, conflict_schema, version_field

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
