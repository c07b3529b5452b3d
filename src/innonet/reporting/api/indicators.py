"""REST routes of the reporting app: the indicators for a period and network (staff and
board), each with its definition and, on its own route, the records it counts."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.rest.pagination import NumberedPagination
from innonet.core.rest.schema import AutoSchema
from innonet.networks.models import Network

from ..dashboard.queries import all_indicators, indicator_result
from ..indicators import INDICATORS, Indicator, Period, Result, period_from_query
from ..indicators.records import describe

FILTERS = ("year", "start", "end", "network", "page", "page_size")


class Readers(BasePermission):
    """Staff and board, as on the dashboard."""

    def has_permission(self, request, view) -> bool:
        return permissions.reads_everything(request.user)


class PartOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=False)


class IndicatorOut(serializers.Serializer):
    code = serializers.CharField()
    group = serializers.CharField()
    label = serializers.CharField()
    definition = serializers.CharField()
    source = serializers.CharField()
    unit = serializers.ChoiceField(choices=["count", "share", "euro", "rating"])
    value = serializers.FloatField(allow_null=True, help_text="Shares as fractions (0.25).")
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    parts = PartOut(many=True)


class PeriodOut(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


class IndicatorsOut(serializers.Serializer):
    period = PeriodOut()
    network = serializers.IntegerField(allow_null=True)
    indicators = IndicatorOut(many=True)


class EvidenceOut(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    label = serializers.CharField()
    date = serializers.DateField(allow_null=True)


class RecordOut(EvidenceOut):
    evidence = EvidenceOut(many=True)


class IndicatorDetailOut(IndicatorOut):
    period = PeriodOut()
    network = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField(help_text="Records counted (all pages).")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    records = RecordOut(many=True)


PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="A calendar year (instead of dates)."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="First day (YYYY-MM-DD)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day (YYYY-MM-DD)."),
    OpenApiParameter("network", OpenApiTypes.INT, description="A network's id; default all."),
]


def _indicator(indicator: Indicator, data: dict) -> dict:
    return {
        "code": indicator.code,
        "group": indicator.group,
        "label": str(indicator.label),
        "definition": str(indicator.definition),
        "source": str(indicator.source),
        "unit": indicator.unit,
        **{key: _number(data[key]) for key in ("value", "numerator", "denominator")},
        "parts": data["parts"],
    }


def _as_json(result: dict) -> dict:
    return Result(
        result["value"], (), result["parts"], result["numerator"], result["denominator"]
    ).as_json()


def _number(value):
    return None if value is None else float(value)


class OneDocumentSchema(AutoSchema):
    """The list route answers one document (the period and its indicators), not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False

    def get_operation_id(self) -> str:
        if getattr(self.view, "action", None) == "list":
            return "indicators_list"
        return super().get_operation_id()


class IndicatorViewSet(viewsets.ViewSet):
    """The indicators of the network for a period (this year by default) and a network."""

    permission_classes = [Readers]
    schema = OneDocumentSchema()
    lookup_field = "indicator"
    lookup_value_regex = r"[A-Za-z0-9_]+"

    def _scope(self, request: Request) -> tuple[Period, Network | None]:
        unknown = sorted(set(request.query_params) - set(FILTERS))
        if unknown:
            raise ValidationError({unknown[0]: ["Unknown parameter."]})
        try:
            period = period_from_query(request.query_params, today=timezone.localdate())
        except DomainError as error:
            raise ValidationError({error.field or "period": [error.message]}) from None
        raw = request.query_params.get("network", "")
        if not raw:
            return period, None
        if not (raw.isascii() and raw.isdigit()):
            raise ValidationError({"network": ["Expected a network's id."]})
        network = Network.objects.filter(pk=int(raw)).first()
        if network is None:
            raise ValidationError({"network": ["No such network."]})
        return period, network

    def _period(self, period: Period) -> dict:
        return {"start": period.start, "end": period.end, "label": period.label}

    @extend_schema(parameters=PARAMETERS, responses={200: IndicatorsOut})
    def list(self, request: Request) -> Response:
        period, network = self._scope(request)
        results = all_indicators(period, network)
        data = {
            "period": self._period(period),
            "network": network.pk if network else None,
            "indicators": [_indicator(INDICATORS[code], r) for code, r in results.items()],
        }
        return Response(IndicatorsOut(data).data)

    @extend_schema(
        parameters=[
            *PARAMETERS,
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("page_size", OpenApiTypes.INT),
        ],
        responses={200: IndicatorDetailOut},
    )
    def retrieve(self, request: Request, indicator: str) -> Response:
        """One indicator with the records it counts and why (paginated)."""
        code = indicator
        indicator = INDICATORS.get(code)
        if indicator is None:
            raise NotFound()
        period, network = self._scope(request)
        result = indicator_result(code, period, network)
        paginator = NumberedPagination()
        page = paginator.paginate_queryset(result["records"], request, view=self)
        data = {
            **_indicator(indicator, _as_json(result)),
            "period": self._period(period),
            "network": network.pk if network else None,
            "count": len(result["records"]),
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "records": [row.as_json() for row in describe(page)],
        }
        return Response(IndicatorDetailOut(data).data)
