"""The office's newsletter composer: issues with their segment and items, the live recipient
count, the preview as a chosen recipient sees it, test send, schedule or send now, and the
progress and figures of each issue. No open tracking and no tracking pixels, by design."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import StaffRequiredMixin

from ..forms.newsletter import IssueForm, PreviewForm, ScheduleForm
from ..models import Issue, IssueStatus, Subscription
from ..newsletter import mails
from ..newsletter.figures import issue_figures, recent_issues
from ..newsletter.segments import recipient_ids
from ..services import newsletter as services


def _issue(pk: int) -> Issue:
    return get_object_or_404(Issue, pk=pk)


class IssueListView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        issues = list(recent_issues(limit=100))
        context = {"issues": [(issue, issue_figures(issue)) for issue in issues]}
        return render(request, "content/newsletter/issue_list.html", context)


def _save(issue: Issue | None, form: IssueForm, user: Any) -> Issue:
    data = form.cleaned_data
    return services.issue_save(
        issue,
        subject=data["subject"],
        introduction=data["introduction"],
        network=data["network"],
        organisation_kinds=data["organisation_kinds"],
        districts=data["districts"],
        ris3_fields=data["ris3_fields"],
        topics=data["topics"],
        personal_section=data["personal_section"],
        items={name: data[name] for name in IssueForm.ITEM_FIELDS},
        acting_user=user,
    )


class IssueFormView(StaffRequiredMixin, View):
    """Create or edit a draft; "save and propose" fills the items for the segment."""

    def _render(self, request: HttpRequest, form: IssueForm, issue: Issue | None, status=200):
        count = _count(form.cleaned_data if form.is_bound and form.is_valid() else None, issue)
        context = {"form": form, "issue": issue, "recipient_count": count}
        return render(request, "content/newsletter/issue_form.html", context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        issue = _issue(pk) if pk else None
        if issue is not None and not issue.is_editable:
            return redirect("content:issue_detail", pk=issue.pk)
        form = IssueForm(initial=IssueForm.initial_for(issue) if issue else None)
        return self._render(request, form, issue)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        issue = _issue(pk) if pk else None
        form = IssueForm(request.POST)
        if form.is_valid():
            try:
                issue = _save(issue, form, request.user)
                if "propose" in request.POST:
                    services.issue_propose(issue)
                    messages.success(request, _("Items have been proposed for this segment."))
                    return redirect("content:issue_update", pk=issue.pk)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The issue has been saved."))
                return redirect("content:issue_detail", pk=issue.pk)
        return self._render(request, form, issue, status=400)


def _count(data: dict | None, issue: Issue | None) -> int:
    if data is not None:
        return len(
            recipient_ids(
                network_id=data["network"].pk if data["network"] else None,
                kinds=list(data["organisation_kinds"]),
                district_ids=[d.pk for d in data["districts"]],
                ris3_ids=[f.pk for f in data["ris3_fields"]],
                topics=list(data["topics"]),
            )
        )
    if issue is not None:
        from ..newsletter.segments import issue_recipient_ids

        return len(issue_recipient_ids(issue))
    return len(recipient_ids())


class RecipientCountView(StaffRequiredMixin, View):
    """The live count under the composer's segment fields (htmx)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = IssueForm(request.GET)
        form.is_valid()
        data = form.cleaned_data
        segment = {
            "network": data.get("network"),
            "organisation_kinds": data.get("organisation_kinds") or [],
            "districts": data.get("districts") or [],
            "ris3_fields": data.get("ris3_fields") or [],
            "topics": data.get("topics") or [],
        }
        context = {"recipient_count": _count(segment, None)}
        return render(request, "content/newsletter/_recipient_count.html", context)


class IssueDetailView(StaffRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        context = {
            "issue": issue,
            "figures": issue_figures(issue),
            "schedule_form": ScheduleForm(),
            "preview_form": PreviewForm(),
            "recipient_count": _count(None, issue) if issue.is_editable else None,
        }
        return render(request, "content/newsletter/issue_detail.html", context)


class IssueProgressView(StaffRequiredMixin, View):
    """The progress and figures box, polled while the issue is being sent."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        context = {"issue": issue, "figures": issue_figures(issue)}
        return render(request, "content/newsletter/_issue_progress.html", context)


class IssuePreviewView(StaffRequiredMixin, View):
    """The issue as one recipient sees it: HTML and plain text."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        form = PreviewForm(request.GET or None)
        reader = form.cleaned_data.get("subscription") if form.is_valid() else None
        reader = reader or Subscription(email="", language=request.LANGUAGE_CODE[:2])
        message = mails.issue_message(issue, reader, to="preview@invalid.example")
        context = {
            "issue": issue,
            "form": form,
            "reader": reader,
            # The plain text is rendered unescaped for the mail; here it is escaped again.
            "text": "".join([message.body]),
            **mails.issue_context(issue, reader),
        }
        return render(request, "content/newsletter/issue_preview.html", context)


class IssueTestSendView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        form = PreviewForm(request.POST)
        reader = form.cleaned_data.get("subscription") if form.is_valid() else None
        try:
            address = services.issue_test_send(issue, acting_user=request.user, subscription=reader)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("A test mail is on its way to %(address)s.") % {"address": address}
            )
        return redirect("content:issue_detail", pk=issue.pk)


class IssueScheduleView(StaffRequiredMixin, View):
    """Schedule the issue (or send it now when no time is given)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        if issue.status == IssueStatus.SENDING:
            # Resume an interrupted run: the progress mark and the keys make it safe.
            from ..tasks import plan_issue

            plan_issue(issue)
            messages.success(request, _("Sending goes on."))
            return redirect("content:issue_detail", pk=issue.pk)
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("scheduled_for", [])))
            return redirect("content:issue_detail", pk=issue.pk)
        try:
            issue = services.issue_schedule(
                issue, when=form.cleaned_data["scheduled_for"], acting_user=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The issue will be sent."))
        return redirect("content:issue_detail", pk=issue.pk)


class IssueUnscheduleView(StaffRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = _issue(pk)
        try:
            services.issue_unschedule(issue, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The issue is a draft again."))
        return redirect("content:issue_detail", pk=issue.pk)
