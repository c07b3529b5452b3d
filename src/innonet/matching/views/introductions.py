"""Introduction pages: the list, planning one from an engine result, the detail page with the
mail state and the outcome history, sending, outcomes, and a member's "I am interested".

The office and the board see every introduction; members see their own organisation's.
Partner-network managers have no business with introductions between members: 403.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views import View
from django_filters.views import FilterView

from innonet.core import permissions
from innonet.core.errors import DomainError
from innonet.core.forms import form_error
from innonet.core.versioning import ConflictError
from innonet.core.views.mixins import RoleRequiredMixin, StaffRequiredMixin, get_visible_or_404

from .. import feeds, mails
from ..filters import IntroductionFilterSet
from ..forms.introductions import (
    SORTS,
    IntroductionForm,
    OutcomeForm,
    RequestCloseForm,
    RequestForm,
    initial_from_query,
)
from ..models import (
    CooperationProfile,
    InterestRequest,
    InterestRequestStatus,
    Introduction,
    IntroductionStatus,
)
from ..services import introductions as services

DEFAULT_SORT = "-created"
OPEN_REQUESTS_SHOWN = 50


class IntroductionRolesMixin(RoleRequiredMixin):
    roles = (permissions.MEMBER, permissions.BOARD, permissions.STAFF)


def _introductions(user: Any) -> QuerySet:
    queryset = Introduction.objects.select_related("first_organisation", "second_organisation")
    return permissions.visible(user, queryset)


class IntroductionListView(IntroductionRolesMixin, FilterView):
    """Every introduction (office, board) or the own organisation's (members)."""

    filterset_class = IntroductionFilterSet
    paginate_by = 25
    template_name = "matching/introduction_list.html"

    def sort_key(self) -> str:
        sort = self.request.GET.get("sort", "")
        return sort if sort in SORTS else DEFAULT_SORT

    def get_queryset(self) -> QuerySet:
        return _introductions(self.request.user).order_by(*SORTS[self.sort_key()])

    def get_filterset(self, filterset_class: type) -> IntroductionFilterSet:
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sort = self.sort_key()
        context.update(
            sort=sort,
            can_create=permissions.is_staff(self.request.user),
            open_requests=list(
                services.visible_requests(self.request.user)
                .filter(status=InterestRequestStatus.OPEN)
                .select_related("requested_by")
                .order_by("created_at", "pk")[:OPEN_REQUESTS_SHOWN]
            ),
            open_request_count=services.visible_requests(self.request.user)
            .filter(status=InterestRequestStatus.OPEN)
            .count(),
        )
        return context


def _side(introduction: Introduction, side: str, user: Any) -> dict[str, Any]:
    """One side as the detail page shows it: organisation, contact, mail state and why."""
    view = mails.side_of(introduction, side)
    organisation = view.organisation
    problem = mails.mail_problem(view.person)
    if introduction.status != IntroductionStatus.PLANNED:
        mailed = introduction.mailed_first if side == mails.FIRST else introduction.mailed_second
    else:
        mailed = None
    return {
        "organisation": organisation,
        "organisation_visible": permissions.can_view(user, organisation),
        "person": view.person,
        "problem": problem,
        "mailed": mailed,
        "shares_contact": mails.sharing_granted(view.person, organisation),
    }


def render_detail(
    request: HttpRequest,
    introduction: Introduction,
    *,
    outcome_form: OutcomeForm | None = None,
    conflict: str = "",
) -> HttpResponse:
    """The detail page; a rejected outcome form comes back with its errors."""
    user = request.user
    can_change = permissions.can_change(user, introduction)
    readers = permissions.reads_everything(user)
    moves = services.manual_moves(introduction)
    if can_change and moves and outcome_form is None:
        outcome_form = OutcomeForm(introduction=introduction)
    context = {
        "introduction": introduction,
        "outcomes": list(introduction.outcomes.select_related("recorded_by")),
        "sides": [_side(introduction, side, user) for side in mails.SIDES] if readers else [],
        "readers": readers,
        "can_change": can_change,
        "can_send": can_change and introduction.status == IntroductionStatus.PLANNED,
        "outcome_form": outcome_form if can_change and moves else None,
        "next_steps": feeds.next_steps(user, introduction),
        "profile_visible": introduction.profile_id is not None
        and permissions.can_view(user, introduction.profile),
        "conflict": conflict,
    }
    return render(request, "matching/introduction_detail.html", context)


def _introduction_or_404(request: HttpRequest, pk: int) -> Introduction:
    queryset = _introductions(request.user).select_related(
        "first_person", "second_person", "profile", "suggestion", "created_by"
    )
    return get_visible_or_404(request.user, queryset, pk=pk)


def _introduction_to_change(request: HttpRequest, pk: int) -> Introduction:
    """A visible introduction (else 404) the user may steer (else 403): the office's."""
    introduction = _introduction_or_404(request, pk)
    if not permissions.can_change(request.user, introduction):
        raise PermissionDenied
    return introduction


class IntroductionDetailView(IntroductionRolesMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render_detail(request, _introduction_or_404(request, pk))


class IntroductionCreateView(StaffRequiredMixin, View):
    """Plan an introduction, prefilled from an engine result's "Introduce" link or from a
    member's request (`?request=<id>`). A pair the office already has is named first and
    planned only after "Plan anyway"."""

    template_name = "matching/introduction_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        interest = _open_request(request, request.GET.get("request"))
        if interest is not None:
            initial = services.request_initial(interest)
        else:
            initial = initial_from_query(request.GET)
        return self.render_form(IntroductionForm(initial=initial), interest=interest)

    def post(self, request: HttpRequest) -> HttpResponse:
        interest = _open_request(request, request.POST.get("interest_request"))
        if "refresh" in request.POST:
            form = IntroductionForm(initial=request.POST.dict())
            return self.render_form(form, interest=interest)
        form = IntroductionForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, interest=interest)
        try:
            introduction = self.plan(form)
        except services.DuplicateIntroductionError as error:
            return self.render_form(form, interest=interest, pair=error.pair)
        except DomainError as error:
            form_error(form, error)
            return self.render_form(form, interest=interest)
        messages.success(request, gettext("The introduction was planned."))
        return redirect("matching:introduction_detail", pk=introduction.pk)

    def plan(self, form: IntroductionForm) -> Introduction:
        link = form.suggestion_link()
        fields = form.service_fields()
        if link:
            return services.introduction_create_from_suggestion(
                **link, **fields, acting_user=self.request.user
            )
        return services.introduction_create(**fields, acting_user=self.request.user)

    def render_form(
        self,
        form: IntroductionForm,
        *,
        interest: InterestRequest | None = None,
        pair: services.PairHistory | None = None,
        close_form: RequestCloseForm | None = None,
    ) -> HttpResponse:
        context = {
            "form": form,
            "interest": interest,
            "pair": pair,
            "close_form": close_form or (RequestCloseForm() if interest else None),
        }
        return render(self.request, self.template_name, context)


def _open_request(request: HttpRequest, value: Any) -> InterestRequest | None:
    """The open request a planning page works from, when the value names one."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return (
        services.visible_requests(request.user)
        .filter(pk=int(text), status=InterestRequestStatus.OPEN)
        .select_related("requested_by", "person")
        .first()
    )


class InterestRequestCloseView(StaffRequiredMixin, View):
    """POST: the office closes a member's request without an introduction, with a note."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        interest = get_visible_or_404(request.user, services.visible_requests(request.user), pk=pk)
        form = RequestCloseForm(request.POST)
        if form.is_valid():
            try:
                services.interest_request_close(
                    interest, note=form.cleaned_data["note"], acting_user=request.user
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The request was closed."))
                return redirect("matching:introduction_list")
        if interest.status != InterestRequestStatus.OPEN:
            messages.error(request, gettext("This request has already been handled."))
            return redirect("matching:introduction_list")
        planning = IntroductionCreateView()
        planning.setup(request)
        introduction_form = IntroductionForm(initial=services.request_initial(interest))
        return planning.render_form(introduction_form, interest=interest, close_form=form)


def _posted_version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) <= 10 else None


class IntroductionSendView(IntroductionRolesMixin, View):
    """POST: send a planned introduction (the office)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        introduction = _introduction_to_change(request, pk)
        try:
            sent = services.introduction_send(
                introduction, version=_posted_version(request), acting_user=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _sent_message(sent))
        return redirect("matching:introduction_detail", pk=introduction.pk)


def _sent_message(introduction: Introduction) -> str:
    names = [
        side.organisation.name
        for side, mailed in (
            (mails.side_of(introduction, mails.FIRST), introduction.mailed_first),
            (mails.side_of(introduction, mails.SECOND), introduction.mailed_second),
        )
        if mailed
    ]
    if len(names) == 2:
        return gettext("The introduction was sent to both contacts.")
    if names:
        return gettext(
            "The introduction was recorded and sent to the contact at %(organisation)s only; "
            "see below why the other side gets no mail."
        ) % {"organisation": names[0]}
    return gettext(
        "The introduction was recorded, but no mail was sent; see below why. Please put the "
        "two in touch another way."
    )


class IntroductionOutcomeView(IntroductionRolesMixin, View):
    """POST: record what came of an introduction (the office)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        introduction = _introduction_to_change(request, pk)
        version = _posted_version(request)
        if version is not None and version != introduction.version:
            conflict = ConflictError(introduction).message
            return render_detail(request, introduction, conflict=conflict)
        if not services.manual_moves(introduction):
            messages.error(request, gettext("This introduction has reached its final state."))
            return redirect("matching:introduction_detail", pk=introduction.pk)
        form = OutcomeForm(request.POST, introduction=introduction)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.introduction_record_outcome(
                    introduction,
                    status=data["status"],
                    note=data["note"],
                    version=data["version"],
                    acting_user=request.user,
                )
            except ConflictError as error:
                return render_detail(request, error.current, conflict=error.message)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, gettext("The outcome was recorded."))
                return redirect("matching:introduction_detail", pk=introduction.pk)
        return render_detail(request, introduction, outcome_form=form)


class IntroductionRequestView(RoleRequiredMixin, View):
    """POST from a profile page: a member is interested in another organisation's profile."""

    roles = (permissions.MEMBER,)
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        profile = get_visible_or_404(
            request.user, CooperationProfile.objects.select_related("organisation"), pk=pk
        )
        form = RequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("message", [])))
            return redirect("matching:profile_detail", pk=profile.pk)
        try:
            services.interest_request_create(
                profile=profile, acting_user=request.user, message=form.cleaned_data["message"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext(
                    "Thank you: the network office knows of your interest in %(organisation)s "
                    "and will put you in touch."
                )
                % {"organisation": profile.organisation.name},
            )
        return redirect("matching:profile_detail", pk=profile.pk)


__all__ = [
    "InterestRequestCloseView",
    "IntroductionCreateView",
    "IntroductionDetailView",
    "IntroductionListView",
    "IntroductionOutcomeView",
    "IntroductionRequestView",
    "IntroductionSendView",
]
