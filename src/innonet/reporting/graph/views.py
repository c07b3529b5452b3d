"""The network as a graph: the page (picture and tables) and its GraphML and CSV exports, for
staff and board. The same filter (period, network) drives all three.

The graph's modules (networkx, numpy, scipy) are imported inside the views: this module is
loaded with the URLs by every web process, most of which never draw a graph (decisions.md,
"Heavy libraries")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views import View

from innonet.core.views.mixins import ReadersRequiredMixin
from innonet.partners.models import Organisation

from .forms import GraphFilterForm
from .period import Period

if TYPE_CHECKING:
    from .report import GraphReport

KIND_LABELS = dict(Organisation.Kind.choices)
GRAPHML = "application/graphml+xml; charset=utf-8"
CSV = "text/csv; charset=utf-8"


def _attention_url() -> str | None:
    """The list of partners who went quiet, once that page exists."""
    try:
        return reverse("reporting:attention")
    except NoReverseMatch:
        return None


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def _description(report: GraphReport, period: Period) -> str:
    graph = report.graph
    text = _(
        "%(organisations)s organisations with %(ties)s ties between %(start)s and %(end)s."
    ) % {
        "organisations": graph.number_of_nodes(),
        "ties": graph.number_of_edges(),
        "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
        "end": formats.date_format(period.end, "SHORT_DATE_FORMAT"),
    }
    if report.central:
        names = ", ".join(row.name for row in report.central[:3])
        text += " " + _("Most central: %(names)s.") % {"names": names}
    return text


def _bridge_rows(report: GraphReport) -> list[dict[str, Any]]:
    fields = report.data.ris3_fields
    return [
        {
            "bridge": row,
            "kind": KIND_LABELS.get(row.kind, row.kind),
            "other_kinds": [str(KIND_LABELS.get(kind, kind)) for kind in row.other_kinds],
            "other_fields": [fields[pk] for pk in row.other_fields],
        }
        for row in report.bridges
    ]


class NetworkGraphView(ReadersRequiredMixin, View):
    """The picture of the network in a period, with central partners, bridges between
    sectors and white spots as tables beside it."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from . import analysis, svg
        from .layout import DRAWN_PER_ORGANISATION
        from .report import graph_report
        from .ties import EVENT_WEIGHT, INTRODUCTION_WEIGHT, PROJECT_WEIGHT

        form = GraphFilterForm.from_query(request.GET)
        period, network, colour = form.filters()
        report = graph_report(period, network_id=network)
        colours, legend = svg.colours_for(
            report.graph, by=colour, kind_labels=KIND_LABELS, ris3_fields=report.data.ris3_fields
        )
        drawing = svg.draw(
            report.graph,
            report.drawn,
            report.positions,
            colours,
            title=_("The network's ties"),
            description=_description(report, period),
            named=[row.pk for row in report.central[: svg.NAMED]],
        )
        white_spots = report.white_spots
        context = {
            "form": form,
            "period": period,
            "network_name": form.networks.get(network) if network else None,
            "colour": colour,
            "report": report,
            "drawing": drawing,
            "legend": legend,
            "drawn_per_organisation": DRAWN_PER_ORGANISATION,
            "organisations_in_scope": len(report.data.organisations),
            "central": [
                {"row": row, "kind": KIND_LABELS.get(row.kind, row.kind)} for row in report.central
            ],
            "bridges": _bridge_rows(report),
            "ties_across": _percent(report.cross_share),
            "white_spots": white_spots,
            "white_spot_count": sum(1 for row in white_spots if row.is_white_spot),
            "white_spot_below": analysis.WHITE_SPOT_BELOW,
            "weights": {
                "event": EVENT_WEIGHT,
                "introduction": INTRODUCTION_WEIGHT,
                "project": PROJECT_WEIGHT,
            },
            "query": form.query(),
            "attention_url": _attention_url(),
        }
        return render(request, "reporting/graph.html", context)


class _ExportView(ReadersRequiredMixin, View):
    extension = ""
    content_type = ""

    def content(self, graph, data) -> bytes:
        raise NotImplementedError

    def get(self, request: HttpRequest) -> HttpResponse:
        from .analysis import build_graph
        from .ties import load_network

        period, network, _colour = GraphFilterForm.from_query(request.GET).filters()
        data = load_network(period, network_id=network)
        graph = build_graph(data)
        response = HttpResponse(self.content(graph, data), content_type=self.content_type)
        name = f"netzwerkgraph-{period.start.isoformat()}-{period.end.isoformat()}"
        response["Content-Disposition"] = f'attachment; filename="{name}.{self.extension}"'
        return response


class NetworkGraphGraphmlView(_ExportView):
    """The graph of the page's period and scope as GraphML."""

    extension = "graphml"
    content_type = GRAPHML

    def content(self, graph, data) -> bytes:
        from .exports import graphml_bytes

        return graphml_bytes(graph, data, KIND_LABELS)


class NetworkGraphCsvView(_ExportView):
    """The ties of the page's period and scope as CSV."""

    extension = "csv"
    content_type = CSV

    def content(self, graph, data) -> bytes:
        from .exports import ties_csv

        return ties_csv(graph, data)
