"""GDPR pages: one person's data export (JSON, PDF), erasure and who saw their data; the
register of personal data and the records of processing (Art. 30) as a file."""

import json

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from innonet.core import permissions
from innonet.core.access_log import described
from innonet.core.errors import DomainError
from innonet.core.forms import StyledFormMixin
from innonet.core.privacy import REGISTER, coverage
from innonet.core.privacy.records import field_label, records_export
from innonet.core.privacy.register import SECURITY_PERIOD
from innonet.core.ratelimit import rate_limited
from innonet.core.views.mixins import ReadersRequiredMixin, StaffRequiredMixin, get_visible_or_404

from .. import services
from ..models import Person
from ..queries import person_accesses


def _attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PersonExportJsonView(StaffRequiredMixin, View):
    """Everything about one person as JSON (GDPR Art. 15 and 20)."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.all(), pk=pk)
        data = services.person_export_data(person, acting_user=request.user)
        body = json.dumps(data, ensure_ascii=False, indent=2).encode()
        return _attachment(
            body, filename=f"person-{person.pk}.json", content_type="application/json"
        )


class PersonExportPdfView(StaffRequiredMixin, View):
    """The same collection as a readable PDF for the person: every section, empty or not."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from weasyprint import HTML

        person = get_visible_or_404(request.user, Person.objects.all(), pk=pk)
        export = services.person_export(
            person, acting_user=request.user, source="person data export (PDF)"
        )
        context = {"exported_at": export.exported_at, "sections": export.as_document()}
        html = render_to_string("partners/privacy_export.html", context)
        pdf = HTML(string=html, base_url=None).write_pdf()
        return _attachment(pdf, filename=f"person-{person.pk}.pdf", content_type="application/pdf")


class ErasureForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy("e.g. request by e-mail of 3 May, ticket number"),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that names and contact data cannot be restored.")
    )


class PersonEraseView(StaffRequiredMixin, View):
    """Confirm and carry out the erasure of one person (GDPR Art. 17)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.present(), pk=pk)
        return render(
            request, "partners/privacy_erase.html", {"person": person, "form": ErasureForm()}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.present(), pk=pk)
        form = ErasureForm(request.POST)
        if form.is_valid():
            try:
                services.person_erase(
                    person, reason=form.cleaned_data["reason"], acting_user=request.user
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The person's identity has been erased."))
                return redirect("reporting:home")
        context = {"person": person, "form": form}
        return render(request, "partners/privacy_erase.html", context, status=400)


class PrivacyRegisterView(ReadersRequiredMixin, View):
    """The register of personal data: field, purpose, legal basis, retention, and what erasing
    a person does to the field."""

    def get(self, request: HttpRequest) -> HttpResponse:
        covered = coverage()
        rows = [
            {
                "field": name,
                "label": field_label(name),
                "erasure": sorted({str(erasure.label) for _app, erasure in covered.get(name, [])}),
                **vars(processing),
            }
            for name, processing in sorted(REGISTER.items())
        ]
        context = {"rows": rows, "is_staff": permissions.is_staff(request.user)}
        return render(request, "partners/privacy_register.html", context)


class PrivacyRecordsExportView(StaffRequiredMixin, View):
    """The records of processing activities (Art. 30 GDPR) as CSV or XLSX."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        return records_export(fmt, acting_user=request.user).response()


class PersonAccessListView(StaffRequiredMixin, ListView):
    """Who opened or exported one person's data, and when (for a data-protection request)."""

    template_name = "partners/person_accesses.html"
    context_object_name = "accesses"
    paginate_by = 50

    def get_queryset(self):
        self.person = get_visible_or_404(
            self.request.user, Person.objects.all(), pk=self.kwargs["pk"]
        )
        return person_accesses(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(person=self.person, retention=SECURITY_PERIOD, **kwargs)
        context["accesses"] = described(context["accesses"])
        return context


class PersonAccessExportView(StaffRequiredMixin, View):
    """The same list as CSV."""

    @method_decorator(rate_limited("export"))
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_visible_or_404(request.user, Person.objects.all(), pk=pk)
        return services.person_accesses_export(person, acting_user=request.user).response()
