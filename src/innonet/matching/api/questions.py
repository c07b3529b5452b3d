"""REST routes of the engine's questions: who can help with an idea, who fits a profile, whom an
organisation should meet, whom to invite to an event, and a consortium proposal.

The answers come from `innonet.matching.queries`, which also keeps out what the caller may not
see. The questions write nothing, so a read-only token may ask them too (the idea and the
consortium are POSTs only because their input does not fit a URL). Every question counts
against the caller's per-user limit (`matching`, the consortium `consortium`).
"""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from innonet.core import permissions
from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.core.ratelimit import UserScopedThrottle
from innonet.core.rest.fields import StrictPrimaryKeyRelatedField
from innonet.core.validators import check_plain_text
from innonet.events.models import Event
from innonet.partners.models import Organisation

from .. import queries
from ..models import CooperationProfile, PartnerSought
from .answers import AnswerOut, ConsortiumOut, ProfileAnswerOut, _answer, _consortium, _counterpart

MAX_TEXT = 5000
MAX_TERMS = 50
MAX_ORGANISATIONS = 20
MAX_ID = 2**63 - 1
UNKNOWN = _("No such entry, or not visible to you: %(ids)s")


# -- input -----------------------------------------------------------------------------------
def _ids(help_text: str, max_length: int = MAX_TERMS) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=max_length,
        required=False,
        default=list,
        help_text=help_text,
    )


def _resolve(name: str, ids: list[int], queryset: QuerySet) -> list:
    """The rows for `ids` in `queryset`, in the given order; unknown ids are one error."""
    wanted = list(dict.fromkeys(ids))
    found = queryset.in_bulk(wanted)
    missing = [str(pk) for pk in wanted if pk not in found]
    if missing:
        raise ValidationError({name: [UNKNOWN % {"ids": ", ".join(missing)}]})
    return [found[pk] for pk in wanted]


def _seen_organisations(user: Any, ids: list[int]) -> QuerySet:
    """Organisations the user may name: the ones they see and those with a public profile."""
    organisations = Organisation.objects.filter(pk__in=ids)
    allowed = set(permissions.visible(user, organisations).values_list("pk", flat=True))
    if not permissions.reads_everything(user):
        allowed |= queries.public_organisations(set(ids) - allowed)
    return Organisation.objects.filter(pk__in=allowed)


class IdeaInput(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        help_text=_("The idea in free text (German or English), up to 5,000 characters."),
    )
    competences = _ids(_("Ids of competences the partners should have."))
    ris3_fields = _ids(_("Ids of RIS3 fields of the idea."))
    partner_sought = serializers.ChoiceField(
        choices=PartnerSought.choices, required=False, allow_blank=True, default=""
    )
    district = StrictPrimaryKeyRelatedField(
        queryset=District.objects.active(), allow_null=True, required=False, default=None
    )
    country = StrictPrimaryKeyRelatedField(
        queryset=Country.objects.active(), allow_null=True, required=False, default=None
    )

    def validate_text(self, value: str) -> str:
        return check_plain_text(value, multiline=True)

    def validate(self, attrs: dict) -> dict:
        attrs["competences"] = _resolve(
            "competences", attrs["competences"], Competence.objects.active()
        )
        attrs["ris3_fields"] = _resolve(
            "ris3_fields", attrs["ris3_fields"], Ris3Field.objects.active()
        )
        return attrs


class IdeaQuestion(IdeaInput):
    limit = serializers.IntegerField(
        min_value=1, max_value=queries.MAX_LIMIT, required=False, default=queries.DEFAULT_LIMIT
    )
    partner_networks = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Also profiles that partner networks share with your network by agreement."),
    )


class ConsortiumQuestion(IdeaInput):
    must_include = _ids(_("Ids of organisations that must be members."), MAX_ORGANISATIONS)
    exclude = _ids(_("Ids of organisations to leave out."), MAX_ORGANISATIONS)
    min_size = serializers.IntegerField(min_value=1, max_value=8, required=False, default=3)
    max_size = serializers.IntegerField(min_value=1, max_value=12, required=False, default=8)
    needs_sme = serializers.BooleanField(required=False, default=True)
    needs_research = serializers.BooleanField(required=False, default=True)

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        user = self.context["request"].user
        named = attrs["must_include"] + attrs["exclude"]
        seen = _seen_organisations(user, named) if named else Organisation.objects.none()
        for name in ("must_include", "exclude"):
            attrs[name] = _resolve(name, attrs[name], seen)
        return attrs


class LimitQuery(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=queries.MAX_LIMIT, required=False, default=queries.DEFAULT_LIMIT
    )


LIMIT_PARAMETER = OpenApiParameter(
    "limit",
    OpenApiTypes.INT,
    location=OpenApiParameter.QUERY,
    required=False,
    description="How many organisations to return (1-100, default 20).",
)


# -- views -----------------------------------------------------------------------------------
class SignedIn(BasePermission):
    """Any signed-in user (read-only tokens too: a question writes nothing)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return permissions.role_of(request.user) != permissions.ANONYMOUS


class _Question(APIView):
    permission_classes = [SignedIn]
    throttle_classes = [UserScopedThrottle, *api_settings.DEFAULT_THROTTLE_CLASSES]
    throttle_scope = "matching"

    def limit(self, request: Request) -> int:
        query = LimitQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data["limit"]


class IdeaApi(_Question):
    @extend_schema(request=IdeaQuestion, responses={200: AnswerOut})
    def post(self, request: Request) -> Response:
        """Organisations that can help with an idea, best first, each with the reasons."""
        data = IdeaQuestion(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        answer = queries.who_can_help(
            request.user,
            values["text"],
            competences=values["competences"],
            ris3=values["ris3_fields"],
            partner_sought=values["partner_sought"],
            district=values["district"],
            country=values["country"],
            limit=values["limit"],
            partner_networks=values["partner_networks"],
        )
        return Response(AnswerOut(_answer(answer)).data)


class ProfileMatchesApi(_Question):
    @extend_schema(parameters=[LIMIT_PARAMETER], responses={200: ProfileAnswerOut})
    def get(self, request: Request, pk: int) -> Response:
        """Organisations and counterpart profiles that fit a cooperation profile: for staff,
        the board and the profile's own organisation."""
        user = request.user
        profile = get_object_or_404(
            permissions.visible(user, CooperationProfile.objects.select_related("organisation")),
            pk=pk,
        )
        own = permissions.role_of(user) == permissions.MEMBER and (
            profile.organisation_id == user.organisation_id
        )
        if not (own or permissions.reads_everything(user)):
            raise PermissionDenied
        answer, counterparts = queries.who_fits_profile(user, profile, self.limit(request))
        body = _answer(answer, counterpart_profiles=[_counterpart(m) for m in counterparts])
        return Response(ProfileAnswerOut(body).data)


class OrganisationMatchesApi(_Question):
    @extend_schema(parameters=[LIMIT_PARAMETER], responses={200: AnswerOut})
    def get(self, request: Request, pk: int) -> Response:
        """Organisations this one should meet: for staff, the board and its own members."""
        user = request.user
        organisation = get_object_or_404(
            permissions.visible(user, Organisation.objects.all()), pk=pk
        )
        own = permissions.role_of(user) == permissions.MEMBER and (
            organisation.pk == user.organisation_id
        )
        if not (own or permissions.reads_everything(user)):
            raise PermissionDenied
        answer = queries.whom_to_meet(user, organisation, self.limit(request))
        return Response(AnswerOut(_answer(answer)).data)


class EventMatchesApi(_Question):
    @extend_schema(parameters=[LIMIT_PARAMETER], responses={200: AnswerOut})
    def get(self, request: Request, pk: int) -> Response:
        """Organisations to invite to an event (not yet registered): for whoever may manage
        the event."""
        user = request.user
        event = get_object_or_404(permissions.visible(user, Event.objects.all()), pk=pk)
        if not permissions.can_change(user, event):
            raise PermissionDenied
        answer = queries.whom_to_invite(user, event, self.limit(request))
        return Response(AnswerOut(_answer(answer)).data)


class ConsortiumApi(_Question):
    throttle_scope = "consortium"

    @extend_schema(request=ConsortiumQuestion, responses={200: ConsortiumOut})
    def post(self, request: Request) -> Response:
        """A proposed consortium for an idea; impossible constraints answer `ok: false` with
        the problems named."""
        data = ConsortiumQuestion(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = data.validated_data
        answer = queries.consortium(
            request.user,
            values["text"],
            competences=values["competences"],
            ris3=values["ris3_fields"],
            must_include=values["must_include"],
            exclude=values["exclude"],
            district=values["district"],
            country=values["country"],
            min_size=values["min_size"],
            max_size=values["max_size"],
            needs_sme=values["needs_sme"],
            needs_research=values["needs_research"],
        )
        return Response(ConsortiumOut(_consortium(answer)).data)


urlpatterns = [
    path("matching/ideas/", IdeaApi.as_view(), name="api-matching-idea"),
    path("matching/profiles/<int:pk>/", ProfileMatchesApi.as_view(), name="api-matching-profile"),
    path(
        "matching/organisations/<int:pk>/",
        OrganisationMatchesApi.as_view(),
        name="api-matching-organisation",
    ),
    path("matching/events/<int:pk>/", EventMatchesApi.as_view(), name="api-matching-event"),
    path("matching/consortium/", ConsortiumApi.as_view(), name="api-matching-consortium"),
]


def register_routes(router) -> None:
    """The questions are plain views (see `urlpatterns`); nothing for the router."""
