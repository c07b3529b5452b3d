"""The own plan as PDF and as a calendar file."""

from django.http import HttpRequest, HttpResponse
from django.views import View

from innonet.core import ical
from innonet.core.views.mixins import SignedInMixin

from .. import documents
from .common import marketplace_or_404, participant_or_404


class MyPlanPdfView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = participant_or_404(request, marketplace_or_404(request, pk))
        response = HttpResponse(documents.plan_pdf(participant), content_type="application/pdf")
        name = documents.filename(participant, "pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class MyPlanIcsView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = participant_or_404(request, marketplace_or_404(request, pk))
        return ical.response(
            documents.plan_ics(participant), filename=documents.filename(participant, "ics")
        )
