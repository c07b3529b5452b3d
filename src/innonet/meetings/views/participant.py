"""A participant's pages: the marketplace (who is coming, suggestions), the own profile,
requests in and out, and the own plan."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View

from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.views.mixins import SignedInMixin

from .. import queries, services
from ..forms import ProfileForm, RequestForm
from ..models import MeetingRequest, Participant, PlanState
from .common import can_read_office, marketplace_or_404, participant_or_404, visible_or_404

PAGE_SIZE = 30


class MarketplaceView(SignedInMixin, View):
    """Who is coming, with the engine's suggestions; a join button for registered people."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = marketplace_or_404(request, pk)
        viewer = services.own_participant(request.user, marketplace)
        active = viewer is not None and viewer.withdrawn_at is None
        office = can_read_office(request.user, marketplace)
        q = request.GET.get("q", "")[: queries.SEARCH_MAX]
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "viewer": viewer,
            "office": office,
            "q": q,
            "closed": services.requests_open_error(marketplace),
            "can_join": viewer is None
            and services.own_registration(request.user, marketplace) is not None,
        }
        if active or office:
            if active:
                viewer.marketplace = marketplace
            listed = queries.listed(marketplace, viewer if active else None, q)
            page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
            known = queries.requests_with(viewer) if active else {}
            for person in page:
                person.my_request = known.get(person.pk)
            context.update(
                page=page,
                suggested=queries.suggestions(request.user, viewer, exclude=known)
                if active and not q and page.number == 1
                else [],
            )
        return render(request, "meetings/marketplace.html", context)


class JoinView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = marketplace_or_404(request, pk)
        try:
            services.participant_join(marketplace, user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("meetings:marketplace", pk=pk)
        messages.success(request, gettext("Please check your profile and publish it."))
        return redirect("meetings:profile", pk=pk)


class ProfileView(SignedInMixin, View):
    template_name = "meetings/profile.html"

    def form(self, participant: Participant, data=None) -> ProfileForm:
        initial = {
            "headline": participant.headline,
            "offers": participant.offers,
            "seeks": participant.seeks,
            "published": True if not participant.published else participant.published,
            "unavailable_slots": list(participant.unavailable_slots.all()),
        }
        return ProfileForm(
            data, initial=initial, slots=queries.meeting_slots(participant.marketplace)
        )

    def render_page(self, participant: Participant, form: ProfileForm) -> HttpResponse:
        marketplace = participant.marketplace
        with timezone.override(queries.zone(marketplace)):
            return render(
                self.request,
                self.template_name,
                {
                    "marketplace": marketplace,
                    "event": marketplace.event,
                    "participant": participant,
                    "form": form,
                },
            )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = participant_or_404(request, marketplace_or_404(request, pk))
        return self.render_page(participant, self.form(participant))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = participant_or_404(request, marketplace_or_404(request, pk))
        form = self.form(participant, request.POST)
        if form.is_valid():
            try:
                services.participant_update(
                    participant, acting_user=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("Your profile has been saved."))
                return redirect("meetings:marketplace", pk=pk)
        return self.render_page(participant, form)


class WithdrawView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = participant_or_404(request, marketplace_or_404(request, pk))
        services.participant_withdraw(participant, acting_user=request.user)
        messages.success(request, gettext("You have left the meeting marketplace."))
        return redirect("events:event_detail", pk=pk)


class RequestCreateView(SignedInMixin, View):
    template_name = "meetings/request_form.html"

    def objects(self, request: HttpRequest, pk: int, participant: int):
        marketplace = marketplace_or_404(request, pk)
        viewer = participant_or_404(request, marketplace)
        recipient = visible_or_404(
            request,
            Participant.objects.filter(marketplace=marketplace, withdrawn_at__isnull=True),
            pk=participant,
        )
        return marketplace, viewer, recipient

    def render_page(self, marketplace, recipient, form) -> HttpResponse:
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "recipient": recipient,
            "form": form,
        }
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int, participant: int) -> HttpResponse:
        marketplace, _viewer, recipient = self.objects(request, pk, participant)
        return self.render_page(marketplace, recipient, RequestForm())

    def post(self, request: HttpRequest, pk: int, participant: int) -> HttpResponse:
        marketplace, viewer, recipient = self.objects(request, pk, participant)
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                services.request_create(
                    requester=viewer,
                    recipient=recipient,
                    message=form.cleaned_data["message"],
                    acting_user=request.user,
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("Your request has been sent."))
                return redirect("meetings:my_requests", pk=pk)
        return self.render_page(marketplace, recipient, form)


class MyRequestsView(SignedInMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = marketplace_or_404(request, pk)
        viewer = participant_or_404(request, marketplace)
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "viewer": viewer,
            "incoming": queries.incoming(viewer),
            "outgoing": queries.outgoing(viewer),
            "closed": services.requests_open_error(marketplace),
            "planned": marketplace.plan_state == PlanState.DONE,
        }
        with timezone.override(queries.zone(marketplace)):
            return render(request, "meetings/my_requests.html", context)


def _own_request(request: HttpRequest, pk: int) -> MeetingRequest:
    return visible_or_404(
        request,
        MeetingRequest.objects.select_related("marketplace__event", "requester", "recipient"),
        pk=pk,
    )


class RequestAnswerView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting_request = _own_request(request, pk)
        accept = request.POST.get("answer") == "accept"
        try:
            services.request_answer(meeting_request, accept=accept, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("You have accepted the meeting.")
                if accept
                else gettext("You have declined the request."),
            )
        return redirect("meetings:my_requests", pk=meeting_request.marketplace.event_id)


class RequestWithdrawView(SignedInMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting_request = _own_request(request, pk)
        try:
            services.request_withdraw(meeting_request, acting_user=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext("The request has been withdrawn."))
        return redirect("meetings:my_requests", pk=meeting_request.marketplace.event_id)


class MyPlanView(SignedInMixin, View):
    """The day's plan, one card per slot: readable on a phone at the event."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        marketplace = marketplace_or_404(request, pk)
        viewer = participant_or_404(request, marketplace)
        context = {
            "marketplace": marketplace,
            "event": marketplace.event,
            "viewer": viewer,
            "rows": queries.plan_of(viewer),
            "planned": marketplace.plan_state == PlanState.DONE,
        }
        with timezone.override(queries.zone(marketplace)):
            return render(request, "meetings/my_plan.html", context)
